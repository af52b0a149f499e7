package dev.conduit.adapter.jobs.sync;

import dev.conduit.domain.path.RelativePath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An entry of a root reached as the jobs reach it (ADR 0024): its folder walked to from the root one name at a time,
 * never through a link, and held while it is used. What a remote peer asks of a root goes through here, so no path
 * it names leads out of the root.
 */
public final class RootedAccess {

    private RootedAccess() {}

    /**
     * Applies {@code use} to the held folder of {@code path} (as a root) and the entry's name in it; fails when a
     * folder on the way is a link, another file system, or missing.
     */
    public static <T> T entry(Path root, RelativePath path, BiFunction<Path, RelativePath, T> use) throws IOException {
        try (RootedFolder folder = RootedFolder.holding(root, path)) {
            return use.apply(folder.path(), folder.name(path));
        }
    }

    /**
     * The held folder of {@code path} (as a root) and the entry's name in it, until closed: for work that reads the
     * entry and then examines it again (the pusher), without walking the path from the root a second time.
     */
    public static Held hold(Path root, RelativePath path) throws IOException {
        return new Held(RootedFolder.holding(root, path), path);
    }

    /** An entry's folder, held open (a path that reaches it through that descriptor), and the entry's name. */
    public static final class Held implements AutoCloseable {
        private final RootedFolder folder;
        private final RelativePath name;

        private Held(RootedFolder folder, RelativePath path) {
            this.folder = folder;
            this.name = folder.name(path);
        }

        public Path folder() {
            return folder.path();
        }

        public RelativePath name() {
            return name;
        }

        @Override
        public void close() {
            folder.close();
        }
    }

    /** Applies {@code use} to the held folder {@code directory} of the root, as a root of its own. */
    public static <T> T folder(Path root, RelativePath directory, Function<Path, T> use) throws IOException {
        try (RootedFolder folder = RootedFolder.open(root, directory)) {
            return use.apply(folder.path());
        }
    }
}
