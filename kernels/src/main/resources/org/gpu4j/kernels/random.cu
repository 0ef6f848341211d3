/*
 * gpu4j random numbers (CUDA): counter-based Philox4x32-10 (Salmon, Moraes, Dror, Shaw, SC'11). Twin of random.cl and
 * of the Java code in org.gpu4j.random (Philox, RandomMath, RandomKernels); the three compute the same bits.
 *
 * Streams. Element k of a distribution under seed s is computed from Philox block k / E (E elements per block) of the
 * counter (lo32(block), hi32(block), stream, 0) with key (lo32(s), hi32(s)), slot k % E; nothing else. Every fill
 * kernel takes (out, start, k0, k1, params..., n) and writes out[i] = element start + i, i < n.
 *
 * GPU shape: a grid-stride loop over blocks, consecutive threads on consecutive blocks.
 *
 * Bit-identical normals and exponentials: log, sqrt (float) and sin/cos are gpu4j's own (RandomMath.java), built
 * from +, -, *, fma, integer and bit operations only, in the same order as the Java code. Products and sums go
 * through __fmul_rn / __fsub_rn / __dmul_rn / __dsub_rn, which nvcc never contracts into an fma.
 */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

#define MULF(a, b) __fmul_rn((a), (b))
#define SUBF(a, b) __fsub_rn((a), (b))
#define FMAF(a, b, c) __fmaf_rn((a), (b), (c))
#define MULD(a, b) __dmul_rn((a), (b))
#define SUBD(a, b) __dsub_rn((a), (b))
#define FMAD(a, b, c) __fma_rn((a), (b), (c))

typedef unsigned int u32;
typedef unsigned long long u64;

#define BLOCK_LOOP(bb, nb) for (long long bb = (long long)blockIdx.x * blockDim.x + threadIdx.x; bb < (nb); bb += (long long)gridDim.x * blockDim.x)

/* ------------------------------------------------------------------------------------------------ Philox4x32 */

static __device__ __forceinline__ uint4 philox4x32(uint4 c, u32 k0, u32 k1, int rounds) {
    for (int r = 0; r < rounds; r++) {
        if (r > 0) { k0 += PHILOX_W0; k1 += PHILOX_W1; }
        const u32 h0 = __umulhi(PHILOX_M0, c.x), l0 = PHILOX_M0 * c.x;
        const u32 h1 = __umulhi(PHILOX_M1, c.z), l1 = PHILOX_M1 * c.z;
        c = make_uint4(h1 ^ c.y ^ k0, l1, h0 ^ c.w ^ k1, l0);
    }
    return c;
}

/* Block b of stream `stream` under key (k0, k1): Philox4x32-10 of the counter (lo32(b), hi32(b), stream, 0). */
static __device__ __forceinline__ uint4 philox_block(long long b, u32 stream, int k0, int k1) {
    return philox4x32(make_uint4((u32)b, (u32)((u64)b >> 32), stream, 0u), (u32)k0, (u32)k1, 10);
}

/* philox4x32_kat(ctr[4n], key[2n], out[4n], rounds, n): the known-answer check of the block function. */
extern "C" __global__ void philox4x32_kat(const int* ctr, const int* key, int* out, int rounds, long long n) {
    for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < n; t += (long long)gridDim.x * blockDim.x) {
        const uint4 c = make_uint4((u32)ctr[4 * t], (u32)ctr[4 * t + 1], (u32)ctr[4 * t + 2], (u32)ctr[4 * t + 3]);
        const uint4 x = philox4x32(c, (u32)key[2 * t], (u32)key[2 * t + 1], rounds);
        out[4 * t] = (int)x.x; out[4 * t + 1] = (int)x.y; out[4 * t + 2] = (int)x.z; out[4 * t + 3] = (int)x.w;
    }
}

/* ------------------------------------------------------------------------------------------------ own math, float */

#define LN2_HI_F 0x1.62e4p-1f
#define LN2_LO_F 0x1.7f7d1cp-20f

