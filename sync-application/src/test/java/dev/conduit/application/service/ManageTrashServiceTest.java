package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.conduit.application.fakes.InMemoryTrash;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The trash commands settle what a killed sync left pending, and leave a running sync's records to it. */
@ExtendWith(MockitoExtension.class)
class ManageTrashServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ConduitId SYNCING = new ConduitId(1);
    private static final ConduitId IDLE = new ConduitId(2);
    private static final ConduitId REMOVED = new ConduitId(3);

    @Mock
    ConduitRepository conduits;

    @Mock
    SyncLocks locks;

    @Mock
    SyncLocks.Held held;

    private final InMemoryTrash trash = new InMemoryTrash();

    @Test
    void versionsAKilledSyncLeftPendingAreListedWhenInTheTrashAndForgottenWhenNot() {
        long running = pending(SYNCING, "being-moved", true);
        long moved = pending(IDLE, "moved", true);
        long neverMoved = pending(IDLE, "never-moved", false);
        long ofRemoved = pending(REMOVED, "of-a-removed-conduit", true);
        long onADiskAway = pending(IDLE, "on-a-disk-not-mounted", false);
        trash.away.add("/lib/trash/2/5/target/on-a-disk-not-mounted");
        trash.conduitRemoved(REMOVED);
        when(locks.tryLock(SYNCING)).thenReturn(Option.none());
        when(locks.tryLock(IDLE)).thenReturn(Option.some(held));
        ManageTrashService service =
                new ManageTrashService(conduits, trash, trash, locks, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(service.list(Option.none()).get().map(TrashedVersion::id))
                .containsExactlyInAnyOrder(moved, ofRemoved);

        assertThat(trash.find(neverMoved))
                .as("it never moved: still where it was")
                .isEmpty();
        assertThat(trash.pending().map(TrashedVersion::id))
                .as("a running sync confirms its own; a disk away says" + " nothing")
                .containsExactlyInAnyOrder(running, onADiskAway);
        verify(held).close();
        assertThat(service.purge(Duration.ZERO).get().map(TrashedVersion::id))
                .as("never purged while pending")
                .containsExactlyInAnyOrder(moved, ofRemoved);
    }

    @Test
    void anAgentsRecentRecordIsNotForgottenWhileItsVersionMayStillBeMoving() {
        long moving = agentPending("moving", NOW.minusSeconds(5), false);
        long moved = agentPending("moved", NOW.minusSeconds(5), true);
        long left = agentPending("left-by-a-killed-agent", NOW.minus(Duration.ofHours(2)), false);
        ManageTrashService service =
                new ManageTrashService(conduits, trash, trash, locks, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(service.list(Option.none()).get().map(TrashedVersion::id)).containsExactly(moved);

        assertThat(trash.pending().map(TrashedVersion::id))
                .as("the agent may be moving it right now: it confirms or releases it itself")
                .containsExactly(moving);
        assertThat(trash.find(left)).as("an hour on, nobody is moving it").isEmpty();
    }

    /** A record this host's agent made for another host's sync: of no conduit here. */
    private long agentPending(String path, Instant at, boolean inTheTrash) {
        String stored = "/lib/trash/agent/" + path;
        if (inTheTrash) {
            trash.files.add(stored);
        }
        return trash.recordPendingForAnotherHost(io.vavr.collection.List.of(new TrashedVersion.New(
                        new ConduitId(77),
                        5,
                        Side.TARGET,
                        RelativePath.parse(path).get(),
                        "/t/" + path,
                        EntryKind.FILE,
                        TrashReason.DELETED,
                        1,
                        at,
                        stored)))
                .head()
                .get();
    }

    private long pending(ConduitId conduit, String path, boolean inTheTrash) {
        String stored = "/lib/trash/" + conduit.value() + "/5/target/" + path;
        if (inTheTrash) {
            trash.files.add(stored);
        }
        return trash.recordPending(io.vavr.collection.List.of(new TrashedVersion.New(
                        conduit,
                        5,
                        Side.TARGET,
                        RelativePath.parse(path).get(),
                        "/t/" + path,
                        EntryKind.FILE,
                        TrashReason.DELETED,
                        1,
                        NOW.minusSeconds(60),
                        stored)))
                .head();
    }
}
