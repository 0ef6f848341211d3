package org.gpu4j.sort;

import org.gpu4j.Accelerator;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The sort contract on the Java CPU backend with its default method ({@link LaunchPlan#sortMethod}), and again with
 * the other method forced by {@value LaunchPlan#SORT_METHOD_PROPERTY}, so the radix passes and the merge method both
 * give the oracle's bits here.
 */
class CpuSortTest extends SortContract {
    @Override protected Accelerator open() { return org.gpu4j.testing.Require.open("cpu"); }

    /** The method the plan does not choose by default, forced (so both run here, and neither twice). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OtherMethod extends SortContract {
        @Override protected Accelerator open() {
            LaunchPlan.SortMethod dflt;
            try (Accelerator a = org.gpu4j.testing.Require.open("cpu")) {
                dflt = CoreAccess.get().plan(a).sortMethod();
            }
            return openWithSortMethod("cpu", dflt == LaunchPlan.SortMethod.MERGE ? LaunchPlan.SortMethod.RADIX : LaunchPlan.SortMethod.MERGE);
        }
    }
}
