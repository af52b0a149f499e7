package dev.conduit.application.port.in;

import io.vavr.collection.Seq;
import io.vavr.control.Either;

import java.nio.file.Path;

/** Bring the index of a directory up to date, registering it as a location the first time. */
public interface IndexLocation {

    Either<IndexFailure, IndexReport> index(Command command);

    /**
     * @param root             the directory to index
     * @param ignorePatterns   extra gitignore-style patterns, relative to the root
     * @param readIgnoreFiles  whether {@code .conduitignore} files in the tree apply
     * @param listener         told about progress as the scan goes
     */
    record Command(Path root, Seq<String> ignorePatterns, boolean readIgnoreFiles, IndexListener listener) {

        public Command {
            if (root == null || ignorePatterns == null || listener == null) {
                throw new IllegalArgumentException("root, ignorePatterns and listener are required");
            }
        }
    }
}
