package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The record of what is in the trash and where each version came from. A version is recorded before it is moved into
 * the trash, as pending, and confirmed once it is there: no crash can leave a version in the trash that the ledger
 * does not know. Only confirmed versions are listed, found and purged.
 */
public interface TrashLedger {

    /**
     * Records versions about to be moved into the trash (each to its {@code storedAt}), pending until confirmed, in
     * one transaction. Their ids, in the same order.
     */
    Seq<Long> recordPending(Seq<TrashedVersion.New> versions);

    /**
     * Records versions that this library's agent is about to move into its trash for another host's conduit, pending
     * until confirmed, in one transaction: they belong to no conduit of this library (the conduit each names is the
     * other library's, and is not kept), and {@code trash list} and {@code trash restore} here reach them. A version
     * whose {@code storedAt} is recorded already is not recorded again (the other host's library is this one): none
     * for it. Their ids, in the same order.
     */
    Seq<Option<Long>> recordPendingForAnotherHost(Seq<TrashedVersion.New> versions);

    /** Forgets the version recorded as stored at {@code storedAt}, if there is one (restored or purged from afar). */
    void forgetStored(String storedAt);

    /** The pending versions are in the trash now. */
    void confirm(Seq<Long> ids);

    /** Versions recorded but not confirmed: being moved by a running sync, or left by one that died. */
    Seq<TrashedVersion> pending();

    /** Every version in the trash, newest first; only the conduit's when one is given. */
    Seq<TrashedVersion> list(Option<ConduitId> conduit);

    Option<TrashedVersion> find(long id);

    /** Forgets a version that was restored or purged, or a pending one that never reached the trash. */
    void forget(long id);

    /** The versions trashed before {@code instant}, oldest first. */
    Seq<TrashedVersion> trashedBefore(Instant instant);
}
