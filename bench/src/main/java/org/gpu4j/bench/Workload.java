package org.gpu4j.bench;

/** One runnable benchmark case: {@link #run()} does the whole operation once and returns when it is complete. */
interface Workload extends AutoCloseable {
    void run();

    @Override void close();
}
