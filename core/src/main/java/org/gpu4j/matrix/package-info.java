/**
 * The matrix op family (not exported): {@link org.gpu4j.matrix.MatrixOps} implements {@link org.gpu4j.Matrices};
 * {@link org.gpu4j.matrix.MatrixKernels} is its kernel-source table and Java twins, with the Java CPU backend's GEMMs
 * ({@link org.gpu4j.matrix.JavaGemm}, and {@link org.gpu4j.matrix.VectorGemm} on the Vector API). Device code:
 * {@code matmul}, {@code transpose}, {@code gemv} and {@code matrix} .cl and .cu in the kernels module. The shape
 * comes from {@link org.gpu4j.internal.LaunchPlan}; the tile shapes are the kernels' own.
 */
package org.gpu4j.matrix;
