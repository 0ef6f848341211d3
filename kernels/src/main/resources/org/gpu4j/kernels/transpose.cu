/*
 * transpose.cu — the CUDA twin of transpose.cl: out = A^T for a row-major rows x cols matrix A.
 * Design: a 32x8 block moves one 32x32 tile through shared memory padded to 32x33 (no bank conflicts on the
 * column read); each thread copies 4 elements in and 4 out, both global accesses coalesced. Edges bounds-checked.
 * Blocks loop over row tiles with the stride of the y grid (at most 65,535 blocks in y, LaunchPlan.rowBlocks).
 */
#define TILE 32

template <typename T>
__device__ void transpose_tile(const T* __restrict__ A, T* __restrict__ out, int rows, int cols) {
    __shared__ T tile[TILE][TILE + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int bx = blockIdx.x * TILE;
    // row tiles grid-stride over y: CUDA's grid has at most 65,535 blocks in y
    for (int rt = blockIdx.y; rt <= (rows - 1) / TILE; rt += gridDim.y) {
    const int by = rt * TILE;
    for (int r = ty; r < TILE; r += 8) {
        const int i = by + r, j = bx + tx;
        if (i < rows && j < cols) tile[r][tx] = A[(long long) i * cols + j];
    }
    __syncthreads();
    for (int r = ty; r < TILE; r += 8) {
        const int j = bx + r, i = by + tx;
        if (j < cols && i < rows) out[(long long) j * rows + i] = tile[tx][r];
    }
    __syncthreads();
    }
}

extern "C" __global__ void transpose_f32(const float* A, float* out, int rows, int cols) {
    transpose_tile<float>(A, out, rows, cols);
}

extern "C" __global__ void transpose_f64(const double* A, double* out, int rows, int cols) {
    transpose_tile<double>(A, out, rows, cols);
}

extern "C" __global__ void transpose_i64(const long long* A, long long* out, int rows, int cols) {
    transpose_tile<long long>(A, out, rows, cols);
}
