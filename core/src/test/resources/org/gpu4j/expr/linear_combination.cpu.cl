// gpu4j element-wise kernel, generated from:
//   arguments: float a, float *x, float b, float *y, float *z
//   operation: z[i] = a*x[i] + b*y[i]

#pragma OPENCL FP_CONTRACT OFF

__kernel void lin(float a, __global float *x, float b, __global float *y, __global float *z, long n)
{
    long gpu4j_chunk = (n + (long)get_global_size(0) - 1) / (long)get_global_size(0);
    long gpu4j_start = (long)get_global_id(0) * gpu4j_chunk;
    long gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);
    for (long i = gpu4j_start; i < gpu4j_end; i++) {
        z[i] = a * x[i] + b * y[i];
    }
}
