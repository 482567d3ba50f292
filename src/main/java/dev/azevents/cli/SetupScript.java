package dev.azevents.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code azevents setup --print crm|pcs}: the pieces as one script that writes them together, as
 * --apply does. Written one by one, a primitive would start before it is cloned, fail its start
 * check ("not cloned") and keep that failure on its node; pcs 0.11's one-command
 * {@code create ... clone <id> meta ...} would even put the clone's meta attributes on the
 * primitive (ClusterLabs #2025 again). So: crmsh's configure session with one commit; for pcs
 * a copy of the CIB edited with {@code -f} and pushed as a diff (pcs 0.11 and 0.12 alike).
 */
final class SetupScript {

    static final String PCS_ORIGINAL = "azevents-setup.orig.xml";
    static final String PCS_EDITED = "azevents-setup.xml";

    private SetupScript() {
    }

    static void print(String tool, List<SetupChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            return;
        }
        if (tool.equals("crm")) {
            crm(changes, out);
        } else {
            pcs(changes, out);
        }
    }

    private static void crm(List<SetupChange> changes, PrintWriter out) {
        changes.stream().filter(c -> c instanceof SetupChange.NodeHealth)
                .flatMap(c -> c.crm().stream()).forEach(out::println);
        List<String> statements = changes.stream()
                .filter(c -> !(c instanceof SetupChange.NodeHealth))
                .flatMap(c -> c.crm().stream()).toList();
        if (statements.isEmpty()) {
            return;
        }
        out.println("crm configure <<'EOF'");
        statements.forEach(out::println);
        out.println("commit");
        out.println("EOF");
    }

    private static void pcs(List<SetupChange> changes, PrintWriter out) {
        out.println("pcs cluster cib " + PCS_ORIGINAL);
        out.println("cp " + PCS_ORIGINAL + " " + PCS_EDITED);
        changes.stream().flatMap(c -> c.pcs().stream())
                .map(line -> "pcs -f " + PCS_EDITED + line.substring("pcs".length()))
                .forEach(out::println);
        out.println("pcs cluster cib-push " + PCS_EDITED + " diff-against=" + PCS_ORIGINAL);
    }
}
