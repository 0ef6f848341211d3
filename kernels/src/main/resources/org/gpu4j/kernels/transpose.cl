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
 * where strided scalar access is the limit). A matrix of 16 MiB or more on x86-64 (rows a multiple of the block, out
 * 32-byte aligned) goes another way through the same part: sub-bands of 32 rows swept along the columns two blocks
 * high, whole 64-byte destination lines written with non-temporal stores (TRANSPOSE_STREAMED). The Java twin
 * (MatrixKernels) splits the work the same way, with scalar 8x8 blocks (Java has no non-temporal store).
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

/* Non-temporal stores for matrices far larger than the caches (x86 with clang, i.e. PoCL on x86-64): the transposed
 * lines go to memory without being read first (no read-for-ownership) and without evicting the source rows. The
 * 32-byte stores must be aligned, which the caller checks; the work-item ends with an sfence. Elsewhere: none. */
#if defined(__clang__) && defined(__x86_64__)
#define GPU4J_NT 1
#define ST8_NT(v, p) __builtin_nontemporal_store((v), (__global float8*) (p))
#define ST4D_NT(v, p) __builtin_nontemporal_store((v), (__global double4*) (p))
#define ST4L_NT(v, p) __builtin_nontemporal_store((v), (__global long4*) (p))
/* output bytes from which the non-temporal path is taken: a 2048x2048 float matrix, beyond a 2-core host's caches */
#define NT_BYTES (16L << 20)
#endif
#define ST8(v, p) vstore8((v), 0, (p))
#define ST4(v, p) vstore4((v), 0, (p))

/* o[c * os + r] = a[r * as + c] for one 8x8 block of floats, in registers; STORE writes one 8-float row of o. */
#define BLOCK_F32(NAME, STORE)                                                                         \
INLINE void NAME(__global const float* a, long as, __global float* o, long os) {                      \
    float8 r0 = vload8(0, a), r1 = vload8(0, a + as), r2 = vload8(0, a + 2 * as), r3 = vload8(0, a + 3 * as);\
    float8 r4 = vload8(0, a + 4 * as), r5 = vload8(0, a + 5 * as);                                     \
    float8 r6 = vload8(0, a + 6 * as), r7 = vload8(0, a + 7 * as);                                     \
    /* pairs of rows interleaved: t0 = (r0.s0 r1.s0 r0.s1 r1.s1 | r0.s4 r1.s4 r0.s5 r1.s5) */          \
    float8 t0 = SHUF8(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13), t1 = SHUF8(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);\
    float8 t2 = SHUF8(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13), t3 = SHUF8(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);\
    float8 t4 = SHUF8(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13), t5 = SHUF8(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);\
    float8 t6 = SHUF8(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13), t7 = SHUF8(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);\
    /* pairs of pairs: u0 = columns 0 and 4 of rows 0-3, u1 = columns 1 and 5, u2 = 2 and 6, u3 = 3 and 7 */\
    float8 u0 = SHUF8(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13), u1 = SHUF8(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);\
    float8 u2 = SHUF8(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13), u3 = SHUF8(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);\
    float8 u4 = SHUF8(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13), u5 = SHUF8(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);\
    float8 u6 = SHUF8(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13), u7 = SHUF8(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);\
    /* 128-bit halves: rows 0-3 of a column from u0-u3, rows 4-7 from u4-u7 */                         \
    STORE(SHUF8(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11), o);                                                 \
    STORE(SHUF8(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11), o + os);                                            \
    STORE(SHUF8(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11), o + 2 * os);                                        \
    STORE(SHUF8(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11), o + 3 * os);                                        \
    STORE(SHUF8(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15), o + 4 * os);                                      \
    STORE(SHUF8(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15), o + 5 * os);                                      \
    STORE(SHUF8(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15), o + 6 * os);                                      \
    STORE(SHUF8(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15), o + 7 * os);                                      \
}
BLOCK_F32(block_f32, ST8)
#ifdef GPU4J_NT
BLOCK_F32(block_f32_nt, ST8_NT)
#endif

/* The same for a 4x4 block of 64-bit elements: interleave pairs of rows, then exchange the 128-bit halves. */
#define BLOCK_64(NAME, T, T4, STORE)                                                                   \
INLINE void NAME(__global const T* a, long as, __global T* o, long os) {                               \
    T4 r0 = vload4(0, a), r1 = vload4(0, a + as), r2 = vload4(0, a + 2 * as), r3 = vload4(0, a + 3 * as); \
    T4 t0 = SHUF4(r0, r1, 0, 4, 2, 6), t1 = SHUF4(r0, r1, 1, 5, 3, 7);                                 \
    T4 t2 = SHUF4(r2, r3, 0, 4, 2, 6), t3 = SHUF4(r2, r3, 1, 5, 3, 7);                                 \
    STORE(SHUF4(t0, t2, 0, 1, 4, 5), o);                                                               \
    STORE(SHUF4(t1, t3, 0, 1, 4, 5), o + os);                                                          \
    STORE(SHUF4(t0, t2, 2, 3, 6, 7), o + 2 * os);                                                      \
    STORE(SHUF4(t1, t3, 2, 3, 6, 7), o + 3 * os);                                                      \
}
#ifdef GPU4J_FP64
BLOCK_64(block_f64, double, double4, ST4)
#ifdef GPU4J_NT
BLOCK_64(block_f64_nt, double, double4, ST4D_NT)
#endif
#endif
BLOCK_64(block_i64, long, long4, ST4)
#ifdef GPU4J_NT
BLOCK_64(block_i64_nt, long, long4, ST4L_NT)
#endif

