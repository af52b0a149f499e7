package dev.conduit.application.service;

import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.limits.Refusals;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the change journal (ADR 0030) spares a sync (ADR 0031): when the conduit's last generation was clean (verified,
 * no error, no conflict pending) and its settings are the same, only the paths changed on either side since the
 * positions that generation verified are read; when nothing changed, nothing is. Otherwise, or when asked, or when too
 * much changed, both indexes are read whole.
 */
final class ChangeJournal {

    /** Beyond this many changes on one side, or entries below removed paths, a resolve reads the indexes whole. */
    static final int MAX_CHANGES = 50_000;

    /** The name of the files whose rules shape both indexes: one that changed makes a resolve read everything. */
    private static final String IGNORE_FILE = ".conduitignore";

    private final IndexStore store;
    private final SyncHistory history;
    private final ConflictLog conflicts;

    ChangeJournal(IndexStore store, SyncHistory history, ConflictLog conflicts) {
        this.store = store;
        this.history = history;
        this.conflicts = conflicts;
    }

    /**
     * What a sync resolves.
     *
     * @param indexes  both indexes, whole or within the slice of what changed
     * @param since    the positions the slice was read from (the last clean generation's), none when read whole
     * @param at       the positions of both journals when the plan was resolved
     * @param settings the fingerprint of what the plan depends on besides the indexes
     */
    record Resolution(
            Indexes indexes, Option<SyncHistory.Positions> since, SyncHistory.Positions at, String settings) {}

    /** Where both journals are, then what the sync reads: the slice of what changed since, or everything. */
    Resolution resolve(Indexes refreshed, boolean whole) {
        Indexes all = refreshed.whole();
        SyncHistory.Positions at = positions(all);
        String settings = fingerprint(all);
        Option<SyncHistory.Positions> since =
                whole || !sliceable(all) ? Option.none() : reference(all.conduit(), settings);
        Option<Slice> slice = since.flatMap(from -> slice(all, from));
        return new Resolution(
                slice.map(all::within).getOrElse(all), slice.isDefined() ? since : Option.none(), at, settings);
    }

    /**
     * What a verification reads after the jobs: the slice of everything changed since the resolution's start (the
     * jobs' own writes with it), or everything when asked or when the resolution read everything.
     */
    Indexes verifying(Resolution resolution, boolean whole) {
        Indexes all = resolution.indexes().whole();
        if (whole || resolution.since().isEmpty()) {
            return all;
        }
        return slice(all, resolution.since().get()).map(all::within).getOrElse(all);
    }

    /** Where both sides' journals are now. */
    SyncHistory.Positions positions(Indexes indexes) {
        return new SyncHistory.Positions(
                store.journalPosition(indexes.source().location()),
                store.journalPosition(indexes.target().location()));
    }

    /** The positions the conduit's last generation verified, when it was clean and its settings are these. */
    private Option<SyncHistory.Positions> reference(Conduit conduit, String settings) {
        return history.last(conduit.id())
                .filter(last -> last.generation().verification().equals(Verification.VERIFIED)
                        && last.generation().counts().errors() == 0)
                .flatMap(SyncHistory.Last::checkpoint)
                .filter(checkpoint -> checkpoint.settings().equals(settings))
                .filter(checkpoint -> conflicts.countPending(conduit.id()) == 0)
                .map(SyncHistory.Checkpoint::verified);
    }

    /**
     * Whether a plan's paths depend only on themselves, the folders above them and what is below them: not where a
     * mirror's target may refuse a name because of another one beside it (case not told apart, no links).
     */
    private static boolean sliceable(Indexes indexes) {
        return indexes.conduit().settings().mode() == SyncMode.BIDIRECTIONAL
                || !Refusals.possible(indexes.target().traits());
    }

    /** The slice of both sides' changes since the positions, unless too much changed or an ignore file did. */
    private Option<Slice> slice(Indexes all, SyncHistory.Positions since) {
        Slice.Builder builder = new Slice.Builder();
        SyncHistory.Positions gathered = positions(all); // every change up to here is in the slice
        boolean fits = gather(all.source(), since.source(), builder) && gather(all.target(), since.target(), builder);
        if (!fits) {
            return Option.none();
        }
        Slice slice = builder.build(gathered);
        long below = slice.subtrees()
                .map(removed -> all.source().countBelow(removed) + all.target().countBelow(removed))
                .sum()
                .longValue();
        return below > MAX_CHANGES ? Option.none() : Option.some(slice);
    }

    /** One side's changes into the slice, seen from its endpoint; false when the side must be read whole. */
    private boolean gather(EndpointIndex side, long since, Slice.Builder builder) {
        IndexStore.JournalChanges changes = store.changedSince(side.location(), since, MAX_CHANGES);
        if (changes.tooMany()) {
            return false;
        }
        RelativePath prefix = side.prefix();
        for (RelativePath removed : changes.removed()) {
            if (removed.equals(prefix) || removed.isAncestorOf(prefix) || ignoreFile(removed)) {
                return false; // the whole endpoint went, or the rules changed
            }
            if (prefix.isAncestorOf(removed)) {
                builder.removed(removed.relativeTo(prefix));
            }
        }
        for (RelativePath written : changes.written()) {
            if (ignoreFile(written)) {
                return false; // one above the root applies too (a conduit of a folder of the location)
            }
            if (prefix.isAncestorOf(written)) { // else the root or a folder above it: not part of the plan
                builder.written(written.relativeTo(prefix));
            }
        }
        return true;
    }

    private static boolean ignoreFile(RelativePath path) {
        return path.name().equals(IGNORE_FILE);
    }

    /**
     * What the plan depends on besides the indexes, hashed: the roots, the mode, the policies, the ignore rules, what
     * both file systems hold and whether owners are kept (a sync run as root after one run as another user compares
     * what the earlier one did not). {@code conduit edit} changes it; the schedule, parallelism and bandwidth do not.
     */
    static String fingerprint(Indexes indexes) {
        Conduit conduit = indexes.conduit();
        ConduitSettings settings = conduit.settings();
        String described = String.join(
                        "\n",
                        conduit.source().toString(),
                        conduit.target().toString(),
                        indexes.source().prefix().value(),
                        indexes.target().prefix().value(),
                        settings.mode().toString(),
                        settings.conflict().toString(),
                        settings.delete().toString(),
                        settings.ignorePatterns().mkString("\u0000"),
                        Boolean.toString(settings.readIgnoreFiles()),
                        indexes.source().traits().toString(),
                        indexes.target().traits().toString())
                + (indexes.owners() ? "\nowners kept" : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(described.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
