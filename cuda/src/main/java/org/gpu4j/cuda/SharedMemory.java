package org.gpu4j.cuda;

/**
 * The shared-memory rule of a launch, checked in Java before {@code cuLaunchKernel}. A block's shared memory is the
 * kernel's static {@code __shared__} arrays ({@code CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES}) plus the launch's dynamic
 * amount ({@code extern __shared__}, from {@link org.gpu4j.LocalMemory} arguments). Up to 48 KiB in all needs
 * nothing; beyond, the kernel must opt in ({@code CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES} ≥ the dynamic
 * amount) and the sum must stay within the device's opt-in maximum
 * ({@code CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN}, e.g. 99 KiB on sm_86, 227 KiB on sm_90).
 */
final class SharedMemory {
    static final int DEFAULT_LIMIT = 48 * 1024;

    private SharedMemory() {}

    /**
     * The dynamic-size attribute the kernel must have for this launch: 0 when none is needed (static + dynamic ≤
     * 48 KiB, or the kernel already allows {@code dynamic}), else {@code dynamic}.
     *
     * @param optedIn the kernel's current {@code MAX_DYNAMIC_SHARED_SIZE_BYTES} (0: never set)
     * @throws IllegalArgumentException when static + dynamic exceeds the device's opt-in maximum
     */
    static long optInFor(String kernel, String device, long staticBytes, long dynamicBytes, long optinMax, long optedIn) {
        long total = staticBytes + dynamicBytes;
        if (total > Math.max(optinMax, DEFAULT_LIMIT)) {
            throw new IllegalArgumentException("kernel " + kernel + ": " + staticBytes + " bytes of static __shared__ memory + "
                    + dynamicBytes + " bytes of LocalMemory arguments = " + total + " bytes, more than the "
                    + Math.max(optinMax, DEFAULT_LIMIT) + " a block of " + device + " can have");
        }
        if (total <= DEFAULT_LIMIT || dynamicBytes <= optedIn) return 0;
        return dynamicBytes;
    }
}
