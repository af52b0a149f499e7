package dev.conduit.adapter.jobs.sync;

import dev.conduit.adapter.jobs.Owners;
import dev.conduit.adapter.jobs.TemporaryNames;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashReason;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Transfers between two local roots. A file is copied into a temporary file in its destination's folder (its blocks
 * of zeros left as holes), hashed as it is copied, given its extended attributes, permission bits and time, checked
 * against what the source's index said (a source that changed meanwhile is not copied half-way), then flushed and
 * renamed over its destination. Just before a rename the destination is checked against the index once more; an
 * overwritten version goes to the trash by a hard link, so the destination is never missing, or by a rename just
 * before where the file system has no hard links (see {@link LocalTrash#replace}).
 */
final class LocalCopyStrategy implements CopyStrategy {

    private static final int BUFFER_SIZE = 1 << 20;
    /**
     * How often a large file's copy says how far it has got: progress moves while one big file is copied, even over
     * a slow or throttled link. A report costs next to nothing beside a MiB of I/O.
     */
    private static final long REPORT_EVERY = 1L << 20;

    /**
     * How a batch is made durable: {@code syncfs} (the default: one flush of the file system for the whole batch,
     * measured in docs/benchmarks.md) or {@code fsync} (each file, then each folder).
     */
    static final boolean FILE_SYSTEM_SYNC = !"fsync".equals(System.getProperty("conduit.copy.durability"));

    private final LocalDisk disk;
    private final LocalTrash trash;
    private final Clock clock;
    private final Sender.Factory senders;
    private final FileSystemSync fileSystem = new FileSystemSync();
    /** The folders of files staged and not yet committed, each walked to once. */
    private final HeldFolders held = new HeldFolders();
    /** Temp files being written or waiting for their commit: removed if the process is asked to stop. */
    private final Set<Path> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Held (read) while a temporary file is made, and taken (write) for good by the shutdown sweep: a file made while
     * the process stopped was made before the sweep, which then removes it, or not at all. Without it a copy could
     * make its file just after the sweep had looked, and leave it behind after a SIGTERM.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock creating =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private interface Making<T> {
        T make() throws IOException;
    }

    /** Makes a temporary file unless the process is stopping (then the copy fails and its destination is kept). */
    private <T> T making(Making<T> make) throws IOException {
        if (!creating.readLock().tryLock()) {
            throw new IOException("the process is stopping");
        }
        try {
            return make.make();
        } finally {
            creating.readLock().unlock();
        }
    }

    private final ThreadLocal<ByteBuffer> buffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_SIZE));

    LocalCopyStrategy(LocalDisk disk, LocalTrash trash, Clock clock) {
        this(disk, trash, clock, order -> new LocalSender(order.from(), disk));
    }

    /** Copies whose bytes come from {@code senders}: the local root's files, or a remote peer's stream. */
    LocalCopyStrategy(LocalDisk disk, LocalTrash trash, Clock clock, Sender.Factory senders) {
        this.disk = disk;
        this.trash = trash;
        this.clock = clock;
        this.senders = senders;
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeInFlight, "conduit-temp-cleanup"));
    }

    /**
     * On SIGINT or SIGTERM (Ctrl-C), the temp files of unfinished copies go: their destinations keep the version they
     * had. After SIGKILL, the next sync of the target sweeps them (see {@link #sweepTemporaries}).
     */
    private void removeInFlight() {
        creating.writeLock().lock(); // never let go of: no temporary file is made after this sweep
        for (Path temporary : inFlight) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // swept by the next sync
            }
        }
    }

    @Override
    public void makeDirectory(JobOrder order, SyncAction.MakeDirectory action, JobListener listener) {
        Path root = order.to();
        RelativePath path = action.path();
        Either<EntryFailure, Option<FileStat>> now = disk.state(root, path);
        if (now.isLeft() || !disk.holdsIndexed(root, now.get(), action.replaced())) {
            listener.failed(action, now.isLeft() ? now.getLeft() : EntryFailure.stale());
            return;
        }
        try (RootedFolder folder = RootedFolder.holding(root, path)) {
            Path directory = folder.entry(path);
            if (action.replaced().isDefined()) {
                Either<EntryFailure, Void> removed =
                        remove(order, path, now.get().get(), listener);
                if (removed.isLeft()) {
                    listener.failed(action, removed.getLeft());
                    return;
                }
            }
            Files.createDirectory(directory);
            int mode = action.wanted().stat().mode();
            giveAway(order, directory, action.wanted().stat());
            setMode(directory, mode | 0700); // filled first; its own bits come last
            Sender sender = senders.of(order);
            Either<NotStaged, Option<Xattrs>> xattrs = XattrTransfer.carry(
                    () -> sender.xattrs(action), directory, action.wanted().xattrs(), true);
            if (xattrs.isLeft()) {
                report(listener, action, xattrs.getLeft());
                return;
            }
            listener.done(
                    action,
                    examine(root, action.wanted(), Option.none(), xattrs.get()).map(entry -> withMode(entry, mode)),
                    0);
        } catch (IOException e) {
            listener.failed(action, LocalDisk.failure(e));
        }
    }

    @Override
    public void setMetadata(JobOrder order, SyncAction.SetMetadata action, JobListener listener) {
        Path root = order.to();
        Either<EntryFailure, Option<FileStat>> now = disk.state(root, action.path());
        if (now.isLeft() || !disk.holdsIndexed(root, now.get(), Option.some(action.current()))) {
            listener.failed(action, now.isLeft() ? now.getLeft() : EntryFailure.stale());
            return;
        }
        FileStat wanted = action.wanted().stat();
        try (RootedFolder folder = RootedFolder.holding(root, action.path())) {
            Path entry = folder.entry(action.path());
            Either<NotStaged, Option<Xattrs>> xattrs = carryXattrs(order, action, action.current(), entry);
            if (xattrs.isLeft()) {
                report(listener, action, xattrs.getLeft());
                return;
            }
            giveAway(order, entry, wanted);
            if (!wanted.isDirectory()) {
                if (wanted.kind() != dev.conduit.domain.index.EntryKind.SYMLINK) {
                    setMode(entry, wanted.mode());
                }
                setTime(entry, wanted.mtimeNanos());
            } else {
                setMode(entry, wanted.mode() | 0700);
            }
            listener.done(
                    action,
                    examine(root, action.wanted(), action.current().hash(), xattrs.get())
                            .map(done -> wanted.isDirectory() ? withMode(done, wanted.mode()) : done),
                    0);
        } catch (IOException e) {
            listener.failed(action, LocalDisk.failure(e));
        }
    }

    @Override
    public boolean move(JobOrder order, SyncAction.Move action, JobListener listener) {
        Path root = order.to();
        IndexEntry current = action.current();
        IndexEntry wanted = action.wanted();
        Either<EntryFailure, Option<FileStat>> from = disk.state(root, current.path());
        Either<EntryFailure, Option<FileStat>> there = disk.state(root, wanted.path());
        if (from.isLeft()
                || !disk.holdsIndexed(root, from.get(), Option.some(current))
                || there.isLeft()
                || there.get().isDefined()) {
            return false;
        }
        Option<ContentHash> hash = Option.none();
        if (current.stat().isFile()) {
            Either<EntryFailure, ContentHash> sent = wanted.hash().isDefined()
                    ? Either.right(wanted.hash().get())
                    : senders.of(order).hash(wanted.path(), wanted.stat());
            Either<EntryFailure, ContentHash> held = current.hash().isDefined()
                    ? Either.right(current.hash().get())
                    : disk.hash(root, current.path(), current.stat());
            if (sent.isLeft() || held.isLeft() || !sent.get().equals(held.get())) {
                return false;
            }
            hash = Option.some(sent.get());
        } else if (!current.stat().linkTarget().equals(wanted.stat().linkTarget())) {
            return false; // a link's content is its target; a folder's, the plan's
        }
        try (RootedFolder was = RootedFolder.holding(root, current.path());
                RootedFolder becomes = RootedFolder.holding(root, wanted.path())) {
            return rename(order, action, was.entry(current.path()), becomes.entry(wanted.path()), hash, listener);
        } catch (IOException unreachable) {
            return false; // a folder on the way is gone, or became a link
        }
    }

    /** Renames the entry within the root, through its held folders; then gives it the wanted bits and time. */
    private boolean rename(
            JobOrder order,
            SyncAction.Move action,
            Path from,
            Path destination,
            Option<ContentHash> hash,
            JobListener listener) {
        IndexEntry current = action.current();
        IndexEntry wanted = action.wanted();
        try {
            Files.move(from, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return false;
        }
        try {
            Either<NotStaged, Option<Xattrs>> xattrs = carryXattrs(order, action, current, destination);
            giveAway(order, destination, wanted.stat());
            if (wanted.kind() != dev.conduit.domain.index.EntryKind.SYMLINK) {
                setMode(destination, wanted.stat().mode());
            }
            setTime(destination, wanted.stat().mtimeNanos());
            if (xattrs.isLeft()) {
                report(
                        listener,
                        action,
                        new NotStaged(
                                xattrs.getLeft().unreadableSource(),
                                xattrs.getLeft().failure().in("renamed, but ")));
            } else {
                listener.done(action, examine(order.to(), wanted, hash, xattrs.get()), 0);
            }
        } catch (IOException e) {
            listener.failed(action, LocalDisk.failure(e).in("renamed, but cannot set its time and permissions: "));
        }
        return true;
    }

    @Override
    public Either<NotStaged, Staged> stage(
            JobOrder order, SyncAction.Copy action, Throttle throttle, JobListener listener) {
        RootedFolder folder;
        try {
            folder = held.holding(order.to(), action.path());
        } catch (IOException e) {
            return Either.left(NotStaged.receiving(LocalDisk.failure(e).in("cannot copy: ")));
        }
        Either<NotStaged, Staged> staged = stage(order, action, folder, throttle, listener);
        if (staged.isLeft()) {
            held.release(folder);
        }
        return staged;
    }

    /**
     * Writes the temporary file (or link) in the held folder of the destination; the folder stays held until the file
     * is committed or discarded.
     */
    private Either<NotStaged, Staged> stage(
            JobOrder order, SyncAction.Copy action, RootedFolder folder, Throttle throttle, JobListener listener) {
        String name = TemporaryNames.next();
        Path temporary = folder.entry(name);
        try {
            inFlight.add(temporary);
            return action.wanted().stat().kind() == dev.conduit.domain.index.EntryKind.SYMLINK
                    ? Either.right(stageLink(order, action, folder, temporary))
                    : stageFile(order, action, folder, name, throttle, listener);
        } catch (UnreadableSource e) {
            inFlight.remove(temporary);
            return Either.left(
                    NotStaged.unreadable(LocalDisk.failure(e.getCause()).in("cannot read it: ")));
        } catch (IOException e) {
            inFlight.remove(temporary);
            return Either.left(NotStaged.receiving(LocalDisk.failure(e).in("cannot copy: ")));
        } catch (InterruptedException e) {
            inFlight.remove(temporary);
            Thread.currentThread().interrupt();
            return Either.left(NotStaged.receiving(EntryFailure.refused("interrupted")));
        }
    }

    /** A link, made with its target and given its time. */
    private LocalStaged stageLink(JobOrder order, SyncAction.Copy action, RootedFolder folder, Path temporary)
            throws IOException {
        FileStat wanted = action.wanted().stat();
        making(() ->
                Files.createSymbolicLink(temporary, Path.of(wanted.linkTarget().get())));
        try {
            giveAway(order, temporary, wanted);
            setTime(temporary, wanted.mtimeNanos());
        } catch (IOException e) {
            discard(temporary, null);
            throw e;
        }
        return new LocalStaged(
                action, folder, temporary, folder.entry(action.path()), null, Option.none(), Option.none(), 0);
    }

    /**
     * A file: its bytes copied and hashed, checked against what the source's index said, given its extended
     * attributes, permission bits and time. The temporary file goes when any of it fails.
     */
    private Either<NotStaged, Staged> stageFile(
            JobOrder order,
            SyncAction.Copy action,
            RootedFolder folder,
            String name,
            Throttle throttle,
            JobListener listener)
            throws IOException, InterruptedException {
        Sender sender = senders.of(order);
        TemporaryFile out = making(() -> TemporaryFile.create(folder, name));
        Path temporary = out.path();
        try {
            Written written =
                    copy(sender, action, out, throttle, bytesSoFar -> listener.transferring(action, bytesSoFar));
            Option<EntryFailure> problem = sender.check(action, written.bytes(), written.hash());
            Either<NotStaged, Option<Xattrs>> xattrs = problem.isDefined()
                    ? Either.left(NotStaged.receiving(problem.get()))
                    : XattrTransfer.carry(
                            () -> sender.xattrs(action),
                            temporary,
                            action.wanted().xattrs(),
                            true);
            if (xattrs.isLeft()) {
                discard(temporary, out);
                inFlight.remove(temporary);
                return Either.left(xattrs.getLeft());
            }
            FileStat wanted = action.wanted().stat();
            if (order.owners()) {
                out.giveAway(wanted.uid(), wanted.gid());
            }
            out.setMode(wanted.mode());
            out.setTime(wanted.mtimeNanos());
            if (FILE_SYSTEM_SYNC) {
                out.close(); // the batch's flush covers it; no descriptor held meanwhile
            }
            return Either.right(new LocalStaged(
                    action,
                    folder,
                    temporary,
                    folder.entry(action.path()),
                    FILE_SYSTEM_SYNC ? null : out,
                    Option.some(written.hash()),
                    xattrs.get(),
                    written.bytes()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            discard(temporary, out); // closes the channel, removes the temp file
            throw e;
        }
    }

    @Override
    public void commit(JobOrder order, List<Staged> batch, JobListener listener) {
        List<LocalStaged> flushed = new ArrayList<>(batch.size());
        boolean allFlushed = FILE_SYSTEM_SYNC && fileSystem.flush(order.to());
        for (Staged staged : batch) {
            LocalStaged local = (LocalStaged) staged;
            try {
                local.flush(!allFlushed);
                flushed.add(local);
            } catch (IOException e) {
                discard(local.temporary(), null);
                inFlight.remove(local.temporary());
                held.release(local.folder());
                listener.failed(local.action(), LocalDisk.failure(e).in("cannot write: "));
            }
        }
        Map<LocalStaged, Either<EntryFailure, LocalTrash.Place>> places = reserveTrash(order, flushed, listener);
        Set<Path> folders = new LinkedHashSet<>();
        List<Runnable> reports = new ArrayList<>(flushed.size());
        Map<RootedFolder, Option<IOException>> verified = new IdentityHashMap<>();
        for (LocalStaged staged : flushed) {
            SyncAction.Copy action = staged.action();
            Either<EntryFailure, Option<IndexEntry>> placed =
                    place(order, staged, Option.of(places.get(staged)), verified, listener);
            inFlight.remove(staged.temporary());
            if (placed.isLeft()) {
                discard(staged.temporary(), null);
                reports.add(() -> listener.failed(action, placed.getLeft()));
            } else {
                folders.add(staged.destination().getParent());
                reports.add(() -> listener.done(action, placed.get(), staged.bytes()));
            }
        }
        if (!(FILE_SYSTEM_SYNC && !folders.isEmpty() && fileSystem.flush(order.to()))) {
            for (Path folder : folders) {
                forceDirectory(folder);
            }
        }
        flushed.forEach(staged -> held.release(staged.folder()));
        reports.forEach(Runnable::run); // the index learns of a rename once it is durable
    }

    /**
     * The places in the trash of the versions the batch will replace, recorded in the library in one write before any
     * of them moves (ADR 0017): a batch of overwrites costs one write, not one per file.
     */
    private Map<LocalStaged, Either<EntryFailure, LocalTrash.Place>> reserveTrash(
            JobOrder order, List<LocalStaged> batch, JobListener listener) {
        List<LocalStaged> replacing = new ArrayList<>();
        List<LocalTrash.Candidate> candidates = new ArrayList<>();
        for (LocalStaged staged : batch) {
            SyncAction.Copy action = staged.action();
            Option<IndexEntry> replaced = action.replaced().filter(entry -> !entry.isDirectory());
            Option<JobOrder.TrashBin> bin = action.loser() ? order.losers() : order.trash();
            if (replaced.isDefined() && bin.isDefined()) {
                replacing.add(staged);
                candidates.add(new LocalTrash.Candidate(
                        bin.get(),
                        order.to(),
                        action.path(),
                        replaced.get().stat(),
                        action.loser() ? TrashReason.CONFLICT_LOSER : TrashReason.OVERWRITTEN));
            }
        }
        Map<LocalStaged, Either<EntryFailure, LocalTrash.Place>> places = new IdentityHashMap<>();
        List<Either<EntryFailure, LocalTrash.Place>> reserved = trash.reserve(candidates, listener);
        for (int i = 0; i < replacing.size(); i++) {
            places.put(replacing.get(i), reserved.get(i));
        }
        return places;
    }

    /**
     * Checks the destination once more, puts what is there in its place in the trash, renames the new version over
     * it; a place not used is released. The destination is looked at in its held folder, which is checked to be
     * still the root's once per batch ({@code verified}), just before the first of its files is renamed.
     */
    private Either<EntryFailure, Option<IndexEntry>> place(
            JobOrder order,
            LocalStaged staged,
            Option<Either<EntryFailure, LocalTrash.Place>> place,
            Map<RootedFolder, Option<IOException>> verified,
            JobListener listener) {
        SyncAction.Copy action = staged.action();
        Option<IndexEntry> expected = action.replaced().filter(entry -> !entry.isDirectory());
        Either<EntryFailure, Option<FileStat>> now = disk.stateIn(staged.folder(), action.path());
        if (now.isLeft() || !disk.holdsIndexed(order.to(), now.get(), expected)) {
            place.flatMap(Either::toOption).forEach(reserved -> trash.release(reserved, listener));
            return Either.left(
                    now.isLeft()
                            ? now.getLeft()
                            : action.replacesDirectory() && now.get().isDefined()
                                    ? EntryFailure.refused("the folder in its way could not be removed")
                                    : EntryFailure.stale());
        }
        Option<IOException> moved = verified.computeIfAbsent(staged.folder(), this::verify);
        if (moved.isDefined()) {
            place.flatMap(Either::toOption).forEach(reserved -> trash.release(reserved, listener));
            return Either.left(LocalDisk.failure(moved.get()));
        }
        Either<EntryFailure, Void> placed;
        if (place.isDefined()) {
            placed = place.get()
                    .flatMap(reserved -> trash.replace(reserved, staged.temporary(), staged.destination(), listener));
        } else {
            placed = trash.putInPlace(staged.temporary(), staged.destination());
        }
        return placed.map(inPlace ->
                examine(disk.stateIn(staged.folder(), action.path()), action.wanted(), staged.hash(), staged.xattrs()));
    }

    /** Whether the held folder is still the root's (not moved away, no link on the way); forgotten when it is not. */
    private Option<IOException> verify(RootedFolder folder) {
        try {
            folder.verify();
            return Option.none();
        } catch (IOException e) {
            held.forget(folder);
            return Option.some(e);
        }
    }

    @Override
    public Seq<CopyJob.Finished> finishDirectories(Path root, Seq<CopyJob.FinishedDirectory> directories) {
        java.util.List<CopyJob.Finished> finished = new java.util.ArrayList<>();
        for (CopyJob.FinishedDirectory directory : directories) {
            try (RootedFolder folder = RootedFolder.holding(root, directory.path())) {
                Path path = folder.entry(directory.path());
                Option<FileStat> before = disk.stateIn(folder, directory.path()).getOrElse(Option.none());
                if (before.exists(FileStat::isDirectory)) {
                    Owners.give(path, directory.uid(), directory.gid());
                    setMode(path, directory.mode());
                    setTime(path, directory.mtimeNanos());
                    disk.stateIn(folder, directory.path())
                            .getOrElse(Option.none())
                            .filter(after -> after.isDirectory()
                                    && after.fileKey().isDefined()
                                    && after.fileKey().equals(before.get().fileKey()))
                            .forEach(after -> finished.add(new CopyJob.Finished(directory.path(), after)));
                }
            } catch (IOException bestEffort) {
                // a directory's time and bits are restored best effort; the next sync tries again
            }
        }
        return io.vavr.collection.List.ofAll(finished);
    }

    @Override
    public void sweepTemporaries(Path root, Seq<RelativePath> found) {
        for (RelativePath path : found) {
            if (TemporaryNames.writerIsGone(path.name())) {
                try (RootedFolder folder = RootedFolder.holding(root, path)) {
                    Files.deleteIfExists(folder.entry(path));
                } catch (IOException ignored) {
                    // still ignored by every scan; the next sync tries again
                }
            }
        }
    }

    /**
     * Copies and hashes the bytes, leaving blocks of zeros as holes ({@link SparseWriter}); says how far it has got
     * every {@link #REPORT_EVERY} bytes and once written (the file may then wait up to a second for its batch's
     * commit, and progress should not lag behind).
     */
    private Written copy(
            Sender sender,
            SyncAction.Copy action,
            TemporaryFile out,
            Throttle throttle,
            java.util.function.LongConsumer progress)
            throws IOException, InterruptedException {
        MessageDigest digest = sha256();
        ByteBuffer buffer = buffers.get();
        SparseWriter writer = new SparseWriter(out);
        long bytes = 0;
        long reported = 0;
        try (ReadableByteChannel in = open(sender, action)) {
            while (true) {
                buffer.clear();
                int read = read(in, buffer);
                if (read < 0) {
                    break;
                }
                throttle.acquire(read);
                buffer.flip();
                digest.update(buffer.duplicate());
                writer.write(buffer);
                bytes += read;
                if (bytes - reported >= REPORT_EVERY) {
                    progress.accept(bytes);
                    reported = bytes;
                }
            }
        }
        writer.finish();
        if (bytes > reported) {
            progress.accept(bytes); // written, waiting for its batch to be committed
        }
        return new Written(bytes, ContentHash.of(digest.digest()));
    }

    private static ReadableByteChannel open(Sender sender, SyncAction.Copy action) throws UnreadableSource {
        try {
            return sender.open(action);
        } catch (IOException e) {
            throw new UnreadableSource(e);
        }
    }

    private static int read(ReadableByteChannel in, ByteBuffer buffer) throws UnreadableSource {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new UnreadableSource(e);
        }
    }

    /** The sending side's file could not be opened or read (as opposed to a failure to write the receiving side). */
    private static final class UnreadableSource extends IOException {

        UnreadableSource(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** What the receiving side now holds at the path, with what the job knows of its content and attributes. */
    private Option<IndexEntry> examine(Path root, IndexEntry wanted, Option<ContentHash> hash, Option<Xattrs> xattrs) {
        return examine(disk.state(root, wanted.path()), wanted, hash, xattrs);
    }

    /** What {@code now} says is at the path, with what the job knows of its content and attributes. */
    private Option<IndexEntry> examine(
            Either<EntryFailure, Option<FileStat>> now,
            IndexEntry wanted,
            Option<ContentHash> hash,
            Option<Xattrs> xattrs) {
        if (now.isLeft() || now.get().isEmpty()) {
            return Option.none();
        }
        FileStat stat = now.get().get();
        return Option.some(new IndexEntry(
                wanted.path(),
                stat,
                stat.isFile() ? hash : Option.none(),
                stat.kind() == dev.conduit.domain.index.EntryKind.SYMLINK ? Option.none() : xattrs,
                epochNanos()));
    }

    /**
     * Gives an entry that is already there the sending side's extended attributes, where both sides know theirs and
     * they differ (made writable for it first: its own bits are set after); else it keeps its own.
     */
    private Either<NotStaged, Option<Xattrs>> carryXattrs(
            JobOrder order, SyncAction.Transfer action, IndexEntry current, Path entry) throws IOException {
        IndexEntry wanted = action.wanted();
        if (EntryComparison.sameXattrs(wanted, current)) {
            return Either.right(current.xattrs());
        }
        setMode(entry, wanted.stat().mode() | (wanted.isDirectory() ? 0700 : 0200));
        Sender sender = senders.of(order);
        return XattrTransfer.carry(() -> sender.xattrs(action), entry, wanted.xattrs(), false);
    }

    /** An action not carried out, reported with the side it failed on. */
    private static void report(JobListener listener, SyncAction action, NotStaged why) {
        if (why.unreadableSource()) {
            listener.unreadable(action, why.failure());
        } else {
            listener.failed(action, why.failure());
        }
    }

    private Either<EntryFailure, Void> remove(JobOrder order, RelativePath path, FileStat stat, JobListener listener)
            throws IOException {
        if (order.trash().isDefined()) {
            return trash.move(
                    new LocalTrash.Candidate(order.trash().get(), order.to(), path, stat, TrashReason.OVERWRITTEN),
                    listener);
        }
        try (RootedFolder folder = RootedFolder.holding(order.to(), path)) {
            Files.delete(folder.entry(path));
        }
        return Either.right(null);
    }

    private long epochNanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static IndexEntry withMode(IndexEntry entry, int mode) {
        return new IndexEntry(
                entry.path(), entry.stat().withMode(mode), entry.hash(), entry.xattrs(), entry.indexedAtNanos());
    }

    /** The sending side's owner and group, where the order keeps owners; before the bits (a chown clears setuid). */
    private static void giveAway(JobOrder order, Path path, FileStat wanted) throws IOException {
        if (order.owners()) {
            Owners.give(path, wanted.uid(), wanted.gid());
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static void setTime(Path path, long mtimeNanos) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS), null, null);
    }

    private static void forceDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // some file systems cannot flush a directory; the rename itself is still atomic
        }
    }

    private static void discard(Path temporary, TemporaryFile file) {
        try {
            if (file != null) {
                file.close();
            }
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a leftover temporary file is swept by the next sync
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(ContentHash.ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Written(long bytes, ContentHash hash) {}

    /**
     * A temporary file (or link) written beside its destination; its channel is kept open for the flush when files
     * are flushed one by one.
     */
    private record LocalStaged(
            SyncAction.Copy action,
            RootedFolder folder,
            Path temporary,
            Path destination,
            TemporaryFile file,
            Option<ContentHash> hash,
            Option<Xattrs> xattrs,
            long bytes)
            implements Staged {

        /** Makes the file durable unless the whole file system was flushed already; closes its channel. */
        void flush(boolean needed) throws IOException {
            if (file != null) {
                try (file) {
                    if (needed) {
                        file.force();
                    }
                }
            } else if (needed && action.wanted().stat().isFile()) {
                try (FileChannel reopened = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    reopened.force(true);
                }
            }
        }
    }
}
