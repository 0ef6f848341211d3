/*
 * matrix.cl — element-wise matrix operations over the n = rows * cols elements of row-major matrices:
 * matrix_add_*: out = a + b; matrix_scale_*: out = alpha * a (out may be a or b).
 * Design: grid-stride loop, one element per work-item per step, coalesced; any n.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

__kernel void matrix_add_f32(__global const float* a, __global const float* b, __global float* out, long n) {
    for (long i = get_global_id(0); i < n; i += get_global_size(0)) out[i] = a[i] + b[i];
}

__kernel void matrix_scale_f32(float alpha, __global const float* a, __global float* out, long n) {
    for (long i = get_global_id(0); i < n; i += get_global_size(0)) out[i] = alpha * a[i];
}

#ifdef GPU4J_FP64
__kernel void matrix_add_f64(__global const double* a, __global const double* b, __global double* out, long n) {
    for (long i = get_global_id(0); i < n; i += get_global_size(0)) out[i] = a[i] + b[i];
}

__kernel void matrix_scale_f64(double alpha, __global const double* a, __global double* out, long n) {
    for (long i = get_global_id(0); i < n; i += get_global_size(0)) out[i] = alpha * a[i];
}
#endif
