// gpu4j element-wise kernel, generated from:
//   arguments: float a, float *x, float b, float *y, float *z
//   operation: z[i] = a*x[i] + b*y[i]

extern "C" __global__ void lin(float a, float *x, float b, float *y, float *z, long long n)
{
    for (long long i = ((long long)blockIdx.x * blockDim.x + threadIdx.x); i < n; i += ((long long)blockDim.x * gridDim.x)) {
        z[i] = __fmul_rn(a, x[i]) + __fmul_rn(b, y[i]);
    }
}
