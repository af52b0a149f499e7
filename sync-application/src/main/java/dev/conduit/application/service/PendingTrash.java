package dev.conduit.application.service;

import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Settles the trash records a sync left pending when it died between recording a version and confirming that it was
 * in the trash (ADR 0017): a version found in the trash is confirmed (it moved), one whose folder is there without it
 * is forgotten (it never moved, so it is still where it was), one whose folder is not there either (a disk that is
 * not mounted) is left for later. Only records no running sync can still confirm are settled: those of a conduit
 * whose lock is held by the caller or free, and those of removed conduits.
 */
final class PendingTrash {

    private final TrashLedger ledger;
    private final Function<TrashedVersion, TrashBins> bins;
    private final SyncLocks locks;

    PendingTrash(TrashLedger ledger, TrashBins bins, SyncLocks locks) {
        this(ledger, version -> bins, locks);
    }

    /** @param bins the trash each version went to (that of the endpoint it was removed from) */
    PendingTrash(TrashLedger ledger, Function<TrashedVersion, TrashBins> bins, SyncLocks locks) {
        this.ledger = ledger;
        this.bins = bins;
        this.locks = locks;
    }

    /** Settles the conduit's pending records; the caller holds its lock (a sync about to start). */
    void settleHeld(ConduitId conduit) {
        settle(ledger.pending().filter(version -> version.conduit().contains(conduit)));
    }

    /**
     * A record of no conduit of this library whose version is not in the trash is forgotten only once it is this old:
     * it may be one that this host's agent is moving for another host's sync (ADR 0038), which no lock here tells; an
     * agent confirms or releases its records within seconds of making them.
     */
    static final Duration AGENT_GRACE = Duration.ofHours(1);

    /**
     * Settles every pending record of a conduit that is not syncing now (taking its lock meanwhile) or no longer
     * exists; those of a running sync are left to it, and so are the recent ones of no conduit ({@link #AGENT_GRACE}).
     */
    void settleIdle(Instant now) {
        Seq<TrashedVersion> pending = ledger.pending();
        Instant graceFrom = now.minus(AGENT_GRACE);
        Seq<TrashedVersion> ofNoConduit =
                pending.filter(version -> version.conduit().isEmpty());
        settle(ofNoConduit.filter(version -> version.trashedAt().isBefore(graceFrom)));
        confirmThere(ofNoConduit.filter(version -> !version.trashedAt().isBefore(graceFrom)));
        for (ConduitId conduit : pending.flatMap(TrashedVersion::conduit).distinct()) {
            Option<SyncLocks.Held> idle = locks.tryLock(conduit);
            if (idle.isDefined()) {
                try (SyncLocks.Held held = idle.get()) {
                    settleHeld(conduit);
                }
            }
        }
    }

    /** Confirms the records whose version is in the trash; leaves the others as they are. */
    private void confirmThere(Seq<TrashedVersion> pending) {
        Seq<Long> there = pending.filter(
                        version -> bins.apply(version).presence(version.storedAt()) == TrashBins.Presence.THERE)
                .map(TrashedVersion::id);
        if (!there.isEmpty()) {
            ledger.confirm(there);
        }
    }

    private void settle(Seq<TrashedVersion> pending) {
        java.util.List<Long> stored = new java.util.ArrayList<>();
        for (TrashedVersion version : pending) {
            switch (bins.apply(version).presence(version.storedAt())) {
                case THERE -> stored.add(version.id());
                case ABSENT -> ledger.forget(version.id());
                case UNKNOWN -> { // its disk is away: settled once it is back
                }
            }
        }
        if (!stored.isEmpty()) {
            ledger.confirm(List.ofAll(stored));
        }
    }
}
