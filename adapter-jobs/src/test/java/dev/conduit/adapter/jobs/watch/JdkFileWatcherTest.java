package dev.conduit.adapter.jobs.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.domain.path.RelativePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK watcher over real folders: what it tells, folders that appear, the watch limit and a root that goes. */
class JdkFileWatcherTest {

    @TempDir
    Path work;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<FileWatcher.Watch> watches = Collections.synchronizedList(new java.util.ArrayList<>());

    private final FileWatcher.Listener listener = new FileWatcher.Listener() {
        @Override
        public void changed(RelativePath folder) {
            heard.add("changed " + (folder.isRoot() ? "." : folder.value()));
        }

        @Override
        public void lost(FileWatcher.Lost what, String reason) {
            heard.add("lost " + what + ": " + reason);
        }

        @Override
        public void rootGone(String reason) {
            heard.add("gone: " + reason);
        }
    };

    @AfterEach
    void close() {
        watches.forEach(FileWatcher.Watch::close);
    }

    private Path watch(FileWatcher watcher) throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(root.resolve("a/b"));
        watches.add(watcher.watch(root, listener));
        return root;
    }

    private static void await(String what, BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(until);
            Thread.onSpinWait();
        }
    }

    @Test
    void aChangeIsToldAsItsFolderDeepBelowTheRoot() throws IOException {
        Path root = watch(new JdkFileWatcher());
        Files.writeString(root.resolve("a/b/file.txt"), "x");
        await("the folder told", () -> heard.contains("changed a/b"));
        Files.delete(root.resolve("a/b/file.txt"));
        Files.writeString(root.resolve("top.txt"), "y");
        await("the root told", () -> heard.contains("changed ."));
    }

    @Test
    void aFolderThatAppearsIsWatchedWithEverythingBelowIt() throws IOException {
        Path root = watch(new JdkFileWatcher());
        Path outside = Files.createDirectories(work.resolve("outside/x/y"));
        Files.move(outside.getParent(), root.resolve("a/x"));
        await("the new folders told", () -> heard.contains("changed a/x") && heard.contains("changed a/x/y"));
        heard.clear();
        Files.writeString(root.resolve("a/x/y/deep.txt"), "z");
        await("a change in the moved-in folder", () -> heard.contains("changed a/x/y"));
    }

    @Test
    void theWatchLimitIsToldAsLostForGood() throws IOException {
        JdkFileWatcher limited = new JdkFileWatcher((folder, service) -> {
            if (folder.endsWith("b")) {
                throw new IOException("User limit of inotify watches reached");
            }
            return JdkFileWatcher.JDK.register(folder, service);
        });
        watch(limited);
        assertThat(heard).containsExactly("lost WATCH_LIMIT: User limit of inotify watches reached");
    }

    @Test
    void aFolderThatCannotBeWatchedForAnotherReasonIsSkipped() throws IOException {
        JdkFileWatcher picky = new JdkFileWatcher((folder, service) -> {
            if (folder.endsWith("b")) {
                throw new java.nio.file.AccessDeniedException(folder.toString());
            }
            return JdkFileWatcher.JDK.register(folder, service);
        });
        Files.createDirectories(work.resolve("root/a/c"));
        Path root = watch(picky);
        Files.writeString(root.resolve("a/c/file.txt"), "x");
        await("the others watched, also after it", () -> heard.contains("changed a/c"));
        assertThat(heard).noneMatch(said -> said.startsWith("lost"));
    }

    @Test
    void aRootRemovedIsGone() throws IOException {
        Path root = watch(new JdkFileWatcher());
        Files.delete(root.resolve("a/b"));
        Files.delete(root.resolve("a"));
        Files.delete(root);
        await("gone", () -> heard.stream().anyMatch(said -> said.startsWith("gone: ")));
    }

    @Test
    void aRootMovedAwayIsGone() throws IOException {
        Path root = watch(new JdkFileWatcher());
        Files.move(root, work.resolve("elsewhere"));
        await("gone", () -> heard.stream().anyMatch(said -> said.startsWith("gone: ")));
    }

    @Test
    void aRootThatIsNotThereIsGoneAtOnce() {
        watches.add(new JdkFileWatcher().watch(work.resolve("missing"), listener));
        assertThat(heard).containsExactly("gone: no such directory");
    }

    @Test
    void theJdksWordsForTheWatchLimitAreKnown() {
        assertThat(RootWatch.isWatchLimit("User limit of inotify watches reached"))
                .isTrue();
        assertThat(RootWatch.isWatchLimit("No space left on device")).isTrue();
        assertThat(RootWatch.isWatchLimit("Permission denied")).isFalse();
    }
}
