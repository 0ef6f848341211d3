/*
 * gpu4j sample monte-carlo (CUDA twin of monte_carlo.cl and of the Java kernel in MonteCarlo.java): payoff sums of a
 * European call under Black-Scholes, one block of B paths per thread, the same operations in the same order as the
 * other two (__dmul_rn / __dadd_rn / __dsub_rn are never contracted into an fma).
 */
static __device__ __forceinline__ double mc_exp(double x) {
    const double kd = floor(__fma_rn(x, 0x1.71547652b82fep+0, 0.5));
    double r = __fma_rn(-kd, 0x1.62e42feep-1, x);
    r = __fma_rn(-kd, 0x1.a39ef35793c76p-33, r);
    double p = 0x1.1f72fc730b4ffp-29;
    p = __fma_rn(p, r, 0x1.af4ddd84882fep-26);
    p = __fma_rn(p, r, 0x1.27e4db67b4303p-22);
    p = __fma_rn(p, r, 0x1.71de02375656cp-19);
    p = __fma_rn(p, r, 0x1.a01a01a6d7808p-16);
    p = __fma_rn(p, r, 0x1.a01a01abe62ddp-13);
    p = __fma_rn(p, r, 0x1.6c16c16c162d6p-10);
    p = __fma_rn(p, r, 0x1.11111111100dfp-7);
    p = __fma_rn(p, r, 0x1.5555555555556p-5);
    p = __fma_rn(p, r, 0x1.5555555555557p-3);
    p = __fma_rn(p, r, 0x1.0000000000000p-1);
    const double er = __dadd_rn(1.0, __fma_rn(__dmul_rn(r, r), p, r));
    return __dmul_rn(er, __longlong_as_double(((long long)kd + 1023LL) << 52));
}

extern "C" __global__ void payoff_sums(const float* z, double* sums, double* sumsq, double s0, double drift,
                                       double vol, double strike, long long block, long long n) {
    const long long blocks = (n + block - 1) / block;
    for (long long j = (long long)blockIdx.x * blockDim.x + threadIdx.x; j < blocks; j += (long long)gridDim.x * blockDim.x) {
        const long long from = j * block, to = from + block < n ? from + block : n;
        double s1 = 0.0, s2 = 0.0;
        for (long long i = from; i < to; i++) {
            const double st = __dmul_rn(s0, mc_exp(__fma_rn(vol, (double)z[i], drift)));
            const double pay = st > strike ? __dsub_rn(st, strike) : 0.0;
            s1 = __dadd_rn(s1, pay);
            s2 = __dadd_rn(s2, __dmul_rn(pay, pay));
        }
        sums[j] = s1;
        sumsq[j] = s2;
    }
}
