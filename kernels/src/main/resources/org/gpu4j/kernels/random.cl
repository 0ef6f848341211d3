/*
 * gpu4j random numbers: counter-based Philox4x32-10 (Salmon, Moraes, Dror, Shaw, SC'11). Twin of random.cu and of
 * the Java code in org.gpu4j.random (Philox, RandomMath, RandomKernels); the three compute the same bits.
 *
 * Streams. Element k of a distribution under seed s is computed from Philox block k / E (E elements per block) of the
 * counter (lo32(block), hi32(block), stream, 0) with key (lo32(s), hi32(s)), slot k % E; nothing else. So any
 * launch geometry, slice or split over launches writes the same values. Every fill kernel takes
 * (out, start, k0, k1, params..., n) and writes out[i] = element start + i, i < n.
 *
 * Shapes. Built with -DGPU4J_CPU (OpenCL CPU devices such as PoCL) each work-item takes one contiguous run of
 * blocks; otherwise a grid-stride loop over blocks, consecutive work-items on consecutive blocks.
 *
 * Bit-identical normals and exponentials. log, sqrt (float) and sin/cos are gpu4j's own (RandomMath.java), built
 * from +, -, *, fma, integer and bit operations only, in the same order as the Java code; FP contraction is off so
 * the compiler cannot fuse a*b+c into an fma the Java code does not have. Constants: kernels/src/gen/random_math.py.
 */
#pragma OPENCL FP_CONTRACT OFF
#if defined(cl_khr_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#elif defined(__opencl_c_fp64)
#define GPU4J_FP64 1
#endif

/* Forced inlining: with a block function called from more than one place (the fill loop and its partial first and
 * last blocks) PoCL's LLVM stops inlining it, and the fill loop, no longer vectorised, runs about 3x slower. */
#define INLINE static inline __attribute__((always_inline))

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

#define MULF(a, b) ((a) * (b))
#define SUBF(a, b) ((a) - (b))
#define FMAF(a, b, c) fma((a), (b), (c))
#define MULD(a, b) ((a) * (b))
#define SUBD(a, b) ((a) - (b))
#define FMAD(a, b, c) fma((a), (b), (c))


/* ------------------------------------------------------------------------------------------------ Philox4x32 */

/* One round: the 64-bit products, not mul_hi (PoCL compiles mul_hi(uint) to code about 7x slower per block). */
#define PHILOX_ROUND(c, k0, k1) { \
    const ulong p0_ = (ulong)PHILOX_M0 * (c).x, p1_ = (ulong)PHILOX_M1 * (c).z; \
    (c) = (uint4)((uint)(p1_ >> 32) ^ (c).y ^ (k0), (uint)p1_, (uint)(p0_ >> 32) ^ (c).w ^ (k1), (uint)p0_); }
#define PHILOX_BUMP(k0, k1) { (k0) += PHILOX_W0; (k1) += PHILOX_W1; }

/* Philox4x32 with any number of rounds (the known-answer kernel). */
INLINE uint4 philox4x32(uint4 c, uint k0, uint k1, int rounds) {
    for (int r = 0; r < rounds; r++) {
        if (r > 0) PHILOX_BUMP(k0, k1)
        PHILOX_ROUND(c, k0, k1)
    }
    return c;
}

/* Philox4x32-10 written out: a loop here keeps PoCL from vectorising the fill loops across blocks (5x slower). */
INLINE uint4 philox4x32_10(uint4 c, uint k0, uint k1) {
    PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1) PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1)
    PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1) PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1)
    PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1) PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1)
    PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1) PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1)
    PHILOX_ROUND(c, k0, k1) PHILOX_BUMP(k0, k1) PHILOX_ROUND(c, k0, k1)
    return c;
}

/* Block b of stream `stream` under key (k0, k1): Philox4x32-10 of the counter (lo32(b), hi32(b), stream, 0). */
INLINE uint4 philox_block(long b, uint stream, int k0, int k1) {
    return philox4x32_10((uint4)((uint)b, (uint)((ulong)b >> 32), stream, 0u), (uint)k0, (uint)k1);
}

