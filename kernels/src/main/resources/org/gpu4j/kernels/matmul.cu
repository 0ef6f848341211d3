/*
 * matmul.cu — the CUDA twin of matmul.cl: GEMM  C = alpha * op(A) * op(B) + beta * C, row-major, op via
 * transA/transB; C is M x N, op(A) M x K, op(B) K x N. beta == 0 means C is not read. i64 computes in unsigned
 * arithmetic so overflow wraps like Java's long.
 *
 * GPU design (gemm_f32/_f64/_i64, the kernels used on NVIDIA GPUs): 16x16 threads per block compute a 64x64 tile
 * of C, each thread a 4x4 register block (rows ty+16i, cols tx+16j: coalesced stores). Per 16-deep step the block
 * stages op(A) 64x16 and op(B) 16x64 in shared memory (padded by one column), with coalesced loads for either
 * transpose flag and zero fill outside the matrix; stores are bounds-checked. Any M, N, K: blocks loop over row
 * tiles with the stride of the y grid (at most 65,535 blocks, LaunchPlan.rowBlocks).
 *
 * gemm_pack_* / gemm_packed_*: the CPU-shaped path of matmul.cl (14-row A panels, W-column B panels with W = 32 floats
 * or 16 doubles, packing launched over (K, panels), a 14 x W block per thread), kept here with identical semantics so
 * every entry point exists in both dialects; NVIDIA GPUs run gemm_* instead.
 */

#define TS 64
#define GEMM_MR 14
#define TK 16

template <typename T, typename U>
__device__ void gemm_tiled(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                           int M, int N, int K, int transA, int transB, T alpha, T beta) {
    __shared__ T As[TK][TS + 1];
    __shared__ T Bs[TK][TS + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int tid = ty * 16 + tx;
    const int col0 = blockIdx.x * TS;
    // row tiles grid-stride over y: CUDA's grid has at most 65,535 blocks in y
    for (int rt = blockIdx.y; rt <= (M - 1) / TS; rt += gridDim.y) {
    const int row0 = rt * TS;
    U acc[4][4];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 4; j++) acc[i][j] = (U) 0;
    for (int k0 = 0; k0 < K; k0 += TK) {
#pragma unroll
        for (int l = 0; l < 4; l++) {
            const int e = tid + l * 256;
            int r, kk;
            if (transA) { r = e % TS; kk = e / TS; } else { kk = e % TK; r = e / TK; }
            const int gi = row0 + r, gk = k0 + kk;
            T v = (T) 0;
            if (gi < M && gk < K) v = transA ? A[(long long) gk * M + gi] : A[(long long) gi * K + gk];
            As[kk][r] = v;
            int c;
            if (transB) { kk = e % TK; c = e / TK; } else { c = e % TS; kk = e / TS; }
            const int gj = col0 + c, gk2 = k0 + kk;
            T w = (T) 0;
            if (gj < N && gk2 < K) w = transB ? B[(long long) gj * K + gk2] : B[(long long) gk2 * N + gj];
            Bs[kk][c] = w;
        }
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < TK; kk++) {
            U a[4], b[4];
#pragma unroll
            for (int i = 0; i < 4; i++) a[i] = (U) As[kk][ty + 16 * i];
#pragma unroll
            for (int j = 0; j < 4; j++) b[j] = (U) Bs[kk][tx + 16 * j];
#pragma unroll
            for (int i = 0; i < 4; i++)
#pragma unroll
                for (int j = 0; j < 4; j++) acc[i][j] += a[i] * b[j];
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < 4; i++) {
        const int gi = row0 + ty + 16 * i;
        if (gi >= M) break;
#pragma unroll
        for (int j = 0; j < 4; j++) {
            const int gj = col0 + tx + 16 * j;
            if (gj >= N) break;
            const long long o = (long long) gi * N + gj;
            U v = (U) alpha * acc[i][j];
            if (beta != (T) 0) v += (U) beta * (U) C[o];
            C[o] = (T) v;
        }
    }
    }
}

extern "C" __global__ void gemm_f32(const float* A, const float* B, float* C,
                                    int M, int N, int K, int transA, int transB, float alpha, float beta) {
    gemm_tiled<float, float>(A, B, C, M, N, K, transA, transB, alpha, beta);
}

extern "C" __global__ void gemm_f64(const double* A, const double* B, double* C,
                                    int M, int N, int K, int transA, int transB, double alpha, double beta) {
    gemm_tiled<double, double>(A, B, C, M, N, K, transA, transB, alpha, beta);
}

