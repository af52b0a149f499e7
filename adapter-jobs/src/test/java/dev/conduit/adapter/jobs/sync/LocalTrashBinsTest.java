package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.TrashBins.Presence;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pending trash record's place says when it is settled. */
class LocalTrashBinsTest {

    @TempDir
    Path trash;

    private final LocalTrashBins bins = new LocalTrashBins();

    @Test
    void aVersionIsThereAbsentFromItsFolderOrUnknownWhenItsFolderIsAway() throws Exception {
        Path bin = Files.createDirectories(trash.resolve("1/4/target"));
        Files.writeString(bin.resolve("moved.txt"), "the old version");

        assertThat(bins.presence(bin.resolve("moved.txt").toString())).isEqualTo(Presence.THERE);
        assertThat(bins.presence(bin.resolve("never-moved.txt").toString())).isEqualTo(Presence.ABSENT);
        assertThat(bins.presence(trash.resolve("on/a/disk/not/mounted.txt").toString()))
                .isEqualTo(Presence.UNKNOWN);
    }
}