/* philox4x32_kat(ctr[4n], key[2n], out[4n], rounds, n): the known-answer check of the block function. */
__kernel void philox4x32_kat(__global const int* ctr, __global const int* key, __global int* out, int rounds, long n) {
    for (long t = (long)get_global_id(0); t < n; t += (long)get_global_size(0)) {
        const uint4 c = (uint4)((uint)ctr[4 * t], (uint)ctr[4 * t + 1], (uint)ctr[4 * t + 2], (uint)ctr[4 * t + 3]);
        /* ten rounds through the same function as the fills */
        const uint4 x = rounds == 10 ? philox4x32_10(c, (uint)key[2 * t], (uint)key[2 * t + 1])
                                     : philox4x32(c, (uint)key[2 * t], (uint)key[2 * t + 1], rounds);
        out[4 * t] = (int)x.x; out[4 * t + 1] = (int)x.y; out[4 * t + 2] = (int)x.z; out[4 * t + 3] = (int)x.w;
    }
}

/* ------------------------------------------------------------------------------------------------ own math, float */

#define LN2_HI_F 0x1.62e4p-1f
#define LN2_LO_F 0x1.7f7d1cp-20f

INLINE float ln_f32(float x) {
    const int b = as_int(x);
    int e = (b >> 23) - 127;
    const int mb = b & 0x7fffff;
    const int big = mb > 0x3504f3;                 /* mantissa above sqrt(2): use m/2 */
    const float m = as_float(mb | (big ? 0x3f000000 : 0x3f800000));
    e += big;
    const float f = SUBF(m, 1.0f);
    float r = 0x1.15425cp-4f;
    r = FMAF(r, f, -0x1.d962f2p-4f);
    r = FMAF(r, f, 0x1.e3d33ap-4f);
    r = FMAF(r, f, -0x1.fcc1aep-4f);
    r = FMAF(r, f, 0x1.237a56p-3f);
    r = FMAF(r, f, -0x1.5559e6p-3f);
    r = FMAF(r, f, 0x1.99a130p-3f);
    r = FMAF(r, f, -0x1.000008p-2f);
    r = FMAF(r, f, 0x1.55554ep-2f);
    r = FMAF(r, f, -0x1.000000p-1f);
    const float p = FMAF(f, MULF(f, r), f);
    const float ef = (float)e;
    return FMAF(ef, LN2_HI_F, FMAF(ef, LN2_LO_F, p));
}

INLINE float sqrt_f32(float x) {
    float y = as_float(0x5f3759df - (as_int(x) >> 1));
    const float h = MULF(0.5f, x);
    y = MULF(y, FMAF(MULF(-h, y), y, 1.5f));
    y = MULF(y, FMAF(MULF(-h, y), y, 1.5f));
    const float s = MULF(x, y);
    return FMAF(MULF(0.5f, y), FMAF(-s, s, x), s);
}

/* cos and sin of 2*pi*(w >> 8)*2^-24: quadrant from the top two bits, exact reduction to [0, 1/2] of a quadrant. */
INLINE float2 cos_sin_turn_f32(uint w) {
    const uint q = w >> 30;
    const int f22 = (int)((w >> 8) & 0x3fffffu);
    const int refl = f22 > 0x200000;
    const int r = refl ? 0x400000 - f22 : f22;
    const float x = MULF((float)r, 0x1p-22f);
    const float y = MULF(x, x);
    float sp = -0x1.2d9b40p-8f;
    sp = FMAF(sp, y, 0x1.465ec4p-4f);
    sp = FMAF(sp, y, -0x1.4abbbap-1f);
    sp = FMAF(sp, y, 0x1.921fb6p+0f);
    const float s = MULF(x, sp);
    float c = 0x1.d9c2e8p-11f;
    c = FMAF(c, y, -0x1.55c57ap-6f);
    c = FMAF(c, y, 0x1.03c1dcp-2f);
    c = FMAF(c, y, -0x1.3bd3ccp+0f);
    c = FMAF(c, y, 0x1.000000p+0f);
    /* branch-free, so the fill loops stay vectorised: reflect, then the quadrant's swap and signs */
    const float s1 = refl ? c : s, c1 = refl ? s : c;
    const float cs = (q & 1u) ? s1 : c1, sn = (q & 1u) ? c1 : s1;
    return (float2)((q == 1u || q == 2u) ? -cs : cs, q >= 2u ? -sn : sn);
}

