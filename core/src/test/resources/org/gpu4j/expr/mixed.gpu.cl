// gpu4j element-wise kernel, generated from:
//   arguments: float *x, const int *k, long *l, double *d
//   operation: float t = sqrt(fabs(x[i])) + (float)k[i];
//     if (t > 2.0f) { l[i] = (long)t * 3L; } else l[i] += abs(k[i]);
//     d[i] = pow(i, 2) + min(k[i], 5) + fmax(x[i], 0.5)

#pragma OPENCL FP_CONTRACT OFF

long gpu4j_f2l(float x)
{
    return x != x ? 0 : x >= 9223372036854775808.0f ? 9223372036854775807L : x < -9223372036854775808.0f ? (-9223372036854775807L - 1) : (long)x;
}

long gpu4j_lmul(long a, long b)
{
    return as_long((ulong)a * (ulong)b);
}

int gpu4j_ineg(int a)
{
    return as_int((uint)0 - (uint)a);
}

int gpu4j_iabs(int a)
{
    return a < 0 ? gpu4j_ineg(a) : a;
}

long gpu4j_ladd(long a, long b)
{
    return as_long((ulong)a + (ulong)b);
}

double gpu4j_pow_d(double a, double b)
{
    return (as_long(a) & 0x7fffffffffffffffL) > 0x7ff0000000000000L || (as_long(b) & 0x7fffffffffffffffL) > 0x7ff0000000000000L ? (b == 0 || a == 1 ? 1 : a + b) : pow(a, b);
}

double gpu4j_fmax_d(double a, double b)
{
    return a != a ? b : b != b ? a : a > b ? a : b > a ? b : as_double(as_long(a) & as_long(b));
}

__kernel void mixed(__global float *x, __global const int *k, __global long *l, __global double *d, long n)
{
    for (long i = (long)get_global_id(0); i < n; i += (long)get_global_size(0)) {
        float t = sqrt(fabs(x[i])) + (float)k[i];
        if (t > 2.0f) {
            l[i] = gpu4j_lmul(gpu4j_f2l(t), 3L);
        }
        else
            l[i] = gpu4j_ladd(l[i], gpu4j_iabs(k[i]));
        d[i] = gpu4j_pow_d((double)i, (double)2) + min(k[i], 5) + gpu4j_fmax_d((double)x[i], 0.5);
    }
}
