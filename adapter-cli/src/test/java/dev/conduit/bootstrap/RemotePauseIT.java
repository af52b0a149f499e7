package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.EndpointAddress;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.RemoteAddress;
import dev.conduit.domain.conduit.SettingsChange;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's {@code pause} of a sync into another host, and the {@code resume} that carries it on (issue 15: pause and
 * resume work the same with a remote endpoint), through the real use cases over a {@link LoopbackAgentSession}.
 */
class RemotePauseIT {

    private static final int FILES = 8;

    @TempDir
    Path work;

    private RemoteLibrary library;
    private Path local;
    private Path remote;

    @BeforeEach
    void setUp() throws Exception {
        library = new RemoteLibrary(work.resolve("lib"));
        library.peers.put("nas", new LoopbackAgentSession.Peer(work.resolve("nas-lib"), "nas-library-1"));
        local = Files.createDirectories(work.resolve("docs"));
        remote = Files.createDirectories(work.resolve("nas/backup/docs")).toRealPath();
        Random random = new Random(15);
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[768 * 1024];
            random.nextBytes(content);
            Mirrors.write(local, "f" + i + ".bin", content);
        }
    }

    /** One file at a time at 1 MiB/s: eight files take about six seconds, time enough to pause after the first. */
    private Conduit slowConduitToTheNas() {
        SettingsChange slow = new SettingsChange(
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.some(1),
                Option.some("1M"),
                Option.none(),
                Option.none());
        Either<Failure, Conduit> added = library.conduits()
                .add(
                        EndpointAddress.local(local),
                        new EndpointAddress.Remote(
                                RemoteAddress.parse("alice@nas:" + remote).get().get()),
                        Option.none(),
                        slow);
        assertThat(added.isRight()).as(() -> added.getLeft().message()).isTrue();
        return added.get();
    }

    @Test
    void aPausedSyncToAHostStopsBetweenFilesAndResumeCarriesItOnWithoutSendingAgain() throws Exception {
        Conduit conduit = slowConduitToTheNas();
        CountDownLatch firstInPlace = new CountDownLatch(1);
        SyncListener listener = new SyncListener() {
            @Override
            public void done(SyncAction action, long bytes) {
                firstInPlace.countDown();
            }
        };
        CompletableFuture<Either<Failure, SyncReport>> running = CompletableFuture.supplyAsync(
                () -> library.sync().sync(new SyncConduit.Command(conduit.id().toString(), listener)));
        assertThat(firstInPlace.await(60, TimeUnit.SECONDS))
                .as("a first file reached the host")
                .isTrue();

        Either<Failure, Conduit> paused = library.sync().pause(conduit.id().toString());

        assertThat(paused.isRight()).as(() -> paused.getLeft().message()).isTrue();
        Either<Failure, SyncReport> stopped = running.get(60, TimeUnit.SECONDS);
        assertThat(stopped.isRight()).as(() -> stopped.getLeft().message()).isTrue();
        assertThat(stopped.get().stopped())
                .as("the sync stopped at a safe point")
                .isTrue();
        assertThat(stopped.get().generation().verification())
                .isEqualTo(dev.conduit.domain.generation.Verification.PAUSED);
        long arrived = files(remote).count();
        assertThat(arrived).as("stopped part-way: some files arrived, not all").isBetween(1L, FILES - 1L);
        assertThat(files(remote))
                .as("no temporary file left on the host, every file there whole")
                .allSatisfy(file -> {
                    assertThat(ReservedNames.isTemporary(file.getFileName().toString()))
                            .isFalse();
                    assertThat(Files.mismatch(file, local.resolve(file.getFileName())))
                            .isEqualTo(-1L);
                });
        assertThat(library.conduits().find(conduit.id().toString()).get().isPaused())
                .as("a user's pause is not a guard's: the conduit itself stays enabled")
                .isFalse();

        assertThat(library.conduits().resume(conduit.id().toString()).isRight()).isTrue();
        Either<Failure, SyncReport> carried =
                library.sync().sync(new SyncConduit.Command(conduit.id().toString(), SyncListener.NONE));

        assertThat(carried.isRight()).as(() -> carried.getLeft().message()).isTrue();
        assertThat(carried.get().generation().counts().filesCopied())
                .as("what arrived before the pause is not sent again")
                .isEqualTo(FILES - arrived);
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        library.letGoOfSessions();
    }

    private static Stream<Path> files(Path root) throws Exception {
        try (Stream<Path> listed = Files.list(root)) {
            return listed.toList().stream();
        }
    }
}
