// c[i] = a[i] + b[i] for i < n. Launched over at least n threads; threads past n do nothing.
extern "C" __global__ void vector_add(const float* a, const float* b, float* c, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}
