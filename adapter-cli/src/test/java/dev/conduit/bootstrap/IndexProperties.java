package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.IndexReport;
import dev.conduit.domain.index.IndexEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The indexer against the real disk and a real SQLite library, on random trees and random edits.
 *
 * <p>Paths come from a tiny alphabet so that edits collide: a file where a folder was, a folder where a file was,
 * the same name at several depths. Edits that rewrite content keep the current time as mtime, so a rewrite of the
 * same size within one timestamp tick is exactly the case the racy rule must catch.
 */
class IndexProperties {

    private static final List<String> FOLDERS = List.of("", "a/", "a/b/", "c/", "\u00e9t\u00e9/");
    private static final List<String> NAMES = List.of("x", "y", "a", "c", "\u00e9t\u00e9", "b c");
    private static final long PAST = 1_600_000_000_000_000_000L; // 2020-09-13
    private static final AtomicLong UNIQUE_TIMES = new AtomicLong(PAST);

    @Property(tries = 40)
    void theIndexAfterAScanEqualsTheFileSystemListing(@ForAll("edits") List<Edit> tree) throws IOException {
        Path work = Files.createTempDirectory("conduit-index-property");
        try {
            Path root = Files.createDirectory(work.resolve("root"));
            tree.forEach(edit -> edit.applyTo(root));

            RealLibrary library = new RealLibrary(work.resolve("library"));
            IndexReport report = library.index(root);

            assertThat(library.entries(report)).isEqualTo(DiskListing.of(root));
            assertThat(report.errorCount()).isZero();
        } finally {
            deleteTree(work);
        }
    }

    @Property(tries = 40)
    void anIncrementalRescanGivesExactlyTheIndexOfAFullScan(
            @ForAll("edits") List<Edit> tree, @ForAll("rounds") List<List<Edit>> rounds) throws IOException {
        Path work = Files.createTempDirectory("conduit-rescan-property");
        try {
            Path root = Files.createDirectory(work.resolve("root"));
            tree.forEach(edit -> edit.applyTo(root));
            RealLibrary incremental = new RealLibrary(work.resolve("incremental"));
            incremental.index(root);

            IndexReport last = null;
            for (List<Edit> round : rounds) {
                round.forEach(edit -> edit.applyTo(root));
                last = incremental.index(root);
                assertThat(incremental.entries(last)).as("after %s", round).isEqualTo(DiskListing.of(root));
            }
            RealLibrary fresh = new RealLibrary(work.resolve("fresh"));
            Map<String, IndexEntry> full = fresh.entries(fresh.index(root));
            if (last != null) {
                assertThat(incremental.entries(last)).isEqualTo(full);
            }
        } finally {
            deleteTree(work);
        }
    }

