package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.testing.ChildJvm;
import dev.conduit.testing.Shell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exact copy as {@code rsync -a} sees it (issue 16, ADR 0040), through the real command line on the real disk: run
 * as root, owners and groups are kept and the target root gets the source root's bits and time, so that
 * {@code rsync -anci --delete SOURCE/ TARGET/} finds nothing to do; run as another user, owners are the user's and
 * not a difference. The tests need root (CI runs them as root) and {@code rsync}.
 */
class OwnersIT {

    private static final long OLD =
            Instant.parse("2001-02-03T04:05:06.123456789Z").toEpochMilli();

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void tree() throws Exception {
        assumeTrue(ChildJvm.isRoot(), "owners are kept only by root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/rsync")), "rsync tells what an exact copy is");
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("target");
        Mirrors.write(source, "mine.txt", "root's");
        Mirrors.write(source, "docs/a.txt", "of 1234");
        Mirrors.write(source, "docs/b.txt", "of 4321, group 1234");
        Mirrors.write(source, "shared/c.txt", "of 4321");
        Files.createSymbolicLink(source.resolve("docs/link"), Path.of("a.txt"));
        chown("1234:1234", "docs");
        chown("1234:4321", "docs/a.txt");
        chown("4321:1234", "docs/b.txt");
        chown("4321:4321", "docs/link");
        chown("4321:0", "shared");
        chown("4321:4321", "shared/c.txt");
        Shell.run("chmod", "4750", source.resolve("docs/a.txt").toString()); // after the chown, which clears it
        Files.setLastModifiedTime(source.resolve("docs"), FileTime.fromMillis(OLD + 1000));
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxr-x--x"));
        Files.setLastModifiedTime(source, FileTime.fromMillis(OLD));
    }

    private void chown(String owner, String path) {
        Shell.run("chown", "-h", owner, source.resolve(path).toString());
    }

    private CliRun sync(String... more) {
        List<String> args = new ArrayList<>(List.of("sync", source.toString(), target.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.run(library, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** What {@code rsync -anci --delete SOURCE/ TARGET/} (and {@code options}) would do: nothing, for a copy. */
    private String rsync(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("rsync", "-anci", "--delete"));
        command.addAll(List.of(options));
        command.addAll(List.of(source + "/", target + "/"));
        Process rsync = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(rsync.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rsync.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(rsync.exitValue()).as(output).isZero();
        return output;
    }

    private static String mode(Path entry) throws Exception {
        return Integer.toOctalString((Integer) Files.getAttribute(entry, "unix:mode") & 07777);
    }

    private static String owner(Path entry) throws Exception {
        return Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(entry, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    /** Every entry's change time (and the root's), which any write of its data or metadata moves. */
    private static Map<String, Object> changeTimes(Path root) throws Exception {
        Map<String, Object> times = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path entry : all.toList()) {
                times.put(
                        root.relativize(entry).toString(),
                        Files.getAttribute(entry, "unix:ctime", LinkOption.NOFOLLOW_LINKS) + " "
                                + Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return times;
    }

    @Test
    void aMirrorAsRootLeavesRsyncNothingToDo() throws Exception {
        sync();

        assertThat(rsync()).isEmpty();
        assertThat(owner(target.resolve("docs/a.txt"))).isEqualTo("1234:4321");
        assertThat(owner(target.resolve("docs/link"))).isEqualTo("4321:4321");
        assertThat(owner(target.resolve("shared"))).isEqualTo("4321:0");
        assertThat(mode(target.resolve("docs/a.txt")))
                .as("the setuid bit survives the change of owner")
                .isEqualTo("4750");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rwxr-x--x");
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(OLD);
    }

    @Test
    void aChangeOfOwnerAloneIsMetadataNotACopy() throws Exception {
        sync();
        Object inode = Files.getAttribute(target.resolve("docs/b.txt"), "unix:ino");
        chown("1234:4321", "docs/b.txt");
        chown("0:0", "docs/link");

        CliRun plan = CliRun.run(library, "-v", "plan", "1");

        assertThat(plan.out().lines().filter(line -> line.contains("docs/")))
                .as(plan.out())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("metadata").contains("owner"));
        assertThat(plan.out().lines()).noneMatch(line -> line.startsWith("copy"));
        assertThat(plan.out()).contains("0 files to copy");
        CliRun second = sync("--json");
        assertThat(second.out()).contains("\"filesCopied\":0");
        assertThat(owner(target.resolve("docs/b.txt"))).isEqualTo("1234:4321");
        assertThat(owner(target.resolve("docs/link"))).isEqualTo("0:0");
        assertThat(Files.getAttribute(target.resolve("docs/b.txt"), "unix:ino"))
                .as("the same file, given another owner")
                .isEqualTo(inode);
        assertThat(rsync()).isEmpty();
    }

    @Test
    void theTargetRootsBitsAndTimeAreMendedByTheNextSync() throws Exception {
        sync();
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
        Shell.run("chown", "1234:1234", target.toString());
        assertThat(rsync()).as("rsync sees the root differ").contains("./");

        sync();

        assertThat(rsync()).isEmpty();
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(OLD);
        assertThat(owner(target)).isEqualTo(owner(source));
    }

    @Test
    void aSyncWithNothingToDoWritesNothingOnEitherSide() throws Exception {
        sync();
        Map<String, Object> targetBefore = changeTimes(target);
        Map<String, Object> sourceBefore = changeTimes(source);

        CliRun again = sync("--json");

        assertThat(again.out()).contains("\"filesCopied\":0");
        assertThat(changeTimes(target)).isEqualTo(targetBefore);
        assertThat(changeTimes(source)).isEqualTo(sourceBefore);
        assertThat(rsync()).isEmpty();
    }

    /**
     * In a bidirectional conduit owners travel both ways as metadata; the roots are each side's own and left alone
     * (ADR 0040).
     */
    @Test
    void aChangeOfOwnerOnEitherSideOfABidirectionalConduitTravelsAsMetadata() throws Exception {
        sync("--mode", "bidirectional");
        assertThat(owner(target.resolve("docs/b.txt"))).isEqualTo("4321:1234");
        Object inode = Files.getAttribute(source.resolve("shared/c.txt"), "unix:ino");
        Shell.run("chown", "1234:1234", target.resolve("shared/c.txt").toString());
        Shell.run("chown", "0:4321", source.resolve("docs/b.txt").toString());

        CliRun second = sync("--json");

        assertThat(second.out()).contains("\"filesCopied\":0");
        assertThat(owner(source.resolve("shared/c.txt"))).isEqualTo("1234:1234");
        assertThat(owner(target.resolve("docs/b.txt"))).isEqualTo("0:4321");
        assertThat(Files.getAttribute(source.resolve("shared/c.txt"), "unix:ino"))
                .as("given its owner, not copied")
                .isEqualTo(inode);
        assertThat(CliRun.run(library, "plan", "1").out()).contains("in sync");
        assertThat(rsync("--omit-dir-times").lines())
                .as("apart from the roots and folders' times")
                .allMatch(line -> line.endsWith(" ./"));
    }

    /**
     * An index written before owners were recorded (V013 leaves its rows' owners NULL) learns them at the next scan:
     * no copy, no metadata set, nothing written on either side.
     */
    @Test
    void anIndexFromBeforeOwnersLearnsThemWithoutDoingAnything() throws Exception {
        sync();
        Map<String, Object> targetBefore = changeTimes(target);
        try (java.sql.Connection library =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + this.library.resolve("library.db"));
                java.sql.Statement forget = library.createStatement()) {
            assertThat(forget.executeUpdate("UPDATE entry SET uid = NULL, gid = NULL"))
                    .isGreaterThan(10);
        }

        CliRun plan = CliRun.run(library, "-v", "plan", "1");
        CliRun again = sync("--json");

        assertThat(plan.out().lines()).as(plan.out()).noneMatch(line -> line.startsWith("metadata"));
        assertThat(again.out()).contains("\"filesCopied\":0");
        assertThat(changeTimes(target)).isEqualTo(targetBefore);
        try (java.sql.Connection library =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + this.library.resolve("library.db"));
                java.sql.ResultSet unknown = library.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM entry WHERE uid IS NULL OR gid IS NULL")) {
            assertThat(unknown.getLong(1)).as("every owner learnt").isZero();
        }
        assertThat(rsync()).isEmpty();
    }

    /**
     * The same tree synced by another user ({@code nobody}, privileges dropped with {@code setpriv}): what it writes
     * is its own, as with rsync run by that user; owners are no difference, so the sync succeeds and the next finds
     * nothing to do.
     */
    @Test
    void anotherUserSyncsTheSameTreeAsItsOwnFiles() throws Exception {
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxr-xr-x"));
        Shell.run("chmod", "755", source.resolve("docs/a.txt").toString());
        Files.setLastModifiedTime(source, FileTime.fromMillis(OLD));
        Path out = Files.createDirectories(work.resolve("out"));
        ChildJvm.handOver(out);
        library = out.resolve("lib");
        target = out.resolve("target");

        String first = unprivileged("sync", source.toString(), target.toString());
        String second = unprivileged("-v", "sync", "1");

        String nobody = owner(out);
        assertThat(owner(target.resolve("docs/a.txt"))).isEqualTo(nobody);
        assertThat(owner(target.resolve("shared"))).isEqualTo(nobody);
        assertThat(owner(target.resolve("docs/link"))).isEqualTo(nobody);
        assertThat(second.lines())
                .as(first + second)
                .noneMatch(line -> line.startsWith("metadata") || line.startsWith("copy"));
        assertThat(rsync("--no-o", "--no-g"))
                .as("all but owners, as rsync run by that user")
                .isEmpty();
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(OLD);
    }

    private String unprivileged(String... arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of("--library", library.toString()));
        args.addAll(List.of(arguments));
        Process conduit = ChildJvm.unprivileged(Main.class, args.toArray(String[]::new))
                .redirectErrorStream(true)
                .start();
        String output = new String(conduit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(conduit.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(conduit.exitValue()).as(output).isZero();
        return output;
    }
}
