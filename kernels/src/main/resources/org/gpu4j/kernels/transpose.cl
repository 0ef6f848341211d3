/*
 * transpose.cl — out = A^T for a row-major rows x cols matrix A (out is cols x rows).
 * Design: a 32x8 work-group moves one 32x32 tile through local memory padded to 32x33 (no bank conflicts on the
 * column read); each work-item copies 4 elements in and 4 out, both global accesses coalesced along rows.
 * Launched over (ceil(cols/32)*32, min(ceil(rows/32), 65535)*8) with local size (32, 8) (LaunchPlan.rowBlocks:
 * CUDA's y-grid limit); groups loop over row tiles with the stride of the y grid; edges are bounds-checked.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#define TILE 32

#define TRANSPOSE_BODY(T)                                                                              \
    const int tx = get_local_id(0), ty = get_local_id(1);                                              \
    const int bx = get_group_id(0) * TILE;                                                             \
    for (int rt = get_group_id(1); rt <= (rows - 1) / TILE; rt += get_num_groups(1)) {                 \
    const int by = rt * TILE;                                                                          \
    for (int r = ty; r < TILE; r += 8) {                                                               \
        const int i = by + r, j = bx + tx;                                                             \
        if (i < rows && j < cols) tile[r][tx] = A[(long) i * cols + j];                                \
    }                                                                                                  \
    barrier(CLK_LOCAL_MEM_FENCE);                                                                      \
    for (int r = ty; r < TILE; r += 8) {                                                               \
        const int j = bx + r, i = by + tx;                                                             \
        if (j < cols && i < rows) out[(long) j * rows + i] = tile[tx][r];                              \
    }                                                                                                  \
    barrier(CLK_LOCAL_MEM_FENCE);                                                                      \
    }

__kernel void transpose_f32(__global const float* A, __global float* out, int rows, int cols) {
    __local float tile[TILE][TILE + 1];
    TRANSPOSE_BODY(float)
}

#ifdef GPU4J_FP64
__kernel void transpose_f64(__global const double* A, __global double* out, int rows, int cols) {
    __local double tile[TILE][TILE + 1];
    TRANSPOSE_BODY(double)
}
#endif

__kernel void transpose_i64(__global const long* A, __global long* out, int rows, int cols) {
    __local long tile[TILE][TILE + 1];
    TRANSPOSE_BODY(long)
}