static __device__ __forceinline__ float ln_f32(float x) {
    const int b = __float_as_int(x);
    int e = (b >> 23) - 127;
    const int mb = b & 0x7fffff;
    const int big = mb > 0x3504f3;                 /* mantissa above sqrt(2): use m/2 */
    const float m = __int_as_float(mb | (big ? 0x3f000000 : 0x3f800000));
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
    const float ef = __int2float_rn(e);
    return FMAF(ef, LN2_HI_F, FMAF(ef, LN2_LO_F, p));
}

static __device__ __forceinline__ float sqrt_f32(float x) {
    float y = __int_as_float(0x5f3759df - (__float_as_int(x) >> 1));
    const float h = MULF(0.5f, x);
    y = MULF(y, FMAF(MULF(-h, y), y, 1.5f));
    y = MULF(y, FMAF(MULF(-h, y), y, 1.5f));
    const float s = MULF(x, y);
    return FMAF(MULF(0.5f, y), FMAF(-s, s, x), s);
}

/* cos and sin of 2*pi*(w >> 8)*2^-24: quadrant from the top two bits, exact reduction to [0, 1/2] of a quadrant. */
static __device__ __forceinline__ float2 cos_sin_turn_f32(u32 w) {
    const u32 q = w >> 30;
    const int f22 = (int)((w >> 8) & 0x3fffffu);
    const int refl = f22 > 0x200000;
    const int r = refl ? 0x400000 - f22 : f22;
    const float x = MULF(__int2float_rn(r), 0x1p-22f);
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
    return make_float2((q == 1u || q == 2u) ? -cs : cs, q >= 2u ? -sn : sn);
}

/* (w + 1) * 2^-32 rounded to float: (0, 1]. */
static __device__ __forceinline__ float open_zero_f32(u32 w) { return MULF(__ull2float_rn((u64)w + 1ull), 0x1p-32f); }

/* The Box-Muller pair of (w0, w1): (R cos t, R sin t), R = sqrt(-2 ln u1), u1 = (w0 + 1) 2^-32, t = 2 pi (w1 >> 8) 2^-24. */
static __device__ __forceinline__ float2 normal_pair_f32(u32 w0, u32 w1) {
    const float lg = ln_f32(open_zero_f32(w0));
    const float rad = sqrt_f32(SUBF(0.0f, MULF(2.0f, lg)));
    const float2 cs = cos_sin_turn_f32(w1);
    return make_float2(MULF(rad, cs.x), MULF(rad, cs.y));
}

static __device__ __forceinline__ float std_exponential_f32(u32 w) { return SUBF(0.0f, ln_f32(open_zero_f32(w))); }

/* ------------------------------------------------------------------------------------------------ own math, double */

#define LN2_HI_D 0x1.62e42feep-1
#define LN2_LO_D 0x1.a39ef35793c76p-33

__constant__ double LOG_F64[21] = {
    -0x1.0000000000000p-1, 0x1.555555555555cp-2, -0x1.fffffffffff34p-3, 0x1.999999999772bp-3,
    -0x1.5555555561dddp-3, 0x1.249249261f2ccp-3, -0x1.fffffff7e955cp-4, 0x1.c71c70c1303cbp-4,
    -0x1.99999a6364b62p-4, 0x1.745d460eacbc4p-4, -0x1.55556c388aeddp-4, 0x1.3b0eda8f5d75cp-4,
    -0x1.248b2a78bff20p-4, 0x1.115b4daceee38p-4, -0x1.00b0e81fd59f4p-4, 0x1.dd3093b701211p-5,
    -0x1.b635ac30a3dacp-5, 0x1.bb08e0be73d94p-5, -0x1.fc84a09888c57p-5, 0x1.ceab3eecb74d9p-5,
    -0x1.8e8f5f6d78efbp-6};
__constant__ double SIN_F64[8] = {
    0x1.921fb54442d18p+0, -0x1.4abbce625be53p-1, 0x1.466bc6775aad9p-4, -0x1.32d2cce62ac22p-8,
    0x1.50783485cbd83p-13, -0x1.e3074b4ff3058p-19, 0x1.e8eed12ee00a3p-25, -0x1.6c5b875d4e739p-31};
