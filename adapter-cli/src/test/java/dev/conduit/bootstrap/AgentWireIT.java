package dev.conduit.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.remote.AgentFailure;
import dev.conduit.adapter.jobs.remote.AgentServer;
import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.adapter.jobs.remote.AgentSessions;
import dev.conduit.adapter.jobs.remote.LocalSide;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.application.service.IndexLocationService;
import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent served in this process over pipes, with a real library and real folders on both sides. */
class AgentWireIT {

    @TempDir
    Path temp;

    /** The agent's library, its ports wired as {@code conduit agent} wires them. */
    private AgentServer.Library agentLibrary(Path folder, String id) {
        Injector injector = injector(folder);
        return new AgentServer.Library(
                id,
                "test",
                new IndexLocationService(
                        injector.getInstance(FileTree.class),
                        injector.getInstance(FileSystemProbe.class),
                        injector.getInstance(LocationRepository.class),
                        injector.getInstance(IndexStore.class),
                        Clock.systemUTC(),
                        injector.getInstance(Scheduler.class)),
                injector.getInstance(IndexStore.class),
                injector.getInstance(LocationRepository.class),
                injector.getInstance(ConduitRepository.class),
                injector.getInstance(TrashLedger.class),
                injector.getInstance(FileTree.class),
                new TrashFolder(folder.resolve("trash")),
                Clock.systemUTC());
    }

