package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.Folders;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders on this machine. */
final class LocalFolders implements Folders {

    @Override
    public String canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute.toString();
        }
        try {
            return existing.toRealPath()
                    .resolve(existing.relativize(absolute))
                    .normalize()
                    .toString();
        } catch (IOException e) {
            return absolute.toString();
        }
    }

    @Override
    public Either<EntryFailure, Void> create(Path path) {
        try {
            Files.createDirectories(path);
            return Either.right(null);
        } catch (IOException e) {
            return Either.left(LocalDisk.failure(e));
        }
    }
}
