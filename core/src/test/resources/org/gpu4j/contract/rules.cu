// Kernels of the argument-rules contract (org.gpu4j.contract.ArgumentRulesContract). Their OpenCL twins are in
// rules.cl and their Java twins in ArgumentRulesContract.source(): the three must compute the same thing.

// dst = src + 1: src is read-only, dst is written.
extern "C" __global__ void shift(const float* src, float* dst, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = src[i] + 1.0f;
}

// out = x * y: both inputs read-only, so they may overlap each other.
extern "C" __global__ void product(const float* x, const float* y, float* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = x[i] * y[i];
}

// x = 2x in place.
extern "C" __global__ void twice(float* x, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = 2.0f * x[i];
}

// Scalars of the small integer types: out = {s, c, u}.
extern "C" __global__ void small_scalars(int* out, short s, char c, unsigned int u) {
    if (blockIdx.x * blockDim.x + threadIdx.x == 0) {
        out[0] = s;
        out[1] = c;
        out[2] = (int) u;
    }
}

// A float4 array read as a FloatArray: out[i] = v[i].x + v[i].y + v[i].z + v[i].w.
extern "C" __global__ void sum4(const float4* v, float* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = v[i].x + v[i].y + v[i].z + v[i].w;
}

// A float4 scalar parameter: gpu4j cannot pass one, and must say so before the driver does.
extern "C" __global__ void splat4(float* out, float4 v) {
    if (blockIdx.x * blockDim.x + threadIdx.x == 0) out[0] = v.x;
}

// The bits of every scalar as the kernel received it: bits = {f's bits, i}, lbits = {l}; v[0] = f. Backends may
// skip setting an argument that did not change since the kernel's last launch: this shows each launch's own values.
extern "C" __global__ void scalar_bits(int* bits, long long* lbits, float* v, float f, int i, long long l) {
    if (blockIdx.x * blockDim.x + threadIdx.x == 0) {
        bits[0] = __float_as_int(f);
        bits[1] = i;
        lbits[0] = l;
        v[0] = f;
    }
}

// lbits[0] = d's bits.
extern "C" __global__ void double_bits(long long* lbits, double d) {
    if (blockIdx.x * blockDim.x + threadIdx.x == 0) lbits[0] = __double_as_longlong(d);
}
