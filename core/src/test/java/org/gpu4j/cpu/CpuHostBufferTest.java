package org.gpu4j.cpu;

import org.gpu4j.contract.HostBufferContract;
import org.gpu4j.junit.OnBackends;

/** The Java CPU backend runs the host-buffer contract on each of its devices (gpu4j-junit's {@code @EveryDevice}). */
@OnBackends("cpu")
class CpuHostBufferTest extends HostBufferContract {}
