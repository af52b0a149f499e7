package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.ServiceHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.RunService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service in-process over real folders and a real SQLite library: what the watcher sees is indexed and synced
 * after the quiet period, bursts give few syncs, a sync's own writes give none, lost events and a watch limit fall back
 * to scanning, and a root that goes pauses its conduit without deleting anything.
 */
class ServiceIT {

    private static final Duration QUIET = Duration.ofMillis(150);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;
    private ServiceHarness harness;

    private void add(String... settings) throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source")).toRealPath();
        target = work.resolve("target");
        String[] args = new String[3 + settings.length];
        args[0] = "add";
        args[1] = source.toString();
        args[2] = target.toString();
        System.arraycopy(settings, 0, args, 3, settings.length);
        Mirrors.write(source, "a.txt", "one");
        Mirrors.write(source, "dir/b.txt", "two");
        CliRun added = CliRun.run(library, args);
        assertThat(added.exitCode()).as(added.err()).isZero();
        target = target.toRealPath();
        harness = new ServiceHarness(library);
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void awaitSame(String what) {
        await(what, DEADLINE, () -> {
            try {
                return Mirrors.view(source).equals(Mirrors.view(target));
            } catch (java.io.UncheckedIOException | IllegalStateException changing) {
                // an entry went while it was listed or read (a copy's or the probe's temporary): the service is at
                // work; look again
                return false;
            }
        });
    }

    private void awaitWatching() {
        await("both roots watched", DEADLINE, () -> harness.state(1).watching());
    }

