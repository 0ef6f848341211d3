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

#ifdef GPU4J_CPU
#define BLOCK_LOOP(bb, nb) const long gs_ = (long)get_global_size(0), ch_ = ((nb) + gs_ - 1) / gs_, s_ = (long)get_global_id(0) * ch_, e_ = min(s_ + ch_, (long)(nb)); for (long bb = s_; bb < e_; bb++)
#else
#define BLOCK_LOOP(bb, nb) for (long bb = (long)get_global_id(0); bb < (nb); bb += (long)get_global_size(0))
#endif

/* ------------------------------------------------------------------------------------------------ Philox4x32 */

static inline uint4 philox4x32(uint4 c, uint k0, uint k1, int rounds) {
    for (int r = 0; r < rounds; r++) {
        if (r > 0) { k0 += PHILOX_W0; k1 += PHILOX_W1; }
        const uint h0 = mul_hi(PHILOX_M0, c.x), l0 = PHILOX_M0 * c.x;
        const uint h1 = mul_hi(PHILOX_M1, c.z), l1 = PHILOX_M1 * c.z;
        c = (uint4)(h1 ^ c.y ^ k0, l1, h0 ^ c.w ^ k1, l0);
    }
    return c;
}

/* Block b of stream `stream` under key (k0, k1): Philox4x32-10 of the counter (lo32(b), hi32(b), stream, 0). */
static inline uint4 philox_block(long b, uint stream, int k0, int k1) {
    return philox4x32((uint4)((uint)b, (uint)((ulong)b >> 32), stream, 0u), (uint)k0, (uint)k1, 10);
}

/* philox4x32_kat(ctr[4n], key[2n], out[4n], rounds, n): the known-answer check of the block function. */
__kernel void philox4x32_kat(__global const int* ctr, __global const int* key, __global int* out, int rounds, long n) {
    for (long t = (long)get_global_id(0); t < n; t += (long)get_global_size(0)) {
        const uint4 c = (uint4)((uint)ctr[4 * t], (uint)ctr[4 * t + 1], (uint)ctr[4 * t + 2], (uint)ctr[4 * t + 3]);
        const uint4 x = philox4x32(c, (uint)key[2 * t], (uint)key[2 * t + 1], rounds);
        out[4 * t] = (int)x.x; out[4 * t + 1] = (int)x.y; out[4 * t + 2] = (int)x.z; out[4 * t + 3] = (int)x.w;
    }
}

/* ------------------------------------------------------------------------------------------------ own math, float */

#define LN2_HI_F 0x1.62e4p-1f
#define LN2_LO_F 0x1.7f7d1cp-20f

