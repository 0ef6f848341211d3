/**
 * The CUDA backend over JCuda's driver API ({@code cuda:N}). Without an NVIDIA driver ({@code libcuda.so.1}) it
 * reports why and never loads JCuda's natives. Modules load from the PTX that the {@code kernels} build compiles
 * with nvcc, or are compiled at run time (NVRTC, else nvcc); driver statuses are reported by name.
 */
package org.gpu4j.cuda;