    /** Waits for the service to be idle: no work on the conduit and nothing left to apply. */
    private void awaitIdle() {
        await(
                "idle",
                DEADLINE,
                () -> !harness.state(1).running() && harness.state(1).watching());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mirror", "bidirectional"})
    void instantPropagatesCreateModifyDeleteRenameAndFolderMove(String mode) throws Exception {
        add("--mode", mode, "--schedule", "instant");
        harness.start(QUIET, Duration.ofSeconds(30));
        awaitSame("the first sync");
        awaitWatching();

        Mirrors.write(source, "new.txt", "new");
        awaitSame("a created file");
        Mirrors.write(source, "a.txt", "changed, and longer");
        awaitSame("a modified file");
        Files.delete(source.resolve("new.txt"));
        awaitSame("a deleted file");
        Files.move(source.resolve("a.txt"), source.resolve("renamed.txt"));
        awaitSame("a renamed file");
        Files.createDirectories(source.resolve("deeper"));
        Files.move(source.resolve("dir"), source.resolve("deeper/dir"));
        awaitSame("a moved folder");
        assertThat(target.resolve("deeper/dir/b.txt")).hasContent("two");
        assertThat(target.resolve("dir")).doesNotExist();
        if (mode.equals("bidirectional")) {
            Mirrors.write(target, "deeper/from-target.txt", "back");
            awaitSame("a file created in the target");
            assertThat(source.resolve("deeper/from-target.txt")).hasContent("back");
        }
    }

    @Test
    void aFolderMovedIsMovedInTheIndexKeepingWhatWasRead() throws Exception {
        add("--schedule", "manual");
        assertThat(CliRun.run(library, "sync", "1").exitCode()).isZero(); // the copies hash the source's files
        harness.start(QUIET, Duration.ofSeconds(30));
        awaitWatching();
        var before = harness.indexed(source, "dir/b.txt").get();
        assertThat(before.hash()).isNotEmpty();
        Files.createDirectories(source.resolve("deeper"));
        Files.move(source.resolve("dir"), source.resolve("deeper/dir"));
        await(
                "the move in the index",
                DEADLINE,
                () -> harness.indexed(source, "deeper/dir/b.txt").isDefined());
        // a mirror's source does not hash files new to its index (their copy does): a hash here came with the move
        assertThat(harness.indexed(source, "deeper/dir/b.txt").get().hash()).isEqualTo(before.hash());
        assertThat(harness.indexed(source, "dir/b.txt")).isEmpty();
        assertThat(harness.indexed(source, "dir")).isEmpty();
        assertThat(harness.generations(1))
                .as("manual: never synced by the service")
                .isEqualTo(1);
    }

    @Test
    void aBurstOfAThousandChangesGivesAFewSyncs() throws Exception {
        add("--schedule", "instant");
        harness.start(QUIET, Duration.ofSeconds(30));
        awaitSame("the first sync");
        awaitIdle();
        int before = harness.generations(1);
        for (int i = 0; i < 1000; i++) {
            Mirrors.write(source, "burst/" + (i % 10) + "/f" + i + ".txt", "burst " + i);
        }
        awaitSame("the burst");
        awaitIdle();
        assertThat(harness.generations(1) - before).isBetween(1, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mirror", "bidirectional"})
    void aSyncsOwnWritesTriggerNoOtherSync(String mode) throws Exception {
        add("--mode", mode, "--schedule", "instant");
        harness.start(QUIET, Duration.ofSeconds(30));
        awaitSame("the first sync");
        awaitIdle();
        Mirrors.write(source, "one/two/three.txt", "deep");
        awaitSame("a change");
        awaitIdle();
        int after = harness.generations(1);
        long quietUntil = System.nanoTime() + QUIET.multipliedBy(10).toNanos();
        while (System.nanoTime() < quietUntil) { // watch the quiet after the sync: nothing may start
            assertThat(harness.state(1).running()).as("no sync after a sync").isFalse();
            assertThat(harness.generations(1)).isEqualTo(after);
            Thread.onSpinWait();
        }
        assertThat(harness.state(1).nextRun()).as("nothing is due").isEmpty();
    }

    @Test
    void lostEventsAreFoundByAWholeRescan() throws Exception {
        add("--schedule", "instant");
        harness.start(QUIET, Duration.ofSeconds(30));
        awaitSame("the first sync");
        awaitIdle();
        harness.watcher().mute(true); // the system drops what follows
        Mirrors.write(source, "dir/unseen.txt", "dropped event");
        harness.watcher().mute(false);
        harness.watcher().overflow(source);
        RunService.ConduitState said = harness.state(1);
        assertThat(said.source().label()).startsWith("rescanning: events were lost");
        assertThat(said.watching()).isFalse();
        awaitSame("the file whose event was lost");
        await(
                "watching again",
                DEADLINE,
                () -> harness.state(1).source().label().equals("watching"));
    }

    @Test
    void atTheWatchLimitTheRootIsPolled() throws Exception {
        add("--schedule", "instant");
        harness.start(QUIET, Duration.ofSeconds(1));
        awaitSame("the first sync");
        awaitIdle();
        harness.watcher().watchLimit(source);
        await(
                "polling said",
                DEADLINE,
                () -> harness.state(1)
                        .source()
                        .label()
                        .equals("polling every 1 s: watch limit (User limit of inotify watches reached)"));
        assertThat(harness.state(1).watching()).isFalse();
        Mirrors.write(source, "dir/polled.txt", "found by a poll");
        awaitSame("a file found by polling");
    }

    @ParameterizedTest
    @ValueSource(strings = {"removed", "replaced", "emptied"})
    void aRootThatGoesWhileWatchedPausesTheConduitAndNothingIsDeleted(String how) throws Exception {
        add("--schedule", "instant");
        harness.start(QUIET, Duration.ofSeconds(30));
        awaitSame("the first sync");
        awaitIdle();
        java.util.Map<String, String> targetBefore = Mirrors.view(target);
        Path moved = work.resolve("elsewhere");
        switch (how) {
            case "removed" -> Files.move(source, moved);
            case "replaced" -> { // another disk mounted there: another directory at the same path
                Files.move(source, moved);
                Files.createDirectories(source);
            }
            default -> { // unmounted: the mount point is left, empty
                Files.createDirectories(moved.resolve("dir"));
                Files.move(source.resolve("a.txt"), moved.resolve("a.txt"));
                Files.move(source.resolve("dir/b.txt"), moved.resolve("dir/b.txt"));
                Files.delete(source.resolve("dir"));
            }
        }
        await("paused", DEADLINE, () -> harness.state(1).source().label().startsWith("not watched: paused: "));
        assertThat(harness.state(1).source().label())
                .contains(
                        switch (how) {
                            case "removed" -> "is missing";
                            case "replaced" -> "is another directory";
                            default -> "is empty but its index knew files there";
                        });
        assertThat(harness.state(1).nextRun()).isEmpty();
        await(
                "a paused conduit's roots not watched",
                DEADLINE,
                () -> !harness.watcher().watches(source));
        assertThat(Mirrors.view(target)).as("nothing deleted").isEqualTo(targetBefore);
        assertThat(CliRun.run(library, "status", "1").out()).contains("paused: the source");
        assertThat(moved.resolve("a.txt")).hasContent("one");
    }
}
