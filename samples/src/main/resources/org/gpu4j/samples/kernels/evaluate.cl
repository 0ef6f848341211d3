// Kernels timed by the evaluate sample. No contraction into fused multiply-adds, so results equal Java's bit for bit.
#pragma OPENCL FP_CONTRACT OFF

__kernel void vadd(__global const float *a, __global const float *b, __global float *c, const int n) {
    int i = get_global_id(0);
    if (i < n) {
        c[i] = a[i] + b[i];
    }
}

// A dependent chain per element: x = x * 0.999f + a[i], `rounds` times, starting from 0.
__kernel void chain(__global const float *a, __global float *c, const int rounds, const int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    float x = 0.0f;
    float ai = a[i];
    for (int r = 0; r < rounds; r++) {
        x = x * 0.999f + ai;
    }
    c[i] = x;
}
