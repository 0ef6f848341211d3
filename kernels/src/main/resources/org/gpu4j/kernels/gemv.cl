/*
 * gemv.cl — y = alpha * A * x + beta * y for a row-major M x N matrix A (beta == 0: y is not read).
 * Design: one 64-work-item work-group per row (launched over M*64 work-items, local size 64, row = group id):
 * work-items stride over the row together (coalesced), then a tree reduction in local memory; any M, N.
 * Built with -DGPU4J_CPU (PoCL): work-item k of G (work-groups of one) takes the band of rows
 * [k*r, min((k+1)*r, M)), r = ceil(M/G), four rows at a time: each step loads two 256-bit vectors of x (16 floats
 * or 8 doubles) once and two of each of the four rows, eight vector FMA accumulators (x is read once per four rows),
 * then the rest of the band one row at a time. The 64-wide form ran at 0.3 x read bandwidth on PoCL: one element per
 * work-item per step, a barrier tree per row.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#define GEMV_WG 64

#ifndef GPU4J_CPU
#define GEMV_BODY(T, TV, W, VLOAD, SUMV)                                                               \
    __local T part[GEMV_WG];                                                                           \
    const int lid = get_local_id(0);                                                                   \
    const long row = get_group_id(0);                                                                  \
    if (row >= M) return;                                                                              \
    __global const T* a = A + row * N;                                                                 \
    T s = (T) 0;                                                                                       \
    for (int j = lid; j < N; j += GEMV_WG) s = fma(a[j], x[j], s);                                     \
    part[lid] = s;                                                                                     \
    barrier(CLK_LOCAL_MEM_FENCE);                                                                      \
    for (int w = GEMV_WG / 2; w > 0; w >>= 1) {                                                        \
        if (lid < w) part[lid] += part[lid + w];                                                       \
        barrier(CLK_LOCAL_MEM_FENCE);                                                                  \
    }                                                                                                  \
    if (lid == 0) {                                                                                    \
        T v = alpha * part[0];                                                                         \
        if (beta != (T) 0) v = fma(beta, y[row], v);                                                   \
        y[row] = v;                                                                                    \
    }

#else /* GPU4J_CPU */

/* The sum of a float8's / double4's lanes, pairwise. */
#define SUM_F8(v) ((((v).s0 + (v).s1) + ((v).s2 + (v).s3)) + (((v).s4 + (v).s5) + ((v).s6 + (v).s7)))
#define SUM_D4(v) (((v).s0 + (v).s1) + ((v).s2 + (v).s3))
#define GEMV_STORE(T, r, s) { T v_ = alpha * (s); y[r] = beta != (T) 0 ? fma(beta, y[r], v_) : v_; }

/* TV: a 256-bit vector of T (W lanes; wider vectors cost an ABI warning and split registers on AVX2 hosts); each
   step covers 2*W columns with two accumulators per row. */
#define GEMV_BODY(T, TV, W, VLOAD, SUMV)                                                               \
    const long G = (long) get_global_size(0), per = ((long) M + G - 1) / G;                            \
    long i = (long) get_global_id(0) * per;                                                            \
    const long e = min((long) M, i + per);                                                             \
    const int nv = N - N % (2 * W);                                                                    \
    for (; i + 4 <= e; i += 4) {                                                                       \
        __global const T* a0 = A + i * N;                                                              \
        __global const T* a1 = a0 + N;                                                                 \
        __global const T* a2 = a1 + N;                                                                 \
        __global const T* a3 = a2 + N;                                                                 \
        TV s0 = (TV) 0, s1 = (TV) 0, s2 = (TV) 0, s3 = (TV) 0;                                         \
        TV u0 = (TV) 0, u1 = (TV) 0, u2 = (TV) 0, u3 = (TV) 0;                                         \
        for (int j = 0; j < nv; j += 2 * W) {                                                          \
            const TV xa = VLOAD(0, x + j), xb = VLOAD(0, x + j + W);                                   \
            s0 = fma(VLOAD(0, a0 + j), xa, s0); u0 = fma(VLOAD(0, a0 + j + W), xb, u0);                \
            s1 = fma(VLOAD(0, a1 + j), xa, s1); u1 = fma(VLOAD(0, a1 + j + W), xb, u1);                \
            s2 = fma(VLOAD(0, a2 + j), xa, s2); u2 = fma(VLOAD(0, a2 + j + W), xb, u2);                \
            s3 = fma(VLOAD(0, a3 + j), xa, s3); u3 = fma(VLOAD(0, a3 + j + W), xb, u3);                \
        }                                                                                              \
        T t0 = SUMV(s0 + u0), t1 = SUMV(s1 + u1), t2 = SUMV(s2 + u2), t3 = SUMV(s3 + u3);              \
        for (int j = nv; j < N; j++) {                                                                 \
            const T xj = x[j];                                                                         \
            t0 = fma(a0[j], xj, t0);                                                                   \
            t1 = fma(a1[j], xj, t1);                                                                   \
            t2 = fma(a2[j], xj, t2);                                                                   \
            t3 = fma(a3[j], xj, t3);                                                                   \
        }                                                                                              \
        GEMV_STORE(T, i, t0) GEMV_STORE(T, i + 1, t1) GEMV_STORE(T, i + 2, t2) GEMV_STORE(T, i + 3, t3)  \
    }                                                                                                  \
    for (; i < e; i++) {                                                                               \
        __global const T* a0 = A + i * N;                                                              \
        TV s0 = (TV) 0, u0 = (TV) 0;                                                                   \
        for (int j = 0; j < nv; j += 2 * W) {                                                          \
            s0 = fma(VLOAD(0, a0 + j), VLOAD(0, x + j), s0);                                           \
            u0 = fma(VLOAD(0, a0 + j + W), VLOAD(0, x + j + W), u0);                                   \
        }                                                                                              \
        T t0 = SUMV(s0 + u0);                                                                          \
        for (int j = nv; j < N; j++) t0 = fma(a0[j], x[j], t0);                                        \
        GEMV_STORE(T, i, t0)                                                                           \
    }

#endif /* GPU4J_CPU */

__kernel void gemv_f32(__global const float* A, __global const float* x, __global float* y,
                       int M, int N, float alpha, float beta) {
    GEMV_BODY(float, float8, 8, vload8, SUM_F8)
}

#ifdef GPU4J_FP64
__kernel void gemv_f64(__global const double* A, __global const double* x, __global double* y,
                       int M, int N, double alpha, double beta) {
    GEMV_BODY(double, double4, 4, vload4, SUM_D4)
}
#endif
