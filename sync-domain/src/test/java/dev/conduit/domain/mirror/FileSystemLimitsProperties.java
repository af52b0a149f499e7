package dev.conduit.domain.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.limits.Refusals;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.plan.SyncPlan;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A mirror into a file system that holds less than the source's (coarse times, no permission bits, no links, names
 * that differ only in case taken for one): carried out on a model of that file system, it never writes one name over
 * another, never makes what cannot be held, and the next plan is empty; whatever did not arrive was refused.
 */
class FileSystemLimitsProperties {

    @Property(tries = 400)
    void aMirrorIntoALesserFileSystemSettlesInOneSync(
            @ForAll("trees") List<IndexEntry> source, @ForAll("traits") FileSystemTraits target) {
        SyncPlan plan = MirrorResolver.plan(source, List.empty(), FileSystemTraits.POSIX, target);
        Map<String, IndexEntry> disk = new TreeMap<>();

        plan.actions().forEach(action -> write(action, disk, target));

        List<IndexEntry> held = List.ofAll(disk.values());
        assertThat(MirrorResolver.plan(source, held, FileSystemTraits.POSIX, target)
                        .actions())
                .isEmpty();
        Refusals refused = MirrorResolver.refusals(
                source.sorted(Pairing.ASCENDING).iterator(),
                held.sorted(Pairing.ASCENDING).iterator(),
                target);
        for (IndexEntry entry : source) {
            boolean arrived = held.exists(there -> there.path().equals(entry.path()));
            assertThat(arrived || refused.covers(entry.path()))
                    .as("%s arrived or was refused", entry.path())
                    .isTrue();
            assertThat(arrived && refused.covers(entry.path()))
                    .as("%s both arrived and refused", entry.path())
                    .isFalse();
        }
    }

    /** What the file system makes of a write: one name per key, times truncated, bits lost where not kept. */
    private static void write(SyncAction action, Map<String, IndexEntry> disk, FileSystemTraits traits) {
        String key = key(action.path(), traits);
        IndexEntry there = disk.get(key);
        if (action instanceof SyncAction.Delete) {
            disk.remove(key);
            return;
        }
        IndexEntry wanted = action instanceof SyncAction.MakeDirectory make
                ? make.wanted()
                : action instanceof SyncAction.Copy copy ? copy.wanted() : ((SyncAction.SetMetadata) action).wanted();
        assertThat(there == null || there.path().equals(action.path()))
                .as("%s written over %s", action.path(), there == null ? null : there.path())
                .isTrue();
        assertThat(!wanted.stat().linkTarget().isDefined() || traits.symlinks())
                .as("a link made where none can be")
                .isTrue();
        FileStat stat = wanted.stat();
        long granule = traits.mtime().nanos();
        FileStat kept = new FileStat(
                stat.kind(),
                stat.size(),
                Math.floorDiv(stat.mtimeNanos(), granule) * granule,
                traits.permissions() ? stat.mode() : 0777,
                stat.fileKey(),
                stat.linkTarget());
        disk.put(key, new IndexEntry(wanted.path(), kept, wanted.hash(), wanted.indexedAtNanos()));
    }

    private static String key(RelativePath path, FileSystemTraits traits) {
        return traits.caseSensitive() ? path.value() : Refusals.fold(path.value());
    }

    @Provide
    Arbitrary<FileSystemTraits> traits() {
        return Combinators.combine(
                        Arbitraries.of(TimeGranularity.class),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as((time, permissions, symlinks, caseSensitive) ->
                        new FileSystemTraits(time, permissions, symlinks, false, caseSensitive, false));
    }

    @Provide
    Arbitrary<List<IndexEntry>> trees() {
        Arbitrary<String> segment = Arbitraries.of("a", "A", "b", "B", "é", "É");
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        Arbitrary<IndexEntry> entry = Combinators.combine(
                        path,
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.longs().between(0, 5_000_000_000L),
                        Arbitraries.of(0644, 0600, 0755))
                .as(FileSystemLimitsProperties::entry);
        return entry.list().ofMaxSize(14).map(MirrorResolverProperties::consistent);
    }

    private static IndexEntry entry(String raw, int kind, long time, int mode) {
        RelativePath path = RelativePath.parse(raw).get();
        long mtime = Entries.T0 + time;
        return switch (kind) {
            case 0, 1 ->
                new IndexEntry(path, FileStat.directory(mtime, mode, Option.none()), Option.none(), Entries.T0);
            case 2 ->
                new IndexEntry(path, FileStat.symlink("to", mtime, 0777, Option.none()), Option.none(), Entries.T0);
            default ->
                new IndexEntry(
                        path,
                        FileStat.file(3, mtime, mode, Option.none()),
                        Option.some(Entries.hash((char) ('a' + time % 3))),
                        Entries.T0);
        };
    }
}
