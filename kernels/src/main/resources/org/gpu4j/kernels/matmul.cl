/*
 * matmul.cl — GEMM  C = alpha * op(A) * op(B) + beta * C  on row-major matrices; op(X) is X or X^T (transA/transB).
 * C is M x N, op(A) is M x K, op(B) is K x N. beta == 0 means C is not read (BLAS convention: NaNs in C vanish).
 * Integer GEMM (i64) computes in unsigned arithmetic so overflow wraps exactly as Java's long does.
 *
 * GPU design (gemm_f32/_f64/_i64): one 16x16 work-group computes a 64x64 tile of C; each work-item holds a 4x4
 * register block (rows ty+16i, cols tx+16j, so stores coalesce). Per step the group stages a 64x16 slice of op(A)
 * and a 16x64 slice of op(B) in local memory (padded by one column), loads coalesced for either transpose flag,
 * zero-filled outside the matrix; stores are bounds-checked. Any M, N, K: groups loop over row tiles with the
 * stride of the y grid (capped at 65,535 groups by LaunchPlan.rowBlocks, CUDA's y limit).
 *
 * CPU design (OpenCL CPU devices such as PoCL; gemm_pack_a_*, gemm_pack_b_*, gemm_packed_*): op(A) is packed into
 * 14-row panels Ap[(p*K + k)*14 + r] and op(B) into W-column panels Bp[(q*K + k)*W + c] (W = 32 floats / 16
 * doubles: two float16 / double8 vectors), zero-padded at the edges. Each work-item owns a 14 x W block of C in 28
 * vector accumulators: per k two W/2-wide loads of the B panel row and 14 broadcasts of the A panel column feed 28
 * FMAs. With AVX-512 that is 28 zmm accumulators + 2 B registers of the 32, no spills (checked in PoCL's object
 * code), and 16 loads per 28 FMAs; the 8 x 16 block used before reached about 0.85x of this one at N = 2048.
 * No local memory, no barriers; launched over (N/W, M/14) panels with local size (1, 4): the 4 work-items of a
 * group share one B panel while it is warm in L2. The write-back is bounds-checked.
 */
#if defined(cl_khr_fp64) || defined(__opencl_c_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#endif

#define TS 64
#define TK 16

/* Tiled body: T storage type, U arithmetic type (unsigned for integers). As/Bs are __local T[TK][TS + 1]. */
#define GEMM_TILED_BODY(T, U)                                                                          \
    const int tx = get_local_id(0), ty = get_local_id(1);                                              \
    const int tid = ty * 16 + tx;                                                                      \
    const int col0 = get_group_id(0) * TS;                                                             \
    /* row tiles grid-stride over y (CUDA's grid has at most 65,535 blocks in y; the same launch here) */ \
    for (int rt = get_group_id(1); rt <= (M - 1) / TS; rt += get_num_groups(1)) {                      \
    const int row0 = rt * TS;                                                                          \
    U acc[4][4];                                                                                       \
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) acc[i][j] = (U) 0;                         \
    for (int k0 = 0; k0 < K; k0 += TK) {                                                               \
        for (int l = 0; l < 4; l++) {                                                                  \
            const int e = tid + l * 256;                                                               \
            int r, kk;                                                                                 \
            if (transA) { r = e % TS; kk = e / TS; } else { kk = e % TK; r = e / TK; }                 \
            const int gi = row0 + r, gk = k0 + kk;                                                     \
            T v = (T) 0;                                                                               \
            if (gi < M && gk < K) v = transA ? A[(long) gk * M + gi] : A[(long) gi * K + gk];          \
            As[kk][r] = v;                                                                             \
            int c;                                                                                     \
            if (transB) { kk = e % TK; c = e / TK; } else { c = e % TS; kk = e / TS; }                 \
            const int gj = col0 + c, gk2 = k0 + kk;                                                    \
            T w = (T) 0;                                                                               \
            if (gj < N && gk2 < K) w = transB ? B[(long) gj * K + gk2] : B[(long) gk2 * N + gj];       \
            Bs[kk][c] = w;                                                                             \
        }                                                                                              \
        barrier(CLK_LOCAL_MEM_FENCE);                                                                  \
        for (int kk = 0; kk < TK; kk++) {                                                              \
            U a[4], b[4];                                                                              \
            for (int i = 0; i < 4; i++) a[i] = (U) As[kk][ty + 16 * i];                                \
            for (int j = 0; j < 4; j++) b[j] = (U) Bs[kk][tx + 16 * j];                                \
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) acc[i][j] += a[i] * b[j];          \
        }                                                                                              \
        barrier(CLK_LOCAL_MEM_FENCE);                                                                  \
    }                                                                                                  \
    for (int i = 0; i < 4; i++) {                                                                      \
        const int gi = row0 + ty + 16 * i;                                                             \
        if (gi >= M) break;                                                                            \
        for (int j = 0; j < 4; j++) {                                                                  \
            const int gj = col0 + tx + 16 * j;                                                         \
            if (gj >= N) break;                                                                        \
            const long o = (long) gi * N + gj;                                                         \
            U v = (U) alpha * acc[i][j];                                                               \
            if (beta != (T) 0) v += (U) beta * (U) C[o];                                               \
            C[o] = (T) v;                                                                              \
        }                                                                                              \
    }                                                                                                  \
    }

