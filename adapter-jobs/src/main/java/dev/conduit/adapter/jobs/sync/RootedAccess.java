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

    /** Applies {@code use} to the held folder {@code directory} of the root, as a root of its own. */
    public static <T> T folder(Path root, RelativePath directory, Function<Path, T> use) throws IOException {
        try (RootedFolder folder = RootedFolder.open(root, directory)) {
            return use.apply(folder.path());
        }
    }
}
