package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.conduit.adapter.jobs.index.IndexModule;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.TimeGranularity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirrors onto a real exFAT file system (see {@link ExfatDisk}): the probe finds what it can hold, the sync carries
 * what it can, refuses with one clear error each a symbolic link and the second of two names that differ only in case
 * (never writing one over the other), and the next plan is empty: times to the second and missing permission bits
 * are not changes.
 */
class ExfatMirrorIT {

    @TempDir
    Path work;

    private ExfatDisk disk;

    @BeforeEach
    void mount() throws Exception {
        disk = ExfatDisk.mount(work);
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void theProbeFindsWhatExfatCanHoldAndLeavesNothingBehind() throws Exception {
        FileSystemProbe probe = Guice.createInjector(new IndexModule()).getInstance(FileSystemProbe.class);
        Path local = Files.createDirectories(work.resolve("local"));

        FileSystemTraits exfat = probe.probe(disk.root()).get();
        FileSystemTraits here = probe.probe(local).get();

        assertThat(exfat).isEqualTo(new FileSystemTraits(TimeGranularity.SECOND, false, false, false, false, false));
        assertThat(here.permissions() && here.symlinks() && here.hardLinks() && here.caseSensitive())
                .isTrue();
        assertThat(here.mtime()).isNotEqualTo(TimeGranularity.SECOND);
        assertThat(names(disk.root())).isEmpty();
        assertThat(names(local)).isEmpty();
    }

    @Test
    void aMirrorCarriesWhatExfatCanHoldRefusesTheRestAndTheNextPlanIsEmpty() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Mirrors.write(source, "docs/a.txt", "alpha");
        Mirrors.write(source, "docs/deep/b.txt", "beta");
        Path script = Mirrors.write(source, "run.sh", "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path secret = Mirrors.write(source, "secret.txt", "shh");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(secret, FileTime.from(1_700_000_001_123_456_789L, TimeUnit.NANOSECONDS));
        Mirrors.write(source, "README.txt", "the first of two names");
        Mirrors.write(source, "Readme.txt", "the second name, same but for case");
        Files.createSymbolicLink(source.resolve("latest"), Path.of("docs/a.txt"));
        Path library = work.resolve("library");
        Path target = disk.root();

        CliRun first = CliRun.run(library, "sync", source.toString(), target.toString());

        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        assertThat(first.err())
                .contains("Readme.txt: its name differs only in case from README.txt, which the"
                        + " target's file system takes for the same name; not copied (rename one of them)");
        assertThat(first.err()).contains("latest: the target's file system cannot hold symbolic links; not copied");
        assertThat(first.err().lines().filter(line -> line.contains("Exception") || line.startsWith("\tat ")))
                .isEmpty();
        assertThat(Files.readString(target.resolve("README.txt"))).isEqualTo("the first of two names");
        assertThat(Files.readString(target.resolve("docs/a.txt"))).isEqualTo("alpha");
        assertThat(Files.readString(target.resolve("docs/deep/b.txt"))).isEqualTo("beta");
        assertThat(Files.readString(target.resolve("run.sh"))).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(Files.readString(target.resolve("secret.txt"))).isEqualTo("shh");
        assertThat(Files.getLastModifiedTime(target.resolve("secret.txt")).to(TimeUnit.NANOSECONDS))
                .isEqualTo(1_700_000_001_000_000_000L);
        assertThat(names(target)).containsExactlyInAnyOrder("README.txt", "docs", "run.sh", "secret.txt");

        CliRun plan = CliRun.run(library, "--json", "plan", "1");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("\"actions\":0").contains("\"refused\":2");
        assertThat(plan.out().split("\"op\":", -1)).hasSize(3); // the two refusals, nothing to do
        assertThat(plan.out()).contains("\"op\":\"error\",\"side\":\"target\",\"path\":\"Readme.txt\"");

        CliRun again = CliRun.run(library, "--json", "sync", "1");

        assertThat(again.out()).contains("\"filesCopied\":0").contains("\"verification\":\"verified\"");
        assertThat(Files.readString(target.resolve("README.txt"))).isEqualTo("the first of two names");
    }

    private static java.util.List<String> names(Path folder) throws Exception {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(path -> path.getFileName().toString()).toList();
        }
    }
}
