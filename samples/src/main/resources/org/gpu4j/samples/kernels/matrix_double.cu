// Doubles a rows x cols row-major matrix in place: one thread per element, 2-D grid (x = column, y = row).
extern "C" __global__ void matrix_double(float *a, const int rows, const int cols) {
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < rows && col < cols) {
        a[row * cols + col] *= 2.0f;
    }
}
