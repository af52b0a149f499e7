package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.domain.conduit.RemoteAccess;
import io.vavr.collection.List;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeptSessionsTest {

    private static final List<String> ROOTS = List.of("/backup/docs");

    /** An agent session that only counts its closes; every other port is never asked here. */
    private static final class Counted {
        final AtomicInteger closed = new AtomicInteger();
        final AgentSession session = (AgentSession) java.lang.reflect.Proxy.newProxyInstance(
                KeptSessionsTest.class.getClassLoader(), new Class<?>[] {AgentSession.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "close" -> {
                            closed.incrementAndGet();
                            yield null;
                        }
                        case "usable" -> closed.get() == 0;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static KeptSessions keptFor(Duration idle) {
        return new KeptSessions(new KeptSessions.Policy(idle, Duration.ofMinutes(1), Duration.ofSeconds(1)));
    }

    @Test
    void aSessionIsTakenOnlyForItsHostCommandAndRootsAndOnlyOnce() {
        KeptSessions kept = keptFor(Duration.ofMinutes(1));
        Counted nas = new Counted();
        kept.keep("nas", RemoteAccess.DEFAULTS, ROOTS, nas.session);

        assertThat(kept.take("other", RemoteAccess.DEFAULTS, ROOTS))
                .as("another host")
                .isNull();
        assertThat(kept.take("nas", new RemoteAccess(io.vavr.control.Option.some("ssh -p 2222"), "conduit"), ROOTS))
                .as("another ssh command")
                .isNull();
        assertThat(kept.take("nas", RemoteAccess.DEFAULTS, List.of("/elsewhere")))
                .as("another root")
                .isNull();
        assertThat(kept.take("nas", RemoteAccess.DEFAULTS, ROOTS)).isSameAs(nas.session);
        assertThat(kept.take("nas", RemoteAccess.DEFAULTS, ROOTS))
                .as("taken once")
                .isNull();
        assertThat(nas.closed).hasValue(0);
    }

    @Test
    void theOldestIsClosedWhenMoreThanTheMostAreKept() {
        KeptSessions kept = keptFor(Duration.ofMinutes(1));
        java.util.List<Counted> sessions = new java.util.ArrayList<>();
        for (int i = 0; i <= KeptSessions.MOST; i++) {
            Counted session = new Counted();
            sessions.add(session);
            kept.keep("host" + i, RemoteAccess.DEFAULTS, ROOTS, session.session);
        }

        assertThat(sessions.get(0).closed).as("the oldest").hasValue(1);
        assertThat(sessions.subList(1, sessions.size()))
                .allSatisfy(session -> assertThat(session.closed).hasValue(0));
        assertThat(kept.take("host0", RemoteAccess.DEFAULTS, ROOTS)).isNull();
        kept.closeAll();
        assertThat(sessions).allSatisfy(session -> assertThat(session.closed).hasValue(1));
    }

    @Test
    void noTimeToKeepClosesAtOnceAndAnIdleOneIsClosedWhenItsTimeIsUp() throws Exception {
        Counted now = new Counted();
        keptFor(Duration.ZERO).keep("nas", RemoteAccess.DEFAULTS, ROOTS, now.session);
        assertThat(now.closed).as("--keep-connections 0s").hasValue(1);

        KeptSessions kept = keptFor(Duration.ofMillis(200));
        Counted idle = new Counted();
        kept.keep("nas", RemoteAccess.DEFAULTS, ROOTS, idle.session);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (idle.closed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(idle.closed).as("closed once its time was up").hasValue(1);
        assertThat(kept.take("nas", RemoteAccess.DEFAULTS, ROOTS)).isNull();
    }
}
