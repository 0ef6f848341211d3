/*
 * gpu4j sort kernels (CUDA): the twin of sort.cl (same entry points, same parameters; the design is described
 * there), GPU shape only: 4-bit LSD radix passes over segments of tiles of 256 x 8 keys, per-thread digit counts in
 * shared memory, no atomics. Java twins: org.gpu4j.sort.SortKernels. Hand-written (not generated).
 */
#define WG 256
#define RBITS 4
#define ITEMS 8
#define BINS (1 << RBITS)
#define MASK (BINS - 1)
#define SEGMENT(n, P) (((((n) + (P) - 1) / (P)) + 15) & ~(long long)15)
#define mmin(a, b) ((a) < (b) ? (a) : (b))
#define EW_LOOP(i, n) for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (long long)gridDim.x * blockDim.x)
#define WITH(x) x
#define WITHOUT(x)
typedef unsigned int u32;
typedef unsigned long long u64;

#define RADIX_COUNT(UT) \
    __shared__ u32 cnt[BINS * WG]; \
    __shared__ u32 part[WG]; \
    const long long P = gridDim.x, k = blockIdx.x; \
    const int lid = threadIdx.x; \
    const long long seg = SEGMENT(n, P), s = k * seg, e = mmin(s + seg, n); \
    for (int d = 0; d < BINS; d++) cnt[d * WG + lid] = 0; \
    for (long long i = s + lid; i < e; i += WG) cnt[((int)(((UT)K[i] >> shift) & MASK) ^ flip) * WG + lid]++; \
    __syncthreads(); \
    { const int d = lid / 16, q = lid % 16; u32 t = 0; for (int j = 0; j < 16; j++) t += cnt[d * WG + q * 16 + j]; part[lid] = t; } \
    __syncthreads(); \
    if (lid < BINS) { u32 t = 0; for (int j = 0; j < 16; j++) t += part[lid * 16 + j]; HIST[lid * P + k] = t; }

#define RADIX_SCATTER(KT, UT, PAIRS) \
    __shared__ u32 cnt[BINS * WG]; \
    __shared__ u32 ssum[WG]; \
    __shared__ long long base[BINS]; \
    __shared__ u32 dstart[BINS]; \
    const long long P = gridDim.x, k = blockIdx.x; \
    const int lid = threadIdx.x; \
    const long long seg = SEGMENT(n, P), s = k * seg, e = mmin(s + seg, n); \
    if (lid < BINS) base[lid] = OFF[lid * P + k]; \
    for (long long t0 = s; t0 < e; t0 += WG * ITEMS) { \
        const long long my = t0 + (long long)lid * ITEMS; \
        KT kk[ITEMS]; int dd[ITEMS]; PAIRS(int vv[ITEMS];) \
        for (int d = 0; d < BINS; d++) cnt[d * WG + lid] = 0; \
        _Pragma("unroll") for (int j = 0; j < ITEMS; j++) { \
            const long long i = my + j; \
            if (i < e) { \
                kk[j] = K[i]; PAIRS(vv[j] = V[i];) \
                dd[j] = (int)(((UT)kk[j] >> shift) & MASK) ^ flip; \
                cnt[dd[j] * WG + lid]++; \
            } else dd[j] = -1; \
        } \
        __syncthreads(); \
        u32 sum = 0; \
        for (int q = 0; q < 16; q++) { const u32 v = cnt[lid * 16 + q]; cnt[lid * 16 + q] = sum; sum += v; } \
        ssum[lid] = sum; \
        __syncthreads(); \
        for (int off = 1; off < WG; off <<= 1) { \
            const u32 v = lid >= off ? ssum[lid - off] : 0; \
            __syncthreads(); \
            ssum[lid] += v; \
            __syncthreads(); \
        } \
        { const u32 ex = ssum[lid] - sum; for (int q = 0; q < 16; q++) cnt[lid * 16 + q] += ex; } \
        __syncthreads(); \
        if (lid < BINS) dstart[lid] = cnt[lid * WG]; \
        __syncthreads(); \
        _Pragma("unroll") for (int j = 0; j < ITEMS; j++) { \
            const int d = dd[j]; \
            if (d >= 0) { \
                const long long pos = base[d] + (long long)(cnt[d * WG + lid] - dstart[d]); \
                cnt[d * WG + lid]++; \
                KOUT[pos] = kk[j]; PAIRS(VOUT[pos] = vv[j];) \
            } \
        } \
        __syncthreads(); \
        if (lid < BINS) { \
            const u32 tile = (u32)mmin((long long)(WG * ITEMS), e - t0); \
            base[lid] += (long long)((lid + 1 < BINS ? dstart[lid + 1] : tile) - dstart[lid]); \
        } \
        __syncthreads(); \
    }

