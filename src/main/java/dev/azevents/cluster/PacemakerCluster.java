package dev.azevents.cluster;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.w3c.dom.Document;

/**
 * {@link Cluster} on Pacemaker's own command-line tools, run through a {@link ToolRunner}
 * (argument arrays, a timeout per call, {@code CIB_file}/{@code CIB_shadow} honoured).
 *
 * <p>Tool processes per call: {@link #snapshot} 2, run side by side
 * ({@code cibadmin --query}, {@code crm_mon --output-as=xml}); {@link #apply} 0 for a plan
 * without CIB actions, else 2 (a query of the configuration for node ids and existing attribute
 * places, then one {@code cibadmin --modify}); {@link #acquireLease} 1; {@link #deleteLease} 1,
 * or 2 when the lease was not the one read; {@link #localNodeName} 0 under Pacemaker, else 1.
 */
public final class PacemakerCluster implements Cluster {

    /** Set by Pacemaker for every resource action: the node the action runs on. */
    static final String ON_NODE_VARIABLE = "OCF_RESKEY_CRM_meta_on_node";

    private final ToolRunner tools;
    private final Map<String, String> environment;

    /**
     * @param tools       runs the Pacemaker tools
     * @param environment the agent's environment, read for {@value #ON_NODE_VARIABLE}
     */
    public PacemakerCluster(ToolRunner tools, Map<String, String> environment) {
        this.tools = tools;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The tools on {@code PATH}, run with {@code environment} (the agent's), so that
     * {@code CIB_file}/{@code CIB_shadow} given to the agent reach the tools even when the map is
     * not the process's own (tests, dry runs).
     */
    public static PacemakerCluster of(Map<String, String> environment) {
        return new PacemakerCluster(new ProcessToolRunner(Optional.empty(), environment,
                ProcessToolRunner.DEFAULT_TIMEOUT), environment);
    }

    /**
     * The whole CIB as {@code cibadmin --query} prints it (one process), for readers of the
     * configuration such as {@code validate-all}.
     */
    public CibResult<String> cibXml() {
        CibResult<ToolOutput> run = succeeded(List.of("cibadmin", "--query"), Optional.empty());
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        return new CibResult.Ok<>(value(run).stdout());
    }

    @Override
    public CibResult<String> localNodeName() {
        String fromPacemaker = environment.getOrDefault(ON_NODE_VARIABLE, "").strip();
        if (!fromPacemaker.isEmpty()) {
            return new CibResult.Ok<>(fromPacemaker);
        }
        CibResult<ToolOutput> run = succeeded(List.of("crm_node", "-n"), Optional.empty());
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        String name = ((CibResult.Ok<ToolOutput>) run).value().stdout().strip();
        return name.isEmpty() ? new CibResult.Failed<>("crm_node -n", "printed no node name")
                : new CibResult.Ok<>(name);
    }

    @Override
    public CibResult<ClusterSnapshot> snapshot(Strategy strategy) {
        // The two tools run side by side (each ~10 ms, mostly waiting on the CIB manager), and
        // the CIB is parsed while crm_mon still runs: a pass's wall time is a product metric.
        // Only the sections the snapshot uses are asked of crm_mon: less work for it ("dc"
        // carries current_dc with_quorum: without it every snapshot reads as no quorum).
        FutureTask<CibResult<XmlElement>> status = new FutureTask<>(() -> queryTree(List.of(
                "crm_mon", "--output-as=xml", "--include=none",
                "--include=options,nodes,resources,dc")));
        Thread statusReader = new Thread(status, "crm_mon");
        statusReader.setDaemon(true);
        statusReader.start();
        CibResult<XmlElement> cib = queryTree(List.of("cibadmin", "--query"));
        CibResult<XmlElement> seen = joined(status);
        if (cib instanceof CibResult.Failed<XmlElement> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        if (seen instanceof CibResult.Failed<XmlElement> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        Optional<String> problem = statusProblem(value(seen));
        if (problem.isPresent()) {
            return new CibResult.Failed<>("crm_mon --output-as=xml", problem.get());
        }
        return new CibResult.Ok<>(new SnapshotReader(strategy).read(value(cib), value(seen)));
    }

    /**
     * crm_mon 2.1.5 exits 0 with {@code <status code="0">} when it cannot reach the CIB, and
     * says so only in {@code <errors>}, with no {@code <nodes>}: that is no view of the cluster.
     */
    static Optional<String> statusProblem(XmlElement status) {
        List<String> errors = new ArrayList<>();
        Optional<XmlElement> listed = status.path("status", "errors");
        if (listed.isPresent()) {
            for (XmlElement error : listed.get().children("error")) {
                errors.add(error.text().strip());
            }
        }
        if (!errors.isEmpty()) {
            return Optional.of(String.join("; ", errors));
        }
        if (status.child("nodes").isEmpty()) {
            return Optional.of("no <nodes> in its output");
        }
        return Optional.empty();
    }

    private static CibResult<XmlElement> joined(FutureTask<CibResult<XmlElement>> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CibResult.Failed<>("crm_mon --output-as=xml", "interrupted");
        } catch (ExecutionException e) {
            // A programmer error in the reader, not an operating error: let it surface.
            throw new IllegalStateException("reading crm_mon failed", e.getCause());
        }
    }

    @Override
    public CibResult<Boolean> acquireLease(Strategy strategy, PullLease lease) {
        Optional<String> bad = CibUpdate.badValue(lease.holder());
        if (lease.holder().isEmpty() || bad.isPresent()) {
            return new CibResult.Failed<>("lease acquire", "refused, nothing written: holder "
                    + bad.orElse("is empty"));
        }
        LeaseCommands commands = new LeaseCommands(AttributeNames.of(strategy));
        return conditionalModify(commands.freeXpath(), commands.acquireXml(lease));
    }

    @Override
    public CibResult<Boolean> deleteLease(Strategy strategy, PullLease lease) {
        LeaseCommands commands = new LeaseCommands(AttributeNames.of(strategy));
        CibResult<Boolean> swapped = conditionalModify(commands.heldXpath(lease),
                commands.releaseXml());
        if (!(swapped instanceof CibResult.Ok<Boolean> ok) || ok.value()) {
            return swapped;
        }
        // The compare failed: this lease is gone unless it is still exactly what is recorded
        // (only a failure to write could leave it; the read tells).
        CibResult<ToolOutput> read = tools.run(List.of("cibadmin", "--query", "--xpath",
                commands.leaseSetXpath()), Optional.empty());
        if (read instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        ToolOutput out = ((CibResult.Ok<ToolOutput>) read).value();
        if (out.exitCode() == LeaseCommands.NO_MATCH) {
            return new CibResult.Ok<>(true);
        }
        if (out.exitCode() != 0) {
            return new CibResult.Failed<>("cibadmin --query", out.describe());
        }
        XmlElement wrapped;
        try {
            wrapped = XmlReader.parse("<cib><configuration><crm_config>" + out.stdout()
                    + "</crm_config></configuration></cib>");
        } catch (XmlReader.NotXml e) {
            return new CibResult.Failed<>("cibadmin --query",
                    "not well-formed XML: " + e.getMessage());
        }
        Optional<PullLease> now = new SnapshotReader(strategy).leaseOf(wrapped);
        return new CibResult.Ok<>(!now.equals(Optional.of(lease)));
    }

    @Override
    public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
        CibResult<Optional<String>> xml = modifyXml(strategy, actions);
        if (xml instanceof CibResult.Failed<Optional<String>> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        if (value(xml).isEmpty()) {
            return new CibResult.Ok<>(null);
        }
        CibResult<ToolOutput> modify = succeeded(List.of("cibadmin", "--modify", "--scope",
                "configuration", "--xml-pipe"), value(xml));
        if (modify instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        return new CibResult.Ok<>(null);
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions,
            PullLease lease) {
        CibResult<Optional<String>> xml = modifyXml(strategy, actions);
        if (xml instanceof CibResult.Failed<Optional<String>> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        if (value(xml).isEmpty()) {
            return new CibResult.Ok<>(true);
        }
        LeaseCommands commands = new LeaseCommands(AttributeNames.of(strategy));
        return conditionalModify(commands.heldConfigurationXpath(lease), value(xml).get());
    }

    /**
     * {@code bin/azevents cleanup}: the CIB actions of each strategy, and the release of each
     * given lease, as ONE CIB update; when leases are given, conditional on each still being
     * exactly the one given (so a live agent that took a new lease meanwhile is not overwritten).
     * Ok(true): written; Ok(false): a lease changed, nothing written.
     */
    public CibResult<Boolean> applyCleanup(Map<Strategy, List<Action>> actions,
            Map<Strategy, PullLease> leases) {
        List<AttributeWrite> all = new java.util.ArrayList<>();
        for (Map.Entry<Strategy, List<Action>> e : actions.entrySet()) {
            CibResult<List<AttributeWrite>> writes = CibUpdate.writes(e.getKey(), e.getValue());
            if (writes instanceof CibResult.Failed<List<AttributeWrite>> f) {
                return new CibResult.Failed<>(f.what(), f.detail());
            }
            all.addAll(value(writes));
        }
        StringBuilder condition = new StringBuilder("/cib/configuration");
        for (Map.Entry<Strategy, PullLease> e : leases.entrySet()) {
            AttributeNames names = AttributeNames.of(e.getKey());
            all.add(AttributeWrite.property(names.leaseHolder(), ""));
            all.add(AttributeWrite.property(names.leaseExpiry(), ""));
            all.add(AttributeWrite.property(names.globalPullState(), AttributeNames.IDLE));
            condition.append("[crm_config[").append(new LeaseCommands(names)
                    .heldPredicate(e.getValue())).append("]]");
        }
        if (all.isEmpty()) {
            return new CibResult.Ok<>(true);
        }
        CibResult<Document> configuration = queryXml(List.of("cibadmin", "--query", "--scope",
                "configuration"));
        if (configuration instanceof CibResult.Failed<Document> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        CibResult<String> xml = ModifyDocument.build(value(configuration), all);
        if (xml instanceof CibResult.Failed<String> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        return conditionalModify(condition.toString(), value(xml));
    }

    /** The plan's {@code <configuration>} update, or empty when it has no CIB action. */
    private CibResult<Optional<String>> modifyXml(Strategy strategy, List<Action> actions) {
        CibResult<List<AttributeWrite>> writes = CibUpdate.writes(strategy, actions);
        if (writes instanceof CibResult.Failed<List<AttributeWrite>> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        List<AttributeWrite> all = value(writes);
        if (all.isEmpty()) {
            return new CibResult.Ok<>(Optional.empty());
        }
        CibResult<Document> configuration = queryXml(List.of("cibadmin", "--query", "--scope",
                "configuration"));
        if (configuration instanceof CibResult.Failed<Document> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        CibResult<String> xml = ModifyDocument.build(value(configuration), all);
        if (xml instanceof CibResult.Failed<String> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        return new CibResult.Ok<>(Optional.of(value(xml)));
    }

    /** Ok(true): applied; Ok(false): the XPath matched nothing, so nothing changed. */
    private CibResult<Boolean> conditionalModify(String xpath, String xml) {
        CibResult<ToolOutput> run = tools.run(List.of("cibadmin", "--modify", "--xpath", xpath,
                "--xml-pipe"), Optional.of(xml));
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        ToolOutput out = ((CibResult.Ok<ToolOutput>) run).value();
        if (out.exitCode() == 0 || out.exitCode() == LeaseCommands.NO_MATCH) {
            return new CibResult.Ok<>(out.exitCode() == 0);
        }
        return new CibResult.Failed<>("cibadmin --modify --xpath", out.describe());
    }

    private CibResult<Document> queryXml(List<String> argv) {
        CibResult<ToolOutput> run = succeeded(argv, Optional.empty());
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        CibXml.Parsed parsed = CibXml.parse(value(run).stdout());
        return parsed.document().<CibResult<Document>>map(CibResult.Ok::new)
                .orElseGet(() -> new CibResult.Failed<>(what(argv), parsed.problem()));
    }

    /** A query's output read by {@link XmlReader} (the snapshot's path: no JDK XML). */
    private CibResult<XmlElement> queryTree(List<String> argv) {
        CibResult<ToolOutput> run = succeeded(argv, Optional.empty());
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        try {
            return new CibResult.Ok<>(XmlReader.parse(value(run).stdout()));
        } catch (XmlReader.NotXml e) {
            return new CibResult.Failed<>(what(argv), "not well-formed XML: " + e.getMessage());
        }
    }

    /** The run, Failed unless the tool exited 0. */
    private CibResult<ToolOutput> succeeded(List<String> argv, Optional<String> stdin) {
        CibResult<ToolOutput> run = tools.run(argv, stdin);
        if (run instanceof CibResult.Ok<ToolOutput> ok && ok.value().exitCode() != 0) {
            return new CibResult.Failed<>(what(argv), ok.value().describe());
        }
        return run;
    }

    private static String what(List<String> argv) {
        return String.join(" ", argv.subList(0, Math.min(2, argv.size())));
    }

    private static <T> T value(CibResult<T> ok) {
        return ((CibResult.Ok<T>) ok).value();
    }
}
