package dev.azevents.ocf;

/** Escaping for text put into a manual page: the one place where roff syntax is neutralised. */
public final class Roff {

    private Roff() {
    }

    /**
     * Text safe inside a roff line: backslashes escaped, hyphens as literal minus signs (option
     * names stay copyable), and a leading dot or quote guarded so it is not read as a request.
     */
    public static String text(String plain) {
        String escaped = plain.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }
}
