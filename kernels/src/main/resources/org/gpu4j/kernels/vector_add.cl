// c[i] = a[i] + b[i] for i < n. The global size may be rounded up past n; those work-items do nothing.
__kernel void vector_add(__global const float* a, __global const float* b, __global float* c, int n)
{
    int i = get_global_id(0);
    if (i < n) c[i] = a[i] + b[i];
}