extern "C" __global__ void radix_count_i32(const int* K, long long* HIST, long long n, int shift, int flip) {
    RADIX_COUNT(u32)
}

extern "C" __global__ void radix_count_i64(const long long* K, long long* HIST, long long n, int shift, int flip) {
    RADIX_COUNT(u64)
}

extern "C" __global__ void radix_scatter_i32(const int* K, int* KOUT, const long long* OFF, long long n, int shift, int flip) {
    RADIX_SCATTER(int, u32, WITHOUT)
}

extern "C" __global__ void radix_scatter_i64(const long long* K, long long* KOUT, const long long* OFF, long long n, int shift, int flip) {
    RADIX_SCATTER(long long, u64, WITHOUT)
}

extern "C" __global__ void radix_pairs_i32(const int* K, int* KOUT, const int* V, int* VOUT, const long long* OFF, long long n, int shift, int flip) {
    RADIX_SCATTER(int, u32, WITH)
}

extern "C" __global__ void radix_pairs_i64(const long long* K, long long* KOUT, const int* V, int* VOUT, const long long* OFF, long long n, int shift, int flip) {
    RADIX_SCATTER(long long, u64, WITH)
}

static __device__ __forceinline__ int enc_f32(const float x) { const int b = __float_as_int(x); return isnan(x) ? 0x7fffffff : (b < 0 ? b ^ 0x7fffffff : b); }
static __device__ __forceinline__ float dec_f32(const int k) { return __int_as_float(k == 0x7fffffff ? 0x7fc00000 : (k < 0 ? k ^ 0x7fffffff : k)); }
static __device__ __forceinline__ long long enc_f64(const double x) { const long long b = __double_as_longlong(x); return isnan(x) ? 0x7fffffffffffffffLL : (b < 0 ? b ^ 0x7fffffffffffffffLL : b); }
static __device__ __forceinline__ double dec_f64(const long long k) { return __longlong_as_double(k == 0x7fffffffffffffffLL ? 0x7ff8000000000000LL : (k < 0 ? k ^ 0x7fffffffffffffffLL : k)); }

extern "C" __global__ void sort_encode_f32(const float* X, int* K, long long n) {
    EW_LOOP(i, n) K[i] = enc_f32(X[i]);
}

extern "C" __global__ void sort_decode_f32(const int* K, float* X, long long n) {
    EW_LOOP(i, n) X[i] = dec_f32(K[i]);
}

extern "C" __global__ void sort_encode_f64(const double* X, long long* K, long long n) {
    EW_LOOP(i, n) K[i] = enc_f64(X[i]);
}

extern "C" __global__ void sort_decode_f64(const long long* K, double* X, long long n) {
    EW_LOOP(i, n) X[i] = dec_f64(K[i]);
}

extern "C" __global__ void sort_iota_i32(int* V, long long n) {
    EW_LOOP(i, n) V[i] = (int)i;
}

extern "C" __global__ void sort_widen_i64(const int* X, long long* OUT, long long n) {
    EW_LOOP(i, n) OUT[i] = (long long)X[i];
}

extern "C" __global__ void sort_gather_f32(const float* X, const int* PERM, float* OUT, long long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

extern "C" __global__ void sort_gather_f64(const double* X, const int* PERM, double* OUT, long long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

extern "C" __global__ void sort_gather_i32(const int* X, const int* PERM, int* OUT, long long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

extern "C" __global__ void sort_gather_i64(const long long* X, const int* PERM, long long* OUT, long long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

extern "C" __global__ void unique_flags_f32(const float* X, int* FLAGS, long long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || enc_f32(X[i]) != enc_f32(X[i - 1])) ? 1 : 0;
}

extern "C" __global__ void unique_flags_f64(const double* X, int* FLAGS, long long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || enc_f64(X[i]) != enc_f64(X[i - 1])) ? 1 : 0;
}

extern "C" __global__ void unique_flags_i32(const int* X, int* FLAGS, long long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || X[i] != X[i - 1]) ? 1 : 0;
}

extern "C" __global__ void unique_flags_i64(const long long* X, int* FLAGS, long long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || X[i] != X[i - 1]) ? 1 : 0;
}

extern "C" __global__ void compact_f32(const float* X, const int* FLAGS, const int* OFFS, float* OUT, long long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}

extern "C" __global__ void compact_f64(const double* X, const int* FLAGS, const int* OFFS, double* OUT, long long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}

extern "C" __global__ void compact_i32(const int* X, const int* FLAGS, const int* OFFS, int* OUT, long long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}

extern "C" __global__ void compact_i64(const long long* X, const int* FLAGS, const int* OFFS, long long* OUT, long long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}
