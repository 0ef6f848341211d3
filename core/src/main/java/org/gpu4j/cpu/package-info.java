/**
 * The Java CPU backend ({@code cpu:0}): arrays on the heap, {@link org.gpu4j.JavaKernel}s run over a ForkJoin pool
 * with one worker per core, no native code. Always available; the oracle the other backends are tested against.
 */
package org.gpu4j.cpu;