/* (w + 1) * 2^-32 rounded to float: (0, 1]. */
INLINE float open_zero_f32(uint w) { return MULF((float)((ulong)w + 1UL), 0x1p-32f); }

/* The Box-Muller pair of (w0, w1): (R cos t, R sin t), R = sqrt(-2 ln u1), u1 = (w0 + 1) 2^-32, t = 2 pi (w1 >> 8) 2^-24. */
INLINE float2 normal_pair_f32(uint w0, uint w1) {
    const float lg = ln_f32(open_zero_f32(w0));
    const float rad = sqrt_f32(SUBF(0.0f, MULF(2.0f, lg)));
    const float2 cs = cos_sin_turn_f32(w1);
    return (float2)(MULF(rad, cs.x), MULF(rad, cs.y));
}

INLINE float std_exponential_f32(uint w) { return SUBF(0.0f, ln_f32(open_zero_f32(w))); }

/* ------------------------------------------------------------------------------------------------ own math, double */

#ifdef GPU4J_FP64
#define LN2_HI_D 0x1.62e42feep-1
#define LN2_LO_D 0x1.a39ef35793c76p-33

__constant double LOG_F64[21] = {
    -0x1.0000000000000p-1, 0x1.555555555555cp-2, -0x1.fffffffffff34p-3, 0x1.999999999772bp-3,
    -0x1.5555555561dddp-3, 0x1.249249261f2ccp-3, -0x1.fffffff7e955cp-4, 0x1.c71c70c1303cbp-4,
    -0x1.99999a6364b62p-4, 0x1.745d460eacbc4p-4, -0x1.55556c388aeddp-4, 0x1.3b0eda8f5d75cp-4,
    -0x1.248b2a78bff20p-4, 0x1.115b4daceee38p-4, -0x1.00b0e81fd59f4p-4, 0x1.dd3093b701211p-5,
    -0x1.b635ac30a3dacp-5, 0x1.bb08e0be73d94p-5, -0x1.fc84a09888c57p-5, 0x1.ceab3eecb74d9p-5,
    -0x1.8e8f5f6d78efbp-6};
__constant double SIN_F64[8] = {
    0x1.921fb54442d18p+0, -0x1.4abbce625be53p-1, 0x1.466bc6775aad9p-4, -0x1.32d2cce62ac22p-8,
    0x1.50783485cbd83p-13, -0x1.e3074b4ff3058p-19, 0x1.e8eed12ee00a3p-25, -0x1.6c5b875d4e739p-31};
__constant double COS_F64[8] = {
    0x1.0000000000000p+0, -0x1.3bd3cc9be45dep+0, 0x1.03c1f081b5aacp-2, -0x1.55d3c7e3c90f8p-6,
    0x1.e1f5068355e15p-11, -0x1.a6d1ec7906c20p-16, 0x1.f9cc41140bb60p-22, -0x1.b264ba152378ap-28};

INLINE double ln_f64(double x) {
    const long b = as_long(x);
    int e = (int)(b >> 52) - 1023;
    const long mb = b & 0xfffffffffffffL;
    const int big = mb > 0x6a09e667f3bcdL;
    const double m = as_double(mb | (big ? 0x3fe0000000000000L : 0x3ff0000000000000L));
    e += big;
    const double f = SUBD(m, 1.0);
    double r = LOG_F64[20];
    _Pragma("unroll") for (int i = 19; i >= 0; i--) r = FMAD(r, f, LOG_F64[i]);
    const double p = FMAD(f, MULD(f, r), f);
    const double ef = (double)e;
    return FMAD(ef, LN2_HI_D, FMAD(ef, LN2_LO_D, p));
}

