package org.gpu4j.cuda;

import org.gpu4j.contract.HostBufferContract;
import org.gpu4j.junit.OnBackends;

/** The CUDA backend runs the host-buffer contract on each of its devices (gpu4j-junit's {@code @EveryDevice}). */
@OnBackends("cuda")
class CudaHostBufferTest extends HostBufferContract {}
