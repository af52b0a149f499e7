package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.conflict.ConflictType;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.reconcile.Keep;
import dev.conduit.domain.reconcile.Settlement;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baselines of bidirectional conduits and their conflict log, against a real SQLite file. */
class BaselinesIT {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    java.nio.file.Path folder;

    private MyBatisSyncHistory history;
    private MyBatisBaselines baselines;
    private MyBatisConflictLog log;
    private Library library;
    private Conduit conduit;

    @BeforeEach
    void library() {
        library = new Library(new LibraryFolder(folder.resolve("lib")));
        history = new MyBatisSyncHistory(library);
        baselines = new MyBatisBaselines(library);
        log = new MyBatisConflictLog(library);
        conduit = new MyBatisConduitRepository(library)
                .add(
                        new ConduitName("docs"),
                        new Endpoint("/data/docs", new RootIdentity("1", "1:1")),
                        new Endpoint("/usb/docs", new RootIdentity("2", "2:1")),
                        ConduitSettings.DEFAULTS,
                        T0)
                .get();
    }

    private static IndexEntry file(String path, char content) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.file(3, 1_000_000_123L, 0640, Option.some("2049:77")).withCtime(1_000_000_456L),
                Option.some(new ContentHash(String.valueOf(content).repeat(64))),
                Option.some(new Xattrs(String.valueOf(content).repeat(64))),
                5L);
    }

    private static IndexEntry owned(IndexEntry entry, int uid, int gid) {
        return new IndexEntry(
                entry.path(), entry.stat().withOwner(uid, gid), entry.hash(), entry.xattrs(), entry.indexedAtNanos());
    }

    private static IndexEntry folder(String path) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.directory(9L, 0755, Option.none()),
                Option.none(),
                Option.some(Xattrs.NONE),
                5L);
    }

    private static Baselines.Change put(IndexEntry entry) {
        return new Baselines.Change(entry.path(), Option.some(entry));
    }

    private void finish(long generation, Iterator<Baselines.Change> changes) {
        history.finish(
                conduit.id(), generation, T0, GenerationCounts.ZERO, Verification.VERIFIED, Option.none(), changes);
    }

    private List<IndexEntry> read(boolean ascending) {
        java.util.List<IndexEntry> entries = new ArrayList<>();
        try (IndexStore.EntryCursor cursor =
                ascending ? baselines.ascending(conduit.id()) : baselines.descending(conduit.id())) {
            cursor.forEachRemaining(entries::add);
        }
        return List.ofAll(entries);
    }

    @Test
    void theBaselineBelowAFolderIsReadAloneInTheIndexOrder() {
        history.begin(conduit.id(), T0);
        finish(
                1,
                List.of(
                                folder("a"),
                                file("a/z.txt", 'f'),
                                folder("a/b"),
                                file("a/b/c", 'c'),
                                folder("a b"),
                                file("a b/c", 'c'),
                                file("a.txt", 'a'),
                                file("b.txt", 'b'))
                        .map(BaselinesIT::put)
                        .iterator());

        java.util.List<String> below = new ArrayList<>();
        try (IndexStore.EntryCursor cursor =
                baselines.below(conduit.id(), RelativePath.parse("a").get())) {
            cursor.forEachRemaining(entry -> below.add(entry.path().value()));
        }

        assertThat(below).as("not a itself, nor 'a b' or a.txt beside it").containsExactly("a/b", "a/z.txt", "a/b/c");
    }

    @Test
    void theBaselineAtManyPathsIsLookedUpTogether() {
        history.begin(conduit.id(), T0);
        finish(
                1,
                List.of(folder("a"), file("a/z.txt", 'f'), file("a.txt", 'a'), file("b.txt", 'b'))
                        .map(BaselinesIT::put)
                        .iterator());

        io.vavr.collection.Seq<IndexEntry> found = baselines.entries(
                conduit.id(),
                List.of("a/z.txt", "missing", "a", "b.txt")
                        .map(raw -> RelativePath.parse(raw).get()));

        assertThat(found.map(entry -> entry.path().value())).containsExactlyInAnyOrder("a/z.txt", "a", "b.txt");
        assertThat(found.find(entry -> entry.path().value().equals("a/z.txt"))
                        .get()
                        .hash())
                .isEqualTo(file("x", 'f').hash());
    }

    @Test
    void theBaselineIsWrittenWithTheGenerationAndReadInTheIndexOrderBothWays() {
        history.begin(conduit.id(), T0);
        List<IndexEntry> written = List.of(
                file("b.txt", 'b'),
                folder("a"),
                file("a/z.txt", 'f'),
                folder("a b"),
                file("a b/c", 'c'),
                file("é.txt", 'e'),
                owned(file("owned", 'd'), 1234, 4321),
                owned(folder("owned folder"), 0, 50));

        finish(1, written.map(BaselinesIT::put).iterator());

        List<IndexEntry> up = read(true);
        assertThat(up)
                .isEqualTo(written.sorted(Pairing.ASCENDING)
                        .map(entry -> new IndexEntry(
                                entry.path(),
                                new FileStat(
                                        entry.kind(),
                                        entry.stat().size(),
                                        entry.stat().mtimeNanos(),
                                        entry.stat().mode(),
                                        Option.none(),
                                        entry.stat().linkTarget(),
                                        0,
                                        entry.stat().uid(),
                                        entry.stat().gid()),
                                entry.hash(),
                                entry.xattrs(),
                                entry.indexedAtNanos())));
        assertThat(read(false)).isEqualTo(up.reverse());
        assertThat(up.head().stat().fileKey())
                .as("a baseline is not one side's inode")
                .isEmpty();
        assertThat(up.map(entry -> entry.stat().ctimeNanos())).containsOnly(0L);
        assertThat(up.filter(entry -> entry.path().value().startsWith("owned"))
                        .map(entry -> entry.stat().uid() + ":" + entry.stat().gid()))
                .as("a baseline keeps owners, as it keeps permission bits")
                .containsExactly("1234:4321", "0:50");
        assertThat(up.map(IndexEntry::xattrs))
                .contains(Option.some(Xattrs.NONE), Option.some(new Xattrs("f".repeat(64))));
    }

    @Test
    void aLaterSyncReplacesAndRemovesPathsAndLeavesTheRest() {
        history.begin(conduit.id(), T0);
        finish(
                1,
                List.of(put(file("keep", 'a')), put(file("change", 'c')), put(file("gone", 'e')))
                        .iterator());
        history.begin(conduit.id(), T0);

        finish(
                2,
                List.of(
                                put(file("change", 'd')),
                                new Baselines.Change(RelativePath.parse("gone").get(), Option.none()))
                        .iterator());

        assertThat(read(true)
                        .map(entry -> entry.path().value() + " "
                                + entry.hash().get().hex().charAt(0)))
                .containsExactly("change d", "keep a");
    }

    @Test
    void aFailingBaselineWriteLeavesNeitherTheBaselineNorTheGenerationClosed() {
        history.begin(conduit.id(), T0);
        Iterator<Baselines.Change> failing = new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Baselines.Change next() {
                if (given++ == 2) {
                    throw new IllegalStateException("the sync died while settling");
                }
                return put(file("f" + given, 'f'));
            }
        };

        assertThatThrownBy(() -> finish(1, failing)).hasMessageContaining("died");

        assertThat(read(true)).as("one transaction: nothing half written").isEmpty();
        assertThat(history.generations(conduit.id(), 5).head().verification()).isEqualTo(Verification.PENDING);
    }

    private Conflict conflict(String path, Settlement settlement, char source, char target) {
        return new Conflict(
                RelativePath.parse(path).get(),
                ConflictType.BOTH_MODIFIED,
                settlement,
                Option.some(file(path, source)),
                Option.some(file(path, target)));
    }

    @Test
    void pendingConflictsWaitForAnAnswerThatIsDroppedWhenTheVersionsChange() {
        log.record(
                conduit.id(),
                1,
                T0,
                List.of(
                        conflict("a.txt", new Settlement.Pending(), 'a', 'b'),
                        conflict("b.txt", new Settlement.Winner(Side.SOURCE, "newest-wins"), 'c', 'd')));

        List<ConflictRecord> pending = List.ofAll(log.pending(conduit.id()));
        assertThat(pending.map(record -> record.path().value())).containsExactly("a.txt");
        assertThat(log.countPending(conduit.id())).isEqualTo(1);
        assertThat(log.list(Option.none(), true, 10)
                        .map(record -> record.path() + " " + record.settlement().getOrElse("-")))
                .containsExactly("b.txt source wins (newest-wins)", "a.txt -");
        assertThat(log.list(Option.none(), false, 10)
                        .map(record -> record.path().value()))
                .as("only the pending ones")
                .containsExactly("a.txt");
        assertThat(log.list(Option.some(conduit.id()), true, 1)
                        .map(record -> record.path().value()))
                .as("the newest first, as many as asked for")
                .containsExactly("b.txt");
        assertThat(log.list(Option.some(new ConduitId(conduit.id().value() + 1)), true, 10))
                .as("another conduit's")
                .isEmpty();
        long id = pending.head().id();
        log.answer(id, Keep.TARGET);
        assertThat(log.find(id).get().answer()).contains(Keep.TARGET);

        log.record(conduit.id(), 2, T0, List.of(conflict("a.txt", new Settlement.Pending(), 'a', 'b')));
        assertThat(log.find(id).get().answer())
                .as("the same versions: the answer stands")
                .contains(Keep.TARGET);

        log.record(conduit.id(), 3, T0, List.of(conflict("a.txt", new Settlement.Pending(), 'a', 'e')));
        assertThat(log.find(id).get().answer())
                .as("other versions: asked again")
                .isEmpty();
        assertThat(log.find(id).get().pending()).isTrue();
    }

    @Test
    void aPendingConflictIsClosedWhenSettledOrWhenTheSidesAgreeAgain() {
        log.record(
                conduit.id(),
                1,
                T0,
                List.of(
                        conflict("a.txt", new Settlement.Pending(), 'a', 'b'),
                        conflict("b.txt", new Settlement.Pending(), 'c', 'd')));
        long a = log.pending(conduit.id())
                .find(record -> record.path().value().equals("a.txt"))
                .get()
                .id();
        long b = log.pending(conduit.id())
                .find(record -> record.path().value().equals("b.txt"))
                .get()
                .id();

        log.record(
                conduit.id(),
                2,
                T0.plusSeconds(9),
                List.of(conflict("a.txt", new Settlement.Winner(Side.TARGET, "chosen by the user"), 'a', 'b')));

        assertThat(log.countPending(conduit.id())).isZero();
        assertThat(log.find(a).get().settlement()).contains("target wins (chosen by the user)");
        assertThat(log.find(a).get().settledAt()).contains(T0.plusSeconds(9));
        assertThat(log.find(b).get().settlement().get()).startsWith("no longer in conflict");
        assertThat(log.list(Option.some(conduit.id()), false, 10)).isEmpty();
    }

    private static java.util.List<String> paths(IndexStore.EntryCursor cursor) {
        java.util.List<String> paths = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(entry -> paths.add(entry.path().value()));
        }
        return paths;
    }

    @Test
    void foldersReadTheirOwnEntriesInIndexOrderBothWays() {
        history.begin(conduit.id(), T0);
        finish(
                1,
                List.of(
                                put(folder("a")),
                                put(file("a/x", 'a')),
                                put(folder("a/b")),
                                put(file("a/b/y", 'b')),
                                put(file("top", 'c')))
                        .iterator());

        assertThat(paths(baselines.inFolders(
                        conduit.id(),
                        List.of(RelativePath.ROOT, RelativePath.parse("a/b").get()),
                        true)))
                .containsExactly("a", "top", "a/b/y");
        assertThat(paths(baselines.inFolders(
                        conduit.id(), List.of(RelativePath.parse("a/b").get(), RelativePath.ROOT), false)))
                .containsExactly("a/b/y", "top", "a");
    }

    @Test
    void aFolderRenamedInTheIndexTakesEverythingBelowItAndNothingBeside() {
        dev.conduit.domain.index.Location location =
                new MyBatisLocationRepository(library).register("/data", new RootIdentity("1", "9"), T0);
        MyBatisIndexStore store = new MyBatisIndexStore(library);
        store.write(
                location.id(),
                new IndexStore.IndexBatch(
                        List.empty(),
                        List.empty(),
                        List.of(
                                folder("old"),
                                file("old/x", 'a'),
                                folder("old/sub"),
                                file("old/sub/y", 'b'),
                                file("older", 'c'),
                                folder("new-parent"))));

        store.moveTree(
                location.id(),
                RelativePath.parse("old").get(),
                RelativePath.parse("new-parent/renamed").get());

        java.util.List<String> paths = new ArrayList<>();
        try (IndexStore.EntryCursor all = store.byDirectory(location.id(), RelativePath.ROOT)) {
            all.forEachRemaining(entry -> paths.add(entry.path().value()));
        }
        assertThat(paths)
                .containsExactly(
                        "new-parent",
                        "older",
                        "new-parent/renamed",
                        "new-parent/renamed/sub",
                        "new-parent/renamed/x",
                        "new-parent/renamed/sub/y");
        assertThat(paths(store.inFolders(
                        location.id(),
                        List.of(
                                RelativePath.parse("new-parent/renamed").get(),
                                RelativePath.parse("new-parent/renamed/sub").get()),
                        true)))
                .containsExactly("new-parent/renamed/sub", "new-parent/renamed/x", "new-parent/renamed/sub/y");
    }
}
