package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an exact copy keeps besides content, mode and time, through the real command line on the real disk. */
class ExactCopyIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("target");
    }

    private CliRun sync(String... options) {
        java.util.List<String> args =
                new java.util.ArrayList<>(java.util.List.of("sync", source.toString(), target.toString()));
        args.addAll(java.util.List.of(options));
        CliRun run = CliRun.run(library, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static UserDefinedFileAttributeView xattrs(Path entry) {
        return Files.getFileAttributeView(entry, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Sets {@code user.<name>}, as {@code setfattr -n user.<name> -v <value>} does. */
    private static void setXattr(Path entry, String name, String value) throws Exception {
        xattrs(entry).write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every {@code user.} attribute, as {@code getfattr -d} shows them. */
    private static Map<String, String> xattrsOf(Path entry) throws Exception {
        Map<String, String> all = new TreeMap<>();
        for (String name : xattrs(entry).list()) {
            ByteBuffer value = ByteBuffer.allocate(xattrs(entry).size(name));
            xattrs(entry).read(name, value);
            all.put(name, new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
        }
        return all;
    }

    @Test
    void userExtendedAttributesAreSyncedAndAChangeOfThemAloneIsAMetadataChange() throws Exception {
        Path file = Mirrors.write(source, "docs/a.txt", "alpha");
        setXattr(file, "tag", "red");
        setXattr(source.resolve("docs"), "colour", "blue");
        Mirrors.write(source, "plain.txt", "no attributes");

        sync();

        assertThat(xattrsOf(target.resolve("docs/a.txt"))).isEqualTo(Map.of("tag", "red"));
        assertThat(xattrsOf(target.resolve("docs"))).isEqualTo(Map.of("colour", "blue"));
        assertThat(xattrsOf(target.resolve("plain.txt"))).isEmpty();

        setXattr(file, "tag", "green");
        setXattr(file, "origin", "https://example.org");
        xattrs(source.resolve("docs")).delete("colour");
        CliRun plan = CliRun.run(library, "--json", "plan", "1");
        assertThat(plan.out()).contains("\"op\":\"metadata\"").doesNotContain("\"op\":\"copy\"");
        sync();

        assertThat(xattrsOf(target.resolve("docs/a.txt")))
                .isEqualTo(Map.of("tag", "green", "origin", "https://example.org"));
        assertThat(xattrsOf(target.resolve("docs"))).isEmpty();
        assertThat(CliRun.run(library, "plan", "1").out()).contains("in sync");
    }

    @Test
    void aChangeOfExtendedAttributesOnEitherSideOfABidirectionalConduitTravels() throws Exception {
        Path file = Mirrors.write(source, "a.txt", "alpha");
        setXattr(file, "tag", "red");
        sync("--mode", "bidirectional");
        assertThat(xattrsOf(target.resolve("a.txt"))).isEqualTo(Map.of("tag", "red"));

        setXattr(target.resolve("a.txt"), "tag", "from the target");
        sync();

        assertThat(xattrsOf(source.resolve("a.txt"))).isEqualTo(Map.of("tag", "from the target"));
        assertThat(CliRun.run(library, "plan", "1").out()).contains("in sync");
    }

    /** Every entry's content hash, change time and modification time (the root's too): what any write moves. */
    private static Map<String, String> untouchable(Path root) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path entry : all.toList()) {
                String content = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        ? java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(entry)))
                        : "-";
                seen.put(
                        root.relativize(entry).toString(),
                        content + " " + Files.getAttribute(entry, "unix:ctime", LinkOption.NOFOLLOW_LINKS) + " "
                                + Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return seen;
    }

    /**
     * A mirror only reads its source: not even the file-system probe of its first sync writes there (ADR 0040), so
     * every byte, modification time and change time of it, the root's included, is as it was.
     */
    @Test
    void aMirrorWritesNothingIntoItsSource() throws Exception {
        String kind = Files.getFileStore(work).type();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.util.Set.of("ext4", "ext3", "xfs", "btrfs", "f2fs").contains(kind),
                "a file system of another kind is probed by writing: " + kind);
        Mirrors.write(source, "a.txt", "alpha");
        Mirrors.write(source, "docs/b.txt", "beta");
        setXattr(source.resolve("docs/b.txt"), "tag", "kept");
        Files.createSymbolicLink(source.resolve("docs/link"), Path.of("b.txt"));
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Map<String, String> before = untouchable(source);

        sync();
        assertThat(untouchable(source))
                .as("after the first sync, which probed it")
                .isEqualTo(before);
        Mirrors.write(source, "later.txt", "gamma");
        Map<String, String> grown = untouchable(source);
        sync();

        assertThat(view(target)).isEqualTo(view(source));
        assertThat(untouchable(source)).isEqualTo(grown);
    }

    /** The bytes the file system allocated for the file, as {@code stat -c %b} (blocks of 512 bytes) says. */
    private static long allocated(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String blocks = new String(stat.getInputStream().readAllBytes()).strip();
        assertThat(stat.waitFor()).isZero();
        return Long.parseLong(blocks) * 512;
    }

    @Test
    void aSparseFileStaysSparse() throws Exception {
        Path image = source.resolve("disk.img");
        byte[] data = new byte[256 * 1024];
        new Random(11).nextBytes(data);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(50L << 20);
            file.seek(20L << 20);
            file.write(data);
        }
        assertThat(allocated(image)).as("the source is sparse").isLessThan(1L << 20);

        sync();

        Path copy = target.resolve("disk.img");
        assertThat(view(target)).isEqualTo(view(source));
        assertThat(Files.size(copy)).isEqualTo(50L << 20);
        assertThat(allocated(copy)).as("bytes allocated for the 50 MiB copy").isLessThan(1L << 20);
    }
}
