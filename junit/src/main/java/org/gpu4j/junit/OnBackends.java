package org.gpu4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The backends the {@link EveryDevice} methods of a test class (and its subclasses) run on, unless a method names
 * its own. An abstract suite of {@code @EveryDevice} methods is run on one backend by a subclass:
 *
 * {@snippet :
 * @OnBackends("opencl")
 * class OpenClBufferTest extends BufferContract {}
 * }
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface OnBackends {
    /**
     * The backend ids.
     *
     * @return the backend ids
     */
    String[] value();
}
