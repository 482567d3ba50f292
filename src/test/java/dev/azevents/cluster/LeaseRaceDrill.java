package dev.azevents.cluster;

import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A drill for a live cluster (run inside a lab node, where the CIB manager serialises
 * operations): RACERS threads call {@link PacemakerCluster#acquireLease} at a barrier, ROUNDS
 * times; each round must have exactly one winner, which the snapshot agrees with, and the
 * winner's release must free the lease. Prints one line per round; exit code 1 if any round
 * broke that. Usage: {@code LeaseRaceDrill ROUNDS RACERS}.
 *
 * <p>Across nodes: {@code LeaseRaceDrill hold SECONDS RACERS NAME}, started on every node at
 * once. Each racer loops for SECONDS: take the lease; when it has it, the CIB must name it as
 * holder, still after a pause, and its release must free it; any other answer means two holders
 * at once. Prints wins and violations; exit code 1 on a violation or when no racer ever won.
 */
public final class LeaseRaceDrill {

    /** Far in the future, so no racer's lease is ever stale during the drill. */
    private static final Instant EXPIRY = Instant.parse("2100-01-01T00:00:00Z");

    private LeaseRaceDrill() {
    }

    /** How long a winner keeps the lease before checking it is still its own. */
    private static final long HOLD_MILLIS = 50;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold")) {
            hold(Long.parseLong(args[1]), Integer.parseInt(args[2]), args[3]);
            return;
        }
        int rounds = Integer.parseInt(args[0]);
        int racers = Integer.parseInt(args[1]);
        PacemakerCluster cluster = PacemakerCluster.of(System.getenv());
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        int bad = 0;
        try {
            for (int r = 0; r < rounds; r++) {
                bad += round(cluster, pool, racers, EXPIRY.plusSeconds(r), r) ? 0 : 1;
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("lease race: " + bad + " bad round(s) of " + rounds + ", " + racers
                + " racers");
        System.exit(bad == 0 ? 0 : 1);
    }

    private static boolean round(PacemakerCluster cluster, ExecutorService pool, int racers,
            Instant expiry, int round) throws Exception {
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Future<CibResult<Boolean>>> tries = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            PullLease lease = new PullLease("racer" + i, expiry);
            tries.add(pool.submit(() -> {
                start.await();
                return cluster.acquireLease(Strategy.STANDBY, lease);
            }));
        }
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            CibResult<Boolean> result = tries.get(i).get();
            if (result instanceof CibResult.Failed<Boolean> f) {
                System.out.println("round " + round + ": racer" + i + " " + f.describe());
            } else if (((CibResult.Ok<Boolean>) result).value()) {
                winners.add("racer" + i);
            }
        }
        CibResult<ClusterSnapshot> seen = cluster.snapshot(Strategy.STANDBY);
        Optional<String> holder = seen instanceof CibResult.Ok<ClusterSnapshot> ok
                ? ok.value().lease().map(PullLease::holder) : Optional.empty();
        boolean released = winners.size() == 1 && cluster.deleteLease(Strategy.STANDBY,
                new PullLease(winners.get(0), expiry)).equals(new CibResult.Ok<>(true));
        boolean good = winners.size() == 1 && holder.equals(Optional.of(winners.get(0)))
                && released;
        System.out.println("round " + round + ": winners " + winners + ", CIB says "
                + holder.orElse("nobody") + ", released " + released + (good ? "" : "  BAD"));
        return good;
    }

    private static void hold(long seconds, int racers, String name) throws Exception {
        PacemakerCluster cluster = PacemakerCluster.of(System.getenv());
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<int[]>> runs = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            PullLease mine = new PullLease(name + "-" + i, EXPIRY);
            runs.add(pool.submit(() -> holdLoop(cluster, mine, deadline)));
        }
        int wins = 0;
        int violations = 0;
        for (Future<int[]> run : runs) {
            wins += run.get()[0];
            violations += run.get()[1];
        }
        pool.shutdownNow();
        System.out.println("lease hold " + name + ": " + wins + " win(s), " + violations
                + " violation(s)");
        System.exit(violations == 0 && wins > 0 ? 0 : 1);
    }

    /** {wins, violations} of one racer. */
    private static int[] holdLoop(PacemakerCluster cluster, PullLease mine, long deadline)
            throws InterruptedException {
        int wins = 0;
        int violations = 0;
        while (System.nanoTime() < deadline) {
            if (!cluster.acquireLease(Strategy.STANDBY, mine).equals(new CibResult.Ok<>(true))) {
                continue;
            }
            wins++;
            boolean heldBefore = holder(cluster).equals(Optional.of(mine.holder()));
            Thread.sleep(HOLD_MILLIS);
            boolean heldAfter = holder(cluster).equals(Optional.of(mine.holder()));
            boolean released = cluster.deleteLease(Strategy.STANDBY, mine)
                    .equals(new CibResult.Ok<>(true));
            if (!heldBefore || !heldAfter || !released) {
                violations++;
                System.out.println(mine.holder() + ": held " + heldBefore + "/" + heldAfter
                        + ", released " + released + "  VIOLATION");
            }
        }
        return new int[] {wins, violations};
    }

    private static Optional<String> holder(PacemakerCluster cluster) {
        CibResult<ClusterSnapshot> seen = cluster.snapshot(Strategy.STANDBY);
        return seen instanceof CibResult.Ok<ClusterSnapshot> ok
                ? ok.value().lease().map(PullLease::holder) : Optional.empty();
    }
}
