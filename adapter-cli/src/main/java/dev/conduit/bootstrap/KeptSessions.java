package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.domain.conduit.RemoteAccess;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Agent sessions that syncs let go of, kept for the next sync of the same host, command and roots (ADR 0063): for a
 * moment in a command run alone (the two-path {@code sync} identifies the root, then syncs; ADR 0048), for minutes in
 * a daemon, whose scheduled and forwarded syncs then find a warm agent on the other host instead of a new login, a
 * new JVM and its compiles.
 *
 * <p>A session is closed once it has been kept {@link Policy#idle()} without a sync taking it, when more than {@link
 * #MOST} are kept (the oldest first), and at this process's exit. One whose connection went (the agent, ssh or the
 * network ended it) is never handed out; one kept longer than {@link Policy#askAfter()} must first answer a question about
 * its root within {@link Policy#answerWithin()}, so a link that died silently (a suspended laptop, a NAT that forgot
 * it) costs a new connection, never a sync that hangs.
 */
final class KeptSessions {

    /**
     * How long sessions are kept, after how long a kept one is asked something before it is handed out, and how soon
     * it must answer.
     */
    record Policy(Duration idle, Duration askAfter, Duration answerWithin) {

        /** A command run alone: long enough for its own next connect. */
        static final Policy MOMENT = keptFor(Duration.ofSeconds(2));

        /** Sessions kept for {@code idle} (a daemon's {@code --keep-connections}); asked after 5 s, within 10 s. */
        static Policy keptFor(Duration idle) {
            return new Policy(idle, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    /** Sessions kept at most: each is an ssh and an agent's JVM on the other host. */
    static final int MOST = 8;

    private final Policy policy;
    private final List<Kept> kept = new ArrayList<>();
    private ScheduledExecutorService timer;
    private boolean hooked;

    KeptSessions(Policy policy) {
        this.policy = policy;
    }

    /** A session let go of, with what it was opened for and when. */
    private record Kept(String host, RemoteAccess access, Seq<String> roots, AgentSession agent, long since) {}

    /** Keeps {@code agent} for the next sync of that host, command and roots; closes it at once when it cannot be. */
    void keep(String host, RemoteAccess access, Seq<String> roots, AgentSession agent) {
        if (!agent.usable() || policy.idle().isZero()) {
            agent.close();
            return;
        }
        Kept session = new Kept(host, access, roots, agent, System.nanoTime());
        Kept oldest = null;
        synchronized (this) {
            kept.add(session);
            if (kept.size() > MOST) {
                oldest = kept.remove(0);
            }
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "conduit-agent-let-go"));
            }
            if (timer == null) {
                timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "conduit-agent-kept");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            timer.schedule(() -> closeIfStill(session), policy.idle().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (oldest != null) {
            oldest.agent().close();
        }
    }

    /**
     * The kept session of that host and command whose roots include {@code roots}, taken; none when there is no such
     * session that still answers (one that does not is closed).
     */
    AgentSession take(String host, RemoteAccess access, Seq<String> roots) {
        while (true) {
            Kept found;
            synchronized (this) {
                found = kept.stream()
                        .filter(session -> session.host().equals(host)
                                && session.access().equals(access)
                                && session.roots().containsAll(roots))
                        .reduce((older, newer) -> newer)
                        .orElse(null);
                if (found == null) {
                    return null;
                }
                kept.remove(found);
            }
            if (answers(found)) {
                return found.agent();
            }
            closeAside(found.agent());
        }
    }

    /** Whether a kept session still stands: at once for a fresh one, else by an answer in time. */
    private boolean answers(Kept session) {
        if (!session.agent().usable()) {
            return false;
        }
        if (System.nanoTime() - session.since() < policy.askAfter().toNanos()) {
            return true;
        }
        Path root = Path.of(session.roots().head());
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(
                () -> {
                    session.agent().files().identify(root);
                    return session.agent().usable();
                },
                task -> {
                    Thread thread = new Thread(task, "conduit-agent-probe");
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            return answer.get(policy.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException silent) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes a session that may not answer without making the sync wait for it (its ssh is ended in time). */
    private static void closeAside(AgentSession agent) {
        Thread closing = new Thread(agent::close, "conduit-agent-dropped");
        closing.setDaemon(true);
        closing.start();
    }

    private void closeIfStill(Kept session) {
        synchronized (this) {
            if (!kept.remove(session)) {
                return;
            }
        }
        session.agent().close();
    }

    /** Closes every session kept, now. */
    void closeAll() {
        List<Kept> closing;
        synchronized (this) {
            closing = new ArrayList<>(kept);
            kept.clear();
        }
        closing.forEach(session -> session.agent().close());
    }
}
