package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.IndexReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writes in one timestamp tick leave size and mtime as they were: only the racy rule sees the second. */
class RacyRewriteIT {

    @TempDir
    Path work;

    @Test
    void aSameSizeRewriteWithinTheSameTickIsSeenByTheNextScan() throws Exception {
        Path root = Files.createDirectory(work.resolve("root"));
        Files.writeString(root.resolve("notes.txt"), "version one");
        RealLibrary library = new RealLibrary(work.resolve("library"));
        library.index(root);

        new IndexProperties.RewriteWithinTick(42).applyTo(root);
        IndexReport rescan = library.index(root);

        assertThat(rescan.modified()).isEqualTo(1);
        assertThat(library.entries(rescan)).isEqualTo(DiskListing.of(root));
    }
}
