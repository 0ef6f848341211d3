// Kernels of the backend contract suite (org.gpu4j.contract.AcceleratorContract). Their CUDA twins are in
// contract.cu and their Java twins in ContractKernels.java: the three must compute the same thing.

// c = a + b, elementwise (one rounding per element: identical on every IEEE device).
__kernel void vector_add(__global const float* a, __global const float* b, __global float* c, int n) {
    int i = get_global_id(0);
    if (i < n) c[i] = a[i] + b[i];
}

// y = alpha * x + y in int (the test keeps values small enough never to overflow).
__kernel void int_axpy(int alpha, __global const int* x, __global int* y, int n) {
    int i = get_global_id(0);
    if (i < n) y[i] = alpha * x[i] + y[i];
}

// out[i] = start + i * step, in 64-bit integers.
__kernel void long_iota(__global long* out, long start, long step, int n) {
    int i = get_global_id(0);
    if (i < n) out[i] = start + (long) i * step;
}

// A 2-D launch: out[y * w + x] = x * 65536 + y.
__kernel void grid_index(__global int* out, int w, int h) {
    int x = get_global_id(0);
    int y = get_global_id(1);
    if (x < w && y < h) out[y * w + x] = x * 65536 + y;
}

// No index check on purpose: a backend must run exactly the global size asked for, never a padded one.
__kernel void mark(__global int* out) {
    out[get_global_id(1) * get_global_size(0) + get_global_id(0)] += 1;
}