static inline float ln_f32(float x) {
    const int b = as_int(x);
    int e = (b >> 23) - 127;
    const int mb = b & 0x7fffff;
    float m;
    if (mb > 0x3504f3) { m = as_float(mb | 0x3f000000); e += 1; }
    else { m = as_float(mb | 0x3f800000); }
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

static inline float sqrt_f32(float x) {
    float y = as_float(0x5f3759df - (as_int(x) >> 1));
    const float h = MULF(0.5f, x);
    y = MULF(y, FMAF(MULF(-h, y), y, 1.5f));
    y = MULF(y, FMAF(MULF(-h, y), y, 1.5f));
    const float s = MULF(x, y);
    return FMAF(MULF(0.5f, y), FMAF(-s, s, x), s);
}

/* cos and sin of 2*pi*(w >> 8)*2^-24: quadrant from the top two bits, exact reduction to [0, 1/2] of a quadrant. */
static inline float2 cos_sin_turn_f32(uint w) {
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
    float s = MULF(x, sp);
    float c = 0x1.d9c2e8p-11f;
    c = FMAF(c, y, -0x1.55c57ap-6f);
    c = FMAF(c, y, 0x1.03c1dcp-2f);
    c = FMAF(c, y, -0x1.3bd3ccp+0f);
    c = FMAF(c, y, 0x1.000000p+0f);
    if (refl) { const float t = s; s = c; c = t; }
    if (q == 0u) return (float2)(c, s);
    if (q == 1u) return (float2)(-s, c);
    if (q == 2u) return (float2)(-c, -s);
    return (float2)(s, -c);
}

/* (w + 1) * 2^-32 rounded to float: (0, 1]. */
static inline float open_zero_f32(uint w) { return MULF((float)((ulong)w + 1UL), 0x1p-32f); }

/* The Box-Muller pair of (w0, w1): (R cos t, R sin t), R = sqrt(-2 ln u1), u1 = (w0 + 1) 2^-32, t = 2 pi (w1 >> 8) 2^-24. */
static inline float2 normal_pair_f32(uint w0, uint w1) {
    const float lg = ln_f32(open_zero_f32(w0));
    const float rad = sqrt_f32(SUBF(0.0f, MULF(2.0f, lg)));
    const float2 cs = cos_sin_turn_f32(w1);
    return (float2)(MULF(rad, cs.x), MULF(rad, cs.y));
}

static inline float std_exponential_f32(uint w) { return SUBF(0.0f, ln_f32(open_zero_f32(w))); }

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

static inline double ln_f64(double x) {
    const long b = as_long(x);
    int e = (int)(b >> 52) - 1023;
    const long mb = b & 0xfffffffffffffL;
    double m;
    if (mb > 0x6a09e667f3bcdL) { m = as_double(mb | 0x3fe0000000000000L); e += 1; }
    else { m = as_double(mb | 0x3ff0000000000000L); }
    const double f = SUBD(m, 1.0);
    double r = LOG_F64[20];
    for (int i = 19; i >= 0; i--) r = FMAD(r, f, LOG_F64[i]);
    const double p = FMAD(f, MULD(f, r), f);
    const double ef = (double)e;
    return FMAD(ef, LN2_HI_D, FMAD(ef, LN2_LO_D, p));
}

static inline double2 cos_sin_turn_f64(ulong x) {
    const uint q = (uint)(x >> 62);
    const long f51 = (long)((x >> 11) & ((1UL << 51) - 1UL));
    const int refl = f51 > (1L << 50);
    const long r = refl ? (1L << 51) - f51 : f51;
    const double t = MULD((double)r, 0x1p-51);
    const double y = MULD(t, t);
    double sp = SIN_F64[7];
    for (int i = 6; i >= 0; i--) sp = FMAD(sp, y, SIN_F64[i]);
    double s = MULD(t, sp);
    double c = COS_F64[7];
    for (int i = 6; i >= 0; i--) c = FMAD(c, y, COS_F64[i]);
    if (refl) { const double tmp = s; s = c; c = tmp; }
    if (q == 0u) return (double2)(c, s);
    if (q == 1u) return (double2)(-s, c);
    if (q == 2u) return (double2)(-c, -s);
    return (double2)(s, -c);
}

static inline double open_zero_f64(ulong x) { return MULD((double)((x >> 11) + 1UL), 0x1p-53); }

static inline double2 normal_pair_f64(ulong x1, ulong x2) {
    const double lg = ln_f64(open_zero_f64(x1));
    const double rad = sqrt(SUBD(0.0, MULD(2.0, lg)));   /* correctly rounded in OpenCL, CUDA and Java */
    const double2 cs = cos_sin_turn_f64(x2);
    return (double2)(MULD(rad, cs.x), MULD(rad, cs.y));
}

static inline double std_exponential_f64(ulong x) { return SUBD(0.0, ln_f64(open_zero_f64(x))); }
#endif

/* ------------------------------------------------------------------------------------------------ draws */

static inline float uniform24(uint w) { return (float)(w >> 8) * 0x1p-24f; }
static inline ulong draw64(uint lo, uint hi) { return ((ulong)hi << 32) | (ulong)lo; }

/* Stores slot values v0..v3 of the block whose slot 0 is output index i (first and last blocks may be partial). */
#define STORE4(out, i, n, v0, v1, v2, v3) \
    if ((i) >= 0 && (i) + 4 <= (n)) { out[(i)] = (v0); out[(i) + 1] = (v1); out[(i) + 2] = (v2); out[(i) + 3] = (v3); } \
    else { if ((i) >= 0 && (i) < (n)) out[(i)] = (v0); if ((i) + 1 >= 0 && (i) + 1 < (n)) out[(i) + 1] = (v1); \
           if ((i) + 2 >= 0 && (i) + 2 < (n)) out[(i) + 2] = (v2); if ((i) + 3 >= 0 && (i) + 3 < (n)) out[(i) + 3] = (v3); }
#define STORE2(out, i, n, v0, v1) \
    if ((i) >= 0 && (i) < (n)) out[(i)] = (v0); if ((i) + 1 >= 0 && (i) + 1 < (n)) out[(i) + 1] = (v1);

/* ------------------------------------------------------------------------------------------------ fill kernels */

__kernel void bits_i32(__global int* out, long start, int k0, int k1, long n) {
    if (n <= 0) return;
    const long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 0u, k0, k1);
        STORE4(out, i, n, (int)x.x, (int)x.y, (int)x.z, (int)x.w)
    }
}

