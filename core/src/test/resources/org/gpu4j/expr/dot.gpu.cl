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
    __local float gpu4j_scratch[256];
    float gpu4j_acc = 0;
    for (long i = (long)get_global_id(0); i < n; i += (long)get_global_size(0)) {
        gpu4j_acc = gpu4j_combine(gpu4j_acc, x[i] * y[i]);
    }
    int gpu4j_lid = (int)get_local_id(0);
    gpu4j_scratch[gpu4j_lid] = gpu4j_acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int gpu4j_s = 128; gpu4j_s > 0; gpu4j_s >>= 1) {
        if (gpu4j_lid < gpu4j_s)
            gpu4j_scratch[gpu4j_lid] = gpu4j_combine(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (gpu4j_lid == 0)
        gpu4j_partial[get_group_id(0)] = gpu4j_scratch[0];
}

__kernel void dot_stage2(__global float *gpu4j_partial, long gpu4j_m, __global float *gpu4j_result)
{
    __local float gpu4j_scratch[256];
    float gpu4j_acc = 0;
    for (long gpu4j_k = (int)get_local_id(0); gpu4j_k < gpu4j_m; gpu4j_k += 256)
        gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_partial[gpu4j_k]);
    int gpu4j_lid = (int)get_local_id(0);
    gpu4j_scratch[gpu4j_lid] = gpu4j_acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int gpu4j_s = 128; gpu4j_s > 0; gpu4j_s >>= 1) {
        if (gpu4j_lid < gpu4j_s)
            gpu4j_scratch[gpu4j_lid] = gpu4j_combine(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (gpu4j_lid == 0)
        gpu4j_result[0] = gpu4j_scratch[0];
}
