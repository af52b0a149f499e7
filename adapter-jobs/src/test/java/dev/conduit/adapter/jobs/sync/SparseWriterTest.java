package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        Path file = Files.createTempFile("sparse", ".bin");
        try {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                SparseWriter writer = new SparseWriter(out);
                for (int at = 0; at < content.length; at += piece) {
                    writer.write(ByteBuffer.wrap(content, at, Math.min(piece, content.length - at))
                            .slice());
                }
                writer.finish(file);
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
        } finally {
            Files.delete(file);
        }
    }
}
