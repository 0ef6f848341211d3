/*
 * transpose.cl — out = A^T for a row-major rows x cols matrix A (out is cols x rows).
 * Design: a 32x8 work-group moves one 32x32 tile through local memory padded to 32x33 (no bank conflicts on the
 * column read); each work-item copies 4 elements in and 4 out, both global accesses coalesced along rows.
 * Launched over (ceil(cols/32)*32, min(ceil(rows/32), 65535)*8) with local size (32, 8) (LaunchPlan.rowBlocks:
 * CUDA's y-grid limit); groups loop over row tiles with the stride of the y grid; edges are bounds-checked.
 * Built with -DGPU4J_CPU (PoCL and other CPU devices): no local memory and no barriers, which a CPU runs as loops
 * around every barrier region. Work-item (x, y) of a (X, ceil(rows/32)) launch with work-groups of one moves the
 * band of rows [32y, 32y + 32) for the columns [x*w, (x+1)*w), w = ceil(cols/X) rounded up to 32, 16 columns at a
 * time through a private 32x16 buffer: each source row piece (16 elements, a whole line of floats) is read once and
 * each destination piece (32 contiguous elements) written once, so no line has to stay in L1 while others are
 * touched (a column read straight from a power-of-two-wide matrix keeps 32 lines live in one 8-way cache set).
 * The Java twin (MatrixKernels) does the same.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#define TILE 32

#ifdef GPU4J_CPU
#define TRANSPOSE_BODY(T)                                                                              \
    T buf[TILE * 16];                                                                                  \
    const long X = (long) get_global_size(0);                                                          \
    const int w = (int) ((((long) cols + X - 1) / X + TILE - 1) / TILE * TILE);                         \
    const int i0 = (int) get_global_id(1) * TILE, h = min(i0 + TILE, rows) - i0;                       \
    const int c0 = (int) get_global_id(0) * w, c1 = min(c0 + w, cols);                                 \
    for (int jb = c0; jb < c1; jb += 16) {                                                             \
        const int wd = min(16, c1 - jb);                                                               \
        for (int i = 0; i < h; i++) {                                                                  \
            __global const T* a = A + (long) (i0 + i) * cols + jb;                                     \
            for (int j = 0; j < wd; j++) buf[i * 16 + j] = a[j];                                       \
        }                                                                                              \
        for (int j = 0; j < wd; j++) {                                                                 \
            __global T* o = out + (long) (jb + j) * rows + i0;                                         \
            for (int i = 0; i < h; i++) o[i] = buf[i * 16 + j];                                        \
        }                                                                                              \
    }
#else
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
#endif

#ifdef GPU4J_CPU
#define TILE_DECL(T)
#else
#define TILE_DECL(T) __local T tile[TILE][TILE + 1];
#endif

__kernel void transpose_f32(__global const float* A, __global float* out, int rows, int cols) {
    TILE_DECL(float)
    TRANSPOSE_BODY(float)
}

#ifdef GPU4J_FP64
__kernel void transpose_f64(__global const double* A, __global double* out, int rows, int cols) {
    TILE_DECL(double)
    TRANSPOSE_BODY(double)
}
#endif

__kernel void transpose_i64(__global const long* A, __global long* out, int rows, int cols) {
    TILE_DECL(long)
    TRANSPOSE_BODY(long)
}
