// gpu4j reduction kernel, generated from:
//   arguments: float *x, float *y
//   type: float
//   neutral: 0
//   reduce_expr: a+b
//   map_expr: x[i]*y[i]

#pragma OPENCL FP_CONTRACT OFF

float gpu4j_combine(float a, float b)
{
    return a + b;
}

__kernel void dot_stage1(__global float *x, __global float *y, __global float *gpu4j_partial, long n)
{
    float gpu4j_acc = 0;
    long gpu4j_chunk = (n + (long)get_global_size(0) - 1) / (long)get_global_size(0);
    long gpu4j_start = (long)get_global_id(0) * gpu4j_chunk;
    long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long i = gpu4j_start; i < gpu4j_end; i++) {
        gpu4j_acc = gpu4j_combine(gpu4j_acc, x[i] * y[i]);
    }
    gpu4j_partial[(long)get_global_id(0)] = gpu4j_acc;
}

__kernel void dot_stage2(__global float *gpu4j_partial, long gpu4j_m, __global float *gpu4j_result)
{
    float gpu4j_acc = 0;
    for (long gpu4j_k = 0; gpu4j_k < gpu4j_m; gpu4j_k++)
        gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_partial[gpu4j_k]);
    gpu4j_result[0] = gpu4j_acc;
}
