package org.gpu4j.opencl;

import org.gpu4j.contract.HostBufferContract;
import org.gpu4j.junit.OnBackends;

/** The OpenCL backend runs the host-buffer contract on each of its devices (gpu4j-junit's {@code @EveryDevice}). */
@OnBackends("opencl")
class OpenClHostBufferTest extends HostBufferContract {}
