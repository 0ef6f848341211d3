// Kernels of the backend contract suite (org.gpu4j.contract.AcceleratorContract). Their OpenCL twins are in
// contract.cl and their Java twins in ContractKernels.java: the three must compute the same thing.

// c = a + b, elementwise (one rounding per element: identical on every IEEE device).
extern "C" __global__ void vector_add(const float* a, const float* b, float* c, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}

// y = alpha * x + y in int (the test keeps values small enough never to overflow).
extern "C" __global__ void int_axpy(int alpha, const int* x, int* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = alpha * x[i] + y[i];
}

// out[i] = start + i * step, in 64-bit integers.
extern "C" __global__ void long_iota(long long* out, long long start, long long step, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = start + (long long) i * step;
}

// A 2-D launch: out[y * w + x] = x * 65536 + y.
extern "C" __global__ void grid_index(int* out, int w, int h) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < w && y < h) out[y * w + x] = x * 65536 + y;
}

// No index check on purpose: a backend must run exactly the global size asked for, never a padded one.
extern "C" __global__ void mark(int* out) {
    long long x = blockIdx.x * (long long) blockDim.x + threadIdx.x;
    long long y = blockIdx.y * (long long) blockDim.y + threadIdx.y;
    out[y * gridDim.x * blockDim.x + x] += 1;
}
