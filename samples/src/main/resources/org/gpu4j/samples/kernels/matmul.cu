// C (m x n) = A (m x k) . B (k x n), row-major floats. 2-D grid: x = column of C, y = row of C.

extern "C" __global__ void matmul_naive(const float *a, const float *b, float *c,
                                        const int m, const int n, const int k) {
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row >= m || col >= n) return;
    float acc = 0.0f;
    for (int p = 0; p < k; p++) {
        acc += a[row * k + p] * b[p * n + col];
    }
    c[row * n + col] = acc;
}

#define TILE 16

// Shared-memory tiling; launch with 16 x 16 blocks.
extern "C" __global__ void matmul_tiled(const float *a, const float *b, float *c,
                                        const int m, const int n, const int k) {
    __shared__ float as[TILE][TILE];
    __shared__ float bs[TILE][TILE];
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int col = blockIdx.x * TILE + tx;
    int row = blockIdx.y * TILE + ty;
    float acc = 0.0f;
    for (int t = 0; t < k; t += TILE) {
        as[ty][tx] = (row < m && t + tx < k) ? a[row * k + t + tx] : 0.0f;
        bs[ty][tx] = (t + ty < k && col < n) ? b[(t + ty) * n + col] : 0.0f;
        __syncthreads();
        for (int p = 0; p < TILE; p++) {
            acc += as[ty][p] * bs[p][tx];
        }
        __syncthreads();
    }
    if (row < m && col < n) {
        c[row * n + col] = acc;
    }
}
