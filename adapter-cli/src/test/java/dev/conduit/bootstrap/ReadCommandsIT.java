package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.RootCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only read the library (ADR 0050): made without an injector, and never writing, checkpointing or
 * waiting while another process writes.
 */
class ReadCommandsIT {

    private static final List<List<String>> READS = List.of(
            List.of("status"),
            List.of("list"),
            List.of("show", "docs"),
            List.of("history", "docs"),
            List.of("conflicts"),
            List.of("stats"));

    @TempDir
    Path work;

    private Path library;

    @BeforeEach
    void aConduitSyncedOnce() throws Exception {
        library = work.resolve("lib");
        Path source = Files.createDirectories(work.resolve("docs"));
        Files.writeString(source.resolve("a.txt"), "a");
        CliRun added = CliRun.run(
                library, "add", source.toString(), work.resolve("copy").toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        CliRun synced = CliRun.run(library, "-q", "sync", "docs");
        assertThat(synced.exitCode()).as(synced.err()).isZero();
    }

    @Test
    void theReadCommandsAreMadeWithoutAnInjectorAndTheOthersWithOne() throws Exception {
        for (List<String> read : READS) {
            String[] args = read.toArray(String[]::new);
            assertThat(ReadCommands.reads(args)).as(read.toString()).isTrue();
            ReadCommands factory = factory();
            Object command = factory.create(RootCommand.named(args).get(0));
            assertThat(command).as(read.toString()).isNotNull();
        }
        for (String other : List.of("sync", "plan", "add", "resolve", "trash", "index", "daemon", "remove", "help")) {
            assertThat(ReadCommands.reads(new String[] {other})).as(other).isFalse();
        }
        assertThat(ReadCommands.reads(new String[] {"--library", "status", "sync"}))
                .as("a library named status")
                .isFalse();
        assertThat(ReadCommands.reads(new String[] {"--json", "status", "docs"}))
                .isTrue();
    }

    @Test
    void aReadNeverWritesAndLeavesAnotherProcesssLogAsItFoundIt() throws Exception {
        Path log = library.resolve("library.db-wal");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0"); // the log grows until someone folds it in
            for (int row = 0; row < 200; row++) {
                statement.execute("INSERT INTO library_setting (key, value) VALUES ('k" + row + "', '"
                        + "x".repeat(2_000) + "')");
            }
            long before = Files.size(log);
            assertThat(before).as("another process's writes in the log").isGreaterThan(100_000L);

            for (List<String> read : READS) {
                ReadCommands factory = factory();
                String[] args = withLibrary(read);
                int code = ConduitCli.execute(factory, factory.root(), console(), args);
                factory.endCommand();

                assertThat(code).as(read.toString()).isZero();
                assertThat(factory.wrote()).as(read + " wrote to the library").isFalse();
                assertThat(Files.size(log))
                        .as(read + " folded another process's log into the library")
                        .isEqualTo(before);
            }
            for (List<String> read : READS) {
                CliRun run = CliRun.run(library, read.toArray(String[]::new));
                assertThat(run.exitCode()).as(read + ": " + run.err()).isZero();
                assertThat(Files.size(log)).as(read.toString()).isEqualTo(before);
            }
        }
    }

    @Test
    void aReadAnswersWhileAnotherProcessHoldsTheWriteLock() throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO library_setting (key, value) VALUES ('held', 'x')");
            for (List<String> read : READS) {
                long started = System.nanoTime();
                CliRun run = CliRun.run(library, read.toArray(String[]::new));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(run.exitCode()).as(read + ": " + run.err()).isZero();
                assertThat(run.err()).as(read.toString()).doesNotContain("waiting");
                assertThat(millis)
                        .as(read + " waited for the writer (the library's busy timeout is a minute)")
                        .isLessThan(10_000L);
            }
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void aReadOfALibraryNotYetMadeMakesItAndFoldsItsOwnLogIn() {
        Path fresh = work.resolve("fresh");
        ReadCommands factory = factory();

        int code =
                ConduitCli.execute(factory, factory.root(), console(), new String[] {"--library", fresh + "", "list"});
        factory.endCommand();

        assertThat(code).isZero();
        assertThat(factory.wrote()).as("made the schema").isTrue();
        assertThat(fresh.resolve("library.db-wal")).isEmptyFile();
    }

    private String[] withLibrary(List<String> read) {
        String[] args = new String[read.size() + 2];
        args[0] = "--library";
        args[1] = library.toString();
        for (int i = 0; i < read.size(); i++) {
            args[i + 2] = read.get(i);
        }
        return args;
    }

    private static Console console() {
        return new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    }

    private ReadCommands factory() {
        return new ReadCommands(console(), new RootCommand.Environment(Map.of("HOME", work.toString())));
    }
}
