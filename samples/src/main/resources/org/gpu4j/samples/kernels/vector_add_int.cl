// c = a + b on 32-bit ints; the element type is int at both ends (the recipe passed 64-bit numpy ints to int*).
__kernel void vector_add_int(__global const int *a, __global const int *b, __global int *c, const int n) {
    int i = get_global_id(0);
    if (i < n) {
        c[i] = a[i] + b[i];
    }
}
