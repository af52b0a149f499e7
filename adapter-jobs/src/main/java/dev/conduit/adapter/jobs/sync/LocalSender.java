package dev.conduit.adapter.jobs.sync;

import dev.conduit.adapter.jobs.UserXattrs;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;

/** A sending root on this machine: files read in place, checked against their indexed version by lstat. */
final class LocalSender implements Sender {

    private final Path root;
    private final LocalDisk disk;

    LocalSender(Path root, LocalDisk disk) {
        this.root = root;
        this.disk = disk;
    }

    @Override
    public ReadableByteChannel open(SyncAction.Copy action) throws IOException {
        return ReadableFiles.open(LocalDisk.resolve(root, action.path()));
    }

    @Override
    public Option<EntryFailure> check(SyncAction.Copy action, long bytes, ContentHash hash) {
        IndexEntry wanted = action.wanted();
        Either<EntryFailure, Option<FileStat>> now = disk.sendingState(root, action.path());
        boolean same = now.isRight()
                && now.get().exists(stat -> LocalDisk.sameVersion(wanted.stat(), stat))
                && bytes == wanted.stat().size()
                && wanted.hash().forAll(hash::equals);
        return same ? Option.none() : Option.some(EntryFailure.sourceChanged());
    }

    @Override
    public Either<EntryFailure, Option<Map<String, byte[]>>> xattrs(SyncAction.Transfer action) {
        return UserXattrs.read(LocalDisk.resolve(root, action.path()));
    }

    @Override
    public Either<EntryFailure, ContentHash> hash(RelativePath path, FileStat expected) {
        return disk.sendingHash(root, path, expected);
    }
}
