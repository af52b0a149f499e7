package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: a folder of the target swapped for a link to a folder outside the roots while a throttled sync writes into
 * it ({@code mv t/d t-d-moved && ln -s ../outside t/d}). Nothing is written outside the roots — no copy lands in the
 * link's folder, no target-only file is looked for (and deleted) there — the entries under the link are reported, and
 * once the link is gone the next sync completes.
 */
class LinkSwapE2E {

    private static final String REFUSED = "a folder on the way was replaced by a link";
    private static final int FILES = 24;

    @TempDir
    Path work;

    @Test
    void aFolderSwappedForALinkMidSyncRedirectsNoWriteAndNoDelete() throws Exception {
        boolean landed = false;
        for (int attempt = 0; attempt < 5 && !landed; attempt++) {
            landed = swapMidSync(work.resolve("attempt-" + attempt));
        }
        assertThat(landed)
                .as("the swap landed while files were arriving in the folder")
                .isTrue();
    }

    /** One attempt; false when the sync was not caught mid-folder (it is then tried again from scratch). */
    private boolean swapMidSync(Path here) throws Exception {
        Path source = Files.createDirectories(here.resolve("s"));
        Path target = Files.createDirectories(here.resolve("t"));
        Path outside = Files.createDirectories(here.resolve("outside"));
        Path moved = here.resolve("t-d-moved");
        Random random = new Random(20);
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[100 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "d/f" + i + ".bin", content);
        }
        for (int i = 0; i < 5; i++) {
            Mirrors.write(target, "d/only-in-target-" + i, "the target's, to be deleted");
            Mirrors.write(outside, "only-in-target-" + i, "outside the roots: never deleted");
        }
        Map<String, String> outsideBefore = Mirrors.view(outside);
        Path library = here.resolve("library");
        Path log = here.resolve("log.txt");
        assertThat(LaunchedConduit.start(
                                library,
                                log,
                                List.of(
                                        "add",
                                        source.toString(),
                                        target.toString(),
                                        "--bwlimit",
                                        "1M",
                                        "--parallel",
                                        "2"))
                        .waitFor())
                .isZero();

        Process sync = LaunchedConduit.start(library, log, List.of("sync", "1", "--force")); // deletes all
        boolean swapped = false;
        for (int poll = 0; poll < 400 && !swapped && sync.isAlive(); poll++) {
            Thread.sleep(10);
            if (copiedInto(target.resolve("d")) >= 2) {
                Files.move(target.resolve("d"), moved);
                Files.createSymbolicLink(target.resolve("d"), Path.of("../outside"));
                swapped = true;
            }
        }
        boolean midFolder = swapped && sync.isAlive() && copiedInto(moved) < FILES;
        assertThat(sync.waitFor(120, TimeUnit.SECONDS)).isTrue();
        if (!midFolder) {
            return false; // too early or too late: not the race under test
        }
        String output = Files.readString(log);
        assertThat(Mirrors.view(outside))
                .as("nothing written, changed or deleted outside the roots")
                .isEqualTo(outsideBefore);
        assertThat(output).as("the entries under the link are reported").contains(REFUSED);
        assertThat(sync.exitValue()).as(output).isEqualTo(1);
        assertThat(temporariesIn(outside) + temporariesIn(moved))
                .as("no temporary file left outside")
                .isZero();
        for (Path arrived : filesIn(moved)) { // only what arrived before the swap, complete
            String name = arrived.getFileName().toString();
            assertThat(Files.mismatch(
                            arrived,
                            name.startsWith("only-in-target-")
                                    ? arrived
                                    : source.resolve("d").resolve(name)))
                    .isEqualTo(-1L);
        }
        assertThat(filesIn(library.resolve("trash")))
                .as("nothing outside was moved into the trash")
                .noneMatch(
                        path -> Files.isRegularFile(path) && readQuietly(path).startsWith("outside"));

        Files.delete(target.resolve("d")); // the link removed: the next sync completes
        CliRun again = CliRun.run(library, "--json", "sync", "1", "--force"); // the target is empty now
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        assertThat(Mirrors.view(outside)).isEqualTo(outsideBefore);
        return true;
    }

    @Test
    void aRestoreDoesNotWriteThroughAFolderSwappedForALink() throws Exception {
        Path source = Files.createDirectories(work.resolve("s"));
        Path target = Files.createDirectories(work.resolve("t"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Mirrors.write(target, "d/gone.txt", "the target's, deleted by the sync");
        Mirrors.write(source, "d/kept.txt", "kept");
        Path library = work.resolve("library");
        assertThat(CliRun.run(library, "add", source.toString(), target.toString())
                        .exitCode())
                .isZero();
        assertThat(CliRun.run(library, "sync", "1", "--force").exitCode()).isZero();
        JsonArray trashed = JsonParser.parseString(
                        CliRun.run(library, "--json", "trash", "list").out())
                .getAsJsonArray();
        assertThat(trashed).hasSize(1);
        long id = trashed.get(0).getAsJsonObject().get("id").getAsLong();
        Files.move(target.resolve("d"), work.resolve("t-d-moved"));
        Files.createSymbolicLink(target.resolve("d"), Path.of("../outside"));

        CliRun restore = CliRun.run(library, "trash", "restore", Long.toString(id));

        assertThat(restore.exitCode()).isNotZero();
        assertThat(restore.err()).contains(REFUSED).doesNotContain("Exception").hasLineCount(1);
        try (Stream<Path> inside = Files.list(outside)) {
            assertThat(inside).as("nothing restored outside the root").isEmpty();
        }
        Files.delete(target.resolve("d"));
        assertThat(CliRun.run(library, "trash", "restore", Long.toString(id)).exitCode())
                .isZero();
        assertThat(target.resolve("d/gone.txt")).hasContent("the target's, deleted by the sync");
    }

    private static long copiedInto(Path folder) throws Exception {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().startsWith("f"))
                    .count();
        }
    }

    private static long temporariesIn(Path root) throws Exception {
        return filesIn(root).stream()
                .filter(path -> path.getFileName().toString().startsWith(".conduit-tmp-"))
                .count();
    }

    private static List<Path> filesIn(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception binary) {
            return "";
        }
    }
}
