package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Instant;

/** The record of what is in the trash and where each version came from. */
public interface TrashLedger {

    /** Records versions just moved into the trash; gives them their ids. */
    void record(Seq<TrashedVersion.New> versions);

    /** Every version in the trash, newest first; only the conduit's when one is given. */
    Seq<TrashedVersion> list(Option<ConduitId> conduit);

    Option<TrashedVersion> find(long id);

    /** Forgets a version that was restored or purged. */
    void forget(long id);

    /** The versions trashed before {@code instant}, oldest first. */
    Seq<TrashedVersion> trashedBefore(Instant instant);
}