__kernel void gemm_f32(__global const float* A, __global const float* B, __global float* C,
                       int M, int N, int K, int transA, int transB, float alpha, float beta) {
    __local float As[TK][TS + 1];
    __local float Bs[TK][TS + 1];
    GEMM_TILED_BODY(float, float)
}

#ifdef GPU4J_FP64
__kernel void gemm_f64(__global const double* A, __global const double* B, __global double* C,
                       int M, int N, int K, int transA, int transB, double alpha, double beta) {
    __local double As[TK][TS + 1];
    __local double Bs[TK][TS + 1];
    GEMM_TILED_BODY(double, double)
}
#endif

__kernel void gemm_i64(__global const long* A, __global const long* B, __global long* C,
                       int M, int N, int K, int transA, int transB, long alpha, long beta) {
    __local long As[TK][TS + 1];
    __local long Bs[TK][TS + 1];
    GEMM_TILED_BODY(long, ulong)
}

/* ---- CPU-shaped path: packing. Launched over (K, panels): work-item (k, p) writes one W-wide panel row, so
 * neighbouring work-items read neighbouring k (contiguous for row-major A, and for B^T) or whole rows (B). */

/* Rows per A panel (and per register block) of the CPU-shaped path; Matrices.java and MatrixKernels.java agree. */
#define GEMM_MR 14

#define PACK_A_BODY(T)                                                                                 \
    const int k = get_global_id(0), p = get_global_id(1);                                              \
    if (k >= K || p >= (M + GEMM_MR - 1) / GEMM_MR) return;                                            \
    __global T* dst = Ap + ((long) p * K + k) * GEMM_MR;                                               \
    for (int r = 0; r < GEMM_MR; r++) {                                                                \
        const int i = p * GEMM_MR + r;                                                                 \
        dst[r] = i < M ? (transA ? A[(long) k * M + i] : A[(long) i * K + k]) : (T) 0;                 \
    }

#define PACK_B_BODY(T)                                                                                 \
    const int k = get_global_id(0), q = get_global_id(1);                                              \
    if (k >= K || q >= (N + W - 1) / W) return;                                                        \
    __global T* dst = Bp + ((long) q * K + k) * W;                                                     \
    for (int c = 0; c < W; c++) {                                                                      \
        const int j = q * W + c;                                                                       \
        dst[c] = j < N ? (transB ? B[(long) j * K + k] : B[(long) k * N + j]) : (T) 0;                 \
    }

__kernel void gemm_pack_a_f32(__global const float* A, __global float* Ap, int M, int K, int transA) {
    PACK_A_BODY(float)
}

__kernel void gemm_pack_b_f32(__global const float* B, __global float* Bp, int K, int N, int transB, int W) {
    PACK_B_BODY(float)
}

#ifdef GPU4J_FP64
__kernel void gemm_pack_a_f64(__global const double* A, __global double* Ap, int M, int K, int transA) {
    PACK_A_BODY(double)
}

__kernel void gemm_pack_b_f64(__global const double* B, __global double* Bp, int K, int N, int transB, int W) {
    PACK_B_BODY(double)
}
#endif

/* ---- CPU-shaped path: the register-blocked kernel. */