INLINE double2 cos_sin_turn_f64(ulong x) {
    const uint q = (uint)(x >> 62);
    const long f51 = (long)((x >> 11) & ((1UL << 51) - 1UL));
    const int refl = f51 > (1L << 50);
    const long r = refl ? (1L << 51) - f51 : f51;
    const double t = MULD((double)r, 0x1p-51);
    const double y = MULD(t, t);
    double sp = SIN_F64[7];
    _Pragma("unroll") for (int i = 6; i >= 0; i--) sp = FMAD(sp, y, SIN_F64[i]);
    const double s = MULD(t, sp);
    double c = COS_F64[7];
    _Pragma("unroll") for (int i = 6; i >= 0; i--) c = FMAD(c, y, COS_F64[i]);
    const double s1 = refl ? c : s, c1 = refl ? s : c;
    const double cs = (q & 1u) ? s1 : c1, sn = (q & 1u) ? c1 : s1;
    return (double2)((q == 1u || q == 2u) ? -cs : cs, q >= 2u ? -sn : sn);
}

INLINE double open_zero_f64(ulong x) { return MULD((double)((x >> 11) + 1UL), 0x1p-53); }

INLINE double2 normal_pair_f64(ulong x1, ulong x2) {
    const double lg = ln_f64(open_zero_f64(x1));
    const double rad = sqrt(SUBD(0.0, MULD(2.0, lg)));   /* correctly rounded in OpenCL, CUDA and Java */
    const double2 cs = cos_sin_turn_f64(x2);
    return (double2)(MULD(rad, cs.x), MULD(rad, cs.y));
}

INLINE double std_exponential_f64(ulong x) { return SUBD(0.0, ln_f64(open_zero_f64(x))); }
#endif

/* ------------------------------------------------------------------------------------------------ blocks */

INLINE float uniform24(uint w) { return (float)(w >> 8) * 0x1p-24f; }
INLINE ulong draw64(uint lo, uint hi) { return ((ulong)hi << 32) | (ulong)lo; }

/* The elements of block b of each distribution, slot j in lane j. */
INLINE int4 bits_block(long b, int k0, int k1) { return as_int4(philox_block(b, 0u, k0, k1)); }

INLINE float4 uniform_f32_block(long b, int k0, int k1) {
    const uint4 x = philox_block(b, 1u, k0, k1);
    return (float4)(uniform24(x.x), uniform24(x.y), uniform24(x.z), uniform24(x.w));
}

INLINE int2 range_i32_block(long b, int k0, int k1, int lo, long span) {
    const uint4 x = philox_block(b, 3u, k0, k1);
    return (int2)((int)((uint)lo + (uint)mul_hi(draw64(x.x, x.y), (ulong)span)),
                  (int)((uint)lo + (uint)mul_hi(draw64(x.z, x.w), (ulong)span)));
}

INLINE long range_i64_block(long b, int k0, int k1, long lo, long span) {
    const uint4 x = philox_block(b, 4u, k0, k1);
    const ulong xl = draw64(x.x, x.y), xh = draw64(x.z, x.w), s = (ulong)span;
    const ulong h1 = mul_hi(xh, s), l1 = xh * s, h0 = mul_hi(xl, s);
    const ulong sum = l1 + h0;
    return (long)((ulong)lo + h1 + (sum < l1 ? 1UL : 0UL));
}

INLINE float4 normal_f32_block(long b, int k0, int k1, float mean, float sd) {
    const uint4 x = philox_block(b, 5u, k0, k1);
    const float2 p = normal_pair_f32(x.x, x.y), q = normal_pair_f32(x.z, x.w);
    return (float4)(FMAF(p.x, sd, mean), FMAF(p.y, sd, mean), FMAF(q.x, sd, mean), FMAF(q.y, sd, mean));
}

