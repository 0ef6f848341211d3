// gpu4j reduction kernel, generated from:
//   arguments: long *l
//   type: long
//   neutral: -9223372036854775807L - 1
//   reduce_expr: max(a, b)
//   map_expr: l[i]

__device__ long long gpu4j_lsub(long long a, long long b)
{
    return (long long)((unsigned long long)a - (unsigned long long)b);
}

__device__ long long gpu4j_combine(long long a, long long b)
{
    return max(a, b);
}

extern "C" __global__ void vmax_stage1(long long *l, long long *gpu4j_partial, long long n)
{
    __shared__ long long gpu4j_scratch[256];
    long long gpu4j_acc = gpu4j_lsub(-9223372036854775807LL, 1);
    for (long long i = ((long long)blockIdx.x * blockDim.x + threadIdx.x); i < n; i += ((long long)blockDim.x * gridDim.x)) {
        gpu4j_acc = gpu4j_combine(gpu4j_acc, l[i]);
    }
    int gpu4j_lid = (int)threadIdx.x;
    gpu4j_scratch[gpu4j_lid] = gpu4j_acc;
    __syncthreads();
    for (int gpu4j_s = 128; gpu4j_s > 0; gpu4j_s >>= 1) {
        if (gpu4j_lid < gpu4j_s)
            gpu4j_scratch[gpu4j_lid] = gpu4j_combine(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_s]);
        __syncthreads();
    }
    if (gpu4j_lid == 0)
        gpu4j_partial[blockIdx.x] = gpu4j_scratch[0];
}

extern "C" __global__ void vmax_stage2(long long *gpu4j_partial, long long gpu4j_m, long long *gpu4j_result)
{
    __shared__ long long gpu4j_scratch[256];
    long long gpu4j_acc = gpu4j_lsub(-9223372036854775807LL, 1);
    for (long long gpu4j_k = (int)threadIdx.x; gpu4j_k < gpu4j_m; gpu4j_k += 256)
        gpu4j_acc = gpu4j_combine(gpu4j_acc, gpu4j_partial[gpu4j_k]);
    int gpu4j_lid = (int)threadIdx.x;
    gpu4j_scratch[gpu4j_lid] = gpu4j_acc;
    __syncthreads();
    for (int gpu4j_s = 128; gpu4j_s > 0; gpu4j_s >>= 1) {
        if (gpu4j_lid < gpu4j_s)
            gpu4j_scratch[gpu4j_lid] = gpu4j_combine(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_s]);
        __syncthreads();
    }
    if (gpu4j_lid == 0)
        gpu4j_result[0] = gpu4j_scratch[0];
}
