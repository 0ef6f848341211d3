// gpu4j element-wise kernel, generated from:
//   arguments: const int *k, long *l, float *x, int *out
//   operation: out[i] = k[i] / (int)x[i] + (k[i] << 33) - -k[i] % k[n - 1 - i];
//     l[(i + 1) % n] += (long)min(x[i], 1.0f) * l[i]

__device__ int gpu4j_f2i(float x)
{
    return x != x ? 0 : x >= 2147483648.0f ? 2147483647 : x < -2147483648.0f ? (-2147483647 - 1) : (int)x;
}

__device__ int gpu4j_ineg(int a)
{
    return (int)((unsigned int)0 - (unsigned int)a);
}

__device__ int gpu4j_idiv(int a, int b)
{
    return b == 0 ? 0 : b == -1 ? gpu4j_ineg(a) : a / b;
}

__device__ int gpu4j_ishl(int a, int s)
{
    return (int)((unsigned int)a << (s & 31));
}

__device__ int gpu4j_iadd(int a, int b)
{
    return (int)((unsigned int)a + (unsigned int)b);
}

__device__ int gpu4j_in(long long j, long long len, int what, long long i, int *bad, long long *bi, long long *bj)
{
    int ok = j >= 0 && j < len;
    *bad = ok ? *bad : what;
    *bi = ok ? *bi : i;
    *bj = ok ? *bj : j;
    return ok;
}

__device__ void gpu4j_report(int *gpu4j_e, int what, long long i, long long j)
{
    if (atomicCAS(gpu4j_e, 0, what) == 0) {
        gpu4j_e[1] = (int)i; gpu4j_e[2] = (int)(i >> 32); gpu4j_e[3] = (int)j; gpu4j_e[4] = (int)(j >> 32);
    }
}

__device__ long long gpu4j_at(long long j, long long len, int what, long long i, int *bad, long long *bi, long long *bj)
{
    return gpu4j_in(j, len, what, i, bad, bi, bj) ? j : 0;
}

__device__ long long gpu4j_lsub(long long a, long long b)
{
    return (long long)((unsigned long long)a - (unsigned long long)b);
}

__device__ int gpu4j_irem(int a, int b)
{
    return b == 0 ? a : b == -1 ? 0 : a % b;
}

__device__ int gpu4j_isub(int a, int b)
{
    return (int)((unsigned int)a - (unsigned int)b);
}

__device__ long long gpu4j_ladd(long long a, long long b)
{
    return (long long)((unsigned long long)a + (unsigned long long)b);
}

__device__ long long gpu4j_lrem(long long a, long long b)
{
    return b == 0 ? a : b == -1 ? 0 : a % b;
}

__device__ long long gpu4j_f2l(float x)
{
    return x != x ? 0 : x >= 9223372036854775808.0f ? 9223372036854775807LL : x < -9223372036854775808.0f ? (-9223372036854775807LL - 1) : (long long)x;
}

__device__ float gpu4j_fmin_f(float a, float b)
{
    return a != a ? b : b != b ? a : a < b ? a : b < a ? b : __int_as_float(__float_as_int(a) | __float_as_int(b));
}

__device__ long long gpu4j_lmul(long long a, long long b)
{
    return (long long)((unsigned long long)a * (unsigned long long)b);
}

extern "C" __global__ void sem(const int *k, long long *l, float *x, int *out, long long n, long long gpu4j_len_k, long long gpu4j_len_l, long long gpu4j_len_x, long long gpu4j_len_out, int *gpu4j_err)
{
    int gpu4j_bad = 0;
    long long gpu4j_bi = 0, gpu4j_bj = 0;
    for (long long i = ((long long)blockIdx.x * blockDim.x + threadIdx.x); i < n; i += ((long long)blockDim.x * gridDim.x)) {
        out[i] = gpu4j_isub(gpu4j_iadd(gpu4j_idiv(k[i], gpu4j_f2i(x[i])), (gpu4j_ishl(k[i], 33))), gpu4j_irem(gpu4j_ineg(k[i]), k[gpu4j_at(gpu4j_lsub(gpu4j_lsub(n, 1), i), gpu4j_len_k, 1, i, &gpu4j_bad, &gpu4j_bi, &gpu4j_bj)]));
        { long long gpu4j_j = gpu4j_lrem((gpu4j_ladd(i, 1)), n); if (gpu4j_in(gpu4j_j, gpu4j_len_l, 2, i, &gpu4j_bad, &gpu4j_bi, &gpu4j_bj)) l[gpu4j_j] = gpu4j_ladd(l[gpu4j_j], gpu4j_lmul(gpu4j_f2l(gpu4j_fmin_f(x[i], 1.0f)), l[i])); }
    }
    if (gpu4j_bad) gpu4j_report(gpu4j_err, gpu4j_bad, gpu4j_bi, gpu4j_bj);
}
