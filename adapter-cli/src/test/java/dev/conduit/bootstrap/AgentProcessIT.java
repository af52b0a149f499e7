package dev.conduit.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.remote.AgentFailure;
import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.adapter.jobs.remote.AgentSessions;
import dev.conduit.adapter.jobs.remote.LocalSide;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import dev.conduit.testing.ChildJvm;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conduit agent} as a process of its own, over plain pipes (what ssh carries), with its own library. */
class AgentProcessIT {

    @TempDir
    Path temp;

    @Test
    void aChildAgentShakesHandsTakesACopyAndExitsWhenItsInputCloses() throws Exception {
        Path agentLibrary = temp.resolve("agent-library");
        Path here = Files.createDirectories(temp.resolve("here"));
        Path there = Files.createDirectories(temp.resolve("there"));
        Files.writeString(here.resolve("note.txt"), "over the wire");
        java.util.List<String> argv = ChildJvm.of(Main.class, "agent", "--library", agentLibrary.toString())
                .command();
        LocalSide local = local();
        Either<AgentFailure, AgentSession> started =
                AgentSessions.start(argv, "child", List.of(there.toString()), local, "test");
        assertTrue(started.isRight(), () -> started.getLeft().describe());
        Recorder listener = new Recorder();
        java.time.Duration closing;
        AgentSession session = started.get();
        try {
            assertEquals(
                    Files.readString(agentLibrary.resolve(AgentProcess.ID_FILE)).strip(),
                    session.handshake().library());
            RelativePath path = RelativePath.parse("note.txt").get();
            var stat = ((FileTree.Listed.Found) local.tree().examine(here, path)).stat();
            var hash = local.tree().hash(here, path, stat).get();
            session.copiesInto()
                    .run(
                            new JobOrder(here, there, 1, BandwidthLimit.UNLIMITED, Option.none()),
                            List.<SyncAction.Transfer>of(new SyncAction.Copy(
                                            Direction.SOURCE_TO_TARGET,
                                            new IndexEntry(path, stat, Option.some(hash), 0),
                                            Option.none()))
                                    .iterator(),
                            listener);
        } finally {
            long before = System.nanoTime();
            session.close(); // closes the agent's stdin, and waits for it to exit (it is ended after 30 s)
            closing = java.time.Duration.ofNanos(System.nanoTime() - before);
        }
        assertTrue(closing.toSeconds() < 20, "the agent exited by itself once its input closed: " + closing);
        assertEquals("over the wire", Files.readString(there.resolve("note.txt")));
        assertTrue(
                listener.done.get("note.txt").isDefined(), () -> "reports: " + listener.done + " " + listener.failed);
        assertEquals(
                stat(there, "note.txt"),
                listener.done.get("note.txt").get().stat().fileKey());
        assertEquals(
                0,
                ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .count(),
                "no agent is left");
    }

    @Test
    void aLibraryKeepsItsIdUntilItsDatabaseIsGone() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("library"));
        Files.writeString(folder.resolve(LibraryFolder.DATABASE_FILE), "");
        String id = AgentProcess.libraryId(folder);
        assertEquals(36, id.length(), id);
        assertEquals(id, AgentProcess.libraryId(folder));
        Files.delete(folder.resolve(LibraryFolder.DATABASE_FILE));
        assertTrue(!id.equals(AgentProcess.libraryId(folder)), "a new library, a new id");
    }

    private Option<String> stat(Path root, String name) {
        return ((FileTree.Listed.Found)
                        local().tree().examine(root, RelativePath.parse(name).get()))
                .stat()
                .fileKey();
    }

    private LocalSide local() {
        Path folder = temp.resolve("local-library");
        Injector injector = Guice.createInjector(new PersistenceModule(), new JobsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(LibraryFolder.class).toInstance(new LibraryFolder(folder));
                bind(TrashFolder.class).toInstance(new TrashFolder(folder.resolve("trash")));
                bind(Clock.class).toInstance(Clock.systemUTC());
                bind(dev.conduit.application.port.out.LibraryWaits.class)
                        .toInstance(dev.conduit.application.port.out.LibraryWaits.NONE);
            }
        });
        return new LocalSide(
                injector.getInstance(FileTree.class), new TrashFolder(folder.resolve("trash")), Clock.systemUTC());
    }

    private static final class Recorder implements JobListener {
        final java.util.Map<String, Option<IndexEntry>> done = new ConcurrentHashMap<>();
        final java.util.Map<String, String> failed = new ConcurrentHashMap<>();

        @Override
        public void done(SyncAction action, Option<IndexEntry> result, long bytes) {
            done.put(action.path().value(), result);
        }

        @Override
        public void failed(SyncAction action, EntryFailure failure) {
            failed.put(action.path().value(), failure.reason());
        }

        @Override
        public Seq<Long> trashing(Seq<TrashedVersion.New> versions) {
            return versions.map(version -> 0L);
        }

        @Override
        public void trashed(long id) {}

        @Override
        public void notTrashed(long id) {}
    }
}
