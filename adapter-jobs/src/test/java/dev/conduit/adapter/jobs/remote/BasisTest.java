package dev.conduit.adapter.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version a large file replaces, as the basis of its transfer (ADR 0074): hashed chunk by chunk, read back only
 * where it still matches the hash sent, and never reached through a link or opened when it is not a regular file.
 */
class BasisTest {

    private static final int CHUNK = Chunks.SIZE;
    private static final ContentHash HASH = ContentHash.of(new byte[32]);

    @TempDir
    Path root;

    @Test
    void itsChunksAreHashedAndReadBackWhereTheyStillMatch() throws IOException {
        byte[] bytes = random(9 * (1 << 20) + 1000); // 36 whole chunks and a short last one
        Files.write(root.resolve("large"), bytes);
        try (Basis basis = Basis.of(root, copyOver("large", bytes.length)).get()) {
            assertThat(basis.hashes()).hasSize(37);
            byte[] last = Arrays.copyOfRange(bytes, 36 * CHUNK, bytes.length);
            assertThat(basis.hashes().get(36)).isEqualTo(Chunks.sha256(last, 0, last.length));
            assertThat(basis.read(36L * CHUNK, last.length, basis.hashes().get(36)))
                    .isEqualTo(last);
            assertThat(basis.read(CHUNK, CHUNK, basis.hashes().get(1)))
                    .isEqualTo(Arrays.copyOfRange(bytes, CHUNK, 2 * CHUNK));
        }
    }

    @Test
    void aChunkThatChangedSinceItWasHashedIsNotReadBack() throws IOException {
        byte[] bytes = random(9 << 20);
        Files.write(root.resolve("large"), bytes);
        try (Basis basis = Basis.of(root, copyOver("large", bytes.length)).get()) {
            try (RandomAccessFile file =
                    new RandomAccessFile(root.resolve("large").toFile(), "rw")) {
                file.seek(3L * CHUNK + 7);
                file.write(bytes[3 * CHUNK + 7] ^ 1);
            }
            assertThatThrownBy(
                            () -> basis.read(3L * CHUNK, CHUNK, basis.hashes().get(3)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("changed while it was copied from");
            assertThat(basis.read(2L * CHUNK, CHUNK, basis.hashes().get(2)))
                    .isEqualTo(Arrays.copyOfRange(bytes, 2 * CHUNK, 3 * CHUNK));
        }
    }

    @Test
    void aLinkIsNotFollowedNeitherAtThePathNorOnTheWay() throws IOException {
        Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
        Files.write(outside.resolve("large"), random(9 << 20));
        Files.createSymbolicLink(root.resolve("large"), outside.resolve("large"));
        Files.createSymbolicLink(root.resolve("folder"), outside);
        assertThat(Basis.of(root, copyOver("large", 9 << 20))).isEmpty();
        assertThat(Basis.of(root, copyOver("folder/large", 9 << 20))).isEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeWhereTheFileWasIsNotOpened() throws Exception {
        Path fifo = root.resolve("large");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        assertThat(Basis.of(root, copyOver("large", 9 << 20))).isEmpty(); // without a writer, an open would block
    }

    @Test
    void onlyALargeCopyOverAFileTheIndexSawHasOne() {
        assertThat(Basis.applies(copyOver("large", 9 << 20))).isTrue();
        assertThat(Basis.applies(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, file("new", 9 << 20), Option.none())))
                .as("nothing replaced")
                .isFalse();
        assertThat(Basis.applies(copyOver("small", 1 << 20)))
                .as("not resumable")
                .isFalse();
        assertThat(Basis.applies(new SyncAction.Copy(
                        Direction.SOURCE_TO_TARGET, file("large", 9 << 20), Option.some(file("large", 1000)))))
                .as("what it replaces is less than a chunk")
                .isFalse();
    }

    private static SyncAction.Copy copyOver(String path, long size) {
        return new SyncAction.Copy(Direction.SOURCE_TO_TARGET, file(path, size), Option.some(file(path, size)));
    }

    private static IndexEntry file(String path, long size) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.file(size, 1_700_000_000_000_000_000L, 0644, Option.none()),
                Option.some(HASH),
                0);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
