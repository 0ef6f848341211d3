/*
 * gemv.cu — the CUDA twin of gemv.cl: y = alpha * A * x + beta * y, row-major M x N A (beta == 0: y not read).
 * Design: one 64-thread block per row (grid of M blocks): threads stride over the row together (coalesced),
 * then a tree reduction in shared memory; any M, N.
 */
#define GEMV_WG 64

template <typename T>
__device__ void gemv_row(const T* __restrict__ A, const T* __restrict__ x, T* __restrict__ y,
                         int M, int N, T alpha, T beta) {
    __shared__ T part[GEMV_WG];
    const int lid = threadIdx.x;
    const long long row = blockIdx.x;
    if (row >= M) return;
    const T* a = A + row * N;
    T s = (T) 0;
    for (int j = lid; j < N; j += GEMV_WG) s = fma(a[j], x[j], s);
    part[lid] = s;
    __syncthreads();
    for (int w = GEMV_WG / 2; w > 0; w >>= 1) {
        if (lid < w) part[lid] += part[lid + w];
        __syncthreads();
    }
    if (lid == 0) {
        T v = alpha * part[0];
        if (beta != (T) 0) v = fma(beta, y[row], v);
        y[row] = v;
    }
}

extern "C" __global__ void gemv_f32(const float* A, const float* x, float* y, int M, int N, float alpha, float beta) {
    gemv_row<float>(A, x, y, M, N, alpha, beta);
}

extern "C" __global__ void gemv_f64(const double* A, const double* x, double* y, int M, int N, double alpha, double beta) {
    gemv_row<double>(A, x, y, M, N, alpha, beta);
}