INLINE float4 exponential_f32_block(long b, int k0, int k1, float scale) {
    const uint4 x = philox_block(b, 7u, k0, k1);
    return (float4)(MULF(std_exponential_f32(x.x), scale), MULF(std_exponential_f32(x.y), scale),
                    MULF(std_exponential_f32(x.z), scale), MULF(std_exponential_f32(x.w), scale));
}

#ifdef GPU4J_FP64
INLINE double2 uniform_f64_block(long b, int k0, int k1) {
    const uint4 x = philox_block(b, 2u, k0, k1);
    return (double2)((double)(draw64(x.x, x.y) >> 11) * 0x1p-53, (double)(draw64(x.z, x.w) >> 11) * 0x1p-53);
}

INLINE double2 normal_f64_block(long b, int k0, int k1, double mean, double sd) {
    const uint4 x = philox_block(b, 6u, k0, k1);
    const double2 z = normal_pair_f64(draw64(x.x, x.y), draw64(x.z, x.w));
    return (double2)(FMAD(z.x, sd, mean), FMAD(z.y, sd, mean));
}

INLINE double2 exponential_f64_block(long b, int k0, int k1, double scale) {
    const uint4 x = philox_block(b, 8u, k0, k1);
    return (double2)(MULD(std_exponential_f64(draw64(x.x, x.y)), scale), MULD(std_exponential_f64(draw64(x.z, x.w)), scale));
}
#endif

/* ------------------------------------------------------------------------------------------------ fill loops */

/* Stores the lanes of block value v whose output index i + lane lies in [0, n) (the first and last blocks may be partial). */
#define STORE_PARTIAL4(out, i, n, v) \
    if ((i) >= 0 && (i) + 4 <= (n)) { vstore4((v), 0, (out) + (i)); } \
    else { if ((i) >= 0 && (i) < (n)) (out)[(i)] = (v).x; if ((i) + 1 >= 0 && (i) + 1 < (n)) (out)[(i) + 1] = (v).y; \
           if ((i) + 2 >= 0 && (i) + 2 < (n)) (out)[(i) + 2] = (v).z; if ((i) + 3 >= 0 && (i) + 3 < (n)) (out)[(i) + 3] = (v).w; }
/* Stores a whole block (scalar stores: PoCL vectorises them across blocks better than a vstore). */
#define STORE_FULL4(out, i, v) { (out)[(i)] = (v).x; (out)[(i) + 1] = (v).y; (out)[(i) + 2] = (v).z; (out)[(i) + 3] = (v).w; }
#define STORE_FULL2(out, i, v) { (out)[(i)] = (v).x; (out)[(i) + 1] = (v).y; }
#define STORE_PARTIAL2(out, i, n, v) \
    if ((i) >= 0 && (i) < (n)) (out)[(i)] = (v).x; if ((i) + 1 >= 0 && (i) + 1 < (n)) (out)[(i) + 1] = (v).y;

/*
 * The body of a fill kernel of E elements per block (E = 2 or 4; VT the vector type of a block, VSTORE its vstore):
 * out[i] = element start + i for i < n, where block b holds elements [b*E, b*E + E) and BLOCK evaluates block `b`.
 * Output index of slot 0 of block b0 + bb: bb*E - h, h = start mod E.
 * CPU shape: work-item k takes blocks [k*ch, (k+1)*ch); the partial first and last blocks of the fill are stored
 * lane by lane, every other block with one unconditional vstore, a loop the compiler vectorises across blocks.
 * GPU shape: grid-stride over blocks.
 */
