package dev.azevents.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The requests received by all VMs, newest last, bounded. */
final class RequestLog {

    /** Requests kept; older ones are dropped (a drill polling each second for hours). */
    static final int MAX_KEPT = 10_000;

    private final Deque<RecordedRequest> kept = new ArrayDeque<>();
    private long sequence;

    synchronized long nextSequence() {
        return ++sequence;
    }

    synchronized void add(RecordedRequest r) {
        kept.addLast(r);
        while (kept.size() > MAX_KEPT) {
            kept.removeFirst();
        }
    }

    synchronized List<RecordedRequest> all() {
        List<RecordedRequest> l = new ArrayList<>(kept);
        l.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return l;
    }

    synchronized void clear() {
        kept.clear();
    }
}
