/**
 * The vector op family (not exported): {@link org.gpu4j.vector.VectorOps} implements {@link org.gpu4j.Vectors}
 * (checks, launches, the host-side combination of reduction partials); {@link org.gpu4j.vector.VectorKernels} is its
 * kernel-source table and its Java twins. Device code: {@code vector}, {@code reduce} and {@code scan} .cl and .cu in
 * the kernels module. Launch geometry comes from {@link org.gpu4j.internal.LaunchPlan}.
 */
package org.gpu4j.vector;