__constant__ double COS_F64[8] = {
    0x1.0000000000000p+0, -0x1.3bd3cc9be45dep+0, 0x1.03c1f081b5aacp-2, -0x1.55d3c7e3c90f8p-6,
    0x1.e1f5068355e15p-11, -0x1.a6d1ec7906c20p-16, 0x1.f9cc41140bb60p-22, -0x1.b264ba152378ap-28};

static __device__ __forceinline__ double ln_f64(double x) {
    const long long b = __double_as_longlong(x);
    int e = (int)(b >> 52) - 1023;
    const long long mb = b & 0xfffffffffffffLL;
    const int big = mb > 0x6a09e667f3bcdLL;
    const double m = __longlong_as_double(mb | (big ? 0x3fe0000000000000LL : 0x3ff0000000000000LL));
    e += big;
    const double f = SUBD(m, 1.0);
    double r = LOG_F64[20];
    for (int i = 19; i >= 0; i--) r = FMAD(r, f, LOG_F64[i]);
    const double p = FMAD(f, MULD(f, r), f);
    const double ef = __int2double_rn(e);
    return FMAD(ef, LN2_HI_D, FMAD(ef, LN2_LO_D, p));
}

static __device__ __forceinline__ double2 cos_sin_turn_f64(u64 x) {
    const u32 q = (u32)(x >> 62);
    const long long f51 = (long long)((x >> 11) & ((1ull << 51) - 1ull));
    const int refl = f51 > (1LL << 50);
    const long long r = refl ? (1LL << 51) - f51 : f51;
    const double t = MULD(__ll2double_rn(r), 0x1p-51);
    const double y = MULD(t, t);
    double sp = SIN_F64[7];
    for (int i = 6; i >= 0; i--) sp = FMAD(sp, y, SIN_F64[i]);
    const double s = MULD(t, sp);
    double c = COS_F64[7];
    for (int i = 6; i >= 0; i--) c = FMAD(c, y, COS_F64[i]);
    const double s1 = refl ? c : s, c1 = refl ? s : c;
    const double cs = (q & 1u) ? s1 : c1, sn = (q & 1u) ? c1 : s1;
    return make_double2((q == 1u || q == 2u) ? -cs : cs, q >= 2u ? -sn : sn);
}

static __device__ __forceinline__ double open_zero_f64(u64 x) { return MULD(__ull2double_rn((x >> 11) + 1ull), 0x1p-53); }

static __device__ __forceinline__ double2 normal_pair_f64(u64 x1, u64 x2) {
    const double lg = ln_f64(open_zero_f64(x1));
    const double rad = __dsqrt_rn(SUBD(0.0, MULD(2.0, lg)));
    const double2 cs = cos_sin_turn_f64(x2);
    return make_double2(MULD(rad, cs.x), MULD(rad, cs.y));
}

static __device__ __forceinline__ double std_exponential_f64(u64 x) { return SUBD(0.0, ln_f64(open_zero_f64(x))); }

/* ------------------------------------------------------------------------------------------------ draws */

static __device__ __forceinline__ float uniform24(u32 w) { return MULF(__uint2float_rn(w >> 8), 0x1p-24f); }
static __device__ __forceinline__ u64 draw64(u32 lo, u32 hi) { return ((u64)hi << 32) | (u64)lo; }

#define STORE4(out, i, n, v0, v1, v2, v3) \
    if ((i) >= 0 && (i) + 4 <= (n)) { out[(i)] = (v0); out[(i) + 1] = (v1); out[(i) + 2] = (v2); out[(i) + 3] = (v3); } \
    else { if ((i) >= 0 && (i) < (n)) out[(i)] = (v0); if ((i) + 1 >= 0 && (i) + 1 < (n)) out[(i) + 1] = (v1); \
           if ((i) + 2 >= 0 && (i) + 2 < (n)) out[(i) + 2] = (v2); if ((i) + 3 >= 0 && (i) + 3 < (n)) out[(i) + 3] = (v3); }
