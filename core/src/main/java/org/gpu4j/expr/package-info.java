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
 * CUDA C source, and for the Java CPU backend JVM bytecode (a hidden class per snippet, made at its first launch: a
 * counted loop over the arrays that C2 compiles and vectorises like hand-written Java), with a Java evaluator (a tree
 * of closures) as the fallback and second oracle; both follow the rules below. Every error is
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
 * <b>Semantics</b> are C's where C defines them: the usual arithmetic conversions (int &lt; long &lt; float &lt;
 * double), integer division truncates, float operations are rounded to float, a comparison gives an {@code int}.
 * Storing a floating value into an integer variable or array needs an explicit cast. Where C leaves the result
 * undefined (so that a device compiler may assume it never happens, and fold {@code x + 1 > x} to true), the language
 * defines it, the same on every backend; the generated C calls small helpers ({@code gpu4j_iadd}, {@code gpu4j_f2i}...)
 * that compute exactly this:
 * <table class="striped">
 * <caption>The rules where C is undefined or leaves a choice, on every backend</caption>
 * <thead><tr><th>Operation</th><th>Result</th><th>How the C is written</th></tr></thead>
 * <tbody>
 * <tr><td>{@code + - *}, unary {@code -}, {@code abs} on int and long; compound assignments, {@code ++ --}</td>
 *     <td>wrap (two's complement), as Java: {@code INT_MAX + 1 == INT_MIN}, {@code abs(INT_MIN) == INT_MIN}</td>
 *     <td>in unsigned arithmetic, reinterpreted back</td></tr>
 * <tr><td>{@code x / y}, {@code x % y} on int and long</td>
 *     <td>{@code MIN / -1 == MIN}, {@code MIN % -1 == 0} (as Java); {@code x / 0 == 0} and {@code x % 0 == x}, so that
 *     {@code (x / y) * y + x % y == x} for every y</td><td>tests before dividing</td></tr>
 * <tr><td>{@code x << s}, {@code x >> s}</td><td>the count is masked to the width, as Java:
 *     {@code x << 33 == x << 1} for an int; {@code >>} is arithmetic</td><td>{@code s & 31} / {@code s & 63}; left
 *     shifts unsigned</td></tr>
 * <tr><td>{@code (int)}, {@code (long)} of a float or double</td><td>Java's conversion: truncation, saturating at
 *     MIN and MAX, NaN gives 0: {@code (int)1e10f == INT_MAX}</td><td>compares before converting</td></tr>
 * <tr><td>{@code pow(x, y)}</td><td>C99's special cases (what OpenCL and CUDA implement): {@code pow(+1, y) == 1} for
 *     every y, NaN included, and {@code pow(-1, ±INFINITY) == 1}; Java's {@code Math.pow} gives NaN there, so the
 *     Java backend follows C99</td><td>the device's {@code pow}</td></tr>
 * <tr><td>{@code min, max, fmin, fmax} on floats</td><td>a NaN operand is ignored (C's {@code fmin}; Java's
 *     {@code Math.min} would propagate it), NaN only when both are; {@code -0.0} is less than {@code +0.0} (C allows
 *     either answer)</td><td>a helper, not the device's {@code fmin}; equal operands by their bits (PoCL turned
 *     compare-and-select into a min/max that ignores the sign of zero)</td></tr>
 * <tr><td>{@code floor, ceil, trunc} of NaN</td><td>NaN</td><td>OpenCL: NaN tested by its bits first (PoCL's
 *     vectorised {@code trunc} gave 0)</td></tr>
 * <tr><td>floating {@code a*b + c}</td><td>two roundings, never contracted into an FMA ({@code fma} is explicit)</td>
 *     <td>OpenCL: {@code #pragma OPENCL FP_CONTRACT OFF}; CUDA: {@code __fmul_rn}/{@code __dmul_rn}</td></tr>
 * <tr><td>{@code x[k]} with k outside {@code [0, length of x)} (a slice: its own length)</td><td>the launch fails
 *     with a {@link org.gpu4j.LaunchException} naming the array, the index and {@code i}; no memory outside the
 *     arrays is touched</td><td>see below</td></tr>
 * </tbody>
 * </table>
 * The one documented difference between backends: math functions other than {@code + - * / sqrt fma fmod} and the
 * rounding functions are the device's, within a few ulps of Java's (OpenCL allows up to 16 for {@code pow}), and a
 * device may flush denormals to zero where its OpenCL or CUDA profile allows it (PoCL does not).
 *
 * <p><b>Bounds.</b> {@code x[i]} is always in bounds (every array is at least {@code n} long, checked at launch)
 * and costs nothing. A kernel with any other index ({@code x[i + 1]}, {@code x[k[i]]}) is guarded: the array
 * lengths are hidden parameters, every such access is checked, a bad read reads element 0 instead and a bad write is
 * skipped, the work-item records the access, and after the launch the host reads a 5-int error word and throws. That
 * read is a synchronisation: a guarded {@code launch} waits for its kernel. The Java backend checks the same
 * accesses and throws at the first.
 *
 * <p><b>Limits</b>, refused in Java with the position: names that C, C++, OpenCL C or CUDA C reserve or that the
 * generated code uses ({@code kernel}, {@code global}, {@code float4}, {@code int2}, {@code threadIdx},
 * {@code get_global_id}, {@code restrict}, {@code M_PI}, anything {@code gpu4j_*} or {@code __*}...); snippets nested
 * deeper than 96 levels (every statement, operator, call, index and cast one level, every parenthesised expression,
 * argument list and index two more, so a chain {@code a + b + ...} has at most about 90 terms and parentheses nest
 * about 45 deep), which keeps the recursive parser, emitters and evaluator inside a 256 KiB thread stack; and
 * snippets of more than 65,536 tokens.
 *
 * <h2>Caching and shapes</h2>
 * Generated programs are built once per accelerator and generated text (which holds the snippet and the types), via
 * {@link org.gpu4j.Accelerator#sharedProgram}. GPUs get grid-stride loops and work-group trees in local memory; CPU
 * OpenCL devices get a contiguous chunk of indices per work-item with a private accumulator.
 */
package org.gpu4j.expr;
