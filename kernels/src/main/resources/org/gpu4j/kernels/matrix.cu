/*
 * matrix.cu — the CUDA twin of matrix.cl: element-wise matrix operations over n = rows * cols elements:
 * matrix_add_*: out = a + b; matrix_scale_*: out = alpha * a (out may be a or b).
 * Design: grid-stride loop, coalesced; any n.
 */
extern "C" __global__ void matrix_add_f32(const float* a, const float* b, float* out, long long n) {
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x)
        out[i] = a[i] + b[i];
}

extern "C" __global__ void matrix_scale_f32(float alpha, const float* a, float* out, long long n) {
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x)
        out[i] = alpha * a[i];
}

extern "C" __global__ void matrix_add_f64(const double* a, const double* b, double* out, long long n) {
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x)
        out[i] = a[i] + b[i];
}

extern "C" __global__ void matrix_scale_f64(double alpha, const double* a, double* out, long long n) {
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long) gridDim.x * blockDim.x)
        out[i] = alpha * a[i];
}
