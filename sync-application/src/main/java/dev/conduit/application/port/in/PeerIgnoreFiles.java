package dev.conduit.application.port.in;

import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * The {@code .conduitignore} files of a conduit's other root, whose rules apply on this side too, folder by folder
 * (ADR 0021): read from this machine's disk, or as a remote peer listed them in its exchange (ADR 0039).
 */
public sealed interface PeerIgnoreFiles {

    <R> R fold(java.util.function.Function<OnDisk, R> onDisk, java.util.function.Function<Listed, R> listed);

    /** The other root is a folder of this machine: each folder's file is read from it when it is scanned. */
    record OnDisk(Path root) implements PeerIgnoreFiles {
        public OnDisk {
            if (root == null) {
                throw new IllegalArgumentException("a root is required");
            }
        }

        @Override
        public <R> R fold(
                java.util.function.Function<OnDisk, R> onDisk, java.util.function.Function<Listed, R> listed) {
            return onDisk.apply(this);
        }
    }

    /**
     * The other root is on another host: the lines of its ignore files as its agent sent them.
     *
     * @param files the lines of each ignore file, by the file's path relative to the other root (a folder's path is
     *              taken for its file too)
     */
    record Listed(Map<RelativePath, Seq<String>> files) implements PeerIgnoreFiles {
        public Listed {
            if (files == null) {
                throw new IllegalArgumentException("the files are required");
            }
        }

        @Override
        public <R> R fold(
                java.util.function.Function<OnDisk, R> onDisk, java.util.function.Function<Listed, R> listed) {
            return listed.apply(this);
        }

        /** The lines of the ignore file in {@code folder} (relative to the other root); none when it has none. */
        public Option<Seq<String>> linesIn(RelativePath folder) {
            return files.get(folder.child(ReservedNames.IGNORE_FILE)).orElse(() -> files.get(folder));
        }
    }
}
