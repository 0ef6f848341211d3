// gpu4j element-wise kernel, generated from:
//   arguments: float *x, const int *k, long *l, double *d
//   operation: float t = sqrt(fabs(x[i])) + (float)k[i];
//     if (t > 2.0f) { l[i] = (long)t * 3L; } else l[i] += abs(k[i]);
//     d[i] = pow(i, 2) + min(k[i], 5) + fmax(x[i], 0.5)

extern "C" __global__ void mixed(float *x, const int *k, long long *l, double *d, long long n)
{
    for (long long i = ((long long)blockIdx.x * blockDim.x + threadIdx.x); i < n; i += ((long long)blockDim.x * gridDim.x)) {
        float t = sqrtf(fabsf(x[i])) + (float)k[i];
        if (t > 2.0f) {
            l[i] = (long long)t * 3LL;
        }
        else
            l[i] += abs(k[i]);
        d[i] = pow((double)i, (double)2) + min(k[i], 5) + fmax((double)x[i], 0.5);
    }
}