#define STORE2(out, i, n, v0, v1) \
    if ((i) >= 0 && (i) < (n)) out[(i)] = (v0); if ((i) + 1 >= 0 && (i) + 1 < (n)) out[(i) + 1] = (v1);

/* ------------------------------------------------------------------------------------------------ fill kernels */

extern "C" __global__ void bits_i32(int* out, long long start, int k0, int k1, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 0u, k0, k1);
        STORE4(out, i, n, (int)x.x, (int)x.y, (int)x.z, (int)x.w)
    }
}

extern "C" __global__ void uniform_f32(float* out, long long start, int k0, int k1, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 1u, k0, k1);
        STORE4(out, i, n, uniform24(x.x), uniform24(x.y), uniform24(x.z), uniform24(x.w))
    }
}

extern "C" __global__ void range_i32(int* out, long long start, int k0, int k1, int lo, long long span, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 3u, k0, k1);
        const int v0 = (int)((u32)lo + (u32)__umul64hi(draw64(x.x, x.y), (u64)span));
        const int v1 = (int)((u32)lo + (u32)__umul64hi(draw64(x.z, x.w), (u64)span));
        STORE2(out, i, n, v0, v1)
    }
}

extern "C" __global__ void range_i64(long long* out, long long start, int k0, int k1, long long lo, long long span, long long n) {
    if (n <= 0) return;
    const long long b0 = start, nb = n;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = b - start;
        const uint4 x = philox_block(b, 4u, k0, k1);
        const u64 xl = draw64(x.x, x.y), xh = draw64(x.z, x.w), s = (u64)span;
        const u64 h1 = __umul64hi(xh, s), l1 = xh * s, h0 = __umul64hi(xl, s);
        const u64 sum = l1 + h0;
        out[i] = (long long)((u64)lo + h1 + (sum < l1 ? 1ull : 0ull));
    }
}

extern "C" __global__ void normal_f32(float* out, long long start, int k0, int k1, float mean, float sd, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 5u, k0, k1);
        const float2 p = normal_pair_f32(x.x, x.y), q = normal_pair_f32(x.z, x.w);
        STORE4(out, i, n, FMAF(p.x, sd, mean), FMAF(p.y, sd, mean), FMAF(q.x, sd, mean), FMAF(q.y, sd, mean))
    }
}

extern "C" __global__ void exponential_f32(float* out, long long start, int k0, int k1, float scale, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 2, nb = ((start + n - 1) >> 2) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 2) - start;
        const uint4 x = philox_block(b, 7u, k0, k1);
        STORE4(out, i, n, MULF(std_exponential_f32(x.x), scale), MULF(std_exponential_f32(x.y), scale),
               MULF(std_exponential_f32(x.z), scale), MULF(std_exponential_f32(x.w), scale))
    }
}

extern "C" __global__ void uniform_f64(double* out, long long start, int k0, int k1, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 2u, k0, k1);
        STORE2(out, i, n, MULD(__ull2double_rn(draw64(x.x, x.y) >> 11), 0x1p-53), MULD(__ull2double_rn(draw64(x.z, x.w) >> 11), 0x1p-53))
    }
}

extern "C" __global__ void normal_f64(double* out, long long start, int k0, int k1, double mean, double sd, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 6u, k0, k1);
        const double2 z = normal_pair_f64(draw64(x.x, x.y), draw64(x.z, x.w));
        STORE2(out, i, n, FMAD(z.x, sd, mean), FMAD(z.y, sd, mean))
    }
}

extern "C" __global__ void exponential_f64(double* out, long long start, int k0, int k1, double scale, long long n) {
    if (n <= 0) return;
    const long long b0 = start >> 1, nb = ((start + n - 1) >> 1) - b0 + 1;
    BLOCK_LOOP(bb, nb) {
        const long long b = b0 + bb, i = (b << 1) - start;
        const uint4 x = philox_block(b, 8u, k0, k1);
        STORE2(out, i, n, MULD(std_exponential_f64(draw64(x.x, x.y)), scale), MULD(std_exponential_f64(draw64(x.z, x.w)), scale))
    }
}
