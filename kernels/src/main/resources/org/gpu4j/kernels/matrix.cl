/*
 * matrix.cl — element-wise matrix operations over the n = rows * cols elements of row-major matrices:
 * matrix_add_*: out = a + b; matrix_scale_*: out = alpha * a (out may be a or b).
 * Design: grid-stride loop, one element per work-item per step, coalesced; any n.
 * Built with -DGPU4J_CPU (PoCL): work-item k of P takes the contiguous segment [k*s, min((k+1)*s, n)), s = ceil(n/P)
 * rounded up to 16, a loop the CPU compiler vectorises (a grid-stride loop interleaves the work-items' elements, so
 * every cache line is shared by 16 of them and nothing vectorises: measured 0.07-0.1 x copy on PoCL).
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#ifdef GPU4J_CPU
#define FOR_EACH(i, n)                                                                      \
    const long P_ = (long) get_global_size(0), s_ = (((n) + P_ - 1) / P_ + 15) & ~15L;      \
    const long e_ = min((long) get_global_id(0) * s_ + s_, (long) (n));                       \
    for (long i = (long) get_global_id(0) * s_; i < e_; i++)
#else
#define FOR_EACH(i, n) for (long i = get_global_id(0); i < (n); i += get_global_size(0))
#endif

__kernel void matrix_add_f32(__global const float* a, __global const float* b, __global float* out, long n) {
    FOR_EACH(i, n) out[i] = a[i] + b[i];
}

__kernel void matrix_scale_f32(float alpha, __global const float* a, __global float* out, long n) {
    FOR_EACH(i, n) out[i] = alpha * a[i];
}

#ifdef GPU4J_FP64
__kernel void matrix_add_f64(__global const double* a, __global const double* b, __global double* out, long n) {
    FOR_EACH(i, n) out[i] = a[i] + b[i];
}

__kernel void matrix_scale_f64(double alpha, __global const double* a, __global double* out, long n) {
    FOR_EACH(i, n) out[i] = alpha * a[i];
}
#endif
