/*
 * gemv.cl — y = alpha * A * x + beta * y for a row-major M x N matrix A (beta == 0: y is not read).
 * Design: one 64-work-item work-group per row (launched over M*64 work-items, local size 64, row = group id):
 * work-items stride over the row together (coalesced), then a tree reduction in local memory; any M, N.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#define GEMV_WG 64

#define GEMV_BODY(T)                                                                                   \
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

__kernel void gemv_f32(__global const float* A, __global const float* x, __global float* y,
                       int M, int N, float alpha, float beta) {
    __local float part[GEMV_WG];
    GEMV_BODY(float)
}

#ifdef GPU4J_FP64
__kernel void gemv_f64(__global const double* A, __global const double* x, __global double* y,
                       int M, int N, double alpha, double beta) {
    __local double part[GEMV_WG];
    GEMV_BODY(double)
}
#endif
