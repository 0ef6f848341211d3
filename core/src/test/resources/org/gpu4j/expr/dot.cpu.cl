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
    float gpu4j_acc1 = 0, gpu4j_acc2 = 0, gpu4j_acc3 = 0, gpu4j_acc4 = 0, gpu4j_acc5 = 0, gpu4j_acc6 = 0, gpu4j_acc7 = 0;
    long gpu4j_i = gpu4j_start;
    for (; gpu4j_i + 8 <= gpu4j_end; gpu4j_i += 8) {
        { const long i = gpu4j_i; gpu4j_acc = gpu4j_combine(gpu4j_acc, x[i] * y[i]); }
        { const long i = gpu4j_i + 1; gpu4j_acc1 = gpu4j_combine(gpu4j_acc1, x[i] * y[i]); }
        { const long i = gpu4j_i + 2; gpu4j_acc2 = gpu4j_combine(gpu4j_acc2, x[i] * y[i]); }
        { const long i = gpu4j_i + 3; gpu4j_acc3 = gpu4j_combine(gpu4j_acc3, x[i] * y[i]); }
        { const long i = gpu4j_i + 4; gpu4j_acc4 = gpu4j_combine(gpu4j_acc4, x[i] * y[i]); }
        { const long i = gpu4j_i + 5; gpu4j_acc5 = gpu4j_combine(gpu4j_acc5, x[i] * y[i]); }
        { const long i = gpu4j_i + 6; gpu4j_acc6 = gpu4j_combine(gpu4j_acc6, x[i] * y[i]); }
        { const long i = gpu4j_i + 7; gpu4j_acc7 = gpu4j_combine(gpu4j_acc7, x[i] * y[i]); }
    }
    for (long i = gpu4j_i; i < gpu4j_end; i++) {
        gpu4j_acc = gpu4j_combine(gpu4j_acc, x[i] * y[i]);
    }
    gpu4j_acc = gpu4j_combine(gpu4j_combine(gpu4j_combine(gpu4j_acc, gpu4j_acc1), gpu4j_combine(gpu4j_acc2, gpu4j_acc3)), gpu4j_combine(gpu4j_combine(gpu4j_acc4, gpu4j_acc5), gpu4j_combine(gpu4j_acc6, gpu4j_acc7)));
    gpu4j_partial[(long)get_global_id(0)] = gpu4j_acc;
}

__kernel void dot_stage2(__global float *gpu4j_partial, long gpu4j_m, __global float *gpu4j_result)
{
    float gpu4j_acc = 0;
    for (long gpu4j_k = 0; gpu4j_k < gpu4j_m; gpu4j_k++)
        gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_partial[gpu4j_k]);
    gpu4j_result[0] = gpu4j_acc;
}
