package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} while another process scans the conduit's roots (ADR 0050): it does not wait for that scan (up to ten
 * minutes, ADR 0049) but plans from the index as recorded so far, and says so in one line; once the other scan is
 * over, it scans as before.
 */
class PlanBesideAScanIT {

    @TempDir
    Path work;

    /** A library whose conduit {@code docs} was synced, and a file made in its source since: a scan would see it. */
    private Path syncedWithAFileSinceItsScan() throws Exception {
        Path library = work.resolve("lib");
        Path source = Files.createDirectories(work.resolve("docs"));
        Files.writeString(source.resolve("a.txt"), "a");
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                work.resolve("copy").toString())
                        .exitCode())
                .isZero();
        CliRun synced = CliRun.run(library, "-q", "sync", "docs");
        assertThat(synced.exitCode()).as(synced.err()).isZero();
        Files.writeString(source.resolve("new.txt"), "new since the last scan");
        return library;
    }

    @Test
    void aPlanBesideAnotherProcesssScanPlansFromTheIndexAsRecordedAndSaysSo() throws Exception {
        Path library = syncedWithAFileSinceItsScan();

        Process other =
                ChildJvm.of(ScanLockHolder.class, library.toString(), "1", "2").start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("scanning");

            CliRun plan = Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> CliRun.run(library, "plan", "docs"), "the plan waited for the scan");

            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.err().lines())
                    .as("one line for each root another process scans says why the plan may be behind")
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line)
                            .startsWith("conduit: warning: another scan of ")
                            .contains("held by pid " + other.pid())
                            .endsWith("planned from its index as recorded so far"));
            assertThat(plan.out())
                    .as("the index as recorded: the new file is not known yet")
                    .contains("Nothing to do")
                    .doesNotContain("new.txt");

            CliRun quiet = CliRun.run(library, "-q", "plan", "docs");
            assertThat(quiet.err()).as("-q").isEmpty();
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }

        CliRun after = CliRun.run(library, "-v", "plan", "docs");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.err()).doesNotContain("planned from its index");
        assertThat(after.out()).as("scanned: the new file is seen").contains("new.txt");
    }

    /**
     * ADR 0054: while the conduit's own sync runs (its lock held by another process), a plan scans neither root: it
     * plans from the indexes as that sync recorded them, and says so; once the sync is over, it scans again.
     */
    @Test
    void aPlanOfAConduitWhoseSyncRunsScansNothingAndSaysSo() throws Exception {
        Path library = syncedWithAFileSinceItsScan();

        Process sync = ChildJvm.of(ScanLockHolder.class, library.toString(), "conduit-1.lock")
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("scanning");

            CliRun plan = CliRun.run(library, "-v", "plan", "docs");

            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.err())
                    .isEqualTo("conduit: warning: a sync of docs is under way: planned from its indexes as recorded so"
                            + " far, without scanning its roots\n");
            assertThat(plan.out())
                    .as("not scanned: the new file is not known yet")
                    .contains("Nothing to do")
                    .doesNotContain("new.txt");
            assertThat(CliRun.run(library, "--json", "plan", "docs").out()).contains("\"whileSyncing\":true");
        } finally {
            sync.getOutputStream().close();
            sync.waitFor();
        }

        CliRun after = CliRun.run(library, "-v", "plan", "docs");
        assertThat(after.err()).doesNotContain("under way");
        assertThat(after.out()).as("scanned: the new file is seen").contains("new.txt");
    }

    /**
     * ADR 0056: a plan of a conduit whose roots did not change since its sync writes nothing to the library, so a
     * plan beside a sync (whose transactions hold the write lock for moments at a time) never waits for it. Its
     * scans used to record when they ended: a write that waited here for the library's busy timeout (a minute).
     */
    @Test
    void aPlanOfAnUnchangedConduitAnswersWhileAnotherProcessHoldsTheWriteLock() throws Exception {
        Path library = syncedWithAFileSinceItsScan();
        assertThat(CliRun.run(library, "-q", "sync", "docs").exitCode()).isZero();
        // A scan examines again what changed within the racy window before its last examination, and records that
        // (ADR 0046): once the window has passed, one plan does so for the last time.
        Thread.sleep(dev.conduit.domain.index.RescanRules.RACY_WINDOW_NANOS / 1_000_000 + 100);
        assertThat(CliRun.run(library, "-q", "plan", "docs").exitCode()).isZero();

        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO library_setting (key, value) VALUES ('held', 'x')");

            CliRun plan = Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> CliRun.run(library, "plan", "docs"),
                    "the plan waited for the write lock");

            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.err()).as("no wait announced").isEmpty();
            assertThat(plan.out()).contains("Nothing to do");
            statement.execute("ROLLBACK");
        }
    }
}
