package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** What the index would say about a path now: the entry as the tree examines it, with the content's hash for files. */
final class Indexed {

    private Indexed() {}

    static IndexEntry now(FileTree tree, Path root, String path) throws Exception {
        RelativePath relative = RelativePath.parse(path).get();
        FileStat stat = ((FileTree.Listed.Found) tree.examine(root, relative)).stat();
        Option<ContentHash> hash = stat.isFile()
                ? Option.some(ContentHash.of(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(root.resolve(path)))))
                : Option.none();
        return new IndexEntry(relative, stat, hash, 0);
    }
}