extern "C" __global__ void gemm_i64(const long long* A, const long long* B, long long* C,
                                    int M, int N, int K, int transA, int transB, long long alpha, long long beta) {
    gemm_tiled<long long, unsigned long long>(A, B, C, M, N, K, transA, transB, alpha, beta);
}

/* ---- CPU-shaped path (same semantics as matmul.cl). */

template <typename T>
__device__ void pack_a(const T* A, T* Ap, int M, int K, int transA) {
    const int k = blockIdx.x * blockDim.x + threadIdx.x, p = blockIdx.y * blockDim.y + threadIdx.y;
    if (k >= K || p >= (M + GEMM_MR - 1) / GEMM_MR) return;
    T* dst = Ap + ((long long) p * K + k) * GEMM_MR;
    for (int r = 0; r < GEMM_MR; r++) {
        const int i = p * GEMM_MR + r;
        dst[r] = i < M ? (transA ? A[(long long) k * M + i] : A[(long long) i * K + k]) : (T) 0;
    }
}

template <typename T>
__device__ void pack_b(const T* B, T* Bp, int K, int N, int transB, int W) {
    const int k = blockIdx.x * blockDim.x + threadIdx.x, q = blockIdx.y * blockDim.y + threadIdx.y;
    if (k >= K || q >= (N + W - 1) / W) return;
    T* dst = Bp + ((long long) q * K + k) * W;
    for (int c = 0; c < W; c++) {
        const int j = q * W + c;
        dst[c] = j < N ? (transB ? B[(long long) j * K + k] : B[(long long) k * N + j]) : (T) 0;
    }
}

template <typename T, int W>
__device__ void packed(const T* Ap, const T* Bp, T* C, int M, int N, int K, T alpha, T beta) {
    const int q = blockIdx.x * blockDim.x + threadIdx.x, p = blockIdx.y * blockDim.y + threadIdx.y;
    const int i0 = p * GEMM_MR, j0 = q * W;
    if (i0 >= M || j0 >= N) return;
    const T* a = Ap + (long long) p * K * GEMM_MR;
    const T* b = Bp + (long long) q * K * W;
    T acc[GEMM_MR][W];
#pragma unroll
    for (int r = 0; r < GEMM_MR; r++)
#pragma unroll
        for (int c = 0; c < W; c++) acc[r][c] = (T) 0;
    for (int k = 0; k < K; k++) {
#pragma unroll
        for (int r = 0; r < GEMM_MR; r++) {
            const T ar = a[(long long) k * GEMM_MR + r];
#pragma unroll
            for (int c = 0; c < W; c++) acc[r][c] = fma(ar, b[(long long) k * W + c], acc[r][c]);
        }
    }
    const int rows = min(GEMM_MR, M - i0), cols = min(W, N - j0);
    for (int r = 0; r < rows; r++) {
        T* crow = C + (long long) (i0 + r) * N + j0;
        for (int c = 0; c < cols; c++) {
            T v = alpha * acc[r][c];
            if (beta != (T) 0) v = fma(beta, crow[c], v);
            crow[c] = v;
        }
    }
}

extern "C" __global__ void gemm_pack_a_f32(const float* A, float* Ap, int M, int K, int transA) {
    pack_a<float>(A, Ap, M, K, transA);
}

extern "C" __global__ void gemm_pack_b_f32(const float* B, float* Bp, int K, int N, int transB, int W) {
    pack_b<float>(B, Bp, K, N, transB, W);
}

extern "C" __global__ void gemm_pack_a_f64(const double* A, double* Ap, int M, int K, int transA) {
    pack_a<double>(A, Ap, M, K, transA);
}

extern "C" __global__ void gemm_pack_b_f64(const double* B, double* Bp, int K, int N, int transB, int W) {
    pack_b<double>(B, Bp, K, N, transB, W);
}

extern "C" __global__ void gemm_packed_f32(const float* Ap, const float* Bp, float* C,
                                           int M, int N, int K, float alpha, float beta) {
    packed<float, 32>(Ap, Bp, C, M, N, K, alpha, beta);
}

extern "C" __global__ void gemm_packed_f64(const double* Ap, const double* Bp, double* C,
                                           int M, int N, int K, double alpha, double beta) {
    packed<double, 16>(Ap, Bp, C, M, N, K, alpha, beta);
}
