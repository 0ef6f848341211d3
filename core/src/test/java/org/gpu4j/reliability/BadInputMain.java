package org.gpu4j.reliability;

import java.util.List;

/** Runs the bad-input table in its own JVM: {@code BadInputMain <selector>}; exit 0 when every case passed. */
public final class BadInputMain {
    private BadInputMain() {}

    public static void main(String[] args) {
        String selector = args.length > 0 ? args[0] : "cpu";
        List<String> failures = BadInput.runAll(selector, System.out);
        long n = BadInput.countFor(org.gpu4j.Gpu4j.select(selector).backend());
        if (failures.isEmpty()) {
            System.out.println("BAD-INPUT: " + n + " cases passed on " + selector);
            System.exit(0);
        }
        failures.forEach(f -> System.out.println("FAILED " + f));
        System.out.println("BAD-INPUT: " + failures.size() + " of " + n + " cases failed on " + selector);
        System.exit(1);
    }
}
