/*
 * gpu4j sort kernels (OpenCL C): LSD radix sort passes, the order-preserving encodings of float and double keys,
 * and the scatter steps of the scan-built algorithms (copyIf, partition, unique). The .cu twin has the same entry
 * points; the Java twins are in org.gpu4j.sort.SortKernels. Hand-written (not generated).
 *
 * Radix sort. Keys are int or long bit patterns ordered as signed integers; float and double keys are first encoded
 * (sort_encode_f32/f64) into ints/longs in that order, with every NaN one key above +Inf. A pass sorts stably by
 * the digit ((unsigned)key >> shift) & MASK, XOR flip: the host sets flip to the sign bit of the top digit (signed
 * order) and to MASK for descending sorts. The data is cut into P segments (segment k: [k*seg, min((k+1)*seg, n)),
 * seg = ceil(n/P) rounded up to 16, as in scan.cl); radix_count_T writes HIST[d*P + k], the count of digit d in
 * segment k; the host turns HIST into exclusive offsets with the scan kernels (digit-major, so the offsets keep the
 * segments in order: stable); radix_scatter_T moves each key (and value) to its offset.
 * CPU shape (-DGPU4J_CPU, PoCL): 8-bit digits, one segment per work-item, counts and offsets in private arrays:
 * a plain serial LSD pass per segment. GPU shape: 4-bit digits, one segment per work-group of 256, in tiles of
 * 256 x 8 keys: per-thread digit counts in local memory, a scan of the 16 x 256 counts (digit-major) gives each key
 * its rank inside the tile, and the running digit bases carry from tile to tile. No atomics anywhere: the result is
 * the one stable order on every device.
 */
#if defined(cl_khr_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#elif defined(__opencl_c_fp64)
#define GPU4J_FP64 1
#endif
#define WG 256
#define SEGMENT(n, P) (((((n) + (P) - 1) / (P)) + 15) & ~(long)15)
#ifdef GPU4J_CPU
#define RBITS 8
#define EW_LOOP(i, n) const long gs_ = (long)get_global_size(0), ch_ = SEGMENT(n, gs_), s_ = (long)get_global_id(0) * ch_, e_ = min(s_ + ch_, (long)(n)); for (long i = s_; i < e_; i++)
#else
#define RBITS 4
#define ITEMS 8
#define EW_LOOP(i, n) for (long i = (long)get_global_id(0); i < (n); i += (long)get_global_size(0))
#endif
#define BINS (1 << RBITS)
#define MASK (BINS - 1)
#define WITH(x) x
#define WITHOUT(x)

#ifdef GPU4J_CPU
#define RADIX_COUNT(UT) \
    const long P = (long)get_global_size(0), k = (long)get_global_id(0); \
    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n); \
    uint c[BINS]; \
    for (int d = 0; d < BINS; d++) c[d] = 0; \
    for (long i = s; i < e; i++) c[(int)(((UT)K[i] >> shift) & MASK) ^ flip]++; \
    for (int d = 0; d < BINS; d++) HIST[d * P + k] = c[d];

#define RADIX_SCATTER(KT, UT, PAIRS) \
    const long P = (long)get_global_size(0), k = (long)get_global_id(0); \
    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n); \
    if (s >= e) return; \
    long o[BINS]; \
    for (int d = 0; d < BINS; d++) o[d] = OFF[d * P + k]; \
    for (long i = s; i < e; i++) { \
        const KT key = K[i]; \
        const long pos = o[(int)(((UT)key >> shift) & MASK) ^ flip]++; \
        KOUT[pos] = key; PAIRS(VOUT[pos] = V[i];) \
    }
#else
/* counts: cnt[d*WG + lid] per thread, then 16 partial sums per digit, then one per digit (BINS * 16 == WG) */
#define RADIX_COUNT(UT) \
    __local uint cnt[BINS * WG]; \
    __local uint part[WG]; \
    const long P = (long)get_num_groups(0), k = (long)get_group_id(0); \
    const int lid = (int)get_local_id(0); \
    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n); \
    for (int d = 0; d < BINS; d++) cnt[d * WG + lid] = 0; \
    for (long i = s + lid; i < e; i += WG) cnt[((int)(((UT)K[i] >> shift) & MASK) ^ flip) * WG + lid]++; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    { const int d = lid / 16, q = lid % 16; uint t = 0; for (int j = 0; j < 16; j++) t += cnt[d * WG + q * 16 + j]; part[lid] = t; } \
    barrier(CLK_LOCAL_MEM_FENCE); \
    if (lid < BINS) { uint t = 0; for (int j = 0; j < 16; j++) t += part[lid * 16 + j]; HIST[lid * P + k] = t; }

