/*
 * gpu4j sample monte-carlo: discounted-free payoff sums of a European call under Black-Scholes, one block of B paths
 * per work-item. Twin of monte_carlo.cu and of the Java kernel in MonteCarlo.java: the same operations in the same
 * order (FP contraction off; exp is the sample's own, from +, *, fma and bit operations), so every backend sums the
 * same bits and prints the same price.
 *
 * payoff_sums(z, sums, sumsq, s0, drift, vol, strike, block, n): for block j, paths [j*block, min((j+1)*block, n)):
 *   S = s0 * exp(drift + vol * z[i]),  payoff = max(S - strike, 0);  sums[j] = sum of payoffs, sumsq[j] = of squares,
 * added in path order.
 */
#pragma OPENCL FP_CONTRACT OFF
#if defined(cl_khr_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

/* exp(x) for |x| < 700: x = k ln2 + r, |r| <= ln2/2, exp(r) = 1 + r + r^2 E(r) (random_math.py, EXP_F64), times 2^k. */
static inline double mc_exp(double x) {
    const double kd = floor(fma(x, 0x1.71547652b82fep+0, 0.5));
    double r = fma(-kd, 0x1.62e42feep-1, x);
    r = fma(-kd, 0x1.a39ef35793c76p-33, r);
    double p = 0x1.1f72fc730b4ffp-29;
    p = fma(p, r, 0x1.af4ddd84882fep-26);
    p = fma(p, r, 0x1.27e4db67b4303p-22);
    p = fma(p, r, 0x1.71de02375656cp-19);
    p = fma(p, r, 0x1.a01a01a6d7808p-16);
    p = fma(p, r, 0x1.a01a01abe62ddp-13);
    p = fma(p, r, 0x1.6c16c16c162d6p-10);
    p = fma(p, r, 0x1.11111111100dfp-7);
    p = fma(p, r, 0x1.5555555555556p-5);
    p = fma(p, r, 0x1.5555555555557p-3);
    p = fma(p, r, 0x1.0000000000000p-1);
    const double er = 1.0 + fma(r * r, p, r);
    return er * as_double(((long)kd + 1023L) << 52);
}

__kernel void payoff_sums(__global const float* z, __global double* sums, __global double* sumsq, double s0,
                          double drift, double vol, double strike, long block, long n) {
    const long blocks = (n + block - 1) / block;
    for (long j = get_global_id(0); j < blocks; j += get_global_size(0)) {
        const long from = j * block, to = min(from + block, n);
        double s1 = 0.0, s2 = 0.0;
        for (long i = from; i < to; i++) {
            const double st = s0 * mc_exp(fma(vol, (double)z[i], drift));
            const double pay = st > strike ? st - strike : 0.0;
            s1 = s1 + pay;
            s2 = s2 + pay * pay;
        }
        sums[j] = s1;
        sumsq[j] = s2;
    }
}
