// C (m x n) = A (m x k) . B (k x n), row-major floats. 2-D range: x = column of C, y = row of C.

// One work-item per element of C, with a bounds check, so any size works (the recipe had one block, N <= 32).
__kernel void matmul_naive(__global const float *a, __global const float *b, __global float *c,
                           const int m, const int n, const int k) {
    int col = get_global_id(0);
    int row = get_global_id(1);
    if (row >= m || col >= n) return;
    float acc = 0.0f;
    for (int p = 0; p < k; p++) {
        acc += a[row * k + p] * b[p * n + col];
    }
    c[row * n + col] = acc;
}

#define TILE 16

// The shared-memory tiling the recipe's text describes: each 16 x 16 work-group stages one tile of A and one of B
// in local memory per step. Launch with local size (16, 16) and the global size rounded up to a multiple of 16.
__kernel void matmul_tiled(__global const float *a, __global const float *b, __global float *c,
                           const int m, const int n, const int k) {
    __local float as[TILE][TILE];
    __local float bs[TILE][TILE];
    int tx = get_local_id(0);
    int ty = get_local_id(1);
    int col = get_group_id(0) * TILE + tx;
    int row = get_group_id(1) * TILE + ty;
    float acc = 0.0f;
    for (int t = 0; t < k; t += TILE) {
        as[ty][tx] = (row < m && t + tx < k) ? a[row * k + t + tx] : 0.0f;
        bs[ty][tx] = (t + ty < k && col < n) ? b[(t + ty) * n + col] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TILE; p++) {
            acc += as[ty][p] * bs[p][tx];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < m && col < n) {
        c[row * n + col] = acc;
    }
}
