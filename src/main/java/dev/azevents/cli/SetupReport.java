package dev.azevents.cli;

import java.io.PrintWriter;

/** The text {@code azevents setup} prints: one line per piece, then what to do next. */
final class SetupReport {

    private SetupReport() {
    }

    static void print(SetupPlan plan, boolean apply, boolean force, PrintWriter out) {
        for (SetupPlan.Entry e : plan.entries()) {
            String line = switch (e.status()) {
                case ADD -> "add      " + e.change().describe();
                case PRESENT -> "present  " + e.change().describe();
                case DIFFERS -> "differs  " + e.change().describe() + ": " + e.detail()
                        + (force ? " (overwritten: --force)" : " (left as it is; --force"
                        + " overwrites it)");
            };
            out.println(line);
        }
        long add = plan.count(SetupPlan.Status.ADD);
        if (add == 0 && plan.count(SetupPlan.Status.DIFFERS) == 0) {
            out.println("nothing to do: the cluster is set up");
        } else if (!apply) {
            out.println("nothing written: run again with --apply to write this in one CIB"
                    + " update, or --print crm|pcs for the commands");
        }
    }
}