#define RADIX_SCATTER(KT, UT, PAIRS) \
    __local uint cnt[BINS * WG]; \
    __local uint ssum[WG]; \
    __local long base[BINS]; \
    __local uint dstart[BINS]; \
    const long P = (long)get_num_groups(0), k = (long)get_group_id(0); \
    const int lid = (int)get_local_id(0); \
    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n); \
    if (lid < BINS) base[lid] = OFF[lid * P + k]; \
    for (long t0 = s; t0 < e; t0 += WG * ITEMS) { \
        const long my = t0 + (long)lid * ITEMS; \
        KT kk[ITEMS]; int dd[ITEMS]; PAIRS(int vv[ITEMS];) \
        for (int d = 0; d < BINS; d++) cnt[d * WG + lid] = 0; \
        for (int j = 0; j < ITEMS; j++) { \
            const long i = my + j; \
            if (i < e) { \
                kk[j] = K[i]; PAIRS(vv[j] = V[i];) \
                dd[j] = (int)(((UT)kk[j] >> shift) & MASK) ^ flip; \
                cnt[dd[j] * WG + lid]++; \
            } else dd[j] = -1; \
        } \
        barrier(CLK_LOCAL_MEM_FENCE); \
        uint sum = 0; \
        for (int q = 0; q < 16; q++) { const uint v = cnt[lid * 16 + q]; cnt[lid * 16 + q] = sum; sum += v; } \
        ssum[lid] = sum; \
        barrier(CLK_LOCAL_MEM_FENCE); \
        for (int off = 1; off < WG; off <<= 1) { \
            const uint v = lid >= off ? ssum[lid - off] : 0; \
            barrier(CLK_LOCAL_MEM_FENCE); \
            ssum[lid] += v; \
            barrier(CLK_LOCAL_MEM_FENCE); \
        } \
        { const uint ex = ssum[lid] - sum; for (int q = 0; q < 16; q++) cnt[lid * 16 + q] += ex; } \
        barrier(CLK_LOCAL_MEM_FENCE); \
        if (lid < BINS) dstart[lid] = cnt[lid * WG]; \
        barrier(CLK_LOCAL_MEM_FENCE); \
        for (int j = 0; j < ITEMS; j++) { \
            const int d = dd[j]; \
            if (d >= 0) { \
                const long pos = base[d] + (long)(cnt[d * WG + lid] - dstart[d]); \
                cnt[d * WG + lid]++; \
                KOUT[pos] = kk[j]; PAIRS(VOUT[pos] = vv[j];) \
            } \
        } \
        barrier(CLK_LOCAL_MEM_FENCE); \
        if (lid < BINS) { \
            const uint tile = (uint)min((long)(WG * ITEMS), e - t0); \
            base[lid] += (long)((lid + 1 < BINS ? dstart[lid + 1] : tile) - dstart[lid]); \
        } \
        barrier(CLK_LOCAL_MEM_FENCE); \
    }
#endif

__kernel void radix_count_i32(__global const int* K, __global long* HIST, long n, int shift, int flip) {
    RADIX_COUNT(uint)
}

__kernel void radix_count_i64(__global const long* K, __global long* HIST, long n, int shift, int flip) {
    RADIX_COUNT(ulong)
}

__kernel void radix_scatter_i32(__global const int* K, __global int* KOUT, __global const long* OFF, long n, int shift, int flip) {
    RADIX_SCATTER(int, uint, WITHOUT)
}

__kernel void radix_scatter_i64(__global const long* K, __global long* KOUT, __global const long* OFF, long n, int shift, int flip) {
    RADIX_SCATTER(long, ulong, WITHOUT)
}

__kernel void radix_pairs_i32(__global const int* K, __global int* KOUT, __global const int* V, __global int* VOUT, __global const long* OFF, long n, int shift, int flip) {
    RADIX_SCATTER(int, uint, WITH)
}

__kernel void radix_pairs_i64(__global const long* K, __global long* KOUT, __global const int* V, __global int* VOUT, __global const long* OFF, long n, int shift, int flip) {
    RADIX_SCATTER(long, ulong, WITH)
}

