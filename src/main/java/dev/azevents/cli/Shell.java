package dev.azevents.cli;

import java.util.regex.Pattern;

/** Quoting for the shell commands that {@code azevents setup --print} writes. */
final class Shell {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.,:=/@%+-]+");

    private Shell() {
    }

    /** The word as is when the shell leaves it alone, else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
