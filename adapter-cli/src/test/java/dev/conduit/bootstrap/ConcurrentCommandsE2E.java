package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands of separate processes meeting a running sync (a throttled {@code ./conduit sync}): a second sync and a
 * {@code remove} of that conduit are refused with one line and exit 1, the running sync keeps its lock and completes,
 * every version it trashed is listed, and once it is done the conduit can be removed, its trash still listed. And a
 * user editing the target meanwhile: the sync leaves the edit alone.
 */
class ConcurrentCommandsE2E {

    private static final int FILES = 10;

    @TempDir
    Path work;

    @Test
    void aSecondSyncAndARemoveAreRefusedWhileAnotherProcessSyncsTheConduit() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = Files.createDirectories(work.resolve("target"));
        Random random = new Random(17);
        Set<String> replaced = new HashSet<>();
        for (int i = 0; i < FILES; i++) { // ten seconds at 512 KiB/s
            byte[] content = new byte[512 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
            Mirrors.write(target, "f" + i + ".bin", "the target's old f" + i); // overwritten: to the trash
            replaced.add(target.resolve("f" + i + ".bin").toString());
        }
        Mirrors.write(target, "only-in-target.txt", "deleted: to the trash");
        replaced.add(target.resolve("only-in-target.txt").toString());
        Path library = work.resolve("library");
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                target.toString(),
                                "--bwlimit",
                                "512K",
                                "--parallel",
                                "1")
                        .exitCode())
                .isZero();
        Process sync = LaunchedConduit.start(library, work.resolve("sync.log"), List.of("sync", "1"));
        waitForTheFirstCopy(source, target, sync, "f");

        Process second = LaunchedConduit.start(library, work.resolve("second.log"), List.of("sync", "1"));
        Process remove = LaunchedConduit.start(library, work.resolve("remove.log"), List.of("remove", "1"));

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(remove.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.isAlive())
                .as("the first sync was still running: " + Files.readString(work.resolve("sync.log")))
                .isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(work.resolve("second.log")))
                .singleElement()
                .asString()
                .contains("conduit 1 'source' is already syncing");
        assertThat(remove.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(work.resolve("remove.log")))
                .singleElement()
                .asString()
                .contains("conduit 1 'source' is syncing and was not removed")
                .contains("conduit pause 1");

        Process third = LaunchedConduit.start(library, work.resolve("third.log"), List.of("sync", "1"));
        assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.isAlive() ? third.exitValue() : 1)
                .as("the first sync still holds its lock")
                .isEqualTo(1);

        assertThat(sync.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.exitValue())
                .as(Files.readString(work.resolve("sync.log")))
                .isZero();
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        assertThat(trashedFrom(library))
                .as("every version the sync trashed is listed")
                .isEqualTo(replaced);
        assertThat(filesIn(library.resolve("trash")))
                .as("and nothing else is in the trash")
                .hasSize(replaced.size());

        CliRun removed = CliRun.run(library, "remove", "1");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(trashedFrom(library)).as("the trash outlives its conduit").isEqualTo(replaced);
    }

    /**
     * The stale-index guard against a user working in the target during a sync: a file rewritten with other content
     * after the sync indexed it, its size and modification time put back, is neither overwritten nor trashed (its
     * inode is the same, but its change time moved and its content is not the indexed one).
     */
    @Test
    void aTargetFileRewrittenDuringTheSyncWithItsSizeAndTimePutBackIsLeftAsItIs() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = Files.createDirectories(work.resolve("target"));
        Random random = new Random(18);
        for (int i = 0; i < 4; i++) { // four seconds at 512 KiB/s, copied first
            byte[] content = new byte[512 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "a" + i + ".bin", content);
        }
        Mirrors.write(source, "z.txt", "the source's version");
        Path edited = Mirrors.write(target, "z.txt", "the target's version");
        Files.setLastModifiedTime(edited, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
        Path library = work.resolve("library");
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                target.toString(),
                                "--bwlimit",
                                "512K",
                                "--parallel",
                                "1")
                        .exitCode())
                .isZero();
        Process sync = LaunchedConduit.start(library, work.resolve("sync.log"), List.of("sync", "1"));
        waitForTheFirstCopy(source, target, sync, "a");

        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(edited);
        Object inode = Files.getAttribute(edited, "unix:ino");
        Files.writeString(edited, "THE TARGET'S EDIT..."); // as long as before
        Files.setLastModifiedTime(edited, time);
        assertThat(Files.getAttribute(edited, "unix:ino")).isEqualTo(inode);
        assertThat(Files.size(edited)).isEqualTo("the target's version".length());

        assertThat(sync.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.exitValue()).as("an error for that file").isEqualTo(1);
        assertThat(Files.readString(work.resolve("sync.log")))
                .contains("z.txt")
                .contains("changed since it was indexed");
        assertThat(edited).hasContent("THE TARGET'S EDIT...");
        assertThat(target.resolve("a3.bin")).hasSize(512 * 1024);
        assertThat(trash(library))
                .as("nothing was trashed: nothing was overwritten")
                .isEmpty();
    }

    /** Waits until the sync has put a file in place: then it is surely under way, with most of its work to do. */
    private static void waitForTheFirstCopy(Path source, Path target, Process sync, String prefix) throws Exception {
        for (int poll = 0; poll < 600 && sync.isAlive(); poll++) {
            for (int i = 0; i < FILES; i++) {
                Path copy = target.resolve(prefix + i + ".bin");
                if (Files.exists(copy) && Files.size(copy) == Files.size(source.resolve(prefix + i + ".bin"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync copied nothing in 30 s");
    }

    private static JsonArray trash(Path library) {
        CliRun listed = CliRun.run(library, "--json", "trash", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        return JsonParser.parseString(listed.out()).getAsJsonArray();
    }

    private static Set<String> trashedFrom(Path library) {
        Set<String> from = new HashSet<>();
        for (JsonElement version : trash(library)) {
            from.add(version.getAsJsonObject().get("originalAt").getAsString());
        }
        return from;
    }

    private static Set<String> filesIn(Path folder) throws Exception {
        Set<String> files = new HashSet<>();
        try (Stream<Path> all = Files.walk(folder)) {
            all.filter(Files::isRegularFile).forEach(file -> files.add(file.toString()));
        }
        return files;
    }
}