#ifdef GPU4J_CPU
#define FILL_BLOCKS(E, VT, VSTORE, BLOCK) \
    if (n <= 0) return; \
    const long b0 = start / E, nb = (start + n - 1) / E - b0 + 1, h = start % E; \
    const long gs_ = (long)get_global_size(0), ch_ = (nb + gs_ - 1) / gs_; \
    const long lo_ = (long)get_global_id(0) * ch_, hi_ = min(lo_ + ch_, nb); \
    if (lo_ >= hi_) return; \
    const int head_ = lo_ == 0 && (h != 0 || n < E); \
    const int tail_ = hi_ == nb && (start + n) % E != 0 && !(head_ && nb == 1); \
    const long from_ = lo_ + head_, to_ = hi_ - tail_; \
    for (long bb = from_; bb < to_; bb++) { const long b = b0 + bb; const VT v = BLOCK; STORE_FULL##E(out, bb * E - h, v) } \
    if (head_) { const long b = b0; const VT v = BLOCK; STORE_PARTIAL##E(out, -h, n, v) } \
    if (tail_) { const long b = b0 + nb - 1; const VT v = BLOCK; STORE_PARTIAL##E(out, (nb - 1) * E - h, n, v) }
#else
#define FILL_BLOCKS(E, VT, VSTORE, BLOCK) \
    if (n <= 0) return; \
    const long b0 = start / E, nb = (start + n - 1) / E - b0 + 1, h = start % E; \
    for (long bb = (long)get_global_id(0); bb < nb; bb += (long)get_global_size(0)) { \
        const long b = b0 + bb; const VT v = BLOCK; STORE_PARTIAL##E(out, bb * E - h, n, v) }
#endif

/* ------------------------------------------------------------------------------------------------ fill kernels */

__kernel void bits_i32(__global int* out, long start, int k0, int k1, long n) {
    FILL_BLOCKS(4, int4, vstore4, bits_block(b, k0, k1))
}

__kernel void uniform_f32(__global float* out, long start, int k0, int k1, long n) {
    FILL_BLOCKS(4, float4, vstore4, uniform_f32_block(b, k0, k1))
}

__kernel void range_i32(__global int* out, long start, int k0, int k1, int lo, long span, long n) {
    FILL_BLOCKS(2, int2, vstore2, range_i32_block(b, k0, k1, lo, span))
}

__kernel void range_i64(__global long* out, long start, int k0, int k1, long lo, long span, long n) {
    if (n <= 0) return;
#ifdef GPU4J_CPU
    const long gs_ = (long)get_global_size(0), ch_ = (n + gs_ - 1) / gs_, lo_ = (long)get_global_id(0) * ch_, hi_ = min(lo_ + ch_, n);
    for (long i = lo_; i < hi_; i++) out[i] = range_i64_block(start + i, k0, k1, lo, span);
#else
    for (long i = (long)get_global_id(0); i < n; i += (long)get_global_size(0)) out[i] = range_i64_block(start + i, k0, k1, lo, span);
#endif
}

__kernel void normal_f32(__global float* out, long start, int k0, int k1, float mean, float sd, long n) {
    FILL_BLOCKS(4, float4, vstore4, normal_f32_block(b, k0, k1, mean, sd))
}

__kernel void exponential_f32(__global float* out, long start, int k0, int k1, float scale, long n) {
    FILL_BLOCKS(4, float4, vstore4, exponential_f32_block(b, k0, k1, scale))
}

#ifdef GPU4J_FP64
__kernel void uniform_f64(__global double* out, long start, int k0, int k1, long n) {
    FILL_BLOCKS(2, double2, vstore2, uniform_f64_block(b, k0, k1))
}

__kernel void normal_f64(__global double* out, long start, int k0, int k1, double mean, double sd, long n) {
    FILL_BLOCKS(2, double2, vstore2, normal_f64_block(b, k0, k1, mean, sd))
}

__kernel void exponential_f64(__global double* out, long start, int k0, int k1, double scale, long n) {
    FILL_BLOCKS(2, double2, vstore2, exponential_f64_block(b, k0, k1, scale))
}
#endif
