package dev.azevents.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * A faithful Azure Instance Metadata Service for a group of VMs, each on its own loopback
 * listener, plus an admin API to script events and faults: the MockWebServer of this project.
 *
 * <pre>{@code
 * try (ImdsSimulator sim = ImdsSimulator.builder().vm("node1").vm("node2").build()) {
 *     sim.start();
 *     URI base = sim.metadataUrl("node1");   // http://127.0.0.1:PORT/metadata
 *     new SimAdmin(sim.adminUrl()).schedule(EventSpec.of(EventType.REBOOT, "node1"));
 * }
 * }</pre>
 */
public final class ImdsSimulator implements AutoCloseable {

    /** Requests one VM's listener serves at once (a hang fault holds one each). */
    static final int THREADS_PER_LISTENER = 16;
    /** Connections waiting to be accepted per listener. */
    static final int BACKLOG = 64;

    private final Map<String, Listener> vms;
    private final InetSocketAddress adminAddress;
    private final Scope scope;
    private final Consumer<String> log;
    private final Clock clock;
    private final EventBook book;
    private final RequestLog requests = new RequestLog();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final DocumentWriter writer;
    private final JsonTree reader;
    private final List<ExecutorService> executors = new ArrayList<>();
    private HttpServer admin;
    private boolean started;

    /** One VM: its identity, its listener, its faults. */
    private static final class Listener {
        final VmIdentity identity;
        final InetSocketAddress asked;
        final VmFaults faults;
        HttpServer server;

        Listener(VmIdentity identity, InetSocketAddress asked, VmFaults faults) {
            this.identity = identity;
            this.asked = asked;
            this.faults = faults;
        }
    }

