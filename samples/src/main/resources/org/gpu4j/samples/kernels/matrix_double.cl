// Doubles a rows x cols row-major matrix in place: one work-item per element, 2-D range (x = column, y = row).
// The recipe computed idx = threadIdx.x + threadIdx.y * 4 for a 5-wide matrix; here the real width and a bounds check.
__kernel void matrix_double(__global float *a, const int rows, const int cols) {
    int col = get_global_id(0);
    int row = get_global_id(1);
    if (row < rows && col < cols) {
        a[row * cols + col] *= 2.0f;
    }
}
