// gpu4j element-wise kernel, generated from:
//   arguments: const int *k, long *l, float *x, int *out
//   operation: out[i] = k[i] / (int)x[i] + (k[i] << 33) - -k[i] % k[n - 1 - i];
//     l[(i + 1) % n] += (long)min(x[i], 1.0f) * l[i]

#pragma OPENCL FP_CONTRACT OFF

int gpu4j_f2i(float x)
{
    return x != x ? 0 : x >= 2147483648.0f ? 2147483647 : x < -2147483648.0f ? (-2147483647 - 1) : (int)x;
}

int gpu4j_ineg(int a)
{
    return as_int((uint)0 - (uint)a);
}

int gpu4j_idiv(int a, int b)
{
    return b == 0 ? 0 : b == -1 ? gpu4j_ineg(a) : a / b;
}

int gpu4j_ishl(int a, int s)
{
    return as_int((uint)a << (s & 31));
}

int gpu4j_iadd(int a, int b)
{
    return as_int((uint)a + (uint)b);
}

int gpu4j_in(long j, long len, int what, long i, int *bad, long *bi, long *bj)
{
    int ok = j >= 0 && j < len;
    *bad = ok ? *bad : what;
    *bi = ok ? *bi : i;
    *bj = ok ? *bj : j;
    return ok;
}

void gpu4j_report(__global int *gpu4j_e, int what, long i, long j)
{
    if (atomic_cmpxchg(gpu4j_e, 0, what) == 0) {
        gpu4j_e[1] = (int)i; gpu4j_e[2] = (int)(i >> 32); gpu4j_e[3] = (int)j; gpu4j_e[4] = (int)(j >> 32);
    }
}

long gpu4j_at(long j, long len, int what, long i, int *bad, long *bi, long *bj)
{
    return gpu4j_in(j, len, what, i, bad, bi, bj) ? j : 0;
}

long gpu4j_lsub(long a, long b)
{
    return as_long((ulong)a - (ulong)b);
}

int gpu4j_irem(int a, int b)
{
    return b == 0 ? a : b == -1 ? 0 : a % b;
}

int gpu4j_isub(int a, int b)
{
    return as_int((uint)a - (uint)b);
}

long gpu4j_ladd(long a, long b)
{
    return as_long((ulong)a + (ulong)b);
}

long gpu4j_lrem(long a, long b)
{
    return b == 0 ? a : b == -1 ? 0 : a % b;
}

long gpu4j_f2l(float x)
{
    return x != x ? 0 : x >= 9223372036854775808.0f ? 9223372036854775807L : x < -9223372036854775808.0f ? (-9223372036854775807L - 1) : (long)x;
}

float gpu4j_fmin_f(float a, float b)
{
    return a != a ? b : b != b ? a : a < b ? a : b < a ? b : as_float(as_int(a) | as_int(b));
}

long gpu4j_lmul(long a, long b)
{
    return as_long((ulong)a * (ulong)b);
}

__kernel void sem(__global const int *k, __global long *l, __global float *x, __global int *out, long n, long gpu4j_len_k, long gpu4j_len_l, long gpu4j_len_x, long gpu4j_len_out, __global int *gpu4j_err)
{
    int gpu4j_bad = 0;
    long gpu4j_bi = 0, gpu4j_bj = 0;
    long gpu4j_chunk = (n + (long)get_global_size(0) - 1) / (long)get_global_size(0);
    long gpu4j_start = (long)get_global_id(0) * gpu4j_chunk;
    long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long i = gpu4j_start; i < gpu4j_end; i++) {
        out[i] = gpu4j_isub(gpu4j_iadd(gpu4j_idiv(k[i], gpu4j_f2i(x[i])), (gpu4j_ishl(k[i], 33))), gpu4j_irem(gpu4j_ineg(k[i]), k[gpu4j_at(gpu4j_lsub(gpu4j_lsub(n, 1), i), gpu4j_len_k, 1, i, &gpu4j_bad, &gpu4j_bi, &gpu4j_bj)]));
        { long gpu4j_j = gpu4j_lrem((gpu4j_ladd(i, 1)), n); if (gpu4j_in(gpu4j_j, gpu4j_len_l, 2, i, &gpu4j_bad, &gpu4j_bi, &gpu4j_bj)) l[gpu4j_j] = gpu4j_ladd(l[gpu4j_j], gpu4j_lmul(gpu4j_f2l(gpu4j_fmin_f(x[i], 1.0f)), l[i])); }
    }
    if (gpu4j_bad) gpu4j_report(gpu4j_err, gpu4j_bad, gpu4j_bi, gpu4j_bj);
}
