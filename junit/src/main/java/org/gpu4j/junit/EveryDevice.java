package org.gpu4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per gpu4j device, with an {@link org.gpu4j.Accelerator} for that device injected as a
 * parameter; the device is in the display name ({@code [opencl:0] pthread-... }).
 *
 * <p>The backends are those named here, else those named by {@link OnBackends} on the test class, else every
 * backend on the class path. A backend without a device gives one invocation that is <b>skipped</b> with the
 * backend's reason — or <b>fails</b> when {@code GPU4J_REQUIRE} names the backend ({@link Requirements}).
 *
 * <p>One accelerator per device is opened for the test class, shared by its {@code @EveryDevice} methods, and closed
 * after the class, once the class has been checked for leaked gpu4j arrays ({@link LeakCheck}): a
 * leak fails the class.
 *
 * {@snippet :
 * class SaxpyTest {
 *     @EveryDevice
 *     void scales(Accelerator acc) {
 *         try (FloatArray x = acc.upload(new float[] {1, 2, 3})) {
 *             Verify.arrays(new float[] {1, 2, 3}, x.toArray(), Tolerance.exact());
 *         }
 *     }
 * }
 * }
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(EveryDeviceExtension.class)
public @interface EveryDevice {
    /**
     * The backend ids to run on ({@code "cpu"}, {@code "opencl"}, {@code "cuda"}); empty: {@link OnBackends} on the
     * class, or every backend.
     *
     * @return the backend ids
     */
    String[] value() default {};
}
