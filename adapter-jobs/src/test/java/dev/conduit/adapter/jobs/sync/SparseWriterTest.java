package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SparseWriterTest {

    private static final int BLOCK = SparseWriter.BLOCK;

    /**
     * Whatever the mix of data and zeros, and however the bytes come in pieces, the file holds exactly the bytes
     * given, with its whole length (also when it ends in zeros).
     */
    @Property(tries = 200)
    void theFileHoldsExactlyTheBytesGiven(
            @ForAll @Size(max = 12) List<@IntRange(max = 3 * BLOCK) Integer> runs,
            @ForAll @IntRange(min = 1, max = 3 * BLOCK) int piece,
            @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        boolean zeros = random.nextBoolean();
        for (int run : runs) {
            byte[] bytes = new byte[run];
            if (!zeros) {
                random.nextBytes(bytes);
            }
            expected.writeBytes(bytes);
            zeros = !zeros;
        }
        byte[] content = expected.toByteArray();
        Path folder = Files.createTempDirectory("sparse");
        Path file = folder.resolve("file.bin");
        try {
            try (RootedFolder held = RootedFolder.open(folder, dev.conduit.domain.path.RelativePath.ROOT);
                    TemporaryFile out = TemporaryFile.create(held, "file.bin")) {
                SparseWriter writer = new SparseWriter(out);
                for (int at = 0; at < content.length; at += piece) {
                    ByteBuffer bytes = ByteBuffer.wrap(content, at, Math.min(piece, content.length - at))
                            .slice();
                    writer.write(
                            random.nextBoolean()
                                    ? bytes
                                    : ByteBuffer.allocateDirect(bytes.remaining())
                                            .put(bytes)
                                            .flip());
                }
                writer.finish();
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
        } finally {
            Files.deleteIfExists(file);
            Files.delete(folder);
        }
    }
}
