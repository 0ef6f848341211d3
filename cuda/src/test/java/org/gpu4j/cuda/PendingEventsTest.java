package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launch-event bookkeeping is O(1) per launch: an event resolved by its caller is never searched for, the
 * queue stays bounded, and a sweep touches each event once. Counted with fake events (no driver).
 */
class PendingEventsTest {
    static final class Fake implements PendingEvents.Tracked {
        static int polls;      // isDone() calls, over all fakes
        static int resolves;
        boolean done;
        boolean resolved;
        @Override public boolean resolved() { return resolved; }
        @Override public boolean isDone() { polls++; return done; }
        @Override public void resolveQuietly() { if (!resolved) { resolved = true; resolves++; } }
    }

    @Test void eventsResolvedByTheirCallerCostNothingToForget() {
        Fake.polls = 0; Fake.resolves = 0;
        PendingEvents<Fake> q = new PendingEvents<>(4096);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Fake f = new Fake();
            q.add(f);
            f.done = true;
            f.resolveQuietly(); // the caller waited for its own event: nothing is removed from the queue
        }
        assertTrue(q.size() <= 4096, "queue bounded: " + q.size());
        assertEquals(0, Fake.polls, "no event was polled while others were forgotten");
        assertEquals(n, Fake.resolves);
        q.resolveCompleted();
        assertEquals(0, q.size());
        assertTrue(Fake.polls == 0, "resolved events at the head are dropped without polling the device");
    }

    @Test void aSweepStopsAtTheFirstRunningEventAndTheQueueIsBounded() {
        Fake.polls = 0; Fake.resolves = 0;
        PendingEvents<Fake> q = new PendingEvents<>(100);
        List<Fake> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) { Fake f = new Fake(); f.done = i < 4; all.add(f); q.add(f); }
        q.resolveCompleted();
        assertEquals(6, q.size());
        assertEquals(5, Fake.polls, "four done, then the first running one; nothing past it");
        for (int i = 0; i < 1000; i++) { Fake f = new Fake(); all.add(f); q.add(f); }
        assertTrue(q.size() <= 100, "bounded at max: " + q.size());
        long unresolvedAlive = all.stream().filter(f -> !f.resolved).count();
        assertTrue(unresolvedAlive <= 100, "at most max live handles: " + unresolvedAlive);
        q.resolveAll();
        assertEquals(0, q.size());
        assertTrue(all.stream().allMatch(f -> f.resolved));
    }
}
