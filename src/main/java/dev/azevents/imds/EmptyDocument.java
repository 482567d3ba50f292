package dev.azevents.imds;

/**
 * The one document an idle node fetches every pass, {@code {"DocumentIncarnation":N,"Events":[]}}
 * (keys in either order, JSON whitespace anywhere between tokens), read without a JSON library:
 * loading and starting Jackson costs about 10 ms of CPU in a JVM that lives 60 ms (issue 13).
 * Any other body, even a valid one (another field, a leading zero, a byte-order mark), is left to
 * {@link EventsParser}, which decides; a property test checks that both read every body this
 * class accepts alike.
 */
final class EmptyDocument {

    /** 18 digits always fit a long; longer incarnations go to the full parser. */
    private static final int MAX_DIGITS = 18;

    private final byte[] body;
    private int at;

    private EmptyDocument(byte[] body) {
        this.body = body;
    }

    /** The empty document {@code body} is, or null when it is anything else. */
    static EventsDocument read(byte[] body) {
        return new EmptyDocument(body).document();
    }

    private EventsDocument document() {
        long incarnation = -1;
        boolean events = false;
        if (!symbol('{')) {
            return null;
        }
        for (int field = 0; field < 2; field++) {
            if (field == 1 && !symbol(',')) {
                return null;
            }
            if (incarnation < 0 && key("\"DocumentIncarnation\"")) {
                incarnation = number();
                if (incarnation < 0) {
                    return null;
                }
            } else if (!events && key("\"Events\"")) {
                if (!symbol('[') || !symbol(']')) {
                    return null;
                }
                events = true;
            } else {
                return null;
            }
        }
        if (!symbol('}')) {
            return null;
        }
        skipSpace();
        return at == body.length ? EventsDocument.empty(incarnation) : null;
    }

    /** A key and its colon. */
    private boolean key(String quoted) {
        skipSpace();
        int n = quoted.length();
        if (at + n > body.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (body[at + i] != quoted.charAt(i)) {
                return false;
            }
        }
        at += n;
        return symbol(':');
    }

    /** {@code 0} or a number without a leading zero, at most 18 digits; else -1. */
    private long number() {
        skipSpace();
        int start = at;
        long value = 0;
        while (at < body.length && body[at] >= '0' && body[at] <= '9') {
            value = value * 10 + (body[at] - '0');
            at++;
        }
        int digits = at - start;
        if (digits == 0 || digits > MAX_DIGITS || digits > 1 && body[start] == '0') {
            return -1;
        }
        return value;
    }

    private boolean symbol(char c) {
        skipSpace();
        if (at < body.length && body[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < body.length && (body[at] == ' ' || body[at] == '\t' || body[at] == '\n'
                || body[at] == '\r')) {
            at++;
        }
    }
}
