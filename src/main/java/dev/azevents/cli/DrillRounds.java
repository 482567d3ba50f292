package dev.azevents.cli;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.imds.EventType;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimAdmin;
import dev.azevents.sim.SimEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rounds of a drill and its timeline: per round, each running agent's decisions, Azure's
 * side (approval, the platform acting, the event ending) and Pacemaker's transitions, named as
 * crm_simulate names them; then a summary of when the node drained, was approved and came back.
 */
final class DrillRounds {

    private final DrillRun run;
    private final ImdsSimulator imds;
    private final SimEvent event;
    private final EventType type;
    private final Optional<String> node;
    private final PrintStream out;
    private int drainedIn;
    private int approvedIn;
    private int backIn;
    private boolean ended;

    DrillRounds(DrillRun run, ImdsSimulator imds, SimEvent event, EventType type, String vm) {
        this.run = run;
        this.imds = imds;
        this.event = event;
        this.type = type;
        this.node = run.nodeOf(vm);
        this.out = run.out();
    }

    boolean play(int rounds) throws IOException {
        int quiet = 0;
        for (int round = 1; round <= rounds && quiet < 2; round++) {
            out.println();
            out.println("round " + round);
            if (round > 1) {
                run.nextRound();
            }
            boolean acted = passes(round);
            acted |= azure(round);
            List<String> moves = run.react();
            moves.forEach(m -> out.println("  Pacemaker: " + m));
            observe(round);
            quiet = !acted && moves.isEmpty() && (ended || approvedIn == 0) ? quiet + 1 : 0;
        }
        return summary();
    }

    /** One pass on every online node whose agent runs; true when any decided something. */
    private boolean passes(int round) throws IOException {
        ClusterSnapshot s = run.snapshot();
        boolean acted = false;
        for (ClusterNode n : s.nodes()) {
            if (!n.online() || !n.runsAgent()) {
                continue;
            }
            List<String> said = run.pass(n.name(), imds);
            for (String line : said) {
                if (!line.startsWith("waiting: ")) {
                    acted = true;
                }
                out.println("  " + n.name() + " pass: " + line);
            }
            if (said.isEmpty()) {
                out.println("  " + n.name() + " pass: idle");
            }
        }
        return acted;
    }

    /** Azure's side: once approved, the platform acts and the event ends. */
    private boolean azure(int round) throws IOException {
        SimEvent now = current();
        if (ended || now.phase() != SimEvent.Phase.STARTED) {
            return false;
        }
        approvedIn = round;
        out.println("  Azure: event approved" + now.approvedBy().map(v -> " by VM " + v)
                .orElse("") + "; the platform starts the " + type.azureName() + " now");
        switch (type) {
            case REBOOT, REDEPLOY -> {
                node.ifPresent(n -> down(n, "reboots"));
                if (node.isPresent()) {
                    run.rebooted(node.get());
                    run.react("--node-up", node.get()).forEach(m -> out.println(
                            "  Pacemaker (" + node.get() + " boots): " + m));
                }
            }
            case PREEMPT, TERMINATE -> node.ifPresent(n -> down(n, "is deleted"));
            case FREEZE -> out.println("  Azure: the VM is paused for a few seconds; Pacemaker"
                    + " may not notice");
        }
        new SimAdmin(imds.adminUrl()).end(event.eventId());
        ended = true;
        out.println("  Azure: the event is over and no longer listed");
        return true;
    }

    private void down(String n, String what) {
        out.println("  Azure: VM of " + n + " " + what);
        run.react("--node-down", n).forEach(m -> out.println("  Pacemaker (" + n + " down): "
                + m));
    }

    private void observe(int round) {
        if (node.isEmpty()) {
            return;
        }
        ClusterNode n = run.snapshot().node(node.get()).orElseThrow();
        if (drainedIn == 0 && n.record().drainedByAgent()) {
            drainedIn = round;
        }
        if (ended && backIn == 0 && DrillRun.back(n)
                && (type == EventType.PREEMPT || type == EventType.TERMINATE || n.online())) {
            backIn = round;
        }
    }

    private SimEvent current() {
        return imds.events().stream().filter(e -> e.eventId().equals(event.eventId()))
                .findFirst().orElseThrow();
    }

    private boolean summary() {
        out.println();
        List<String> parts = new ArrayList<>();
        String who = node.orElse("no node");
        parts.add(drainedIn > 0 ? who + " drained in round " + drainedIn : who + " never drained");
        parts.add(approvedIn > 0 ? "the event approved in round " + approvedIn
                : "the event never approved: Azure starts it at NotBefore " + event.notBefore()
                + " whatever the cluster's state");
        if (approvedIn > 0) {
            parts.add(backIn > 0 ? who + " back in service in round " + backIn
                    : who + " not back in service");
        }
        out.println("Summary: " + String.join("; ", parts) + ".");
        for (ClusterNode n : run.snapshot().nodes()) {
            out.println("  " + n.name() + ": " + n.record().state() + (n.online() ? " online"
                    : " offline") + (n.standby() ? ", standby" : "")
                    + (n.record().drainedByAgent() ? ", drained by the agent" : ""));
        }
        return approvedIn > 0 && (node.isEmpty() || backIn > 0);
    }
}
