package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.TrashBins;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Restores and purges versions in a local trash. */
final class LocalTrashBins implements TrashBins {

    @Override
    public Either<String, Void> restore(String storedAt, String originalAt) {
        Path stored = Path.of(storedAt);
        Path original = Path.of(originalAt);
        if (!Files.exists(stored, LinkOption.NOFOLLOW_LINKS)) {
            return Either.left("the version is no longer in the trash at " + stored);
        }
        if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
            return Either.left("something is there now; move it away first (nothing was overwritten)");
        }
        try {
            Files.createDirectories(original.getParent());
            Files.move(stored, original, StandardCopyOption.ATOMIC_MOVE);
            return Either.right(null);
        } catch (IOException e) {
            return Either.left(LocalDisk.reason(e));
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
    public Either<String, Void> purge(String storedAt) {
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
            return Either.left(LocalDisk.reason(e));
        }
    }
}
