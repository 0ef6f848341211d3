// gpu4j scan kernel, generated from:
//   arguments: int *x, int *y
//   type: int
//   neutral: 0
//   scan_expr: a+b
//   input_expr: x[i]
//   output_statement: y[i] = prev_item

#pragma OPENCL FP_CONTRACT OFF

int gpu4j_iadd(int a, int b)
{
    return as_int((uint)a + (uint)b);
}

int gpu4j_combine(int a, int b)
{
    return gpu4j_iadd(a, b);
}

__kernel void cumsum_stage1(__global int *x, __global int *y, __global int *gpu4j_partial, long n)
{
    int gpu4j_acc = 0;
    long gpu4j_chunk = (n + (long)get_global_size(0) - 1) / (long)get_global_size(0);
    long gpu4j_start = (long)get_global_id(0) * gpu4j_chunk;
    long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long i = gpu4j_start; i < gpu4j_end; i++) {
        gpu4j_acc = gpu4j_combine(gpu4j_acc, x[i]);
    }
    gpu4j_partial[(long)get_global_id(0)] = gpu4j_acc;
}

__kernel void cumsum_stage2(__global int *gpu4j_partial, long gpu4j_m)
{
    int gpu4j_acc = 0;
    for (long gpu4j_k = 0; gpu4j_k < gpu4j_m; gpu4j_k++) {
        int gpu4j_t = gpu4j_partial[gpu4j_k];
        gpu4j_partial[gpu4j_k] = gpu4j_acc;
        gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_t);
    }
}

__kernel void cumsum_stage3(__global int *x, __global int *y, __global int *gpu4j_partial, long n)
{
    int gpu4j_acc = gpu4j_partial[(long)get_global_id(0)];
    long gpu4j_chunk = (n + (long)get_global_size(0) - 1) / (long)get_global_size(0);
    long gpu4j_start = (long)get_global_id(0) * gpu4j_chunk;
    long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long i = gpu4j_start; i < gpu4j_end; i++) {
        int prev_item = gpu4j_acc;
        int item = gpu4j_combine(gpu4j_acc, x[i]);
        gpu4j_acc = item;
        {
            y[i] = prev_item;
        }
    }
}
