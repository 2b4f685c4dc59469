package govlens.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per warehouse: the file {@code <warehouse>/_lease} names the run that may change the warehouse
 * (its {@link Holder}: run id, host, pid, start time); the file's modification time is its heartbeat.
 *
 * <ul>
 *   <li><b>Taken atomically</b> with {@link AtomicFiles#createExclusive}: of two runs that start together, one
 *       creates the file and the other sees it.
 *   <li><b>Busy.</b> A second run fails at once with {@link BusyException} naming the holder, or waits up to
 *       {@code wait} for it to end (polling every {@link #POLL}).
 *   <li><b>Renewed</b> every {@code heartbeat} by a daemon thread, which also checks that the file still names
 *       this run: when it does not (someone broke the lease by hand, or took it over after a long stall), the
 *       lease is <em>lost</em> and the run's commit refuses ({@link #checkHeld}).
 *   <li><b>Taken over</b> when its holder is gone ({@link Holder#gone}: its pid is dead on this host, or its
 *       heartbeat is older than {@code staleAfter}), with a warning naming it. Two runs taking over the same stale
 *       lease are serialized by a second exclusive file, {@code _lease.takeover}.
 *   <li><b>Released</b> when the run ends ({@link #close}), failed runs included; a killed run's lease is taken
 *       over by the next run on the same host at once (dead pid), from another host after {@code staleAfter}.
 * </ul>
 *
 * <p>Only runs take the lease. Readers (query, tables, status, dashboard, notebooks) never do: they read a
 * consistent version through {@link VersionedRead#read}.
 */
public final class WarehouseLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLease.class);
    public static final String FILE = "_lease";
    static final String TAKEOVER = "_lease.takeover";
    /** How often a waiting run looks at the lease again. */
    static final Duration POLL = Duration.ofMillis(500);

    /**
     * How long a run waits for a busy warehouse, how often it renews its lease, and when a lease is stale
     * (govlens.lease in conf/govlens.conf, validated there).
     */
    public record Settings(Duration maxWait, Duration heartbeat, Duration staleAfter) {}

    /** The warehouse is leased by another live run. */
    public static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Holder holder;

        BusyException(String warehouse, Holder holder, Duration waited) {
            super("warehouse busy: " + holder.describe()
                    + (waited.toSeconds() == 0 ? "" : ", waited " + waited.toSeconds() + " s")
                    + "; retry later, or pass --wait DURATION (" + warehouse + ")");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /** The lease this run held was taken by another run: it must not commit. */
    public static final class LostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostException(String message) {
            super(message);
        }
    }

    /** What {@code _lease} says now: the holder and its heartbeat. */
    public record State(Holder holder, Instant heartbeat) {}

    private final FileSystem fs;
    private final Path file;
    private final Holder me;
    private final Settings settings;
    private final List<Path> alsoTouched = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeat;
    private volatile String lost;
    private volatile boolean released;

    private WarehouseLease(FileSystem fs, Path file, Holder me, Settings settings) {
        this.fs = fs;
        this.file = file;
        this.me = me;
        this.settings = settings;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "govlens-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease of the warehouse for {@code me}, waiting up to {@code settings.maxWait()} while another live run
     * holds it.
     *
     * @throws BusyException when another live run still holds it after the wait
     */
    public static WarehouseLease acquire(FileSystem fs, String warehouse, Holder me, Settings settings) {
        Path file = new Path(warehouse, FILE);
        Instant start = Instant.now();
        Instant deadline = start.plus(settings.maxWait());
        try {
            while (true) {
                if (AtomicFiles.createExclusive(fs, file, me.toJson())) {
                    LOG.info("lease of {} taken by run {}", warehouse, me.runId());
                    return new WarehouseLease(fs, file, me, settings);
                }
                Optional<State> held = read(fs, file);
                Instant now = Instant.now();
                if (held.isPresent() && held.get().holder().gone(held.get().heartbeat(), settings.staleAfter(), now)) {
                    if (takeOver(fs, warehouse, file, held.get(), me, settings)) {
                        return new WarehouseLease(fs, file, me, settings);
                    }
                    continue;
                }
                if (held.isEmpty() && unreadableTooLong(fs, file, settings, now)) {
                    // A lease file that never became readable: its writer died between create and write.
                    LOG.warn(
                            "lease file {} is unreadable for longer than {}: removing it", file, settings.staleAfter());
                    fs.delete(file, false);
                    continue;
                }
                if (!now.isBefore(deadline)) {
                    Holder h = held.map(State::holder).orElse(new Holder("(being written)", "?", -1, null, now, "run"));
                    throw new BusyException(warehouse, h, Duration.between(start, now));
                }
                if (held.isPresent() && Duration.between(start, now).toMillis() < POLL.toMillis()) {
                    LOG.info(
                            "warehouse {} is busy ({}): waiting up to {}",
                            warehouse,
                            held.get().holder().describe(),
                            settings.maxWait());
                }
                Thread.sleep(Math.min(
                        POLL.toMillis(),
                        Math.max(1, Duration.between(now, deadline).toMillis())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the lease " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lease of " + warehouse, e);
        }
    }

    /** The current lease of the warehouse, if any (for status and for recovery). */
    public static Optional<State> current(FileSystem fs, String warehouse) {
        try {
            return read(fs, new Path(warehouse, FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lease of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    private static Optional<State> read(FileSystem fs, Path file) throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(fs, file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Optional<Holder> h = Holder.parse(bytes.get());
        Optional<Instant> beat = AtomicFiles.modified(fs, file);
        if (h.isEmpty() || beat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new State(h.get(), beat.get()));
    }

    private static boolean unreadableTooLong(FileSystem fs, Path file, Settings settings, Instant now)
            throws IOException {
        Optional<Instant> m = AtomicFiles.modified(fs, file);
        return m.isPresent() && Duration.between(m.get(), now).compareTo(settings.staleAfter()) > 0;
    }

    /**
     * Replaces the stale lease {@code seen} by one of {@code me}, unless another run is taking it over or has
     * done so already. Returns whether this run now holds the lease.
     */
    private static boolean takeOver(FileSystem fs, String warehouse, Path file, State seen, Holder me, Settings s)
            throws IOException {
        Path guard = new Path(warehouse, TAKEOVER);
        if (!AtomicFiles.createExclusive(fs, guard, me.toJson())) {
            Optional<Instant> m = AtomicFiles.modified(fs, guard);
            if (m.isPresent() && Duration.between(m.get(), Instant.now()).compareTo(s.heartbeat()) > 0) {
                fs.delete(guard, false); // a taker that died mid-takeover (a takeover takes milliseconds)
            }
            return false;
        }
        try {
            Optional<State> now = read(fs, file);
            if (now.isEmpty()
                    || !now.get().holder().equals(seen.holder())
                    || !now.get().holder().gone(now.get().heartbeat(), s.staleAfter(), Instant.now())) {
                return false; // released, renewed or taken in the meantime: start over
            }
            LOG.warn(
                    "taking over the lease of {}: {} is gone ({})",
                    warehouse,
                    seen.holder().describe(),
                    seen.holder().whyGone(seen.heartbeat(), s.staleAfter(), Instant.now()));
            fs.delete(file, false);
            return AtomicFiles.createExclusive(fs, file, me.toJson());
        } finally {
            fs.delete(guard, false);
        }
    }

    /** A heartbeat: renews the lease (and the files registered with {@link #touchAlso}) if it is still ours. */
    private void beat() {
        if (released || lost != null) {
            return;
        }
        try {
            Optional<State> now = read(fs, file);
            if (now.isEmpty() || !now.get().holder().runId().equals(me.runId())) {
                lost = now.map(st -> "the lease was taken by " + st.holder().describe())
                        .orElse("the lease file " + file + " was removed");
                LOG.error("run {} lost the lease of its warehouse: {}; it will not commit", me.runId(), lost);
                return;
            }
            AtomicFiles.touch(fs, file);
            for (Path p : alsoTouched) {
                AtomicFiles.touch(fs, p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("lease heartbeat failed (retried at the next one): {}", e.getMessage());
        }
    }

    /** Keeps the modification time of another file of this run fresh, e.g. its staging folder's owner file. */
    public void touchAlso(Path p) {
        alsoTouched.add(p);
    }

    public Holder holder() {
        return me;
    }

    /**
     * Checks, by reading the lease file now, that this run still holds the lease.
     *
     * @throws LostException when it does not
     */
    public void checkHeld() {
        beat();
        if (lost != null) {
            throw new LostException("run " + me.runId() + " no longer holds the lease of its warehouse (" + lost
                    + "): nothing was committed");
        }
    }

    /** Releases the lease if this run still holds it. Idempotent. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        heartbeat.shutdownNow();
        try {
            Optional<State> now = read(fs, file);
            if (now.isPresent() && now.get().holder().runId().equals(me.runId())) {
                fs.delete(file, false);
                LOG.info("lease of {} released by run {}", file.getParent(), me.runId());
            }
        } catch (IOException e) {
            LOG.warn("could not release the lease {} (the next run takes it over): {}", file, e.getMessage());
        }
    }
}
