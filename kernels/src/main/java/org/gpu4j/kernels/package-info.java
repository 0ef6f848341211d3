/**
 * gpu4j's shared kernel sources, as resources of this package: every built-in op's OpenCL C ({@code *.cl}) and
 * CUDA C ({@code *.cu}) file with the same entry names, and, where nvcc was present at build time, their PTX and SASS
 * fatbins ({@code cuda-floor.properties} records the driver floor of the PTX). The package has no classes: the
 * backends read the files with {@link java.lang.ClassLoader#getResourceAsStream(String)}.
 */
package org.gpu4j.kernels;
