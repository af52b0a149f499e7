package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Restores and purges versions in a local trash. */
public final class LocalTrashBins implements TrashBins {

    @Override
    public Either<EntryFailure, Void> restore(String storedAt, String originalAt, RelativePath path) {
        Path stored = Path.of(storedAt);
        Path original = Path.of(originalAt);
        Path root = original;
        for (int level = 0; level < path.depth() && root != null; level++) {
            root = root.getParent();
        }
        if (path.isRoot() || root == null || !root.resolve(path.value()).equals(original)) {
            return Either.left(
                    EntryFailure.refused("its recorded place " + originalAt + " does not end with its path " + path));
        }
        Option<RootedFolder> from = Option.none();
        Option<RootedFolder> into = Option.none();
        try {
            from = RootedFolder.holdingInside(root, stored, false); // the root's own trash folder
            if (!Files.exists(RootedFolder.reach(from, stored), LinkOption.NOFOLLOW_LINKS)) {
                return Either.left(EntryFailure.refused("the version is no longer in the trash at " + stored));
            }
            into = RootedFolder.holdingInside(root, original, true);
            Path back = RootedFolder.reach(into, original);
            if (Files.exists(back, LinkOption.NOFOLLOW_LINKS)) {
                return Either.left(
                        EntryFailure.refused("something is there now; move it away first (nothing was overwritten)"));
            }
            Files.move(RootedFolder.reach(from, stored), back, StandardCopyOption.ATOMIC_MOVE);
            return Either.right(null);
        } catch (IOException e) {
            return Either.left(LocalDisk.failure(e));
        } finally {
            from.forEach(RootedFolder::close);
            into.forEach(RootedFolder::close);
        }
    }

    @Override
    public Presence presence(String storedAt) {
        Path stored = Path.of(storedAt);
        if (Files.exists(stored, LinkOption.NOFOLLOW_LINKS)) {
            return Presence.THERE;
        }
        return Files.isDirectory(stored.getParent()) ? Presence.ABSENT : Presence.UNKNOWN;
    }

    @Override
    public Either<EntryFailure, Void> purge(String storedAt) {
        Path stored = Path.of(storedAt);
        try {
            if (Files.isDirectory(stored, LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(stored, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                        Files.delete(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                Files.deleteIfExists(stored);
            }
            return Either.right(null);
        } catch (IOException e) {
            return Either.left(LocalDisk.failure(e));
        }
    }
}
