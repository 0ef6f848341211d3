// gpu4j scan kernel, generated from:
//   arguments: int *x, int *y
//   type: int
//   neutral: 0
//   scan_expr: a+b
//   input_expr: x[i]
//   output_statement: y[i] = prev_item

__device__ int gpu4j_iadd(int a, int b)
{
    return (int)((unsigned int)a + (unsigned int)b);
}

__device__ int gpu4j_combine(int a, int b)
{
    return gpu4j_iadd(a, b);
}

extern "C" __global__ void cumsum_stage1(int *x, int *y, int *gpu4j_partial, long long n)
{
    __shared__ int gpu4j_scratch[256];
    int gpu4j_lid = (int)threadIdx.x;
    long long gpu4j_seg = ((n + (long long)gridDim.x - 1) / (long long)gridDim.x + 255) / 256 * 256;
    long long gpu4j_s = (long long)blockIdx.x * gpu4j_seg;
    long long gpu4j_e = min(gpu4j_s + gpu4j_seg, n);
    int gpu4j_acc = 0;
    for (long long gpu4j_t = gpu4j_s; gpu4j_t < gpu4j_e; gpu4j_t += 256) {
        long long gpu4j_cnt = min((long long)256, gpu4j_e - gpu4j_t);
        if (gpu4j_lid < gpu4j_cnt) {
            long long i = gpu4j_t + gpu4j_lid;
            gpu4j_scratch[gpu4j_lid] = x[i];
        }
        __syncthreads();
        for (int gpu4j_o = 1; gpu4j_o < 256; gpu4j_o <<= 1) {
            if ((gpu4j_lid & (2 * gpu4j_o - 1)) == 0 && gpu4j_lid + gpu4j_o < gpu4j_cnt)
                gpu4j_scratch[gpu4j_lid] = gpu4j_combine(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_o]);
            __syncthreads();
        }
        if (gpu4j_lid == 0) gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_scratch[0]);
        __syncthreads();
    }
    if (gpu4j_lid == 0) gpu4j_partial[blockIdx.x] = gpu4j_acc;
}

extern "C" __global__ void cumsum_stage2(int *gpu4j_partial, long long gpu4j_m)
{
    __shared__ int gpu4j_scratch[256];
    int gpu4j_lid = (int)threadIdx.x;
    int gpu4j_carry = 0;
    for (long long gpu4j_t = 0; gpu4j_t < gpu4j_m; gpu4j_t += 256) {
        long long gpu4j_cnt = min((long long)256, gpu4j_m - gpu4j_t);
        if (gpu4j_lid < gpu4j_cnt) gpu4j_scratch[gpu4j_lid] = gpu4j_partial[gpu4j_t + gpu4j_lid];
        __syncthreads();
        for (int gpu4j_o = 1; gpu4j_o < 256; gpu4j_o <<= 1) {
            int gpu4j_v = gpu4j_scratch[gpu4j_lid];
            if (gpu4j_lid >= gpu4j_o && gpu4j_lid < gpu4j_cnt) gpu4j_v = gpu4j_combine(gpu4j_scratch[gpu4j_lid - gpu4j_o], gpu4j_v);
            __syncthreads();
            gpu4j_scratch[gpu4j_lid] = gpu4j_v;
            __syncthreads();
        }
        if (gpu4j_lid < gpu4j_cnt) gpu4j_partial[gpu4j_t + gpu4j_lid] = gpu4j_lid == 0 ? gpu4j_carry : gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_lid - 1]);
        gpu4j_carry = gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_cnt - 1]);
        __syncthreads();
    }
}

extern "C" __global__ void cumsum_stage3(int *x, int *y, int *gpu4j_partial, long long n)
{
    __shared__ int gpu4j_scratch[256];
    int gpu4j_lid = (int)threadIdx.x;
    long long gpu4j_seg = ((n + (long long)gridDim.x - 1) / (long long)gridDim.x + 255) / 256 * 256;
    long long gpu4j_s = (long long)blockIdx.x * gpu4j_seg;
    long long gpu4j_e = min(gpu4j_s + gpu4j_seg, n);
    int gpu4j_carry = gpu4j_partial[blockIdx.x];
    for (long long gpu4j_t = gpu4j_s; gpu4j_t < gpu4j_e; gpu4j_t += 256) {
        long long gpu4j_cnt = min((long long)256, gpu4j_e - gpu4j_t);
        if (gpu4j_lid < gpu4j_cnt) {
            long long i = gpu4j_t + gpu4j_lid;
            gpu4j_scratch[gpu4j_lid] = x[i];
        }
        __syncthreads();
        for (int gpu4j_o = 1; gpu4j_o < 256; gpu4j_o <<= 1) {
            int gpu4j_v = gpu4j_scratch[gpu4j_lid];
            if (gpu4j_lid >= gpu4j_o && gpu4j_lid < gpu4j_cnt) gpu4j_v = gpu4j_combine(gpu4j_scratch[gpu4j_lid - gpu4j_o], gpu4j_v);
            __syncthreads();
            gpu4j_scratch[gpu4j_lid] = gpu4j_v;
            __syncthreads();
        }
        if (gpu4j_lid < gpu4j_cnt) {
            long long i = gpu4j_t + gpu4j_lid;
            int prev_item = gpu4j_lid == 0 ? gpu4j_carry : gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_lid - 1]);
            int item = gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_lid]);
            {
                y[i] = prev_item;
            }
        }
        gpu4j_carry = gpu4j_combine(gpu4j_carry, gpu4j_scratch[gpu4j_cnt - 1]);
        __syncthreads();
    }
}
