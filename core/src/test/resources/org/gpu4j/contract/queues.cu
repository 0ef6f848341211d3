// CUDA twins of queues.cl (see there).

extern "C" __global__ void busy(float* out, int iters, float seed) {
    float v = seed;
    for (int k = 0; k < iters; k++) v = v * 0.999999f + 0.5f;
    out[blockIdx.x * blockDim.x + threadIdx.x] = v;
}

extern "C" __global__ void twice_plus_one(const int* x, int* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = 2 * x[i] + 1;
}