    private ImdsSimulator(Builder b) {
        this.scope = b.scope;
        this.log = b.log;
        this.clock = b.clock;
        this.adminAddress = b.admin;
        JsonFactory json = new JsonFactory();
        this.writer = new DocumentWriter(json);
        this.reader = new JsonTree(json);
        this.book = new EventBook(b.clock, b.log, b.scope, List.copyOf(b.vms.keySet()),
                b.settings, b.seed.orElse(b.clock.millis()));
        this.vms = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, InetSocketAddress> e : b.vms.entrySet()) {
            VmIdentity plausible = VmIdentity.of(e.getKey(), index++, b.scope);
            VmIdentity identity = b.computerNames.containsKey(e.getKey())
                    ? plausible.withComputerName(b.computerNames.get(e.getKey())) : plausible;
            vms.put(e.getKey(), new Listener(identity, e.getValue(), new VmFaults(b.clock)));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds every listener; fails (and binds nothing) if any address is taken. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("simulator already started");
        }
        started = true;
        MetadataRoutes routes = new MetadataRoutes(book, writer, reader, log);
        try {
            for (Listener l : vms.values()) {
                l.server = server(l.asked, "imds-sim-" + l.identity.name());
                l.server.createContext("/", new MetadataEndpoint(l.identity, routes, l.faults,
                        requests, book, writer, clock, log, closing));
            }
            admin = server(adminAddress, "imds-sim-admin");
            admin.createContext("/admin", new AdminEndpoint(this, book, requests, writer,
                    reader, log));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot listen: " + e.getMessage(), e);
        }
        vms.values().forEach(l -> l.server.start());
        admin.start();
        for (String vm : vms.keySet()) {
            log.accept("imds-sim: VM " + LogLine.quote(vm) + " metadata at " + metadataUrl(vm));
        }
        log.accept("imds-sim: admin at " + adminUrl() + " (scope " + scope + ", time factor "
                + book.settings().timeFactor() + ")");
    }

    private HttpServer server(InetSocketAddress at, String name) throws IOException {
        HttpServer s = HttpServer.create(at, BACKLOG);
        ExecutorService ex = Executors.newFixedThreadPool(THREADS_PER_LISTENER, daemon(name));
        executors.add(ex);
        s.setExecutor(ex);
        return s;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** {@code http://HOST:PORT/metadata} of a VM, with the port actually bound. */
    public URI metadataUrl(String vm) {
        Listener l = listener(vm);
        return url(l.server, "/metadata");
    }

    /** {@code http://HOST:PORT/admin}. */
    public URI adminUrl() {
        requireStarted();
        return url(admin, "/admin");
    }

    private URI url(HttpServer s, String path) {
        requireStarted();
        InetSocketAddress a = s.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + path);
    }

    public List<String> vmNames() {
        return List.copyOf(vms.keySet());
    }

    /** What a VM reports as its identity in {@code /metadata/instance}. */
    public VmIdentity identity(String vm) {
        return listener(vm).identity;
    }

    /** The knobs in force now (the time factor may have been changed by the admin API). */
    public SimSettings settings() {
        return book.settings();
    }

    public Scope scope() {
        return scope;
    }

    /** Every event, ended ones included (the Java view of {@code GET /admin/events}). */
    public List<SimEvent> events() {
        return book.all();
    }

    /** Every recorded request, oldest first (the Java view of {@code GET /admin/requests}). */
    public List<RecordedRequest> requests() {
        return requests.all();
    }

    /** Schedules an event (the Java view of {@code POST /admin/events}). */
    public SimEvent schedule(EventSpec spec) {
        Parse<SimEvent> p = book.schedule(spec);
        if (p instanceof Parse.Bad<SimEvent> bad) {
            throw new IllegalArgumentException(bad.problem());
        }
        return ((Parse.Ok<SimEvent>) p).value();
    }

    /** Queues a fault on a VM; an incarnation reset acts at once. False if the queue is full. */
    public boolean fault(String vm, FaultSpec fault) {
        Listener l = listener(vm);
        log.accept("imds-sim: " + LogLine.quote(vm) + " fault " + fault.fields());
        if (fault instanceof FaultSpec.IncarnationReset) {
            book.resetIncarnation(vm);
            return true;
        }
        return l.faults.add(fault);
    }

    Optional<VmFaults> faultsOf(String vm) {
        return Optional.ofNullable(vms.get(vm)).map(l -> l.faults);
    }

    private Listener listener(String vm) {
        Listener l = vms.get(vm);
        if (l == null) {
            throw new IllegalArgumentException("no simulated VM " + LogLine.quote(vm)
                    + "; known: " + vms.keySet());
        }
        return l;
    }

    private void requireStarted() {
        if (admin == null) {
            throw new IllegalStateException("simulator not started");
        }
    }

    /** Stops every listener at once; requests held by a delay or hang fault are let go. */
    @Override
    public synchronized void close() {
        closing.countDown();
        for (Listener l : vms.values()) {
            if (l.server != null) {
                l.server.stop(0);
            }
        }
        if (admin != null) {
            admin.stop(0);
        }
        executors.forEach(ExecutorService::shutdownNow);
    }

    /** Settings for a simulator; see {@link ImdsSimulator} for an example. */
    public static final class Builder {
        private static final InetSocketAddress LOOPBACK_ANY_PORT =
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

        private final Map<String, InetSocketAddress> vms = new LinkedHashMap<>();
        private final Map<String, String> computerNames = new LinkedHashMap<>();
        private InetSocketAddress admin = LOOPBACK_ANY_PORT;
        private Scope scope = Scope.AVAILABILITY_SET;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> log = System.err::println;
        private SimSettings settings = SimSettings.defaults();
        private Optional<Long> seed = Optional.empty();

        private Builder() {
        }

        /** A VM served on a free loopback port. */
        public Builder vm(String name) {
            return vm(name, LOOPBACK_ANY_PORT);
        }

        public Builder vm(String name, InetSocketAddress address) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            if (name.isEmpty() || vms.containsKey(name)) {
                throw new IllegalArgumentException("VM names must be unique and not empty: "
                        + LogLine.quote(name));
            }
            vms.put(name, address);
            return this;
        }

        /**
         * The VM's OS hostname ({@code osProfile.computerName}), when it should differ from its
         * Azure name, as on scale sets ({@code app-vmss_3} runs as {@code appvm000003}).
         */
        public Builder computerName(String vm, String hostname) {
            if (!vms.containsKey(vm)) {
                throw new IllegalArgumentException("computerName for an unknown VM: "
                        + LogLine.quote(vm) + "; declare it with vm(...) first");
            }
            computerNames.put(vm, Objects.requireNonNull(hostname, "hostname"));
            return this;
        }

        public Builder admin(InetSocketAddress address) {
            this.admin = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder scope(Scope s) {
            this.scope = Objects.requireNonNull(s, "scope");
            return this;
        }

        /** Azure durations (notice, Started time) are divided by this; 1 to 100000. */
        public Builder timeFactor(double factor) {
            settings = settings.withTimeFactor(factor);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder log(Consumer<String> sink) {
            this.log = Objects.requireNonNull(sink, "log");
            return this;
        }

        /** All the knobs at once; see {@link SimSettings}. Replaces an earlier timeFactor. */
        public Builder settings(SimSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** Seed of generated event ids, so a run can be repeated; the clock's millis if unset. */
        public Builder seed(long s) {
            this.seed = Optional.of(s);
            return this;
        }

        public ImdsSimulator build() {
            if (vms.isEmpty()) {
                throw new IllegalStateException("a simulator needs at least one vm(...)");
            }
            return new ImdsSimulator(this);
        }
    }
}
