/**
 * Kernels from user expressions — element-wise ({@link org.gpu4j.expr.ElementwiseKernel}), reductions
 * ({@link org.gpu4j.expr.ReductionKernel}) and scans ({@link org.gpu4j.expr.ScanKernel}) — that run alike on
 * OpenCL, CUDA and the Java CPU backend.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open();
 *      FloatArray x = acc.upload(xs); FloatArray y = acc.upload(ys); FloatArray z = acc.allocFloats(xs.length)) {
 *     acc.elementwise("float a, float *x, float b, float *y, float *z", "z[i] = a*x[i] + b*y[i]")
 *        .launch(2f, x, 5f, y, z);
 *     float dot = acc.reduction("float", "0", "a+b", "x[i]*y[i]", "float *x, float *y").launch(x, y).floatValue();
 * }
 * }
 *
 * <h2>The snippet language</h2>
 * One parser, written in Java, reads every snippet into a typed tree; from that tree come the OpenCL C source, the
 * CUDA C source, and a Java evaluator (compiled once into a tree of closures) for the Java CPU backend. Every error is
 * found in Java before any device compiler runs, and is an {@link org.gpu4j.expr.ExpressionException} whose first
 * line is {@code snippet:line:column: problem}, followed by the line and a caret.
 * <ul>
 * <li><b>Types</b>: {@code float}, {@code double}, {@code int}, {@code long} (64-bit; CUDA's {@code long long},
 *     which is also accepted). Arguments are declared C-style: {@code float a} (a scalar, read-only),
 *     {@code float *x} or {@code float x[]} (an array), {@code const float *x} (a read-only array); {@code __global}
 *     and {@code restrict} are accepted and ignored.</li>
 * <li><b>Predeclared</b>: {@code i} and {@code n}, both {@code long} and read-only; {@code n} is the length of the first
 *     array argument, every other array must be at least that long. Reductions and scans add {@code a} and
 *     {@code b} in their combining expression; a scan's output statement adds {@code item} and {@code prev_item}.</li>
 * <li><b>Literals</b>: {@code 1} (int, or long when it does not fit), {@code 1L} (long), {@code 0x1F} (hex),
 *     {@code 1.5} and {@code 1e-3} (double), {@code 1.5f} (float); constants {@code INFINITY} and {@code NAN} (float).</li>
 * <li><b>Operators</b>, with C's precedence: {@code + - * / %}, {@code << >> & | ^ ~} (integers), {@code == != < > <= >=},
 *     {@code && || !}, {@code ?:}, casts {@code (float)}, {@code (int)}..., indexing {@code x[k]}.</li>
 * <li><b>Statements</b>: {@code x[i] = e;}, compound assignments {@code += -= *= /= %= &= |= ^= <<= >>=},
 *     {@code x++;} and {@code x--;} as statements, local declarations {@code float t = e;} (zero when not
 *     initialised), {@code if (...) ... else ...}, blocks {@code { }}. The last {@code ;} of a snippet may be left out.</li>
 * <li><b>Functions</b>, those OpenCL C and CUDA both have: sqrt, cbrt, exp, exp2, log, log2, log10, sin, cos, tan,
 *     asin, acos, atan, sinh, cosh, tanh, fabs, floor, ceil, trunc (one argument); pow, atan2, fmod, fmin, fmax (two);
 *     fma (three) — float arguments give float (CUDA's {@code sqrtf}..., OpenCL's overloads), double or integer
 *     arguments give double; and min, max, abs on any type (the arguments' common type; on floating types they are
 *     fmin, fmax, fabs, which ignore a NaN argument).</li>
 * </ul>
 * <b>Semantics</b> are C's: the usual arithmetic conversions (int &lt; long &lt; float &lt; double), int and long
 * arithmetic wraps, integer division truncates, float operations are rounded to float. Storing a floating value into
 * an integer variable or array needs an explicit cast. Where C is undefined the Java backend differs: an integer
 * division by zero or an out-of-bounds index fails the launch; devices may contract {@code a*b+c} into an FMA.
 *
 * <h2>Caching and shapes</h2>
 * Generated programs are built once per accelerator and generated text (which holds the snippet and the types), via
 * {@link org.gpu4j.Accelerator#sharedProgram}. GPUs get grid-stride loops and work-group trees in local memory; CPU
 * OpenCL devices get a contiguous chunk of indices per work-item with a private accumulator.
 */
package org.gpu4j.expr;
