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
    __local int gpu4j_scratch[256];
    int gpu4j_lid = (int)get_local_id(0);
    long gpu4j_seg = ((n + (long)get_num_groups(0) - 1) / (long)get_num_groups(0) + 255) / 256 * 256;
    long gpu4j_s = (long)get_group_id(0) * gpu4j_seg;
    long gpu4j_e = min(gpu4j_s + gpu4j_seg, n);
    int gpu4j_acc = 0;
    for (long gpu4j_t = gpu4j_s; gpu4j_t < gpu4j_e; gpu4j_t += 256) {
        long gpu4j_cnt = min((long)256, gpu4j_e - gpu4j_t);
        if (gpu4j_lid < gpu4j_cnt) {
            long i = gpu4j_t + gpu4j_lid;
            gpu4j_scratch[gpu4j_lid] = x[i];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int gpu4j_o = 1; gpu4j_o < 256; gpu4j_o <<= 1) {
            if ((gpu4j_lid & (2 * gpu4j_o - 1)) == 0 && gpu4j_lid + gpu4j_o < gpu4j_cnt)
                gpu4j_scratch[gpu4j_lid] = gpu4j_combine(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_o]);
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        if (gpu4j_lid == 0) gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_scratch[0]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (gpu4j_lid == 0) gpu4j_partial[get_group_id(0)] = gpu4j_acc;
}

__kernel void cumsum_stage2(__global int *gpu4j_partial, long gpu4j_m)
{
    __local int gpu4j_scratch[256];
    int gpu4j_lid = (int)get_local_id(0);
    int gpu4j_carry = 0;
    for (long gpu4j_t = 0; gpu4j_t < gpu4j_m; gpu4j_t += 256) {
        long gpu4j_cnt = min((long)256, gpu4j_m - gpu4j_t);
        if (gpu4j_lid < gpu4j_cnt) gpu4j_scratch[gpu4j_lid] = gpu4j_partial[gpu4j_t + gpu4j_lid];
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int gpu4j_o = 1; gpu4j_o < 256; gpu4j_o <<= 1) {
            int gpu4j_v = gpu4j_scratch[gpu4j_lid];
            if (gpu4j_lid >= gpu4j_o && gpu4j_lid < gpu4j_cnt) gpu4j_v = gpu4j_combine(gpu4j_scratch[gpu4j_lid - gpu4j_o], gpu4j_v);
            barrier(CLK_LOCAL_MEM_FENCE);
            gpu4j_scratch[gpu4j_lid] = gpu4j_v;
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        if (gpu4j_lid < gpu4j_cnt) gpu4j_partial[gpu4j_t + gpu4j_lid] = gpu4j_lid == 0 ? gpu4j_carry : gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_lid - 1]);
        gpu4j_carry = gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_cnt - 1]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}

__kernel void cumsum_stage3(__global int *x, __global int *y, __global int *gpu4j_partial, long n)
{
    __local int gpu4j_scratch[256];
    int gpu4j_lid = (int)get_local_id(0);
    long gpu4j_seg = ((n + (long)get_num_groups(0) - 1) / (long)get_num_groups(0) + 255) / 256 * 256;
    long gpu4j_s = (long)get_group_id(0) * gpu4j_seg;
    long gpu4j_e = min(gpu4j_s + gpu4j_seg, n);
    int gpu4j_carry = gpu4j_partial[get_group_id(0)];
    for (long gpu4j_t = gpu4j_s; gpu4j_t < gpu4j_e; gpu4j_t += 256) {
        long gpu4j_cnt = min((long)256, gpu4j_e - gpu4j_t);
        if (gpu4j_lid < gpu4j_cnt) {
            long i = gpu4j_t + gpu4j_lid;
            gpu4j_scratch[gpu4j_lid] = x[i];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int gpu4j_o = 1; gpu4j_o < 256; gpu4j_o <<= 1) {
            int gpu4j_v = gpu4j_scratch[gpu4j_lid];
            if (gpu4j_lid >= gpu4j_o && gpu4j_lid < gpu4j_cnt) gpu4j_v = gpu4j_combine(gpu4j_scratch[gpu4j_lid - gpu4j_o], gpu4j_v);
            barrier(CLK_LOCAL_MEM_FENCE);
            gpu4j_scratch[gpu4j_lid] = gpu4j_v;
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        if (gpu4j_lid < gpu4j_cnt) {
            long i = gpu4j_t + gpu4j_lid;
            int prev_item = gpu4j_lid == 0 ? gpu4j_carry : gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_lid - 1]);
            int item = gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_lid]);
            {
                y[i] = prev_item;
            }
        }
        gpu4j_carry = gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_cnt - 1]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}
