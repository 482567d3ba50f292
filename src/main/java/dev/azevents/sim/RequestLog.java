package dev.azevents.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The requests received by all VMs, oldest first, bounded. A request is recorded when it
 * arrives, with status 0, and its status is filled in when (if ever) it is answered, so a test
 * sees a request that is still delayed or hung, as with MockWebServer's takeRequest().
 */
final class RequestLog {

    /** Requests kept; older ones are dropped (a drill polling each second for hours). */
    static final int MAX_KEPT = 10_000;

    /** By sequence number, in arrival order. */
    private final Map<Long, RecordedRequest> kept = new LinkedHashMap<>();
    private long sequence;

    /** Records a request as it arrives; {@code make} builds it from its sequence number. */
    synchronized RecordedRequest arrived(LongFunction<RecordedRequest> make) {
        RecordedRequest r = make.apply(++sequence);
        kept.put(r.sequence(), r);
        Iterator<Long> oldest = kept.keySet().iterator();
        while (kept.size() > MAX_KEPT) {
            oldest.next();
            oldest.remove();
        }
        return r;
    }

    /** Records the answer's status; a request already dropped by the bound is left dropped. */
    synchronized void answered(long seq, int status) {
        kept.computeIfPresent(seq, (k, r) -> r.answered(status));
    }

    synchronized List<RecordedRequest> all() {
        return new ArrayList<>(kept.values());
    }

    synchronized void clear() {
        kept.clear();
    }
}
