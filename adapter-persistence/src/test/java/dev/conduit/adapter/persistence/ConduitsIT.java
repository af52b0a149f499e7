package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.DeletePolicy;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Schedule;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.generation.FinishedSyncs;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncTotals;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conduits, generations, the trash ledger and sync locks against a real SQLite file. */
class ConduitsIT {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    java.nio.file.Path folder;

    private LibraryFolder libraryFolder;
    private MyBatisConduitRepository conduits;
    private MyBatisSyncHistory history;
    private MyBatisTrashLedger ledger;

    @BeforeEach
    void library() {
        libraryFolder = new LibraryFolder(folder.resolve("lib"));
        Library library = new Library(libraryFolder);
        conduits = new MyBatisConduitRepository(library);
        history = new MyBatisSyncHistory(library);
        ledger = new MyBatisTrashLedger(library);
    }

    private static Endpoint endpoint(String root) {
        return new Endpoint(root, new RootIdentity("2049", "2049:" + root.length()));
    }

    private Conduit add(String name) {
        return conduits.add(
                        new ConduitName(name),
                        endpoint("/data/" + name),
                        endpoint("/backup/" + name),
                        ConduitSettings.DEFAULTS,
                        T0)
                .get();
    }

    @Test
    void aConduitComesBackWithEverySetting() {
        ConduitSettings settings = new ConduitSettings(
                SyncMode.BIDIRECTIONAL,
                new Schedule.Interval(Duration.ofMinutes(15)),
                ConflictPolicy.KEEP_BOTH,
                DeletePolicy.PERMANENT,
                List.of("*.log", "/build/", "!keep.log"),
                false,
                8,
                BandwidthLimit.parse("10M").get());
        Conduit added = conduits.add(
                        new ConduitName("docs é"), endpoint("/data/docs"), endpoint("/backup/docs"), settings, T0)
                .get();

        Conduit found = conduits.findById(added.id()).get();

        assertThat(found).isEqualTo(added);
        assertThat(found.settings()).isEqualTo(settings);
        assertThat(conduits.findByName(new ConduitName("docs é"))).contains(added);
        assertThat(added.id()).isEqualTo(new ConduitId(1));
        assertThat(add("second").id()).isEqualTo(new ConduitId(2));
        assertThat(conduits.all().map(Conduit::id)).containsExactly(new ConduitId(1), new ConduitId(2));
    }

    @Test
    void anUpdateReplacesNameSettingsStateAndEndpoints() {
        Conduit added = add("docs");
        Conduit changed = added.withName(new ConduitName("papers"))
                .withEnabled(false)
                .paused("the source is missing")
                .withEndpoints(endpoint("/data/docs"), new Endpoint("/backup/docs", new RootIdentity("7", "7:1")));

        conduits.update(changed);

        assertThat(conduits.findById(added.id())).contains(changed);
        assertThat(conduits.findByName(new ConduitName("docs"))).isEmpty();
    }

