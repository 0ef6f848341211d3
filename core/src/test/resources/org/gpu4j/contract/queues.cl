// Kernels of the queue contract (org.gpu4j.contract.QueuesContract); CUDA twins in queues.cu, Java twins in
// QueueKernels.java.

// Busy work with a dependency chain no compiler can shorten: one work-item keeps one core busy for 'iters' steps.
__kernel void busy(__global float* out, int iters, float seed) {
    float v = seed;
    for (int k = 0; k < iters; k++) v = v * 0.999999f + 0.5f;
    out[get_global_id(0)] = v;
}

// y[i] = 2 * x[i] + 1 in int (exact everywhere).
__kernel void twice_plus_one(__global const int* x, __global int* y, int n) {
    int i = get_global_id(0);
    if (i < n) y[i] = 2 * x[i] + 1;
}
