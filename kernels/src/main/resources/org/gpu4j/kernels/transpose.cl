/*
 * transpose.cl — out = A^T for a row-major rows x cols matrix A (out is cols x rows).
 * Design: a 32x8 work-group moves one 32x32 tile through local memory padded to 32x33 (no bank conflicts on the
 * column read); each work-item copies 4 elements in and 4 out, both global accesses coalesced along rows.
 * Launched over (ceil(cols/32)*32, min(ceil(rows/32), 65535)*8) with local size (32, 8) (LaunchPlan.rowBlocks:
 * CUDA's y-grid limit); groups loop over row tiles with the stride of the y grid; edges are bounds-checked.
 * Built with -DGPU4J_CPU (PoCL and other CPU devices): no local memory and no barriers, which a CPU runs as loops
 * around every barrier region. Work-item (x, y) of an (X, ceil(rows/128)) launch with work-groups of one moves the
 * band of rows [128y, 128y + 128) for the columns [x*w, (x+1)*w), w = ceil(cols/X) rounded up to 8, strip by strip
 * of 8 columns, each strip walked down the band's rows in register blocks: 8x8 floats (eight float8 loads, an
 * unpack / shuffle / 128-bit-half exchange network, eight float8 stores: unpcklps, unpckhps, unpcklpd, vperm2f128
 * with AVX) or 4x4 doubles/longs; blocks cut by the matrix's edge are copied element by element. A strip reads
 * each source row piece once and writes whole 32-byte destination pieces; a tall band keeps the strip's source
 * lines and pages warm for the next strip (the scalar tile copies this replaced moved 1-2 GB/s on an AVX2 host,
 * where strided scalar access is the limit). The Java twin (MatrixKernels) splits the work the same way.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#define TILE 32

#ifdef GPU4J_CPU
#define BAND 128

/* Constant two-vector shuffles: clang's builtin (PoCL and the other clang-based CPU compilers), which LLVM lowers to
 * single shuffle instructions; elsewhere OpenCL's shuffle2 with the same indices. */
#ifdef __clang__
#define SHUF8(a, b, i0, i1, i2, i3, i4, i5, i6, i7) __builtin_shufflevector(a, b, i0, i1, i2, i3, i4, i5, i6, i7)
#define SHUF4(a, b, i0, i1, i2, i3) __builtin_shufflevector(a, b, i0, i1, i2, i3)
#define INLINE __attribute__((always_inline))
#else
#define SHUF8(a, b, i0, i1, i2, i3, i4, i5, i6, i7) shuffle2(a, b, (uint8) (i0, i1, i2, i3, i4, i5, i6, i7))
#define SHUF4(a, b, i0, i1, i2, i3) shuffle2(a, b, (ulong4) (i0, i1, i2, i3))
#define INLINE
#endif

