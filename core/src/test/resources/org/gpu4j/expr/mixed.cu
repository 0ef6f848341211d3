// gpu4j element-wise kernel, generated from:
//   arguments: float *x, const int *k, long *l, double *d
//   operation: float t = sqrt(fabs(x[i])) + (float)k[i];
//     if (t > 2.0f) { l[i] = (long)t * 3L; } else l[i] += abs(k[i]);
//     d[i] = pow(i, 2) + min(k[i], 5) + fmax(x[i], 0.5)

__device__ long long gpu4j_f2l(float x)
{
    return x != x ? 0 : x >= 9223372036854775808.0f ? 9223372036854775807LL : x < -9223372036854775808.0f ? (-9223372036854775807LL - 1) : (long long)x;
}

__device__ long long gpu4j_lmul(long long a, long long b)
{
    return (long long)((unsigned long long)a * (unsigned long long)b);
}

__device__ int gpu4j_ineg(int a)
{
    return (int)((unsigned int)0 - (unsigned int)a);
}

__device__ int gpu4j_iabs(int a)
{
    return a < 0 ? gpu4j_ineg(a) : a;
}

__device__ long long gpu4j_ladd(long long a, long long b)
{
    return (long long)((unsigned long long)a + (unsigned long long)b);
}

__device__ double gpu4j_fmax_d(double a, double b)
{
    return a != a ? b : b != b ? a : a > b ? a : b > a ? b : __longlong_as_double(__double_as_longlong(a) & __double_as_longlong(b));
}

extern "C" __global__ void mixed(float *x, const int *k, long long *l, double *d, long long n)
{
    for (long long i = ((long long)blockIdx.x * blockDim.x + threadIdx.x); i < n; i += ((long long)blockDim.x * gridDim.x)) {
        float t = sqrtf(fabsf(x[i])) + (float)k[i];
        if (t > 2.0f) {
            l[i] = gpu4j_lmul(gpu4j_f2l(t), 3LL);
        }
        else
            l[i] = gpu4j_ladd(l[i], gpu4j_iabs(k[i]));
        d[i] = pow((double)i, (double)2) + min(k[i], 5) + gpu4j_fmax_d((double)x[i], 0.5);
    }
}