    @Property(tries = 30)
    void aScanOfAFolderBringsExactlyItsSubtreeUpToDate(
            @ForAll("edits") List<Edit> tree, @ForAll("edits") List<Edit> later, @ForAll("folders") String folder)
            throws IOException {
        Path work = Files.createTempDirectory("conduit-scope-property");
        try {
            Path root = Files.createDirectory(work.resolve("root"));
            tree.forEach(edit -> edit.applyTo(root));
            RealLibrary library = new RealLibrary(work.resolve("library"));
            Map<String, IndexEntry> before = library.entries(library.index(root));
            later.forEach(edit -> edit.applyTo(root));
            Path scope = root.resolve(folder);
            if (!Files.isDirectory(scope, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }

            Map<String, IndexEntry> after = library.entries(library.index(scope));

            String prefix = folder + "/";
            Map<String, IndexEntry> disk = DiskListing.of(root);
            assertThat(inside(after, prefix)).isEqualTo(inside(disk, prefix));
            assertThat(after.get(folder)).as("the folder's own entry").isEqualTo(disk.get(folder));
            before.remove(folder);
            after.remove(folder);
            assertThat(outside(after, prefix)).isEqualTo(outside(before, prefix));
        } finally {
            deleteTree(work);
        }
    }

    private static Map<String, IndexEntry> inside(Map<String, IndexEntry> entries, String prefix) {
        Map<String, IndexEntry> selected = new java.util.TreeMap<>(entries);
        selected.keySet().removeIf(path -> !path.startsWith(prefix));
        return selected;
    }

    private static Map<String, IndexEntry> outside(Map<String, IndexEntry> entries, String prefix) {
        Map<String, IndexEntry> selected = new java.util.TreeMap<>(entries);
        selected.keySet().removeIf(path -> path.startsWith(prefix));
        return selected;
    }

    @Provide
    Arbitrary<String> folders() {
        return Arbitraries.of("a", "a/b", "c", "\u00e9t\u00e9");
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return edit().list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<List<Edit>>> rounds() {
        return edit().list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(4);
    }

    static Arbitrary<Edit> edit() {
        Arbitrary<String> paths = Combinators.combine(Arbitraries.of(FOLDERS), Arbitraries.of(NAMES))
                .as(String::concat);
        Arbitrary<Integer> fileModes = Arbitraries.of(0644, 0600, 0755, 0444);
        Arbitrary<Integer> folderModes = Arbitraries.of(0755, 0700, 0750);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        6,
                        Combinators.combine(
                                        paths,
                                        Arbitraries.integers().between(0, 3000),
                                        Arbitraries.longs(),
                                        fileModes,
                                        Arbitraries.of(true, false))
                                .as(Write::new)),
                net.jqwik.api.Tuple.of(
                        2, Combinators.combine(paths, folderModes).as(MakeFolder::new)),
                net.jqwik.api.Tuple.of(2, paths.map(Remove::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(paths, fileModes).as(Chmod::new)),
                net.jqwik.api.Tuple.of(1, paths.map(Touch::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.oneOf(paths, Arbitraries.of("a", "a/b", "c")),
                                        Arbitraries.of("tag", "origin"),
                                        Arbitraries.of("", "red", "blue", "-"))
                                .as(SetXattr::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(RewriteWithinTick::new)),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(paths, Arbitraries.of("x", "../a", "/etc", "a/b/x"))
                                .as(Link::new)));
    }

    /** One change a user might make to a tree. */
    interface Edit {
        void applyTo(Path root);
    }

    record Write(String path, int size, long seed, int mode, boolean backdated) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path file = root.resolve(path);
            prepare(root, file);
            byte[] content = new byte[size];
            new Random(seed).nextBytes(content);
            io(() -> {
                Files.write(file, content);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions(mode)));
                if (backdated) {
                    Files.setLastModifiedTime(file, DiskListing.time(UNIQUE_TIMES.addAndGet(1_000_000_007L)));
                }
            });
        }
    }

    record MakeFolder(String path, int mode) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path folder = root.resolve(path);
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            prepare(root, folder);
            io(() -> {
                Files.createDirectory(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions(mode)));
            });
        }
    }

    record Remove(String path) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path target = root.resolve(path);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                io(() -> deleteTree(target));
            }
        }
    }

    record Chmod(String path, int mode) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path target = root.resolve(path);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                io(() -> Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions(mode))));
            }
        }
    }

    /**
     * Sets a {@code user.} extended attribute of a file or folder ({@code "-"}: removes it), which moves nothing but
     * the change time: only the ctime can tell the scan to read them again.
     */
    record SetXattr(String path, String name, String value) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path target = root.resolve(path);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(target)) {
                return;
            }
            io(() -> {
                var view = Files.getFileAttributeView(
                        target, java.nio.file.attribute.UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (!value.equals("-")) {
                    view.write(name, java.nio.ByteBuffer.wrap(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } else if (view.list().contains(name)) {
                    view.delete(name);
                }
            });
        }
    }

    /** Sets a modification time never used before: a same-size rewrite hidden by an old mtime is undetectable. */
    record Touch(String path) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path target = root.resolve(path);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                io(() -> Files.setLastModifiedTime(target, DiskListing.time(UNIQUE_TIMES.addAndGet(999_999_937L))));
            }
        }
    }

    /**
     * Rewrites a recently modified file in place with other content of the same size, and gives it back its
     * modification time: what the file system shows when two writes land in the same timestamp tick. Only the racy
     * rule can catch it. It picks one of the files modified in the last second (by {@code seed}), since only a
     * recent file can share a tick with a write to come.
     */
    record RewriteWithinTick(long seed) implements Edit {
        @Override
        public void applyTo(Path root) {
            io(() -> {
                List<Path> recent;
                try (var walk = Files.walk(root)) {
                    recent = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> modifiedMillis(p) > System.currentTimeMillis() - 1000)
                            .filter(p -> p.toFile().length() > 0)
                            .sorted()
                            .toList();
                }
                if (recent.isEmpty()) {
                    return;
                }
                Random random = new Random(seed);
                Path file = recent.get(random.nextInt(recent.size()));
                var mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
                byte[] content = Files.readAllBytes(file);
                content[random.nextInt(content.length)] ^= 0x5A;
                try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(content));
                }
                Files.setLastModifiedTime(file, mtime);
            });
        }

        private static long modifiedMillis(Path file) {
            try {
                return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                        .toMillis();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Link(String path, String target) implements Edit {
        @Override
        public void applyTo(Path root) {
            Path link = root.resolve(path);
            prepare(root, link);
            io(() -> Files.createSymbolicLink(link, Path.of(target)));
        }
    }

    /** Makes room for a new entry at {@code path}: parents become folders, whatever stood at the path goes. */
    private static void prepare(Path root, Path path) {
        io(() -> {
            for (Path parent = path.getParent(); !parent.equals(root); parent = parent.getParent()) {
                if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(parent);
                }
            }
            Files.createDirectories(path.getParent());
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(path);
            }
        });
    }

    private static String permissions(int mode) {
        String all = "rwxrwxrwx";
        StringBuilder out = new StringBuilder();
        for (int bit = 0; bit < 9; bit++) {
            out.append((mode & (1 << (8 - bit))) != 0 ? all.charAt(bit) : '-');
        }
        return out.toString();
    }

    interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
