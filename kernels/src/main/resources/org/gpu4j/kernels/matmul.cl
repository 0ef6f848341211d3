/*
 * matmul.cl — GEMM  C = alpha * op(A) * op(B) + beta * C  on row-major matrices; op(X) is X or X^T (transA/transB).
 * C is M x N, op(A) is M x K, op(B) is K x N. beta == 0 means C is not read (BLAS convention: NaNs in C vanish).
 * Integer GEMM (i64) computes in unsigned arithmetic so overflow wraps exactly as Java's long does.
 *
 * GPU design (gemm_f32/_f64/_i64): one 16x16 work-group computes a 64x64 tile of C; each work-item holds a 4x4
 * register block (rows ty+16i, cols tx+16j, so stores coalesce). Per step the group stages a 64x16 slice of op(A)
 * and a 16x64 slice of op(B) in local memory (padded by one column), loads coalesced for either transpose flag,
 * zero-filled outside the matrix; stores are bounds-checked. Any M, N, K.
 *
 * CPU design (OpenCL CPU devices such as PoCL; gemm_pack_a_*, gemm_pack_b_*, gemm_packed_*): op(A) is packed into
 * 8-row panels Ap[(p*K + k)*8 + r] and op(B) into W-column panels Bp[(q*K + k)*W + c] (W = 16 floats / 8 doubles),
 * zero-padded at the edges. Each work-item owns an 8 x W block of C in eight float16 (double8) accumulators: per k
 * one W-wide load of the B panel row, one 8-wide load of the A panel column, 8 broadcast FMAs. No local memory, no
 * barriers; launched over (N/W, M/8) panels with local size (1, 8); write-back is bounds-checked.
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
    const int col0 = get_group_id(0) * TS, row0 = get_group_id(1) * TS;                                \
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

#define PACK_A_BODY(T)                                                                                 \
    const int k = get_global_id(0), p = get_global_id(1);                                              \
    if (k >= K || p >= (M + 7) / 8) return;                                                            \
    __global T* dst = Ap + ((long) p * K + k) * 8;                                                     \
    for (int r = 0; r < 8; r++) {                                                                      \
        const int i = p * 8 + r;                                                                       \
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

#define PACKED_BODY(T, VT, W, VLOAD, VSTORE)                                                           \
    const int q = get_global_id(0), p = get_global_id(1);                                              \
    const int i0 = p * 8, j0 = q * W;                                                                  \
    if (i0 >= M || j0 >= N) return;                                                                    \
    __global const T* a = Ap + (long) p * K * 8;                                                       \
    __global const T* b = Bp + (long) q * K * W;                                                       \
    VT c0 = (VT) 0, c1 = (VT) 0, c2 = (VT) 0, c3 = (VT) 0, c4 = (VT) 0, c5 = (VT) 0, c6 = (VT) 0,        \
       c7 = (VT) 0;                                                                                    \
    for (int k = 0; k < K; k++) {                                                                      \
        const VT bk = VLOAD(0, b + (long) k * W);                                                      \
        __global const T* ak = a + (long) k * 8;                                                       \
        c0 = fma((VT) ak[0], bk, c0);                                                                  \
        c1 = fma((VT) ak[1], bk, c1);                                                                  \
        c2 = fma((VT) ak[2], bk, c2);                                                                  \
        c3 = fma((VT) ak[3], bk, c3);                                                                  \
        c4 = fma((VT) ak[4], bk, c4);                                                                  \
        c5 = fma((VT) ak[5], bk, c5);                                                                  \
        c6 = fma((VT) ak[6], bk, c6);                                                                  \
        c7 = fma((VT) ak[7], bk, c7);                                                                  \
    }                                                                                                  \
    T tile[8 * W];                                                                                     \
    VSTORE(c0, 0, tile); VSTORE(c1, 1, tile); VSTORE(c2, 2, tile); VSTORE(c3, 3, tile);                \
    VSTORE(c4, 4, tile); VSTORE(c5, 5, tile); VSTORE(c6, 6, tile); VSTORE(c7, 7, tile);                \
    const int rows = min(8, M - i0), cols = min(W, N - j0);                                            \
    for (int r = 0; r < rows; r++) {                                                                   \
        __global T* crow = C + (long) (i0 + r) * N + j0;                                               \
        if (cols == W) {                                                                               \
            VT v = (VT) alpha * VLOAD(r, tile);                                                        \
            if (beta != (T) 0) v = fma((VT) beta, VLOAD(0, crow), v);                                  \
            VSTORE(v, 0, crow);                                                                        \
        } else {                                                                                       \
            for (int cc = 0; cc < cols; cc++) {                                                        \
                T v = alpha * tile[r * W + cc];                                                        \
                if (beta != (T) 0) v = fma(beta, crow[cc], v);                                         \
                crow[cc] = v;                                                                          \
            }                                                                                          \
        }                                                                                              \
    }

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
