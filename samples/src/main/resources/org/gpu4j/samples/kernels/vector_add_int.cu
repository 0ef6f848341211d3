// c = a + b on 32-bit ints.
extern "C" __global__ void vector_add_int(const int *a, const int *b, int *c, const int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        c[i] = a[i] + b[i];
    }
}