/* One row of the register block: the A element broadcast once, two FMAs (one per half of the W-wide B row). */
#define GEMM_ROW(VT, r)                                                                                \
    { const VT ar = (VT) ak[r]; c##r##a = fma(ar, b0, c##r##a); c##r##b = fma(ar, b1, c##r##b); }

/* Row r of the block written back: v = alpha * acc (+ beta * C), two vectors, or element by element at the edge. */
#define GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, r)                                                    \
    if (r < rows) {                                                                                    \
        __global T* crow = C + (long) (i0 + r) * N + j0;                                               \
        VT va = (VT) alpha * c##r##a, vb = (VT) alpha * c##r##b;                                       \
        if (cols == 2 * HW) {                                                                          \
            if (beta != (T) 0) {                                                                       \
                va = fma((VT) beta, VLOAD(0, crow), va);                                               \
                vb = fma((VT) beta, VLOAD(1, crow), vb);                                               \
            }                                                                                          \
            VSTORE(va, 0, crow); VSTORE(vb, 1, crow);                                                  \
        } else {                                                                                       \
            T tile[2 * HW];                                                                            \
            VSTORE(va, 0, tile); VSTORE(vb, 1, tile);                                                  \
            for (int cc = 0; cc < cols; cc++) {                                                        \
                T v = tile[cc];                                                                        \
                if (beta != (T) 0) v = fma(beta, crow[cc], v);                                         \
                crow[cc] = v;                                                                          \
            }                                                                                          \
        }                                                                                              \
    }

#define PACKED_BODY(T, VT, HW, VLOAD, VSTORE)                                                          \
    const int q = get_global_id(0), p = get_global_id(1);                                              \
    const int i0 = p * GEMM_MR, j0 = q * 2 * HW;                                                       \
    if (i0 >= M || j0 >= N) return;                                                                    \
    __global const T* a = Ap + (long) p * K * GEMM_MR;                                                 \
    __global const T* b = Bp + (long) q * K * 2 * HW;                                                  \
    VT c0a = (VT) 0, c0b = (VT) 0, c1a = (VT) 0, c1b = (VT) 0, c2a = (VT) 0, c2b = (VT) 0,             \
       c3a = (VT) 0, c3b = (VT) 0, c4a = (VT) 0, c4b = (VT) 0, c5a = (VT) 0, c5b = (VT) 0,             \
       c6a = (VT) 0, c6b = (VT) 0, c7a = (VT) 0, c7b = (VT) 0, c8a = (VT) 0, c8b = (VT) 0,             \
       c9a = (VT) 0, c9b = (VT) 0, c10a = (VT) 0, c10b = (VT) 0, c11a = (VT) 0, c11b = (VT) 0,         \
       c12a = (VT) 0, c12b = (VT) 0, c13a = (VT) 0, c13b = (VT) 0;                                     \
    for (int k = 0; k < K; k++) {                                                                      \
        __global const T* bk = b + (long) k * 2 * HW;                                                  \
        __global const T* ak = a + (long) k * GEMM_MR;                                                 \
        const VT b0 = VLOAD(0, bk), b1 = VLOAD(1, bk);                                                 \
        GEMM_ROW(VT, 0) GEMM_ROW(VT, 1) GEMM_ROW(VT, 2) GEMM_ROW(VT, 3) GEMM_ROW(VT, 4)                \
        GEMM_ROW(VT, 5) GEMM_ROW(VT, 6) GEMM_ROW(VT, 7) GEMM_ROW(VT, 8) GEMM_ROW(VT, 9)                \
        GEMM_ROW(VT, 10) GEMM_ROW(VT, 11) GEMM_ROW(VT, 12) GEMM_ROW(VT, 13)                            \
    }                                                                                                  \
    const int rows = min(GEMM_MR, M - i0), cols = min(2 * HW, N - j0);                                 \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 0) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 1)            \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 2) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 3)            \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 4) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 5)            \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 6) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 7)            \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 8) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 9)            \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 10) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 11)          \
    GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 12) GEMM_STORE_ROW(T, VT, HW, VLOAD, VSTORE, 13)

__kernel void gemm_packed_f32(__global const float* Ap, __global const float* Bp, __global float* C,
                              int M, int N, int K, float alpha, float beta) {
    PACKED_BODY(float, float16, 16, vload16, vstore16)
}

#ifdef GPU4J_FP64
__kernel void gemm_packed_f64(__global const double* Ap, __global const double* Bp, __global double* C,
                              int M, int N, int K, double alpha, double beta) {
    PACKED_BODY(double, double8, 8, vload8, vstore8)
}
#endif
