// gpu4j element-wise kernel, generated from:
//   arguments: float a, float *x, float b, float *y, float *z
//   operation: z[i] = a*x[i] + b*y[i]

#pragma OPENCL FP_CONTRACT OFF

__kernel void lin(float a, __global float *x, float b, __global float *y, __global float *z, long n)
{
    for (long i = (long)get_global_id(0); i < n; i += (long)get_global_size(0)) {
        z[i] = a * x[i] + b * y[i];
    }
}
