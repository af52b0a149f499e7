package dev.conduit.bootstrap;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.ReservedNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What a mirror must reproduce of a tree, read independently of Conduit, and tree-building shortcuts for tests. */
final class Mirrors {

    private Mirrors() {}

    /**
     * Every entry under the root, by path: kind, size, content hash, link target, permission bits (not of links),
     * modification time to the millisecond (also of directories when {@code directoryTimes}).
     */
    static Map<String, String> view(Path root, boolean directoryTimes) {
        Map<String, String> view = new TreeMap<>();
        for (Map.Entry<String, IndexEntry> listed : DiskListing.of(root).entrySet()) {
            if (java.util.Arrays.stream(listed.getKey().split("/")).anyMatch(ReservedNames::isReserved)) {
                continue; // the tool's own temporaries and trash
            }
            IndexEntry entry = listed.getValue();
            String time = entry.isDirectory() && !directoryTimes
                    ? "-"
                    : Long.toString(Math.floorDiv(entry.stat().mtimeNanos(), 1_000_000L));
            view.put(
                    listed.getKey(),
                    entry.kind() + " " + entry.stat().size() + " "
                            + entry.hash().map(ContentHash::hex).getOrElse("-") + " "
                            + entry.stat().linkTarget().getOrElse("-")
                            + " "
                            + (entry.kind() == dev.conduit.domain.index.EntryKind.SYMLINK
                                    ? "-"
                                    : Integer.toOctalString(entry.stat().mode()))
                            + " " + time);
        }
        return view;
    }

    static Map<String, String> view(Path root) {
        return view(root, false);
    }

    static Path write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path root, String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
