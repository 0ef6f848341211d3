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
    int gpu4j_acc = 0;
    long long gpu4j_chunk = (n + ((long long)blockDim.x * gridDim.x) - 1) / ((long long)blockDim.x * gridDim.x);
    long long gpu4j_start = ((long long)blockIdx.x * blockDim.x + threadIdx.x) * gpu4j_chunk;
    long long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long long i = gpu4j_start; i < gpu4j_end; i++) {
        gpu4j_acc = gpu4j_combine(gpu4j_acc, x[i]);
    }
    gpu4j_partial[((long long)blockIdx.x * blockDim.x + threadIdx.x)] = gpu4j_acc;
}

extern "C" __global__ void cumsum_stage2(int *gpu4j_partial, long long gpu4j_m)
{
    int gpu4j_acc = 0;
    for (long long gpu4j_k = 0; gpu4j_k < gpu4j_m; gpu4j_k++) {
        int gpu4j_t = gpu4j_partial[gpu4j_k];
        gpu4j_partial[gpu4j_k] = gpu4j_acc;
        gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_t);
    }
}

extern "C" __global__ void cumsum_stage3(int *x, int *y, int *gpu4j_partial, long long n)
{
    int gpu4j_acc = gpu4j_partial[((long long)blockIdx.x * blockDim.x + threadIdx.x)];
    long long gpu4j_chunk = (n + ((long long)blockDim.x * gridDim.x) - 1) / ((long long)blockDim.x * gridDim.x);
    long long gpu4j_start = ((long long)blockIdx.x * blockDim.x + threadIdx.x) * gpu4j_chunk;
    long long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long long i = gpu4j_start; i < gpu4j_end; i++) {
        int prev_item = gpu4j_acc;
        int item = gpu4j_combine(gpu4j_acc, x[i]);
        gpu4j_acc = item;
        {
            y[i] = prev_item;
        }
    }
}