/* Work-item (x, y) of an (X, ceil(rows/BAND)) launch: rows [BAND*y, BAND*y + BAND) of the columns [x*w, (x+1)*w),
 * w = ceil(cols/X) rounded up to 8, strip by strip of 8 columns, each strip walked down its rows in B x B register
 * blocks (B = 8 floats, 4 doubles or longs); blocks cut by the matrix's edge go element by element. This order
 * keeps a cache-resident matrix's lines in L1 and is the fastest there. */
#define TRANSPOSE_CACHED(B, BLOCK)                                                                     \
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

/* The same part of a matrix far larger than the caches: sub-bands of 32 rows, each swept along its whole column
 * range in steps of two B x B blocks stacked (2B source rows read as sequential streams, which the prefetcher
 * follows; 64 bytes of each destination row written at once, a whole line, with non-temporal stores). On a 2-core
 * AVX2 host a C loop of this shape moved 28-30 GB/s at 4096 x 4096 (a plain copy 25-27), the order above 10-11. The
 * caller has checked that every 32-byte destination piece is aligned (out aligned, rows a multiple of B, i0 of 2B). */
#define TRANSPOSE_STREAMED(B, BLOCK_NT)                                                                \
    for (int ib = i0; ib < i1; ib += 32) {                                                             \
        const int ie = min(ib + 32, i1);                                                               \
        for (int i = ib; i < ie; i += 2 * B) {                                                         \
            const int hd = min(2 * B, ie - i);                                                         \
            for (int jc = c0; jc < c1; jc += B) {                                                      \
                const int wd = min(B, c1 - jc);                                                        \
                if (wd == B && hd >= B) {                                                              \
                    BLOCK_NT(A + (long) i * cols + jc, cols, out + (long) jc * rows + i, rows);        \
                    if (hd == 2 * B)                                                                   \
                        BLOCK_NT(A + (long) (i + B) * cols + jc, cols, out + (long) jc * rows + i + B, rows); \
                }                                                                                      \
                for (int j = 0; j < wd; j++)                                                           \
                    for (int r = (wd == B ? (hd / B) * B : 0); r < hd; r++)                            \
                        out[(long) (jc + j) * rows + i + r] = A[(long) (i + r) * cols + jc + j];       \
            }                                                                                          \
        }                                                                                              \
    }

#define TRANSPOSE_BODY_CPU(T, B, BLOCK, BLOCK_NT)                                                      \
    const long X = (long) get_global_size(0);                                                          \
    const int w = (int) ((((long) cols + X - 1) / X + 7) / 8 * 8);                                     \
    const int i0 = (int) get_global_id(1) * BAND, i1 = min(i0 + BAND, rows);                           \
    const int c0 = (int) get_global_id(0) * w, c1 = min(c0 + w, cols);                                 \
    if (STREAMED(T, B)) {                                                                              \
        TRANSPOSE_STREAMED(B, BLOCK_NT)                                                                \
        FENCE_NT();                                                                                    \
    } else {                                                                                           \
        TRANSPOSE_CACHED(B, BLOCK)                                                                     \
    }
#ifdef GPU4J_NT
#define STREAMED(T, B) ((long) rows * cols * (long) sizeof(T) >= NT_BYTES && rows % B == 0 && ((ulong) out & 31) == 0)
#define FENCE_NT() __builtin_ia32_sfence()
#else
#define STREAMED(T, B) 0
#define FENCE_NT()
#define block_f32_nt block_f32
#define block_f64_nt block_f64
#define block_i64_nt block_i64
#endif
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
    TRANSPOSE_BODY_CPU(float, 8, block_f32, block_f32_nt)
#else
    TILE_DECL(float)
    TRANSPOSE_BODY(float)
#endif
}

#ifdef GPU4J_FP64
__kernel void transpose_f64(__global const double* A, __global double* out, int rows, int cols) {
#ifdef GPU4J_CPU
    TRANSPOSE_BODY_CPU(double, 4, block_f64, block_f64_nt)
#else
    TILE_DECL(double)
    TRANSPOSE_BODY(double)
#endif
}
#endif

__kernel void transpose_i64(__global const long* A, __global long* out, int rows, int cols) {
#ifdef GPU4J_CPU
    TRANSPOSE_BODY_CPU(long, 4, block_i64, block_i64_nt)
#else
    TILE_DECL(long)
    TRANSPOSE_BODY(long)
#endif
}