    private static Injector injector(Path folder) {
        return Guice.createInjector(new PersistenceModule(), new JobsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(LibraryFolder.class).toInstance(new LibraryFolder(folder));
                bind(TrashFolder.class).toInstance(new TrashFolder(folder.resolve("trash")));
                bind(Clock.class).toInstance(Clock.systemUTC());
                bind(dev.conduit.application.port.out.LibraryWaits.class)
                        .toInstance(dev.conduit.application.port.out.LibraryWaits.NONE);
            }
        });
    }

    private LocalSide local() {
        Injector injector = injector(temp.resolve("local-library"));
        return new LocalSide(
                injector.getInstance(FileTree.class),
                new TrashFolder(temp.resolve("local-library/trash")),
                Clock.systemUTC());
    }

    private AgentSession session(String id, Path... roots) throws Exception {
        return session(id, Cut.never(), Cut.never(), roots);
    }

    private AgentSession session(String id, Cut link, Path... roots) throws Exception {
        return session(id, link, Cut.never(), roots);
    }

    /** A session whose bytes to the agent go through {@code up}, and back through {@code down}. */
    private AgentSession session(String id, Cut up, Cut down, Path... roots) throws Exception {
        return session(id, up::around, down::around, roots);
    }

    /** A session whose stream to the agent is wrapped by {@code up}, and the agent's back by {@code down}. */
    private AgentSession session(
            String id,
            java.util.function.UnaryOperator<java.io.OutputStream> up,
            java.util.function.UnaryOperator<java.io.OutputStream> down,
            Path... roots)
            throws Exception {
        Either<AgentFailure, AgentSession> started = AgentSessions.inProcess(
                new AgentServer(agentLibrary(temp.resolve("agent-library"), id)),
                List.of(roots).map(Path::toString),
                local(),
                "test",
                up,
                down);
        assertTrue(started.isRight(), () -> started.getLeft().describe());
        return started.get();
    }

    /** How many frames of each type went through a tap. */
    private static Map<Integer, Long> byType(WireTaps.Frames frames) {
        return frames.sent.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        WireTaps.Sent::type, java.util.stream.Collectors.counting()));
    }

    @Test
    void handshakeSaysWhoTheAgentIs() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        try (AgentSession session = session("library-1", root)) {
            assertEquals(4, session.handshake().protocol());
            assertTrue(session.handshake().capabilities().contains("basis"));
            assertEquals("library-1", session.handshake().library());
            assertTrue(session.handshake().capabilities().contains("copy-into"));
        }
    }

    @Test
    void aPathOutsideTheRootsIsRefused() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        Path other = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(other.resolve("secret"), "x");
        try (AgentSession session = session("library-1", root)) {
            var listed = session.files().list(other, RelativePath.ROOT);
            assertTrue(listed.isLeft());
            assertTrue(
                    listed.getLeft().reason().contains("not a root of this session"),
                    listed.getLeft().reason());
            assertTrue(session.files().identify(other).isLeft());
        }
    }

    /** 25,000 names: three frames of at most 10,000 (a folder of a million would fit no one frame). */
    @Test
    void aLargeFolderIsListedInFramesOfBoundedSize() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        Path big = Files.createDirectories(root.resolve("big"));
        for (int i = 0; i < 25_000; i++) {
            Files.createFile(big.resolve("a-rather-long-name-so-that-the-listing-is-large-" + i));
        }
        try (AgentSession session = session("library-1", root)) {
            var listed = session.files().list(root, RelativePath.parse("big").get());
            assertEquals(25_000, listed.get().size());
            assertEquals(
                    25_000, listed.get().map(FileTree.Listed::name).distinct().size());
            Files.createDirectories(root.resolve("empty"));
            assertEquals(
                    0,
                    session.files()
                            .list(root, RelativePath.parse("empty").get())
                            .get()
                            .size());
        }
    }

    /** A verification's look at many paths: asked in a few questions, answered as one examine each would be. */
    @Test
    void manyPathsAreExaminedAtOnceAsEachWouldBe() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        Path other = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(other.resolve("secret"), "x");
        Files.createSymbolicLink(root.resolve("out"), other);
        Path folder = Files.createDirectories(root.resolve("d"));
        java.util.List<RelativePath> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            if (i % 3 == 0) {
                Files.writeString(folder.resolve("f" + i), "x".repeat(i % 7));
            }
            paths.add(RelativePath.parse("d/f" + i).get()); // two in three are missing
        }
        paths.add(RelativePath.parse("out/secret").get()); // through a link out of the root
        paths.add(RelativePath.parse("out").get());
        try (AgentSession session = session("library-1", root)) {
            var all = session.files().examineAll(root, io.vavr.collection.List.ofAll(paths));
            assertEquals(paths.size(), all.size());
            for (int i : new int[] {0, 1, 2, 3, 4_999, 5_000, 5_001, 9_999, 11_999, 12_000, 12_001}) {
                assertEquals(session.files().examine(root, paths.get(i)), all.get(i), "at " + paths.get(i));
            }
            assertTrue(all.get(12_000) instanceof FileTree.Listed.Unreadable, () -> "followed: " + all.get(12_000));
            assertEquals(
                    4_000,
                    all.count(listed -> listed instanceof FileTree.Listed.Found found
                            && found.stat().isFile()));
        }
    }

    @Test
    void theQuestionsOfManyPathsAreAskedTogetherInOneRoundTrip() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        java.util.List<RelativePath> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 12_000; i++) { // three questions of at most 5,000 paths
            paths.add(RelativePath.parse("f" + i).get());
        }
        Either<AgentFailure, AgentSession> started = AgentSessions.inProcess(
                new AgentServer(agentLibrary(temp.resolve("agent-library"), "library-1")),
                List.of(root.toString()),
                local(),
                "test",
                out -> out,
                out -> new WireTaps.Delayed(out, 1_000)); // every answer a second late
        assertTrue(started.isRight(), () -> started.getLeft().describe());
        try (AgentSession session = started.get()) {
            long asked = System.nanoTime();
            var all = session.files().examineAll(root, io.vavr.collection.List.ofAll(paths));
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - asked);

            assertEquals(paths.size(), all.size());
            assertTrue(took.compareTo(java.time.Duration.ofMillis(2_500)) < 0, () -> "three round trips: " + took);
        }
    }

    @Test
    void aLinkOutOfTheRootIsNotFollowed() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        Path other = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(other.resolve("secret"), "x");
        Files.createSymbolicLink(root.resolve("out"), other);
        try (AgentSession session = session("library-1", root)) {
            var listed = session.files().list(root, RelativePath.parse("out").get());
            assertTrue(listed.isLeft(), () -> "listed " + listed.get());
            var lines = session.files()
                    .readLines(root, RelativePath.parse("out/secret").get());
            assertTrue(lines.isLeft() || lines.get().isEmpty(), () -> "read " + lines);
        }
    }

    @Test
    void theAgentNeitherWritesNorReadsThroughALinkOutOfItsRoot() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here/out"));
        Path there = Files.createDirectories(temp.resolve("there"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("secret"), "not for the client");
        Files.createSymbolicLink(there.resolve("out"), elsewhere);
        Files.writeString(here.resolve("planted"), "written through a link?");
        FileTree tree = local().tree();
        RelativePath planted = RelativePath.parse("out/planted").get();
        var stat = ((FileTree.Listed.Found) tree.examine(here.getParent(), planted)).stat();
        var hash = tree.hash(here.getParent(), planted, stat).get();
        SyncAction.Copy into = new SyncAction.Copy(
                Direction.SOURCE_TO_TARGET, new IndexEntry(planted, stat, Option.some(hash), 0), Option.none());
        RelativePath secret = RelativePath.parse("out/secret").get();
        var secretStat = ((FileTree.Listed.Found)
                        tree.examine(elsewhere, RelativePath.parse("secret").get()))
                .stat();
        SyncAction.Copy from = new SyncAction.Copy(
                Direction.TARGET_TO_SOURCE, new IndexEntry(secret, secretStat, Option.none(), 0), Option.none());
        Recorder written = new Recorder();
        Recorder read = new Recorder();
        try (AgentSession session = session("library-1", there)) {
            session.copiesInto()
                    .run(
                            new JobOrder(here.getParent(), there, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            List.<SyncAction.Transfer>of(into).iterator(),
                            written);
            session.copiesFrom()
                    .run(
                            new JobOrder(
                                    there,
                                    Files.createDirectories(temp.resolve("back/out"))
                                            .getParent(),
                                    1,
                                    BandwidthLimit.UNLIMITED,
                                    Option.none()),
                            List.<SyncAction.Transfer>of(from).iterator(),
                            read);
        }
        assertTrue(written.failed.containsKey("out/planted"), () -> "reports: " + written.done);
        assertFalse(Files.exists(elsewhere.resolve("planted")), "nothing was written through the link");
        assertTrue(read.failed.containsKey("out/secret"), () -> "reports: " + read.done);
        assertFalse(Files.exists(temp.resolve("back/out/secret")), "nothing was read through the link");
        assertTrue(read.failed.get("out/secret").contains("link"), read.failed.get("out/secret"));
    }

    @Test
    void theAgentGivesFoldersTheirLastTouchesAndSweepsDeadCopiesTemporaries() throws Exception {
        Path there = Files.createDirectories(temp.resolve("there/d"));
        Path live = Files.writeString(
                there.resolve(".conduit-tmp-" + ProcessHandle.current().pid() + "-1"), "mine");
        Path dead = Files.writeString(there.resolve(".conduit-tmp-2147483646-7"), "killed");
        long mtime = 1_600_000_000_123_456_789L;
        try (AgentSession session = session("library-1", there.getParent())) {
            session.copiesInto()
                    .sweepTemporaries(
                            there.getParent(),
                            List.of(
                                    RelativePath.parse("d/" + live.getFileName())
                                            .get(),
                                    RelativePath.parse("d/" + dead.getFileName())
                                            .get()));
            session.copiesInto()
                    .finishDirectories(
                            there.getParent(),
                            List.of(new dev.conduit.application.port.out.CopyJob.FinishedDirectory(
                                    RelativePath.parse("d").get(), 0750, mtime)));
        }
        assertEquals(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"),
                Files.getPosixFilePermissions(there));
        assertEquals(mtime / 1000, Files.getLastModifiedTime(there).to(java.util.concurrent.TimeUnit.MICROSECONDS));
        assertTrue(Files.exists(live), "a live writer's temporary stays");
        assertFalse(Files.exists(dead), "a dead writer's temporary goes");
    }

    @Test
    void theIndexComesWholeThenAsChangesThenWholeAfterALibrarySwap() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/b.txt"), "b");
        Files.writeString(root.resolve(".conduitignore"), "*.tmp\n");
        PeerIndex.PeerState first;
        Sink sink = new Sink();
        try (AgentSession session = session("library-1", root)) {
            first = session.index().changes(scan(root), Option.none(), sink).get();
            assertTrue(first.whole());
            assertEquals(java.util.Set.of(".conduitignore", "a.txt", "d", "d/b.txt"), sink.changed.keySet());
            assertEquals(
                    List.of("*.tmp"),
                    first.ignoreFiles()
                            .get(RelativePath.parse(".conduitignore").get())
                            .get());

            Files.writeString(root.resolve("c.txt"), "c");
            Files.delete(root.resolve("a.txt"));
            Sink changes = new Sink();
            PeerIndex.PeerState second = session.index()
                    .changes(scan(root), Option.some(first.position()), changes)
                    .get();
            assertFalse(second.whole());
            // entries indexed within the racy window of their change are read (and journalled) again; no more
            assertTrue(changes.changed.containsKey("c.txt"), () -> "changed: " + changes.changed.keySet());
            assertFalse(changes.changed.containsKey("a.txt"));
            assertEquals(java.util.List.of("a.txt"), changes.removed);
        }
        try (AgentSession restored = session("library-1", root)) {
            PeerIndex.PeerPosition ahead =
                    new PeerIndex.PeerPosition("library-1", first.position().position() + 1000);
            assertTrue(
                    restored.index()
                            .changes(scan(root), Option.some(ahead), new Sink())
                            .get()
                            .whole(),
                    "a position ahead of the journal (a library restored from a backup) is not trusted");
        }
        try (AgentSession swapped = session("library-2", root)) {
            Sink again = new Sink();
            PeerIndex.PeerState third = swapped.index()
                    .changes(scan(root), Option.some(first.position()), again)
                    .get();
            assertTrue(third.whole(), "another library's position is not trusted");
            assertEquals(java.util.Set.of(".conduitignore", "c.txt", "d", "d/b.txt"), again.changed.keySet());
        }
    }

    @Test
    void copiesGoIntoTheAgentAndComeBack() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        Path back = Files.createDirectories(temp.resolve("back"));
        for (int i = 0; i < 300; i++) {
            Files.writeString(here.resolve("small-" + i), "content " + i);
        }
        byte[] large = new byte[5 << 20];
        new Random(7).nextBytes(large);
        Files.write(here.resolve("large"), large);
        java.util.List<SyncAction.Transfer> actions = copiesOf(here);
        Recorder into = new Recorder();
        try (AgentSession session = session("library-1", there)) {
            session.copiesInto()
                    .run(
                            new JobOrder(here, there, 2, BandwidthLimit.UNLIMITED, Option.none()),
                            actions.iterator(),
                            into);
            assertEquals(301, into.done.size(), () -> "failed: " + first(into.failed));
            assertArrayEquals(large, Files.readAllBytes(there.resolve("large")));
            assertEquals("content 42", Files.readString(there.resolve("small-42")));
            assertTrue(into.done.get("large").isDefined());

            Recorder from = new Recorder();
            session.copiesFrom()
                    .run(
                            new JobOrder(there, back, 2, BandwidthLimit.UNLIMITED, Option.none()),
                            copiesOf(there).iterator(),
                            from);
            assertEquals(301, from.done.size(), () -> "failed: " + first(from.failed));
            assertArrayEquals(large, Files.readAllBytes(back.resolve("large")));
            assertEquals("content 299", Files.readString(back.resolve("small-299")));
        }
    }

    @Test
    void aFileChangedOnTheSendingSideIsNotPutInPlace() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        Files.writeString(here.resolve("f"), "version one");
        FileTree tree = local().tree();
        RelativePath path = RelativePath.parse("f").get();
        var stat = ((FileTree.Listed.Found) tree.examine(here, path)).stat();
        var hash = tree.hash(here, path, stat).get();
        Files.writeString(here.resolve("f"), "version two!");
        Recorder into = new Recorder();
        try (AgentSession session = session("library-1", there)) {
            session.copiesInto()
                    .run(
                            new JobOrder(here, there, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            List.<SyncAction.Transfer>of(new SyncAction.Copy(
                                            Direction.SOURCE_TO_TARGET,
                                            new IndexEntry(path, stat, Option.some(hash), 0),
                                            Option.none()))
                                    .iterator(),
                            into);
        }
        assertEquals(1, into.failed.size());
        assertFalse(Files.exists(there.resolve("f")));
    }

    /**
     * A small file with no attributes to carry goes in one frame (its action, its bytes, whether it held), with no chunk
     * hash: its whole hash is checked before it is put in place, so bytes that do not match it are not; a file larger
     * than a chunk still goes in checked chunks (ADR 0071).
     */
    @Test
    void aSmallFileGoesWholeInOneFrameAndOnlyItsHashLetsItIn() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(here.resolve("small-" + i), "content " + i);
        }
        byte[] large = new byte[300 << 10]; // two chunks
        new Random(11).nextBytes(large);
        Files.write(here.resolve("large"), large);
        Files.writeString(here.resolve("liar"), "what is read");
        java.util.List<SyncAction.Transfer> actions = new ArrayList<>();
        for (SyncAction.Transfer copy : copiesOf(here)) {
            IndexEntry wanted = copy.wanted();
            var hash = wanted.path().value().equals("liar") // the index's hash of other bytes of the same size
                    ? Option.some(ContentHash.of(
                            java.security.MessageDigest.getInstance("SHA-256").digest("other bytes!".getBytes())))
                    : wanted.hash();
            actions.add(new SyncAction.Copy(
                    Direction.SOURCE_TO_TARGET,
                    new IndexEntry(wanted.path(), wanted.stat(), hash, Option.some(Xattrs.NONE), 0),
                    Option.none()));
        }
        WireTaps.Frames[] up = new WireTaps.Frames[1];
        Recorder into = new Recorder();
        try (AgentSession session = session("library-1", out -> up[0] = new WireTaps.Frames(out), out -> out, there)) {
            session.copiesInto()
                    .run(
                            new JobOrder(here, there, 2, BandwidthLimit.UNLIMITED, Option.none()),
                            actions.iterator(),
                            into);
        }
        assertEquals(41, into.done.size(), () -> "failed: " + first(into.failed));
        assertEquals(Map.of("liar", EntryFailure.sourceChanged().reason()), into.failed);
        assertFalse(Files.exists(there.resolve("liar")), "bytes that do not match the hash are not put in place");
        assertEquals("content 17", Files.readString(there.resolve("small-17")));
        assertArrayEquals(large, Files.readAllBytes(there.resolve("large")));
        Map<Integer, Long> frames = byType(up[0]);
        assertEquals(41L, frames.get(WireTaps.PUSH_FILE), () -> "frames by type: " + frames);
        assertEquals(1L, frames.get(WireTaps.PUSH_ACTION), () -> "frames by type: " + frames);
        assertEquals(2L, frames.get(WireTaps.PUSH_CHUNK), () -> "frames by type: " + frames);
    }

    private static String first(Map<String, String> failed) {
        return failed.size() + ", such as "
                + failed.entrySet().stream().limit(3).toList();
    }

    /** A copy of every file directly in {@code root}, as a plan made from its index would say. */
    private java.util.List<SyncAction.Transfer> copiesOf(Path root) {
        FileTree tree = local().tree();
        java.util.List<SyncAction.Transfer> actions = new ArrayList<>();
        for (String name :
                new java.util.TreeSet<>(java.util.Arrays.asList(root.toFile().list()))) {
            RelativePath path = RelativePath.parse(name).get();
            var stat = ((FileTree.Listed.Found) tree.examine(root, path)).stat();
            var hash = tree.hash(root, path, stat).get();
            actions.add(new SyncAction.Copy(
                    Direction.SOURCE_TO_TARGET, new IndexEntry(path, stat, Option.some(hash), 0), Option.none()));
        }
        return actions;
    }

    @Test
    void deletesGoIntoTheAgentsTrashAndComeBackFromIt() throws Exception {
        Path there = Files.createDirectories(temp.resolve("there"));
        Files.writeString(there.resolve("old.txt"), "keep me");
        Files.writeString(there.resolve("gone.txt"), "me too");
        Files.writeString(there.resolve("changed.txt"), "as indexed");
        java.util.List<SyncAction.Delete> deletes = List.ofAll(copiesOf(there))
                .map(copy -> new SyncAction.Delete(
                        Direction.SOURCE_TO_TARGET, copy.wanted(), dev.conduit.domain.plan.DeleteReason.DELETED))
                .toJavaList();
        Files.writeString(there.resolve("changed.txt"), "changed since it was indexed");
        JobOrder.TrashBin bin = new JobOrder.TrashBin(
                new dev.conduit.domain.conduit.ConduitId(1), 1, dev.conduit.domain.conduit.Side.TARGET);
        Recorder listener = new Recorder();
        try (AgentSession session = session("library-1", there)) {
            session.deletes()
                    .run(
                            new JobOrder(temp, there, 1, BandwidthLimit.UNLIMITED, Option.some(bin)),
                            deletes.iterator(),
                            listener);
            assertEquals(java.util.Set.of("old.txt", "gone.txt"), listener.done.keySet());
            assertEquals(java.util.Set.of("changed.txt"), listener.failed.keySet(), "the stale-index guard held");
            assertTrue(Files.exists(there.resolve("changed.txt")));
            assertFalse(Files.exists(there.resolve("old.txt")));
            assertEquals(2, listener.trashed.size(), "recorded here, confirmed once the agent moved them");
            assertEquals(1, listener.notTrashed.size(), "the changed file's record was released");

            TrashedVersion.New old = listener.recorded.stream()
                    .filter(version -> version.path().value().equals("old.txt"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    dev.conduit.application.port.out.TrashBins.Presence.THERE,
                    session.trash().presence(old.storedAt()));
            assertTrue(session.trash()
                    .restore(old.storedAt(), old.originalAt(), old.path())
                    .isRight());
            assertEquals("keep me", Files.readString(there.resolve("old.txt")));
            assertEquals(
                    dev.conduit.application.port.out.TrashBins.Presence.ABSENT,
                    session.trash().presence(old.storedAt()));

            TrashedVersion.New gone = listener.recorded.stream()
                    .filter(version -> version.path().value().equals("gone.txt"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(session.trash().purge(gone.storedAt()).isRight());
            assertFalse(Files.exists(Path.of(gone.storedAt())));

            var outside = session.trash().purge(temp.resolve("elsewhere").toString());
            assertTrue(outside.isLeft());
            assertTrue(
                    outside.getLeft().reason().contains("not in the agent's trash"),
                    outside.getLeft().reason());
            var restoredOutside = session.trash()
                    .restore(
                            gone.storedAt(),
                            temp.resolve("x/gone.txt").toString(),
                            RelativePath.parse("gone.txt").get());
            assertTrue(restoredOutside.isLeft(), "a version is put back below a root of the session only");
        }
    }

    @Test
    void aLargeFileCutMidwayResumesFromWhatArrivedAndWasVerified() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        byte[] large = new byte[12 << 20];
        new Random(11).nextBytes(large);
        Files.write(here.resolve("large"), large);
        java.util.List<SyncAction.Transfer> actions = copiesOf(here);
        JobOrder order = new JobOrder(here, there, 1, BandwidthLimit.UNLIMITED, Option.none());

        Cut cut = Cut.after(6 << 20);
        Recorder first = new Recorder();
        try (AgentSession session = session("library-1", cut, there)) {
            session.copiesInto().run(order, actions.iterator(), first);
        }
        assertTrue(first.failed.containsKey("large"), () -> "reports: " + first.done + " " + first.failed);
        assertEquals(
                java.util.List.of(), java.util.Arrays.asList(there.toFile().list()), "nothing half-written in place");

        Cut counted = Cut.never();
        Recorder second = new Recorder();
        try (AgentSession session = session("library-1", counted, there)) {
            session.copiesInto().run(order, actions.iterator(), second);
        }
        assertTrue(second.done.containsKey("large"), () -> "failed: " + second.failed);
        assertArrayEquals(large, Files.readAllBytes(there.resolve("large")));
        long resent = counted.written();
        assertTrue(
                resent < large.length - (5 << 20),
                "what arrived and was verified before the cut is not sent again: sent " + resent + " of "
                        + large.length);
        assertEquals(0, Files.list(temp.resolve("agent-library/partial")).count(), "a finished transfer's part goes");
    }

    /**
     * A large file changed in place goes as its changed chunks: the agent offers the version it replaces as the basis
     * (its chunk hashes), and each chunk that is the same there goes as its hash alone, read on the agent from that
     * version and checked (ADR 0074). Coming back from the agent, this side's version is the basis.
     */
    @Test
    void aLargeFileChangedInPlaceSendsOnlyItsChangedChunksBothWays() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        byte[] before = new byte[12 << 20]; // 48 chunks
        new Random(17).nextBytes(before);
        Files.write(there.resolve("large"), before);
        byte[] after = before.clone();
        after[(1 << 20) + 100] ^= 1; // chunk 4
        after[(9 << 20) + 5] ^= 1; // chunk 36
        Files.write(here.resolve("large"), after);
        JobOrder order = new JobOrder(here, there, 1, BandwidthLimit.UNLIMITED, Option.none());
        java.util.List<SyncAction.Transfer> actions = replacing(copiesOf(here), there);

        WireTaps.Frames[] up = new WireTaps.Frames[1];
        Cut counted = Cut.never();
        Recorder into = new Recorder();
        try (AgentSession session =
                session("library-1", out -> up[0] = new WireTaps.Frames(counted.around(out)), out -> out, there)) {
            session.copiesInto().run(order, actions.iterator(), into);
        }
        assertTrue(into.done.containsKey("large"), () -> "failed: " + into.failed);
        assertArrayEquals(after, Files.readAllBytes(there.resolve("large")));
        Map<Integer, Long> frames = byType(up[0]);
        assertEquals(2L, frames.get(WireTaps.PUSH_CHUNK), () -> "frames by type: " + frames);
        assertEquals(46L, frames.get(WireTaps.PUSH_SAME), () -> "frames by type: " + frames);
        assertTrue(
                counted.written() < (2 << 20) / 3,
                "two chunks of 256 KiB and the rest as hashes: sent " + counted.written());
        assertEquals(
                2L * (256 << 10), into.bytes.get("large"), "the bytes reported sent leave out what was read there");

        Path back = Files.createDirectories(temp.resolve("back"));
        Files.write(back.resolve("large"), before);
        Cut down = Cut.never();
        Recorder from = new Recorder();
        try (AgentSession session = session("library-1", Cut.never(), down, there)) {
            session.copiesFrom()
                    .run(
                            new JobOrder(there, back, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            replacing(copiesOf(there), back).iterator(),
                            from);
        }
        assertTrue(from.done.containsKey("large"), () -> "failed: " + from.failed);
        assertArrayEquals(after, Files.readAllBytes(back.resolve("large")));
        assertTrue(down.written() < (2 << 20) / 3, "coming back, only the changed chunks: sent " + down.written());
    }

    /**
     * Large files in a row: the next one is announced before the chunks of the one before it go, so that the agent
     * reads its basis meanwhile and its resume answer is there when its turn comes (no round trip between them).
     */
    @Test
    void aLargeFileAfterALargeFileIsAnnouncedBeforeTheFirstOnesChunks() throws Exception {
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        java.util.Map<String, byte[]> after = new java.util.TreeMap<>();
        for (String name : new String[] {"a-large", "b-large", "c-large"}) {
            byte[] before = new byte[9 << 20];
            new Random(name.hashCode()).nextBytes(before);
            Files.write(there.resolve(name), before);
            byte[] changed = before.clone();
            changed[5 << 20] ^= 1;
            Files.write(here.resolve(name), changed);
            after.put(name, changed);
        }
        Files.writeString(here.resolve("d-small"), "small, after them");
        WireTaps.Frames[] up = new WireTaps.Frames[1];
        Recorder into = new Recorder();
        try (AgentSession session = session("library-1", out -> up[0] = new WireTaps.Frames(out), out -> out, there)) {
            session.copiesInto()
                    .run(
                            new JobOrder(here, there, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            replacing(copiesOf(here), there).iterator(),
                            into);
        }
        assertEquals(4, into.done.size(), () -> "failed: " + into.failed);
        for (var file : after.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(there.resolve(file.getKey())), file.getKey());
        }
        assertEquals("small, after them", Files.readString(there.resolve("d-small")));
        java.util.List<Integer> pushed = up[0].sent.stream()
                .map(WireTaps.Sent::type)
                .filter(type -> type == WireTaps.PUSH_ACTION
                        || type == WireTaps.PUSH_CHUNK
                        || type == WireTaps.PUSH_SAME
                        || type == WireTaps.PUSH_END
                        || type == WireTaps.PUSH_FILE)
                .toList();
        assertEquals(
                java.util.List.of(WireTaps.PUSH_ACTION, WireTaps.PUSH_ACTION),
                pushed.subList(0, Math.min(2, pushed.size())),
                () -> "the second is announced before the first one's chunks: "
                        + pushed.subList(0, Math.min(5, pushed.size())));
        int firstEnd = pushed.indexOf(WireTaps.PUSH_END);
        assertTrue(firstEnd > 0, () -> "pushed: " + pushed);
        assertEquals(WireTaps.PUSH_ACTION, pushed.get(firstEnd + 1), "the third, before the second one's chunks");
        int small = pushed.lastIndexOf(WireTaps.PUSH_ACTION);
        assertEquals(
                3,
                pushed.subList(0, small).stream()
                        .filter(type -> type == WireTaps.PUSH_END)
                        .count(),
                "the small one (its attributes unknown: announced, not whole) in its turn, after the large ones' chunks");

        // coming back, the agent pushes: a plan that is slow to hand over its next action holds no file's chunks back
        Path back = Files.createDirectories(temp.resolve("back"));
        for (String name : after.keySet()) {
            byte[] old = after.get(name).clone();
            old[1 << 20] ^= 1;
            Files.write(back.resolve(name), old);
        }
        java.util.Iterator<SyncAction.Transfer> plan =
                replacing(copiesOf(there), back).iterator();
        long[] handedLast = new long[1];
        java.util.Iterator<SyncAction.Transfer> slow = new java.util.Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == 3 && handedLast[0] == 0) {
                    try {
                        Thread.sleep(3_000); // the plan's next action takes its time
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    handedLast[0] = System.nanoTime();
                }
                return plan.hasNext();
            }

            @Override
            public SyncAction.Transfer next() {
                given++;
                return plan.next();
            }
        };
        Recorder from = new Recorder();
        WireTaps.Frames[] down = new WireTaps.Frames[1];
        try (AgentSession session =
                session("library-1", out -> out, out -> down[0] = new WireTaps.Frames(out), there)) {
            session.copiesFrom().run(new JobOrder(there, back, 1, BandwidthLimit.UNLIMITED, Option.none()), slow, from);
        }
        assertEquals(4, from.done.size(), () -> "failed: " + from.failed);
        for (var file : after.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(back.resolve(file.getKey())), file.getKey());
        }
        java.util.List<Long> ends = down[0].sent.stream()
                .filter(frame -> frame.type() == WireTaps.PUSH_END)
                .map(WireTaps.Sent::nanos)
                .toList();
        assertTrue(ends.size() >= 3, () -> "files ended: " + ends.size());
        assertTrue(
                ends.get(2) < handedLast[0],
                "the last large file's chunks went before the plan handed its next action over");
    }

    /** The copies, each over the version at its path in {@code target} as its index would have it. */
    private java.util.List<SyncAction.Transfer> replacing(java.util.List<SyncAction.Transfer> copies, Path target) {
        java.util.Map<String, IndexEntry> there = new java.util.HashMap<>();
        for (SyncAction.Transfer copy : copiesOf(target)) {
            there.put(copy.path().value(), copy.wanted());
        }
        java.util.List<SyncAction.Transfer> actions = new ArrayList<>();
        for (SyncAction.Transfer copy : copies) {
            actions.add(new SyncAction.Copy(
                    Direction.SOURCE_TO_TARGET,
                    copy.wanted(),
                    Option.of(there.get(copy.path().value()))));
        }
        return actions;
    }

    @Test
    void aLargeFileCutMidwayComingFromTheAgentResumesToo() throws Exception {
        Path there = Files.createDirectories(temp.resolve("there"));
        Path back = Files.createDirectories(temp.resolve("back"));
        byte[] large = new byte[12 << 20];
        new Random(13).nextBytes(large);
        Files.write(there.resolve("large"), large);
        java.util.List<SyncAction.Transfer> actions = copiesOf(there);
        JobOrder order = new JobOrder(there, back, 1, BandwidthLimit.UNLIMITED, Option.none());

        Recorder first = new Recorder();
        try (AgentSession session = session("library-1", Cut.never(), Cut.after(6 << 20), there)) {
            session.copiesFrom().run(order, actions.iterator(), first);
        }
        assertTrue(first.failed.containsKey("large"), () -> "reports: " + first.done + " " + first.failed);
        assertEquals(
                java.util.List.of(), java.util.Arrays.asList(back.toFile().list()), "nothing half-written in place");

        Cut counted = Cut.never();
        Recorder second = new Recorder();
        try (AgentSession session = session("library-1", Cut.never(), counted, there)) {
            session.copiesFrom().run(order, actions.iterator(), second);
        }
        assertTrue(second.done.containsKey("large"), () -> "failed: " + second.failed);
        assertArrayEquals(large, Files.readAllBytes(back.resolve("large")));
        assertTrue(
                counted.written() < large.length - (5 << 20),
                "what arrived before the cut is not sent again: sent " + counted.written() + " of " + large.length);
        assertEquals(0, Files.list(temp.resolve("local-library/partial")).count());
    }

    @Test
    void aConnectionLostDuringAnExchangeIsOneFailureNotAHang() throws Exception {
        Path root = Files.createDirectories(temp.resolve("remote"));
        for (int i = 0; i < 2000; i++) {
            Files.writeString(root.resolve("f" + i), "x");
        }
        try (AgentSession session = session("library-1", Cut.never(), Cut.after(20_000), root)) {
            Sink sink = new Sink();
            var exchanged = session.index().changes(scan(root), Option.none(), sink);
            assertTrue(exchanged.isLeft(), "an exchange cut short is no state");
            assertTrue(
                    exchanged.getLeft() instanceof dev.conduit.application.port.in.IndexFailure.ConnectionLost,
                    () -> "a lost connection, not an unreadable root: " + exchanged.getLeft());
            assertTrue(
                    exchanged.getLeft().describe().contains("lost"),
                    exchanged.getLeft().describe());
            assertTrue(sink.changed.size() < 2000, "the cut came during the entries");
            var listed = session.files().list(root, RelativePath.ROOT);
            assertTrue(listed.isLeft(), "every port of a lost session fails");
            Recorder deletes = new Recorder();
            session.deletes()
                    .run(
                            new JobOrder(temp, root, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            List.ofAll(copiesOf(root))
                                    .take(3)
                                    .map(copy -> new SyncAction.Delete(
                                            Direction.SOURCE_TO_TARGET,
                                            copy.wanted(),
                                            dev.conduit.domain.plan.DeleteReason.DELETED))
                                    .iterator(),
                            deletes);
            assertEquals(3, deletes.failed.size(), () -> "reports: " + deletes.done);
            Recorder into = new Recorder();
            session.copiesInto()
                    .run(
                            new JobOrder(root, temp, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            copiesOf(root).subList(0, 3).iterator(),
                            into);
            assertEquals(3, into.failed.size(), () -> "reports: " + into.done);
            Recorder from = new Recorder();
            session.copiesFrom()
                    .run(
                            new JobOrder(
                                    root,
                                    Files.createDirectories(temp.resolve("back")),
                                    1,
                                    BandwidthLimit.UNLIMITED,
                                    Option.none()),
                            copiesOf(root).subList(0, 3).iterator(),
                            from);
            assertEquals(3, from.failed.size(), () -> "reports: " + from.done);
        }
        assertTrue(Files.exists(root.resolve("f0")), "nothing was deleted");
    }

    /** What the client writes to the agent, counted, and cut (the agent's input ends) after a number of bytes. */
    private static final class Cut {
        private final long limit;
        private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

        private Cut(long limit) {
            this.limit = limit;
        }

        static Cut never() {
            return new Cut(Long.MAX_VALUE);
        }

        static Cut after(long bytes) {
            return new Cut(bytes);
        }

        long written() {
            return written.get();
        }

        java.io.OutputStream around(java.io.OutputStream agent) {
            return new java.io.FilterOutputStream(agent) {
                @Override
                public void write(int b) throws java.io.IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                    long room = limit - written.get();
                    if (room <= 0) {
                        throw new java.io.IOException("cut");
                    }
                    int now = (int) Math.min(room, length);
                    out.write(bytes, offset, now);
                    written.addAndGet(now);
                    if (now < length) {
                        out.close(); // the agent reads what came, then the end
                        throw new java.io.IOException("cut");
                    }
                }
            };
        }
    }

    private static PeerIndex.PeerScan scan(Path root) {
        return new PeerIndex.PeerScan(root.toString(), List.empty(), true, true, IndexListener.NONE);
    }

    private static final class Sink implements PeerIndex.ChangeSink {
        final Map<String, IndexEntry> changed = new java.util.TreeMap<>();
        final java.util.List<String> removed = new ArrayList<>();

        @Override
        public void changed(IndexEntry entry) {
            changed.put(entry.path().value(), entry);
        }

        @Override
        public void removed(RelativePath path) {
            removed.add(path.value());
        }
    }

    private static final class Recorder implements JobListener {
        final Map<String, Option<IndexEntry>> done = new ConcurrentHashMap<>();
        final Map<String, String> failed = new ConcurrentHashMap<>();
        final Map<String, Long> bytes = new ConcurrentHashMap<>();

        @Override
        public void done(SyncAction action, Option<IndexEntry> result, long bytes) {
            done.put(action.path().value(), result);
            this.bytes.put(action.path().value(), bytes);
        }

        @Override
        public void failed(SyncAction action, EntryFailure failure) {
            failed.put(action.path().value(), failure.reason());
        }

        final java.util.List<TrashedVersion.New> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.Set<Long> trashed = ConcurrentHashMap.newKeySet();
        final java.util.Set<Long> notTrashed = ConcurrentHashMap.newKeySet();

        @Override
        public synchronized Seq<Long> trashing(Seq<TrashedVersion.New> versions) {
            long first = recorded.size();
            recorded.addAll(versions.toJavaList());
            return versions.zipWithIndex().map(pair -> first + pair._2);
        }

        @Override
        public void trashed(long id) {
            trashed.add(id);
        }

        @Override
        public void notTrashed(long id) {
            notTrashed.add(id);
        }
    }
}