/* o[c * os + r] = a[r * as + c] for one 8x8 block of floats, in registers. */
INLINE void block_f32(__global const float* a, long as, __global float* o, long os) {
    float8 r0 = vload8(0, a), r1 = vload8(0, a + as), r2 = vload8(0, a + 2 * as), r3 = vload8(0, a + 3 * as);
    float8 r4 = vload8(0, a + 4 * as), r5 = vload8(0, a + 5 * as);
    float8 r6 = vload8(0, a + 6 * as), r7 = vload8(0, a + 7 * as);
    /* pairs of rows interleaved: t0 = (r0.s0 r1.s0 r0.s1 r1.s1 | r0.s4 r1.s4 r0.s5 r1.s5) */
    float8 t0 = SHUF8(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13), t1 = SHUF8(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);
    float8 t2 = SHUF8(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13), t3 = SHUF8(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);
    float8 t4 = SHUF8(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13), t5 = SHUF8(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);
    float8 t6 = SHUF8(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13), t7 = SHUF8(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);
    /* pairs of pairs: u0 = columns 0 and 4 of rows 0-3, u1 = columns 1 and 5, u2 = 2 and 6, u3 = 3 and 7 */
    float8 u0 = SHUF8(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13), u1 = SHUF8(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
    float8 u2 = SHUF8(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13), u3 = SHUF8(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
    float8 u4 = SHUF8(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13), u5 = SHUF8(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
    float8 u6 = SHUF8(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13), u7 = SHUF8(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
    /* 128-bit halves: rows 0-3 of a column from u0-u3, rows 4-7 from u4-u7 */
    vstore8(SHUF8(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11), 0, o);
    vstore8(SHUF8(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11), 0, o + os);
    vstore8(SHUF8(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11), 0, o + 2 * os);
    vstore8(SHUF8(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11), 0, o + 3 * os);
    vstore8(SHUF8(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15), 0, o + 4 * os);
    vstore8(SHUF8(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15), 0, o + 5 * os);
    vstore8(SHUF8(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15), 0, o + 6 * os);
    vstore8(SHUF8(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15), 0, o + 7 * os);
}

/* The same for a 4x4 block of 64-bit elements: interleave pairs of rows, then exchange the 128-bit halves. */
#define BLOCK_64(NAME, T, T4)                                                                          \
INLINE void NAME(__global const T* a, long as, __global T* o, long os) {                               \
    T4 r0 = vload4(0, a), r1 = vload4(0, a + as), r2 = vload4(0, a + 2 * as), r3 = vload4(0, a + 3 * as); \
    T4 t0 = SHUF4(r0, r1, 0, 4, 2, 6), t1 = SHUF4(r0, r1, 1, 5, 3, 7);                                 \
    T4 t2 = SHUF4(r2, r3, 0, 4, 2, 6), t3 = SHUF4(r2, r3, 1, 5, 3, 7);                                 \
    vstore4(SHUF4(t0, t2, 0, 1, 4, 5), 0, o);                                                          \
    vstore4(SHUF4(t1, t3, 0, 1, 4, 5), 0, o + os);                                                     \
    vstore4(SHUF4(t0, t2, 2, 3, 6, 7), 0, o + 2 * os);                                                 \
    vstore4(SHUF4(t1, t3, 2, 3, 6, 7), 0, o + 3 * os);                                                 \
}
#ifdef GPU4J_FP64
BLOCK_64(block_f64, double, double4)
#endif
BLOCK_64(block_i64, long, long4)

/* Work-item (x, y) of an (X, ceil(rows/BAND)) launch: rows [BAND*y, BAND*y + BAND) of the columns [x*w, (x+1)*w),
 * w = ceil(cols/X) rounded up to 8, strip by strip of 8 columns, each strip walked down its rows in B x B register
 * blocks (B = 8 floats, 4 doubles or longs); blocks cut by the matrix's edge go element by element. */
#define TRANSPOSE_BODY_CPU(B, BLOCK)                                                                   \
    const long X = (long) get_global_size(0);                                                          \
    const int w = (int) ((((long) cols + X - 1) / X + 7) / 8 * 8);                                     \
    const int i0 = (int) get_global_id(1) * BAND, i1 = min(i0 + BAND, rows);                           \
    const int c0 = (int) get_global_id(0) * w, c1 = min(c0 + w, cols);                                 \
    for (int jb = c0; jb < c1; jb += 8) {                                                              \
        for (int i = i0; i < i1; i += B) {                                                             \
            const int hd = min(B, i1 - i);                                                             \
            for (int jc = jb; jc < min(jb + 8, c1); jc += B) {                                         \
                const int wd = min(B, c1 - jc);                                                        \
                if (hd == B && wd == B) {                                                              \
                    BLOCK(A + (long) i * cols + jc, cols, out + (long) jc * rows + i, rows);           \
                } else {                                                                               \
                    for (int j = 0; j < wd; j++)                                                       \
                        for (int r = 0; r < hd; r++)                                                   \
                            out[(long) (jc + j) * rows + i + r] = A[(long) (i + r) * cols + jc + j];   \
                }                                                                                      \
            }                                                                                          \
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

#define TILE_DECL(T) __local T tile[TILE][TILE + 1];

__kernel void transpose_f32(__global const float* A, __global float* out, int rows, int cols) {
#ifdef GPU4J_CPU
    TRANSPOSE_BODY_CPU(8, block_f32)
#else
    TILE_DECL(float)
    TRANSPOSE_BODY(float)
#endif
}

#ifdef GPU4J_FP64
__kernel void transpose_f64(__global const double* A, __global double* out, int rows, int cols) {
#ifdef GPU4J_CPU
    TRANSPOSE_BODY_CPU(4, block_f64)
#else
    TILE_DECL(double)
    TRANSPOSE_BODY(double)
#endif
}
#endif

__kernel void transpose_i64(__global const long* A, __global long* out, int rows, int cols) {
#ifdef GPU4J_CPU
    TRANSPOSE_BODY_CPU(4, block_i64)
#else
    TILE_DECL(long)
    TRANSPOSE_BODY(long)
#endif
}