__kernel void uniform_f32(__global float* out, long start, int k0, int k1, long n) {
    if (n <= 0) return;
    const long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 1u, k0, k1);
        STORE4(out, i, n, uniform24(x.x), uniform24(x.y), uniform24(x.z), uniform24(x.w))
    }
}

__kernel void range_i32(__global int* out, long start, int k0, int k1, int lo, long span, long n) {
    if (n <= 0) return;
    const long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 3u, k0, k1);
        const int v0 = (int)((uint)lo + (uint)mul_hi(draw64(x.x, x.y), (ulong)span));
        const int v1 = (int)((uint)lo + (uint)mul_hi(draw64(x.z, x.w), (ulong)span));
        STORE2(out, i, n, v0, v1)
    }
}

__kernel void range_i64(__global long* out, long start, int k0, int k1, long lo, long span, long n) {
    if (n <= 0) return;
    const long b0 = start, nb = n;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = b - start;
        const uint4 x = philox_block(b, 4u, k0, k1);
        const ulong xl = draw64(x.x, x.y), xh = draw64(x.z, x.w), s = (ulong)span;
        const ulong h1 = mul_hi(xh, s), l1 = xh * s, h0 = mul_hi(xl, s);
        const ulong sum = l1 + h0;
        out[i] = (long)((ulong)lo + h1 + (sum < l1 ? 1UL : 0UL));
    }
}

__kernel void normal_f32(__global float* out, long start, int k0, int k1, float mean, float sd, long n) {
    if (n <= 0) return;
    const long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 5u, k0, k1);
        const float2 p = normal_pair_f32(x.x, x.y), q = normal_pair_f32(x.z, x.w);
        STORE4(out, i, n, FMAF(p.x, sd, mean), FMAF(p.y, sd, mean), FMAF(q.x, sd, mean), FMAF(q.y, sd, mean))
    }
}

__kernel void exponential_f32(__global float* out, long start, int k0, int k1, float scale, long n) {
    if (n <= 0) return;
    const long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 7u, k0, k1);
        STORE4(out, i, n, MULF(std_exponential_f32(x.x), scale), MULF(std_exponential_f32(x.y), scale),
               MULF(std_exponential_f32(x.z), scale), MULF(std_exponential_f32(x.w), scale))
    }
}

#ifdef GPU4J_FP64
__kernel void uniform_f64(__global double* out, long start, int k0, int k1, long n) {
    if (n <= 0) return;
    const long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 2u, k0, k1);
        STORE2(out, i, n, (double)(draw64(x.x, x.y) >> 11) * 0x1p-53, (double)(draw64(x.z, x.w) >> 11) * 0x1p-53)
    }
}

__kernel void normal_f64(__global double* out, long start, int k0, int k1, double mean, double sd, long n) {
    if (n <= 0) return;
    const long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 6u, k0, k1);
        const double2 z = normal_pair_f64(draw64(x.x, x.y), draw64(x.z, x.w));
        STORE2(out, i, n, FMAD(z.x, sd, mean), FMAD(z.y, sd, mean))
    }
}

__kernel void exponential_f64(__global double* out, long start, int k0, int k1, double scale, long n) {
    if (n <= 0) return;
    const long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 8u, k0, k1);
        STORE2(out, i, n, MULD(std_exponential_f64(draw64(x.x, x.y)), scale), MULD(std_exponential_f64(draw64(x.z, x.w)), scale))
    }
}
#endif
