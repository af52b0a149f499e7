package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * The sending side of a copy, as the receiving side's strategy reads it: a file's bytes, its extended attributes and
 * its hash. A local root's files (read in place, the fast path of a local copy), or a stream of chunks from a remote
 * peer. The receiving side writes, hashes, checks and commits the same way whichever it is.
 */
public interface Sender {

    /** The content of the file the copy sends; a failure to open or read it is the sending side's (unreadable). */
    ReadableByteChannel open(SyncAction.Copy action) throws IOException;

    /**
     * Why the bytes just read ({@code bytes} of them, hashing to {@code hash}) are not the version the plan wanted,
     * if they are not: the sending side changed while it was read.
     */
    Option<EntryFailure> check(SyncAction.Copy action, long bytes, ContentHash hash);

    /**
     * The {@code user.} extended attributes of the sending side's entry of the transfer, by name; none where its
     * file system has none; why they cannot be read.
     */
    Either<EntryFailure, Option<Map<String, byte[]>>> xattrs(SyncAction.Transfer action);

    /** The hash of a sending-side file, read now; fails when it changed from {@code expected} or is not known. */
    Either<EntryFailure, ContentHash> hash(RelativePath path, FileStat expected);

    /** The sender of one job's order. */
    @FunctionalInterface
    interface Factory {
        Sender of(JobOrder order);
    }
}
