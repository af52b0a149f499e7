package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs that read what changed since the last clean one (ADR 0031), through the real command line, adapters, SQLite
 * file and directories: every change on either side reaches the other, the generations record their checkpoints, and
 * the forcing flags work.
 */
class IncrementalSyncIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("backup");
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    private JsonObject sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("--json", "sync", "1"));
        args.addAll(List.of(extra));
        CliRun run = conduit(args.toArray(String[]::new));
        String[] lines = run.out().strip().split("\n");
        JsonObject summary = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        assertThat(run.exitCode()).as(run.err()).isZero();
        return summary;
    }

    private void add(String... options) {
        List<String> args = new ArrayList<>(List.of("add", source.toString(), target.toString()));
        args.addAll(List.of(options));
        CliRun added = conduit(args.toArray(String[]::new));
        assertThat(added.exitCode()).as(added.err()).isZero();
    }

    private void tree() {
        write(source, "a.txt", "alpha");
        write(source, "docs/b.txt", "beta");
        write(source, "docs/old/c.txt", "gamma");
        write(source, "photos/d.jpg", "delta");
        write(source, "photos/e.jpg", "epsilon");
    }

    /** Every entry below the root modified an hour ago: none is racy at the next scan. */
    private static void age(Path root) throws Exception {
        java.nio.file.attribute.FileTime past =
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
        try (java.util.stream.Stream<Path> entries = Files.walk(root)) {
            for (Path entry :
                    entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(entry)) {
                    Files.setLastModifiedTime(entry, past);
                }
            }
        }
    }

    /** Each generation's checkpoint columns, oldest first: the positions resolved and verified, and the fingerprint. */
    private List<String> checkpoints() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT source_position, target_position,"
                        + " verified_source_position, verified_target_position, settings_fingerprint, verification"
                        + " FROM sync_generation ORDER BY number")) {
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getString(4)
                        + " " + row.getString(5) + " " + row.getString(6));
            }
        }
        return rows;
    }

    @Test
    void everyChangeOnEitherSideReachesTheTargetAndANoOpRecordsTheSameCheckpoint() throws Exception {
        tree();
        add();
        sync();
        write(source, "a.txt", "alpha, longer now");
        Files.delete(source.resolve("docs/old/c.txt"));
        Files.delete(source.resolve("docs/old"));
        Files.move(source.resolve("photos/d.jpg"), source.resolve("photos/renamed.jpg"));
        write(source, "new/deep/f.txt", "phi");
        write(target, "photos/e.jpg", "edited behind the sync's back");
        write(target, "stray.txt", "not in the source");

        age(source);
        age(target);
        JsonObject changed = sync();

        assertThat(changed.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(target)).isEqualTo(view(source));
        assertThat(conduit("plan", "1").out()).contains("Nothing to do");
        assertThat(conduit("plan", "--full", "1").out()).contains("Nothing to do");

        // no-ops: each resolves where the one before it verified, or later when its scans wrote something (an entry
        // modified within the racy window before a scan is examined again by the next); none copies anything
        for (int i = 0; i < 2; i++) {
            JsonObject noOp = sync();
            assertThat(noOp.get("filesCopied").getAsLong()).isZero();
            assertThat(noOp.get("verification").getAsString()).isEqualTo("verified");
        }
        List<String> rows = checkpoints();
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).doesNotContain("null"));
        for (int i = 1; i < rows.size(); i++) {
            String[] now = rows.get(i).split(" ");
            String[] before = rows.get(i - 1).split(" ");
            assertThat(Long.parseLong(now[0])).isGreaterThanOrEqualTo(Long.parseLong(before[2]));
            assertThat(Long.parseLong(now[1])).isGreaterThanOrEqualTo(Long.parseLong(before[3]));
            assertThat(Long.parseLong(now[3]))
                    .as("the jobs' writes are behind the verified positions")
                    .isGreaterThanOrEqualTo(Long.parseLong(now[1]));
        }
    }

    /**
     * A first sync's copies are all examined within the racy window of their writes, so the next scan reads their
     * extended attributes again; finding them as recorded is not a change (ADR 0046): the target's journal does not
     * move for them, and the next sync resolves from the journal instead of reading everything. (Nor do the folders
     * whose times the sync set after: it records them as it leaves them, ADR 0059.)
     */
    @Test
    void theScanAfterAFirstSyncFindsItsCopiesAsTheyWereWritten() throws Exception {
        tree();
        age(source);
        add();
        sync();
        long verifiedTarget = Long.parseLong(checkpoints().get(0).split(" ")[3]);

        JsonObject noOp = sync();

        assertThat(noOp.get("filesCopied").getAsLong()).isZero();
        assertThat(filesWrittenAfter(target, verifiedTarget))
                .as("target files moved in the journal by the scan after the first sync")
                .isZero();
    }

    /**
     * A sync sets its folders' times after their entries were recorded, and records each folder as lstat finds it
     * right after (ADR 0059): the scan after it finds every row as recorded, so it writes no change and the journal
     * of neither side moves. Run for a mirror and a bidirectional pair over nested folders.
     */
    @Test
    void theScanAfterASyncFindsItsFoldersAsTheSyncLeftThem() throws Exception {
        for (String mode : List.of("mirror", "bidirectional")) {
            source = Files.createDirectories(work.resolve(mode + "-source"));
            target = work.resolve(mode + "-target");
            library = work.resolve(mode + "-lib");
            nested(source);
            age(source);
            add("--mode", mode);
            sync();
            List<String> sourceRows = rows(source);
            List<String> targetRows = rows(target);
            assertThat(targetRows).as("the target's rows").hasSizeGreaterThan(20);

            for (Path root : List.of(source, target)) {
                CliRun scanned = conduit("index", root.toString());
                assertThat(scanned.exitCode()).as(scanned.err()).isZero();
            }

            assertThat(rows(target))
                    .as("%s: the target's rows and journal after a scan of the unchanged tree", mode)
                    .isEqualTo(targetRows);
            assertThat(rows(source))
                    .as("%s: the source's rows and journal after a scan of the unchanged tree", mode)
                    .isEqualTo(sourceRows);
            JsonObject noOp = sync();
            assertThat(noOp.get("filesCopied").getAsLong()).isZero();
            assertThat(rows(target))
                    .as("%s: the target after a no-op sync", mode)
                    .isEqualTo(targetRows);
        }
    }

    /** Folders three deep, some holding only folders, each with a file or two. */
    private static void nested(Path root) {
        for (int a = 0; a < 3; a++) {
            write(root, "a" + a + "/top.txt", "top " + a);
            for (int b = 0; b < 3; b++) {
                write(root, "a" + a + "/b" + b + "/c/leaf.txt", "leaf " + a + b);
                if (b == 1) {
                    write(root, "a" + a + "/b" + b + "/side.txt", "side " + a + b);
                }
            }
        }
    }

    /**
     * Every row of the location at {@code root} but its examination time (a racy entry is read again and found as
     * recorded, ADR 0046), and the location's journal position.
     */
    private List<String> rows(Path root) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                java.sql.PreparedStatement location =
                        db.prepareStatement("SELECT id, journal_position FROM location WHERE root = ?");
                java.sql.PreparedStatement entries =
                        db.prepareStatement("SELECT * FROM entry WHERE location_id = ? ORDER BY path")) {
            location.setString(1, root.toString());
            long id;
            try (ResultSet row = location.executeQuery()) {
                assertThat(row.next()).as("a location at " + root).isTrue();
                id = row.getLong(1);
                rows.add("journal at " + row.getLong(2));
            }
            entries.setLong(1, id);
            try (ResultSet row = entries.executeQuery()) {
                java.sql.ResultSetMetaData columns = row.getMetaData();
                while (row.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        if (!columns.getColumnName(i).equalsIgnoreCase("indexed_at")) {
                            line.append(columns.getColumnName(i))
                                    .append('=')
                                    .append(row.getString(i))
                                    .append(' ');
                        }
                    }
                    rows.add(line.toString());
                }
            }
        }
        return rows;
    }

    private long filesWrittenAfter(Path root, long position) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                java.sql.PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM entry"
                        + " WHERE location_id = (SELECT id FROM location WHERE root = ?) AND journal_position > ?"
                        + " AND kind <> 'DIRECTORY'")) {
            query.setString(1, root.toString());
            query.setLong(2, position);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    @Test
    void theForcingFlagsResolveAndVerifyWholeAndConduitEditChangesTheFingerprint() throws Exception {
        tree();
        add();
        sync();
        write(source, "docs/b.txt", "beta, again");

        assertThat(sync("--full").get("verification").getAsString()).isEqualTo("verified");
        write(source, "docs/g.txt", "gamma");
        assertThat(sync("--verify-all").get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(target)).isEqualTo(view(source));

        CliRun edited = conduit("edit", "1", "--ignore", "*.tmp");
        assertThat(edited.exitCode()).as(edited.err()).isZero();
        write(source, "scratch.tmp", "ignored");
        sync();
        List<String> rows = checkpoints();
        assertThat(rows.get(rows.size() - 1).split(" ")[4])
                .as("the fingerprint")
                .isNotEqualTo(rows.get(rows.size() - 2).split(" ")[4]);
        assertThat(target.resolve("scratch.tmp")).doesNotExist();
    }

    @Test
    void aBidirectionalSyncCarriesChangesOfBothSidesFromTheJournal() throws Exception {
        tree();
        add("--mode", "bidirectional");
        sync();
        write(source, "docs/b.txt", "from the source");
        write(target, "photos/e.jpg", "from the target");
        Files.delete(target.resolve("docs/old/c.txt"));
        Files.delete(target.resolve("docs/old"));
        write(target, "new-on-target.txt", "hello");

        JsonObject synced = sync();

        assertThat(synced.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(target)).isEqualTo(view(source));
        assertThat(source.resolve("docs/old")).doesNotExist();
        assertThat(source.resolve("new-on-target.txt")).hasContent("hello");
        assertThat(conduit("plan", "1").out()).contains("Nothing to do");
        sync();
        assertThat(sync().get("verification").getAsString()).isEqualTo("verified");
    }
}