    @Test
    void aGenerationKeepsItsCheckpointAndTheLastOneIsFoundWithIt() {
        Conduit docs = add("docs");
        assertThat(history.last(docs.id())).isEmpty();
        Generation first = history.begin(docs.id(), T0);
        assertThat(history.last(docs.id()).map(last -> last.generation().number()))
                .as("a pending generation is the last one")
                .contains(first.number());
        assertThat(history.last(docs.id()).flatMap(SyncHistory.Last::checkpoint))
                .as("none recorded yet")
                .isEmpty();
        SyncHistory.Checkpoint checkpoint = new SyncHistory.Checkpoint(
                new SyncHistory.Positions(7, 3), new SyncHistory.Positions(7, 9), "fingerprint");
        history.checkpoint(docs.id(), first.number(), checkpoint);
        history.finish(
                docs.id(),
                first.number(),
                T0.plusSeconds(5),
                GenerationCounts.ZERO,
                Verification.VERIFIED,
                Option.none(),
                java.util.Collections.emptyIterator());
        SyncHistory.Last last = history.last(docs.id()).get();
        assertThat(last.checkpoint()).contains(checkpoint);
        assertThat(last.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(last.generation().completedAt()).contains(T0.plusSeconds(5));

        Generation killed = history.begin(docs.id(), T0.plusSeconds(60));
        assertThat(history.last(docs.id()).map(next -> next.generation().number()))
                .contains(killed.number());
        assertThat(history.last(docs.id()).flatMap(SyncHistory.Last::checkpoint))
                .as("the newest generation recorded none: an older checkpoint is not handed out")
                .isEmpty();
        assertThat(history.last(add("photos").id())).isEmpty();
    }

    @Test
    void generationsAreNumberedPerConduitAndAddUpToTheTotals() {
        Conduit docs = add("docs");
        Conduit photos = add("photos");
        Generation first = history.begin(docs.id(), T0);
        history.finish(
                docs.id(),
                first.number(),
                T0.plusSeconds(5),
                new GenerationCounts(3, 1, 0, 300, 0),
                Verification.VERIFIED,
                Option.none(),
                java.util.Collections.emptyIterator());
        Generation second = history.begin(docs.id(), T0.plusSeconds(60));
        history.progress(
                docs.id(),
                second.number(),
                new SyncProgress("copying", 1, 2, 10, 20, 5, "a/b.txt", T0.plusSeconds(61)));
        Generation other = history.begin(photos.id(), T0);
        Generation killed = history.begin(photos.id(), T0.plusSeconds(1));
        assertThat(history.closeInterrupted(photos.id())).isEqualTo(2);
        assertThat(history.generations(photos.id(), 5).map(g -> g.verification().label()))
                .containsExactly("failed:interrupted", "failed:interrupted");
        assertThat(killed.number()).isEqualTo(2);
        Generation after = history.begin(photos.id(), T0.plusSeconds(2));
        assertThat(after.resumedFrom()).as("carries on the killed one").contains(2L);
        assertThat(history.generations(photos.id(), 1).head().resumedFrom()).contains(2L);
        assertThat(other.resumedFrom()).isEmpty();

        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(other.number()).isEqualTo(1);
        assertThat(history.progressOf(docs.id(), 2))
                .contains(new SyncProgress("copying", 1, 2, 10, 20, 5, "a/b.txt", T0.plusSeconds(61)));
        assertThat(history.generations(docs.id(), 10).map(Generation::verification))
                .containsExactly(Verification.PENDING, Verification.VERIFIED);

        history.finish(
                docs.id(),
                2,
                T0.plusSeconds(70),
                new GenerationCounts(0, 0, 0, 0, 2),
                new Verification.Failed("2 actions left"),
                Option.some("copy a: permission denied"),
                java.util.Collections.emptyIterator());

        Generation latest = history.generations(docs.id(), 1).head();
        assertThat(latest.verification().label()).isEqualTo("failed:2 actions left");
        assertThat(latest.completedAt()).contains(T0.plusSeconds(70));
        assertThat(latest.counts().errors()).isEqualTo(2);
        assertThat(history.progressOf(docs.id(), 2)).isEmpty();
        SyncTotals totals = history.totals(docs.id());
        assertThat(totals.syncs()).isEqualTo(2);
        assertThat(totals.filesSynced()).isEqualTo(4);
        assertThat(totals.bytesTransferred()).isEqualTo(300);
        assertThat(totals.lastCompletedAt()).contains(T0.plusSeconds(70));
        assertThat(totals.lastError()).contains("copy a: permission denied");
        // docs: one verified, one failed; photos: two killed, one running (not finished)
        assertThat(history.finishedSince(T0))
                .isEqualTo(new FinishedSyncs(4, 1, 4, 300, 0, 2, java.time.Duration.ofMillis(7_500)));
        assertThat(history.finishedSince(T0).successRate()).contains(25.0);
        assertThat(history.finishedSince(T0.plusSeconds(2)))
                .as("only what started since")
                .isEqualTo(new FinishedSyncs(1, 0, 0, 0, 0, 2, java.time.Duration.ofSeconds(10)));
        assertThat(history.finishedSince(T0.plusSeconds(3600))).isEqualTo(FinishedSyncs.NONE);
    }

    @Test
    void theTrashLedgerOutlivesItsConduit() {
        Conduit docs = add("docs");
        TrashedVersion.New old = version(docs, "a/old.txt", T0);
        TrashedVersion.New recent = version(docs, "b.txt", T0.plusSeconds(3600));
        ledger.confirm(ledger.recordPending(List.of(old, recent)));

        assertThat(ledger.list(Option.some(docs.id())).map(TrashedVersion::path).map(RelativePath::value))
                .containsExactly("b.txt", "a/old.txt");
        assertThat(ledger.trashedBefore(T0.plusSeconds(1)).map(v -> v.path().value()))
                .containsExactly("a/old.txt");

        conduits.remove(docs.id());
        assertThat(conduits.findById(docs.id())).isEmpty();
        TrashedVersion orphan = ledger.list(Option.none()).head();
        assertThat(orphan.conduit()).isEmpty();
        assertThat(orphan.originalAt()).isEqualTo("/backup/docs/b.txt");
        ledger.forget(orphan.id());
        assertThat(ledger.find(orphan.id())).isEmpty();
        assertThat(ledger.list(Option.none())).hasSize(1);
    }

    @Test
    void aVersionIsRecordedPendingBeforeItMovesAndListedOnlyOnceConfirmed() {
        Conduit docs = add("docs");
        io.vavr.collection.Seq<Long> ids =
                ledger.recordPending(List.of(version(docs, "a.txt", T0), version(docs, "b.txt", T0)));
        long moving = ids.get(0);
        long left = ids.get(1);

        assertThat(ledger.pending().map(TrashedVersion::id)).containsExactly(moving, left);
        assertThat(ledger.list(Option.none()))
                .as("not in the trash yet, as far as anyone knows")
                .isEmpty();
        assertThat(ledger.find(moving)).isEmpty();
        assertThat(ledger.trashedBefore(T0.plusSeconds(1)))
                .as("never purged while pending")
                .isEmpty();

        ledger.confirm(List.of(moving));
        ledger.forget(left);

        assertThat(ledger.pending()).isEmpty();
        assertThat(ledger.list(Option.some(docs.id())).map(TrashedVersion::id)).containsExactly(moving);
        assertThat(ledger.find(moving).map(v -> v.path().value())).contains("a.txt");
    }

    @Test
    void anAgentRecordsAnotherHostsVersionsOfNoConduitAndOnceWhenTheLibrariesAreOne() {
        Conduit docs = add("docs");
        TrashedVersion.New mine = version(docs, "a.txt", T0);
        long recordedByTheClient = ledger.recordPending(List.of(mine)).head();
        TrashedVersion.New theirs = new TrashedVersion.New(
                new ConduitId(999), // the other library's conduit: no conduit here
                3,
                Side.TARGET,
                RelativePath.parse("b.txt").get(),
                "/backup/docs/b.txt",
                EntryKind.FILE,
                TrashReason.OVERWRITTEN,
                7,
                T0,
                "/lib/trash/agent/b.txt");

        io.vavr.collection.Seq<Option<Long>> ids = ledger.recordPendingForAnotherHost(List.of(mine, theirs));

        assertThat(ids.get(0))
                .as("its place is recorded already: the two libraries are one")
                .isEmpty();
        assertThat(ids.get(1)).isNotEmpty();
        ledger.confirm(List.of(recordedByTheClient, ids.get(1).get()));
        assertThat(ledger.list(Option.none()).map(v -> v.path().value() + " " + v.conduit()))
                .containsExactlyInAnyOrder("a.txt Some(" + docs.id() + ")", "b.txt None");

        ledger.forgetStored("/lib/trash/agent/b.txt");
        ledger.forgetStored("/lib/trash/agent/nothing-there");

        assertThat(ledger.list(Option.none()).map(v -> v.path().value())).containsExactly("a.txt");
    }

    @Test
    void aSyncLockIsHeldOnceAndFreedOnClose() {
        FileSyncLocks locks = new FileSyncLocks(libraryFolder);
        ConduitId id = new ConduitId(3);

        Option<SyncLocks.Held> first = locks.tryLock(id);
        assertThat(first).isNotEmpty();
        assertThat(locks.tryLock(id)).isEmpty();
        assertThat(locks.isLocked(id)).isTrue();
        assertThat(locks.tryLock(new ConduitId(4)).map(held -> {
                    held.close();
                    return true;
                }))
                .contains(true);

        first.get().close();
        assertThat(locks.isLocked(id)).isFalse();
        assertThat(locks.tryLock(id)).isNotEmpty();
    }

    private static TrashedVersion.New version(Conduit conduit, String path, Instant at) {
        return new TrashedVersion.New(
                conduit.id(),
                1,
                Side.TARGET,
                RelativePath.parse(path).get(),
                conduit.target().root() + "/" + path,
                EntryKind.FILE,
                TrashReason.DELETED,
                42,
                at,
                "/lib/trash/" + conduit.id() + "/1/target/" + path);
    }

    /** Two processes adding a conduit of the same name or pair at once: the second is told, not given SQL. */
    @Test
    void aNameOrPairTakenMeanwhileIsNoneNotAnError() {
        Conduit first = add("docs");

        assertThat(conduits.add(
                        new ConduitName("docs"),
                        endpoint("/data/other"),
                        endpoint("/backup/other"),
                        ConduitSettings.DEFAULTS,
                        T0))
                .isEmpty();
        assertThat(conduits.add(new ConduitName("other"), first.source(), first.target(), ConduitSettings.DEFAULTS, T0))
                .isEmpty();
        assertThat(conduits.all()).containsExactly(first);
    }
}
