package dev.azevents.cluster;

import dev.azevents.engine.PullLease;
import java.time.Instant;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The pull lease as conditional CIB updates: {@code cibadmin --modify --xpath X}, which
 * Pacemaker applies in one CIB operation only when {@code X} matches, and otherwise refuses with
 * exit code 105 (no such object), changing nothing. So each step is a compare-and-swap:
 * <ul>
 * <li>acquire: when no holder is recorded, write holder and expiry and
 *     {@code <prefix>_globalPullState=PULLING};</li>
 * <li>release or break: when holder and expiry are exactly what was read, clear both and write
 *     {@code <prefix>_globalPullState=IDLE}.</li>
 * <li>the plan's write, under the lease: the whole {@code <configuration>} update when holder and
 *     expiry are still ours ({@link #heldConfigurationXpath}), so the write is fenced by the
 *     lease in the same CIB operation.</li>
 * </ul>
 * {@code deleteLease} answers whether the given lease is absent afterwards: true after its own
 * release, and also when it had already been released or broken (another lease may be held
 * now: the compare never touches it).
 * Compared with {@code cibadmin --create} (fails with 108 when the set exists) plus
 * {@code cibadmin --delete} of the read values, this keeps {@code globalPullState} in the same
 * operation as the lease, and XPath compares values exactly, while {@code --delete} matches
 * attribute values ignoring case. The lease's set stays in crm_config with empty values when
 * free. {@code globalPullState} is written where {@code crm_attribute --type crm_config} puts it
 * ({@code cib-bootstrap-options}), as the Python agents do.
 */
final class LeaseCommands {

    /** cibadmin's exit code when the XPath of a conditional update matches nothing. */
    static final int NO_MATCH = 105;

    private final AttributeNames names;

    LeaseCommands(AttributeNames names) {
        this.names = names;
    }

    /** crm_config when no holder is recorded. */
    String freeXpath() {
        return "/cib/configuration/crm_config[not(cluster_property_set[@id="
                + literal(names.leaseSetId()) + "]/nvpair[@id=" + literal(names.leaseHolderId())
                + "][string-length(@value) > 0])]";
    }

    /**
     * crm_config when this exact lease is recorded. A lease whose expiry could not be read (see
     * {@link SnapshotReader#leaseExpiry}) is matched on its holder alone.
     */
    String heldXpath(PullLease lease) {
        return "/cib/configuration/crm_config[" + heldPredicate(lease) + "]";
    }

    /**
     * The configuration section when this exact lease is recorded: the plan's one
     * {@code cibadmin --modify} is conditional on it, so a pass whose lease was broken (it
     * stalled, or the clocks disagree) writes nothing instead of racing the breaker.
     */
    String heldConfigurationXpath(PullLease lease) {
        return "/cib/configuration[crm_config[" + heldPredicate(lease) + "]]";
    }

    /** Inside crm_config: the lease set holding exactly this lease. */
    String heldPredicate(PullLease lease) {
        String set = "cluster_property_set[@id=" + literal(names.leaseSetId()) + "]";
        String holder = "[nvpair[@id=" + literal(names.leaseHolderId()) + "][@value="
                + literal(lease.holder()) + "]]";
        String expiry = lease.expiry().equals(Instant.EPOCH) ? ""
                : "[nvpair[@id=" + literal(names.leaseExpiryId()) + "][@value="
                        + literal(lease.expiry().toString()) + "]]";
        return set + holder + expiry;
    }

    /** The query that reads the lease back (exit 105 when its set is absent). */
    String leaseSetXpath() {
        return "/cib/configuration/crm_config/cluster_property_set[@id="
                + literal(names.leaseSetId()) + "]";
    }

    String acquireXml(PullLease lease) {
        return fragment(lease.holder(), lease.expiry().toString(), AttributeNames.PULLING);
    }

    String releaseXml() {
        return fragment("", "", AttributeNames.IDLE);
    }

    private String fragment(String holder, String expiry, String pullState) {
        Document doc = CibXml.newDocument();
        Element crmConfig = doc.createElement("crm_config");
        doc.appendChild(crmConfig);
        Element lease = set(doc, crmConfig, names.leaseSetId());
        pair(doc, lease, names.leaseHolderId(), names.leaseHolder(), holder);
        pair(doc, lease, names.leaseExpiryId(), names.leaseExpiry(), expiry);
        Element bootstrap = set(doc, crmConfig, AttributeNames.BOOTSTRAP_SET);
        pair(doc, bootstrap, AttributeNames.bootstrapNvpairId(names.globalPullState()),
                names.globalPullState(), pullState);
        return CibXml.write(doc);
    }

    private static Element set(Document doc, Element parent, String id) {
        Element set = doc.createElement("cluster_property_set");
        set.setAttribute("id", id);
        parent.appendChild(set);
        return set;
    }

    private static void pair(Document doc, Element set, String id, String name, String value) {
        Element pair = doc.createElement("nvpair");
        pair.setAttribute("id", id);
        pair.setAttribute("name", name);
        pair.setAttribute("value", value);
        set.appendChild(pair);
    }

    /**
     * An XPath 1.0 string literal for any text: XPath has no escapes, so a value holding both
     * quote kinds is built with {@code concat()}.
     */
    static String literal(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        StringBuilder out = new StringBuilder("concat(");
        String[] parts = s.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(", \"'\", ");
            }
            out.append('\'').append(parts[i]).append('\'');
        }
        return out.append(')').toString();
    }
}
