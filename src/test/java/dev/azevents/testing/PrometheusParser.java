package dev.azevents.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text exposition format 0.0.4 (as node_exporter's textfile
 * collector reads it): HELP and TYPE lines, then samples {@code name{label="value",...} number};
 * a sample's family must have been typed first, a family typed once, a series given once, label
 * values escaped. Anything else is an {@link AssertionError} naming the line.
 */
public final class PrometheusParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern COMMENT = Pattern.compile(
            "# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** Series ({@code name{k="v",...}} with labels sorted) to value. */
    private final Map<String, Double> series = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    private PrometheusParser() {
    }

    public static PrometheusParser parse(String text) {
        PrometheusParser p = new PrometheusParser();
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line feed");
        }
        Set<String> sampled = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher c = COMMENT.matcher(line);
            if (c.matches()) {
                if (c.group(1).equals("TYPE")) {
                    if (!Set.of("counter", "gauge", "untyped").contains(c.group(3))) {
                        throw new AssertionError("line " + number + ": bad type: " + line);
                    }
                    if (p.types.put(c.group(2), c.group(3)) != null || sampled.contains(
                            c.group(2))) {
                        throw new AssertionError("line " + number + ": TYPE again or late: "
                                + line);
                    }
                }
                continue;
            }
            if (line.startsWith("#")) {
                throw new AssertionError("line " + number + ": not HELP or TYPE: " + line);
            }
            p.sample(line, number, sampled);
        }
        return p;
    }

    private void sample(String line, int number, Set<String> sampled) {
        Matcher s = SAMPLE.matcher(line);
        if (!s.matches() || !NAME.matcher(s.group(1)).matches()) {
            throw new AssertionError("line " + number + ": not a sample: " + line);
        }
        String name = s.group(1);
        if (!types.containsKey(name)) {
            throw new AssertionError("line " + number + ": sample before its TYPE: " + line);
        }
        sampled.add(name);
        Map<String, String> labels = new TreeMap<>();
        if (s.group(3) != null) {
            Matcher l = LABEL.matcher(s.group(3));
            int at = 0;
            while (at < s.group(3).length()) {
                if (!l.find(at) || l.start() != at) {
                    throw new AssertionError("line " + number + ": bad labels: " + line);
                }
                if (labels.put(l.group(1), l.group(2)) != null) {
                    throw new AssertionError("line " + number + ": label twice: " + line);
                }
                at = l.end();
            }
        }
        double value;
        try {
            value = Double.parseDouble(s.group(4));
        } catch (NumberFormatException e) {
            throw new AssertionError("line " + number + ": bad value: " + line);
        }
        String key = name + labels;
        if (series.put(key, value) != null) {
            throw new AssertionError("line " + number + ": series given twice: " + line);
        }
    }

    /** The value of one series, e.g. {@code value("up", "node", "n1", "strategy", "health")}. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Double v = series.get(name + wanted);
        if (v == null) {
            throw new AssertionError("no series " + name + wanted + " in " + series.keySet());
        }
        return v;
    }

    public boolean has(String name) {
        return series.keySet().stream().anyMatch(k -> k.startsWith(name + "{"));
    }

    public Map<String, String> types() {
        return types;
    }

    /** Every label name used by any series. */
    public Set<String> labelNames() {
        Set<String> names = new TreeSet<>();
        for (String key : series.keySet()) {
            Matcher m = Pattern.compile("[{ ,]([a-z]+)=").matcher(key);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
