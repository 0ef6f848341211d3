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

/*
 * Merge sort (the twin of sort.cl's; LaunchPlan chooses it only for CPU-shaped devices, so on CUDA it is never
 * launched by gpu4j, but it is the same entry points and stays correct): merge_sort_T sorts each of
 * P = global size segments (as above) stably on its own, insertion-sorted runs of MRUN keys then bottom-up merges
 * ping-ponging between K and the scratch KT over the same range, ending in K; merge_pass_T merges neighbouring
 * sorted runs of `width` keys (run pairs start at multiples of 2*width) from K into KOUT, every work-item writing
 * one contiguous chunk of the output, found by a binary search of the co-rank in the two runs (merge path). Ties
 * take the left run first: stable, so the result is the one stable order, the radix passes' result. desc != 0
 * sorts in descending signed order. Serial per work-item: meant for CPU-shaped devices, correct on any.
 */
#define MRUN 16
#define BEFORE(a, b) (desc ? (a) > (b) : (a) < (b))
/* stable merge of S[a0, a1) and S[a1, b1) into D[a0, b1) */
#define MERGE_RUNS(S, D, VS, VD, a0, a1, b1, PAIRS) { \
        long long ia_ = (a0), ib_ = (a1), o_ = (a0); \
        while (ia_ < (a1) && ib_ < (b1)) { \
            if (BEFORE(S[ib_], S[ia_])) { D[o_] = S[ib_]; PAIRS(VD[o_] = VS[ib_];) ib_++; } \
            else { D[o_] = S[ia_]; PAIRS(VD[o_] = VS[ia_];) ia_++; } \
            o_++; \
        } \
        while (ia_ < (a1)) { D[o_] = S[ia_]; PAIRS(VD[o_] = VS[ia_];) ia_++; o_++; } \
        while (ib_ < (b1)) { D[o_] = S[ib_]; PAIRS(VD[o_] = VS[ib_];) ib_++; o_++; } \
    }

#define MERGE_SORT(KT_, PAIRS) \
    const long long P = ((long long)gridDim.x * blockDim.x), k = ((long long)blockIdx.x * blockDim.x + threadIdx.x); \
    const long long seg = SEGMENT(n, P), s = k * seg, e = mmin(s + seg, n); \
    if (s >= e) return; \
    for (long long r = s; r < e; r += MRUN) { \
        const long long re = mmin(r + MRUN, e); \
        for (long long i = r + 1; i < re; i++) { \
            const KT_ key = K[i]; PAIRS(const int val = V[i];) \
            long long j = i; \
            while (j > r && BEFORE(key, K[j - 1])) { K[j] = K[j - 1]; PAIRS(V[j] = V[j - 1];) j--; } \
            K[j] = key; PAIRS(V[j] = val;) \
        } \
    } \
    KT_* src = K; KT_* dst = KT; \
    PAIRS(int* vsrc = V; int* vdst = VT;) \
    for (long long w = MRUN; w < e - s; w <<= 1) { \
        for (long long b = s; b < e; b += 2 * w) { \
            const long long m = mmin(b + w, e), be = mmin(b + 2 * w, e); \
            MERGE_RUNS(src, dst, vsrc, vdst, b, m, be, PAIRS) \
        } \
        { KT_* t = src; src = dst; dst = t; } \
        PAIRS({ int* u = vsrc; vsrc = vdst; vdst = u; }) \
    } \
    if (src != K) for (long long i = s; i < e; i++) { K[i] = src[i]; PAIRS(V[i] = vsrc[i];) }

#define MERGE_PASS(PAIRS) \
    const long long Q = ((long long)gridDim.x * blockDim.x), q = ((long long)blockIdx.x * blockDim.x + threadIdx.x); \
    const long long ch = (n + Q - 1) / Q, o0 = q * ch, o1 = mmin(o0 + ch, n); \
    for (long long o = o0; o < o1; ) { \
        const long long b = (o / (2 * width)) * (2 * width), m = mmin(b + width, n), be = mmin(b + 2 * width, n); \
        const long long oe = mmin(o1, be), la = m - b, lb = be - m, d = o - b; \
        long long lo = d > lb ? d - lb : 0, hi = mmin(d, la); \
        while (lo < hi) { \
            const long long c = (lo + hi) / 2, j = d - c; \
            if (j <= 0 || BEFORE(K[m + j - 1], K[b + c])) hi = c; else lo = c + 1; \
        } \
        long long ia = b + lo, ib = m + (d - lo); \
        for (; o < oe; o++) { \
            if (ib < be && (ia >= m || BEFORE(K[ib], K[ia]))) { KOUT[o] = K[ib]; PAIRS(VOUT[o] = V[ib];) ib++; } \
            else { KOUT[o] = K[ia]; PAIRS(VOUT[o] = V[ia];) ia++; } \
        } \
    }

extern "C" __global__ void merge_sort_i32(int* K, int* KT, long long n, int desc) {
    MERGE_SORT(int, WITHOUT)
}

extern "C" __global__ void merge_sort_i64(long long* K, long long* KT, long long n, int desc) {
    MERGE_SORT(long long, WITHOUT)
}

extern "C" __global__ void merge_sort_pairs_i32(int* K, int* KT, int* V, int* VT, long long n, int desc) {
    MERGE_SORT(int, WITH)
}

extern "C" __global__ void merge_sort_pairs_i64(long long* K, long long* KT, int* V, int* VT, long long n, int desc) {
    MERGE_SORT(long long, WITH)
}

extern "C" __global__ void merge_pass_i32(const int* K, int* KOUT, long long n, long long width, int desc) {
    MERGE_PASS(WITHOUT)
}

extern "C" __global__ void merge_pass_i64(const long long* K, long long* KOUT, long long n, long long width, int desc) {
    MERGE_PASS(WITHOUT)
}

extern "C" __global__ void merge_pass_pairs_i32(const int* K, int* KOUT, const int* V, int* VOUT, long long n, long long width, int desc) {
    MERGE_PASS(WITH)
}

extern "C" __global__ void merge_pass_pairs_i64(const long long* K, long long* KOUT, const int* V, int* VOUT, long long n, long long width, int desc) {
    MERGE_PASS(WITH)
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
