package dev.conduit.adapter.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The agent's record of its own writes (ADR 0051): what its jobs did goes into its index, and the position the client
 * may take is told only while nothing else wrote between the exchange and these writes.
 */
class OwnWritesTest {

    private static final Path ROOT = Path.of("/srv/docs");
    private static final LocationId LOCATION = new LocationId(3);

    /** A journal at 7, moved by one for each write that changes something, as the SQLite store's. */
    private final AtomicLong journal = new AtomicLong(7);

    private final List<IndexStore.IndexBatch> written = new ArrayList<>();

    /** The paths of each {@code entries} read. */
    private final List<io.vavr.collection.Seq<RelativePath>> reads = new ArrayList<>();

    /** The rows {@code entries} reads, by their path in the location. */
    private final java.util.Map<RelativePath, IndexEntry> rows = new java.util.HashMap<>();

    private final IndexStore store = (IndexStore) Proxy.newProxyInstance(
            IndexStore.class.getClassLoader(), new Class<?>[] {IndexStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("writeAt")) {
                    assertEquals(LOCATION, args[0]);
                    written.add((IndexStore.IndexBatch) args[1]);
                    return journal.incrementAndGet();
                }
                if (method.getName().equals("entries")) { // one read for every folder (ADR 0067), never entry
                    assertEquals(LOCATION, args[0]);
                    @SuppressWarnings("unchecked")
                    io.vavr.collection.Seq<RelativePath> paths = (io.vavr.collection.Seq<RelativePath>) args[1];
                    reads.add(paths);
                    return paths.flatMap(path -> Option.of(rows.get(path)));
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private static RelativePath path(String raw) {
        return RelativePath.parse(raw).get();
    }

    private static IndexEntry file(String raw) {
        return new IndexEntry(
                path(raw),
                new FileStat(
                        EntryKind.FILE,
                        12,
                        1_600_000_000_000_000_000L,
                        0640,
                        Option.some("65024:99"),
                        Option.none(),
                        1_700_000_001_000_000_001L),
                Option.some(new ContentHash("ab".repeat(32))),
                Option.some(Xattrs.NONE),
                1_700_000_002_000_000_000L);
    }

    private static SyncAction.Copy copy(String raw) {
        return new SyncAction.Copy(Direction.SOURCE_TO_TARGET, file(raw), Option.none(), false);
    }

    private static IndexEntry folder(String raw, String fileKey, long mtime) {
        return new IndexEntry(
                path(raw),
                FileStat.directory(mtime, 0755, Option.some(fileKey)).withCtime(mtime),
                Option.none(),
                Option.some(Xattrs.NONE),
                1_700_000_002_000_000_000L);
    }

    /** ADR 0059: the folders whose times a job set are recorded where the index holds that very folder. */
    @Test
    void foldersWhoseTimesWereSetAreRecordedOnlyWhereTheIndexHoldsThatFolderAndThePositionFollows() {
        OwnWrites own = new OwnWrites(store);
        own.exchanged(ROOT, LOCATION, path("home/docs"), 7);
        rows.put(path("home/docs/sub"), folder("home/docs/sub", "65024:5", 1_700_000_000_000_000_000L));
        rows.put(path("home/docs/swapped"), folder("home/docs/swapped", "65024:6", 1_700_000_000_000_000_000L));
        FileStat sub = FileStat.directory(1_600_000_000_000_000_000L, 0755, Option.some("65024:5"))
                .withCtime(1_700_000_009_000_000_000L);
        io.vavr.collection.Seq<dev.conduit.application.port.out.CopyJob.Finished> finished = io.vavr.collection.List.of(
                new dev.conduit.application.port.out.CopyJob.Finished(path("sub"), sub),
                new dev.conduit.application.port.out.CopyJob.Finished(
                        path("swapped"), FileStat.directory(1_600_000_000_000_000_000L, 0755, Option.some("65024:66"))),
                new dev.conduit.application.port.out.CopyJob.Finished(path("unknown"), sub),
                new dev.conduit.application.port.out.CopyJob.Finished(RelativePath.ROOT, sub));

        var told = own.finished(ROOT, finished);

        assertEquals(
                List.of(io.vavr.collection.List.of(
                        path("home/docs/sub"), path("home/docs/swapped"), path("home/docs/unknown"))),
                reads,
                "every folder looked up in one read, the root not at all");
        assertEquals(1, written.size());
        assertEquals(
                io.vavr.collection.List.of(path("home/docs/sub")),
                written.get(0).upserts().map(IndexEntry::path));
        assertEquals(sub, written.get(0).upserts().get(0).stat());
        assertEquals(io.vavr.collection.List.of(path("sub")), told.map(f -> f.path()), "the client records these");
        assertArrayEquals(new long[] {7, 8}, own.settled(ROOT).get());
        assertEquals(finished, own.finished(Path.of("/elsewhere"), finished), "no track: all, nothing written");
        assertEquals(1, written.size());
    }

    @Test
    void whatTheJobsWroteIsRecordedWhereTheRootIsInItsLocationAndThePositionFollowsIt() {
        OwnWrites own = new OwnWrites(store);
        own.exchanged(ROOT, LOCATION, path("home/docs"), 7);
        OwnWrites.Recorder copies = own.recorder(ROOT);
        copies.done(copy("a.txt"), Option.some(file("a.txt")));
        copies.done(copy("sub/b.txt"), Option.some(file("sub/b.txt")));
        copies.flush();
        OwnWrites.Recorder deletes = own.recorder(ROOT);
        deletes.done(
                new SyncAction.Delete(Direction.SOURCE_TO_TARGET, file("old.txt"), DeleteReason.NOT_IN_SOURCE),
                Option.none());
        deletes.flush();

        assertEquals(2, written.size());
        assertEquals(
                List.of("home/docs/a.txt", "home/docs/sub/b.txt"),
                written.get(0).upserts().map(entry -> entry.path().value()).toJavaList());
        IndexEntry first = written.get(0).upserts().head();
        assertEquals(file("a.txt").stat(), first.stat(), "as the job examined it");
        assertEquals(file("a.txt").hash(), first.hash(), "with the hash the job verified");
        assertEquals(
                List.of("home/docs/old.txt"),
                written.get(1).removals().map(RelativePath::value).toJavaList());
        assertArrayEquals(new long[] {7, 9}, own.settled(ROOT).get(), "the exchange's position, and where they got it");
    }

    @Test
    void anyOtherWriteBetweenTellsNoPosition() {
        OwnWrites own = new OwnWrites(store);
        own.exchanged(ROOT, LOCATION, RelativePath.ROOT, 7);
        OwnWrites.Recorder copies = own.recorder(ROOT);
        copies.done(copy("a.txt"), Option.some(file("a.txt")));
        copies.flush();
        journal.incrementAndGet(); // a scan of this host's own, another agent: a change the client has not seen
        copies.done(copy("b.txt"), Option.some(file("b.txt")));
        copies.flush();

        assertEquals(2, written.size(), "recorded all the same");
        assertTrue(
                own.settled(ROOT).isEmpty(), "the client keeps the exchange's position and is sent everything since");
    }

    @Test
    void aRootNoExchangeNamedIsNotRecordedAndNothingWrittenTellsNothing() {
        OwnWrites own = new OwnWrites(store);
        OwnWrites.Recorder copies = own.recorder(ROOT);
        copies.done(copy("a.txt"), Option.some(file("a.txt")));
        copies.flush();
        assertTrue(written.isEmpty());
        own.exchanged(ROOT, LOCATION, RelativePath.ROOT, 7);
        assertTrue(own.settled(ROOT).isEmpty());
    }

    @Test
    void aRemovalOfAPathWrittenEarlierInTheBatchComesAfterIt() {
        OwnWrites own = new OwnWrites(store);
        own.exchanged(ROOT, LOCATION, RelativePath.ROOT, 7);
        OwnWrites.Recorder jobs = own.recorder(ROOT);
        jobs.done(copy("a.txt"), Option.some(file("a.txt")));
        jobs.done(
                new SyncAction.Delete(Direction.SOURCE_TO_TARGET, file("a.txt"), DeleteReason.NOT_IN_SOURCE),
                Option.none());
        jobs.flush();
        assertEquals(2, written.size(), "a batch applies its removals first: the removal waits for the next one");
        assertEquals("a.txt", written.get(1).removals().head().value());
        assertArrayEquals(new long[] {7, 9}, own.settled(ROOT).get());
    }
}
