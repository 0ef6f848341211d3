// gpu4j element-wise kernel, generated from:
//   arguments: float *x, const int *k, long *l, double *d
//   operation: float t = sqrt(fabs(x[i])) + (float)k[i];
//     if (t > 2.0f) { l[i] = (long)t * 3L; } else l[i] += abs(k[i]);
//     d[i] = pow(i, 2) + min(k[i], 5) + fmax(x[i], 0.5)

__kernel void mixed(__global float *x, __global const int *k, __global long *l, __global double *d, long n)
{
    for (long i = (long)get_global_id(0); i < n; i += (long)get_global_size(0)) {
        float t = sqrt(fabs(x[i])) + (float)k[i];
        if (t > 2.0f) {
            l[i] = (long)t * 3L;
        }
        else
            l[i] += (int)abs(k[i]);
        d[i] = pow((double)i, (double)2) + min(k[i], 5) + fmax((double)x[i], 0.5);
    }
}