/*
 * Merge sort, the CPU-shaped alternative to the radix passes (LaunchPlan.sortMethod): merge_sort_T sorts each of
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
        long ia_ = (a0), ib_ = (a1), o_ = (a0); \
        while (ia_ < (a1) && ib_ < (b1)) { \
            if (BEFORE(S[ib_], S[ia_])) { D[o_] = S[ib_]; PAIRS(VD[o_] = VS[ib_];) ib_++; } \
            else { D[o_] = S[ia_]; PAIRS(VD[o_] = VS[ia_];) ia_++; } \
            o_++; \
        } \
        while (ia_ < (a1)) { D[o_] = S[ia_]; PAIRS(VD[o_] = VS[ia_];) ia_++; o_++; } \
        while (ib_ < (b1)) { D[o_] = S[ib_]; PAIRS(VD[o_] = VS[ib_];) ib_++; o_++; } \
    }

#define MERGE_SORT(KT_, PAIRS) \
    const long P = (long)get_global_size(0), k = (long)get_global_id(0); \
    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n); \
    if (s >= e) return; \
    for (long r = s; r < e; r += MRUN) { \
        const long re = min(r + MRUN, e); \
        for (long i = r + 1; i < re; i++) { \
            const KT_ key = K[i]; PAIRS(const int val = V[i];) \
            long j = i; \
            while (j > r && BEFORE(key, K[j - 1])) { K[j] = K[j - 1]; PAIRS(V[j] = V[j - 1];) j--; } \
            K[j] = key; PAIRS(V[j] = val;) \
        } \
    } \
    __global KT_* src = K; __global KT_* dst = KT; \
    PAIRS(__global int* vsrc = V; __global int* vdst = VT;) \
    for (long w = MRUN; w < e - s; w <<= 1) { \
        for (long b = s; b < e; b += 2 * w) { \
            const long m = min(b + w, e), be = min(b + 2 * w, e); \
            MERGE_RUNS(src, dst, vsrc, vdst, b, m, be, PAIRS) \
        } \
        { __global KT_* t = src; src = dst; dst = t; } \
        PAIRS({ __global int* u = vsrc; vsrc = vdst; vdst = u; }) \
    } \
    if (src != K) for (long i = s; i < e; i++) { K[i] = src[i]; PAIRS(V[i] = vsrc[i];) }

#define MERGE_PASS(PAIRS) \
    const long Q = (long)get_global_size(0), q = (long)get_global_id(0); \
    const long ch = (n + Q - 1) / Q, o0 = q * ch, o1 = min(o0 + ch, n); \
    for (long o = o0; o < o1; ) { \
        const long b = (o / (2 * width)) * (2 * width), m = min(b + width, n), be = min(b + 2 * width, n); \
        const long oe = min(o1, be), la = m - b, lb = be - m, d = o - b; \
        long lo = d > lb ? d - lb : 0, hi = min(d, la); \
        while (lo < hi) { \
            const long c = (lo + hi) / 2, j = d - c; \
            if (j <= 0 || BEFORE(K[m + j - 1], K[b + c])) hi = c; else lo = c + 1; \
        } \
        long ia = b + lo, ib = m + (d - lo); \
        for (; o < oe; o++) { \
            if (ib < be && (ia >= m || BEFORE(K[ib], K[ia]))) { KOUT[o] = K[ib]; PAIRS(VOUT[o] = V[ib];) ib++; } \
            else { KOUT[o] = K[ia]; PAIRS(VOUT[o] = V[ia];) ia++; } \
        } \
    }

__kernel void merge_sort_i32(__global int* K, __global int* KT, long n, int desc) {
    MERGE_SORT(int, WITHOUT)
}

__kernel void merge_sort_i64(__global long* K, __global long* KT, long n, int desc) {
    MERGE_SORT(long, WITHOUT)
}

__kernel void merge_sort_pairs_i32(__global int* K, __global int* KT, __global int* V, __global int* VT, long n, int desc) {
    MERGE_SORT(int, WITH)
}

__kernel void merge_sort_pairs_i64(__global long* K, __global long* KT, __global int* V, __global int* VT, long n, int desc) {
    MERGE_SORT(long, WITH)
}

__kernel void merge_pass_i32(__global const int* K, __global int* KOUT, long n, long width, int desc) {
    MERGE_PASS(WITHOUT)
}

__kernel void merge_pass_i64(__global const long* K, __global long* KOUT, long n, long width, int desc) {
    MERGE_PASS(WITHOUT)
}

__kernel void merge_pass_pairs_i32(__global const int* K, __global int* KOUT, __global const int* V, __global int* VOUT, long n, long width, int desc) {
    MERGE_PASS(WITH)
}

__kernel void merge_pass_pairs_i64(__global const long* K, __global long* KOUT, __global const int* V, __global int* VOUT, long n, long width, int desc) {
    MERGE_PASS(WITH)
}

/* float -> int in signed-int order of Float.compare (-0.0 < 0.0), every NaN -> INT_MAX (above +Inf) */
static inline int enc_f32(const float x) { const int b = as_int(x); return isnan(x) ? 0x7fffffff : (b < 0 ? b ^ 0x7fffffff : b); }
static inline float dec_f32(const int k) { return as_float(k == 0x7fffffff ? 0x7fc00000 : (k < 0 ? k ^ 0x7fffffff : k)); }

