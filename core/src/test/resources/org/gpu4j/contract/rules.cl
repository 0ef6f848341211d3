// Kernels of the argument-rules contract (org.gpu4j.contract.ArgumentRulesContract): overlapping arguments,
// declared types beyond float/double/int/long, bounds. Their CUDA twins are in rules.cu and their Java twins in
// ArgumentRulesContract.source(): the three must compute the same thing.

// dst = src + 1: src is read-only, dst is written.
__kernel void shift(__global const float* src, __global float* dst, int n) {
    int i = get_global_id(0);
    if (i < n) dst[i] = src[i] + 1.0f;
}

// out = x * y: both inputs read-only, so they may overlap each other.
__kernel void product(__global const float* x, __global const float* y, __global float* out, int n) {
    int i = get_global_id(0);
    if (i < n) out[i] = x[i] * y[i];
}

// x = 2x in place.
__kernel void twice(__global float* x, int n) {
    int i = get_global_id(0);
    if (i < n) x[i] = 2.0f * x[i];
}

// Scalars of the small integer types: out = {s, c, u}.
__kernel void small_scalars(__global int* out, short s, char c, uint u) {
    if (get_global_id(0) == 0) {
        out[0] = s;
        out[1] = c;
        out[2] = (int) u;
    }
}

// A float4 array read as a FloatArray: out[i] = v[i].x + v[i].y + v[i].z + v[i].w.
__kernel void sum4(__global const float4* v, __global float* out, int n) {
    int i = get_global_id(0);
    if (i < n) out[i] = v[i].x + v[i].y + v[i].z + v[i].w;
}

// A float4 scalar parameter: gpu4j cannot pass one, and must say so before the driver does.
__kernel void splat4(__global float* out, float4 v) {
    if (get_global_id(0) == 0) out[0] = v.x;
}

// The bits of every scalar as the kernel received it: bits = {f's bits, i}, lbits = {l}; v[0] = f. Backends may
// skip setting an argument that did not change since the kernel's last launch: this shows each launch's own values.
__kernel void scalar_bits(__global int* bits, __global long* lbits, __global float* v, float f, int i, long l) {
    if (get_global_id(0) == 0) {
        bits[0] = as_int(f);
        bits[1] = i;
        lbits[0] = l;
        v[0] = f;
    }
}

#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
// lbits[0] = d's bits (devices with FP64 only).
__kernel void double_bits(__global long* lbits, double d) {
    if (get_global_id(0) == 0) lbits[0] = as_long(d);
}
#endif
