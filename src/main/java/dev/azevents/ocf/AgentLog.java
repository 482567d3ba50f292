package dev.azevents.ocf;

/**
 * Where the agent's log lines go. {@link PacemakerLog} follows Pacemaker's conventions; tests
 * record lines. Messages may carry text from the network: implementations neutralise control
 * characters so one message is always one line.
 */
public interface AgentLog {

    /** Syslog severities used by the agent, most severe first. */
    enum Level {
        ERROR(3), WARN(4), INFO(6), DEBUG(7);

        private final int syslogSeverity;

        Level(int syslogSeverity) {
            this.syslogSeverity = syslogSeverity;
        }

        public int syslogSeverity() {
            return syslogSeverity;
        }
    }

    void log(Level level, String message);

    default void error(String message) {
        log(Level.ERROR, message);
    }

    default void warn(String message) {
        log(Level.WARN, message);
    }

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void debug(String message) {
        log(Level.DEBUG, message);
    }

    /** Replaces control characters (newlines from hostile event ids) by visible escapes. */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