__kernel void sort_encode_f32(__global const float* X, __global int* K, long n) {
    EW_LOOP(i, n) K[i] = enc_f32(X[i]);
}

__kernel void sort_decode_f32(__global const int* K, __global float* X, long n) {
    EW_LOOP(i, n) X[i] = dec_f32(K[i]);
}

__kernel void sort_iota_i32(__global int* V, long n) {
    EW_LOOP(i, n) V[i] = (int)i;
}

__kernel void sort_widen_i64(__global const int* X, __global long* OUT, long n) {
    EW_LOOP(i, n) OUT[i] = (long)X[i];
}

__kernel void sort_gather_f32(__global const float* X, __global const int* PERM, __global float* OUT, long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

__kernel void sort_gather_i32(__global const int* X, __global const int* PERM, __global int* OUT, long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

__kernel void sort_gather_i64(__global const long* X, __global const int* PERM, __global long* OUT, long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

/* unique: FLAGS[i] = 1 where X[i] starts a run of keys equal in the sort's order (NaNs equal, -0.0 != 0.0) */
__kernel void unique_flags_f32(__global const float* X, __global int* FLAGS, long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || enc_f32(X[i]) != enc_f32(X[i - 1])) ? 1 : 0;
}

__kernel void unique_flags_i32(__global const int* X, __global int* FLAGS, long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || X[i] != X[i - 1]) ? 1 : 0;
}

__kernel void unique_flags_i64(__global const long* X, __global int* FLAGS, long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || X[i] != X[i - 1]) ? 1 : 0;
}

/*
 * Compaction: OFFS is the exclusive scan of FLAGS, count the number of flagged elements. A flagged element goes to
 * OUT[OFFS[i]]; with partition != 0 an unflagged one goes to OUT[count + i - OFFS[i]] (stable on both sides).
 */
__kernel void compact_f32(__global const float* X, __global const int* FLAGS, __global const int* OFFS, __global float* OUT, long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}

__kernel void compact_i32(__global const int* X, __global const int* FLAGS, __global const int* OFFS, __global int* OUT, long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}

__kernel void compact_i64(__global const long* X, __global const int* FLAGS, __global const int* OFFS, __global long* OUT, long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}

#ifdef GPU4J_FP64
static inline long enc_f64(const double x) { const long b = as_long(x); return isnan(x) ? 0x7fffffffffffffffL : (b < 0 ? b ^ 0x7fffffffffffffffL : b); }
static inline double dec_f64(const long k) { return as_double(k == 0x7fffffffffffffffL ? 0x7ff8000000000000L : (k < 0 ? k ^ 0x7fffffffffffffffL : k)); }

__kernel void sort_encode_f64(__global const double* X, __global long* K, long n) {
    EW_LOOP(i, n) K[i] = enc_f64(X[i]);
}

__kernel void sort_decode_f64(__global const long* K, __global double* X, long n) {
    EW_LOOP(i, n) X[i] = dec_f64(K[i]);
}

__kernel void sort_gather_f64(__global const double* X, __global const int* PERM, __global double* OUT, long n) {
    EW_LOOP(i, n) OUT[i] = X[PERM[i]];
}

__kernel void unique_flags_f64(__global const double* X, __global int* FLAGS, long n) {
    EW_LOOP(i, n) FLAGS[i] = (i == 0 || enc_f64(X[i]) != enc_f64(X[i - 1])) ? 1 : 0;
}

__kernel void compact_f64(__global const double* X, __global const int* FLAGS, __global const int* OFFS, __global double* OUT, long n, int count, int partition) {
    EW_LOOP(i, n) { if (FLAGS[i]) OUT[OFFS[i]] = X[i]; else if (partition) OUT[count + i - OFFS[i]] = X[i]; }
}
#endif
