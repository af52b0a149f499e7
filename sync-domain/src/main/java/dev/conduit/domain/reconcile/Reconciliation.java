package dev.conduit.domain.reconcile;

import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictType;
import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.Direction;
import io.vavr.control.Option;

/**
 * The three-way rule of a bidirectional sync for one path: given what both sides agreed on at the last sync (the
 * baseline) and what each side holds now, what to carry where. Pure; {@link BidirectionalResolver} applies it along
 * the join of the baseline and the two indexes.
 *
 * <p>A side <em>changed</em> the path when it differs from the baseline: appeared, disappeared, another kind, other
 * content (size, and hash where both are known, else modification time), other permission bits, another
 * modification time (a directory's time never counts), or other extended attributes where both are known. A change on one side only is propagated, deletes too; changes
 * on both sides that agree need nothing; anything else is a {@link Conflict}, settled by the conduit's policy.
 */
public final class Reconciliation {

    private Reconciliation() {}

    /** What one path needs. */
    public sealed interface Decision {

        /** Nothing to carry: the two sides hold the same (or nothing), and the baseline may record it. */
        record Agreed() implements Decision {}

        /**
         * Make the receiving side's entry like the sending side's: create, modify, delete or fix metadata.
         *
         * @param loser whether the receiving side's version lost a conflict (it goes to the trash as such)
         */
        record Propagate(Direction direction, boolean loser) implements Decision {}

        /** The sides disagree; the settlement says what happens. */
        record Conflicted(ConflictType type, Settlement settlement) implements Decision {}
    }

    private static final Decision AGREED = new Decision.Agreed();

    /**
     * The three facts beyond the entries that the rule needs.
     *
     * @param policy       the conduit's conflict policy
     * @param decided      what the user chose for this path, if the policy asked and the user answered
     * @param keepsContent whether something below this path survives the sync on a side that lacks the path: a
     *                     directory deleted on one side while entries inside it changed on the other stays, with them
     * @param conflictCopy whether the path is itself a conflict copy, which never becomes a conflict of its own: the
     *                     newer version wins quietly (the other still goes to the trash)
     * @param ground       what both sides' file systems can hold: metadata is compared within it
     */
    public record Context(
            ConflictPolicy policy,
            Option<Keep> decided,
            boolean keepsContent,
            boolean conflictCopy,
            CommonGround ground) {

        /** Between two POSIX file systems. */
        public Context(ConflictPolicy policy, Option<Keep> decided, boolean keepsContent, boolean conflictCopy) {
            this(policy, decided, keepsContent, conflictCopy, CommonGround.FULL);
        }

        public static Context of(ConflictPolicy policy) {
            return new Context(policy, Option.none(), false, false);
        }
    }

    public static Decision decide(
            Option<IndexEntry> base, Option<IndexEntry> source, Option<IndexEntry> target, Context context) {
        boolean sourceChanged = changed(base, source, context.ground());
        boolean targetChanged = changed(base, target, context.ground());
        if (!sourceChanged && !targetChanged) {
            return source.isDefined() && target.isDefined() && !EntryComparison.sameXattrs(source.get(), target.get())
                    ? new Decision.Propagate(Direction.from(newer(source.get(), target.get())), false)
                    : AGREED; // unless they differ in what the baseline did not know: extended attributes
        }
        if (context.keepsContent()) {
            Option<Decision> kept = keepDirectory(source, target, context);
            if (kept.isDefined()) {
                return kept.get();
            }
        }
        if (!targetChanged) {
            return new Decision.Propagate(Direction.SOURCE_TO_TARGET, false);
        }
        if (!sourceChanged) {
            return new Decision.Propagate(Direction.TARGET_TO_SOURCE, false);
        }
        if (source.isEmpty() && target.isEmpty()) {
            return AGREED; // deleted on both sides
        }
        if (source.isEmpty() || target.isEmpty()) {
            return modifiedVersusDeleted(
                    source.isDefined() ? Side.SOURCE : Side.TARGET,
                    source.orElse(target).get(),
                    context);
        }
        return bothPresent(base, source.get(), target.get(), context);
    }

    /**
     * Whether a side changed the path since the baseline. Without a baseline, any entry is a change (a creation);
     * with one, the same tests as a mirror's: content, then permission bits and modification time.
     */
    public static boolean changed(Option<IndexEntry> base, Option<IndexEntry> now) {
        return changed(base, now, CommonGround.FULL);
    }

    /** The same, comparing metadata within what both sides can hold (the baseline holds one side's version). */
    public static boolean changed(Option<IndexEntry> base, Option<IndexEntry> now, CommonGround ground) {
        if (base.isEmpty() || now.isEmpty()) {
            return base.isDefined() != now.isDefined();
        }
        return !EntryComparison.sameContent(base.get(), now.get(), ground)
                || !EntryComparison.sameMetadata(base.get(), now.get(), ground);
    }

    /**
     * The side whose version is newer by modification time; the source on a tie (documented, and what every run
     * decides the same way).
     */
    public static Side newer(IndexEntry source, IndexEntry target) {
        return target.stat().mtimeNanos() > source.stat().mtimeNanos() ? Side.TARGET : Side.SOURCE;
    }

    /** A directory that must stay because of what survives inside it; none when the rule has nothing to add. */
    private static Option<Decision> keepDirectory(
            Option<IndexEntry> source, Option<IndexEntry> target, Context context) {
        boolean sourceDirectory = source.exists(IndexEntry::isDirectory);
        boolean targetDirectory = target.exists(IndexEntry::isDirectory);
        if (sourceDirectory == targetDirectory) {
            return Option.none();
        }
        Side directory = sourceDirectory ? Side.SOURCE : Side.TARGET;
        Option<IndexEntry> other = sourceDirectory ? target : source;
        if (other.isEmpty()) {
            return Option.some(new Decision.Propagate(Direction.from(directory), false)); // made again there
        }
        return Option.some(typeMismatch(directory == Side.SOURCE ? Side.TARGET : Side.SOURCE, context));
    }

    /** File against folder: nothing is lost under any policy; the folder keeps the name, the file is renamed. */
    private static Decision typeMismatch(Side file, Context context) {
        Settlement settlement =
                context.policy() == ConflictPolicy.ASK && context.decided().isEmpty()
                        ? new Settlement.Pending()
                        : new Settlement.KeepBoth(file, "the folder keeps the name");
        return new Decision.Conflicted(ConflictType.TYPE_MISMATCH, settlement);
    }

    private static Decision modifiedVersusDeleted(Side present, IndexEntry entry, Context context) {
        Direction survives = Direction.from(present);
        if (entry.isDirectory() || context.conflictCopy()) {
            return new Decision.Propagate(survives, false); // a folder's entries settle one by one
        }
        if (context.policy() != ConflictPolicy.ASK) {
            return new Decision.Conflicted(
                    ConflictType.MODIFIED_VS_DELETED, new Settlement.Winner(present, "the modification survives"));
        }
        return new Decision.Conflicted(
                ConflictType.MODIFIED_VS_DELETED,
                context.decided()
                        .<Settlement>map(keep -> switch (keep) {
                            case SOURCE -> new Settlement.Winner(Side.SOURCE, "chosen by the user");
                            case TARGET -> new Settlement.Winner(Side.TARGET, "chosen by the user");
                            case BOTH ->
                                new Settlement.Winner(present, "chosen by the user: the modification survives");
                        })
                        .getOrElse(new Settlement.Pending()));
    }

    private static Decision bothPresent(
            Option<IndexEntry> base, IndexEntry source, IndexEntry target, Context context) {
        if (source.isDirectory() != target.isDirectory()) {
            return typeMismatch(source.isDirectory() ? Side.TARGET : Side.SOURCE, context);
        }
        if (EntryComparison.sameContent(source, target, context.ground())) {
            return EntryComparison.sameMetadata(source, target, context.ground())
                    ? AGREED
                    : metadataOnly(base, source, target, context);
        }
        Side newer = newer(source, target);
        if (context.conflictCopy()) {
            return new Decision.Propagate(Direction.from(newer), true);
        }
        ConflictType type = base.isEmpty() ? ConflictType.BOTH_CREATED : ConflictType.BOTH_MODIFIED;
        return new Decision.Conflicted(type, settle(source, target, context));
    }

    /**
     * The same content on both sides, other metadata. Created on both sides, or changed to the same new content: the
     * later time for both. Content left alone: each side's changes of permission bits and time since the baseline are
     * carried to the other; when both sides changed them, each in a way the other does not hold, that is a conflict
     * ({@code both-modified}) settled by the policy. There is no second version of the content to keep, so keeping
     * both means the newer metadata for both.
     */
    private static Decision metadataOnly(
            Option<IndexEntry> base, IndexEntry source, IndexEntry target, Context context) {
        if (base.isEmpty()
                || !EntryComparison.sameContent(base.get(), source, context.ground())
                || context.conflictCopy()) {
            return new Decision.Propagate(Direction.from(newer(source, target)), false);
        }
        boolean sourceCarries = carriesChange(base.get(), source, target, context.ground());
        boolean targetCarries = carriesChange(base.get(), target, source, context.ground());
        if (sourceCarries && targetCarries) {
            Settlement settlement = settle(source, target, context);
            return new Decision.Conflicted(
                    ConflictType.BOTH_MODIFIED,
                    settlement instanceof Settlement.KeepBoth keepBoth
                            ? new Settlement.Winner(
                                    newer(source, target),
                                    keepBoth.rule() + ": one content, so the newer permissions and time")
                            : settlement);
        }
        Side carrier = sourceCarries ? Side.SOURCE : targetCarries ? Side.TARGET : newer(source, target);
        return new Decision.Propagate(Direction.from(carrier), false);
    }

    /**
     * Whether {@code side} changed its permission bits, time, extended attributes or owner since {@code base} to ones
     * {@code other} lacks, as far as both sides can hold them.
     */
    private static boolean carriesChange(IndexEntry base, IndexEntry side, IndexEntry other, CommonGround ground) {
        boolean mode = !ground.sameMode(side.stat().mode(), base.stat().mode())
                && !ground.sameMode(side.stat().mode(), other.stat().mode());
        boolean time = !side.isDirectory()
                && !EntryComparison.sameMtime(side, base, ground)
                && !EntryComparison.sameMtime(side, other, ground);
        boolean xattrs = !EntryComparison.sameXattrs(side, base) && !EntryComparison.sameXattrs(side, other);
        boolean owner =
                !EntryComparison.sameOwner(side, base, ground) && !EntryComparison.sameOwner(side, other, ground);
        return mode || time || xattrs || owner;
    }

    private static Settlement settle(IndexEntry source, IndexEntry target, Context context) {
        Side newer = newer(source, target);
        Side older = newer == Side.SOURCE ? Side.TARGET : Side.SOURCE;
        return switch (context.policy()) {
            case NEWEST_WINS -> new Settlement.Winner(newer, ConflictPolicy.NEWEST_WINS.label());
            case SOURCE_WINS -> new Settlement.Winner(Side.SOURCE, ConflictPolicy.SOURCE_WINS.label());
            case TARGET_WINS -> new Settlement.Winner(Side.TARGET, ConflictPolicy.TARGET_WINS.label());
            case LARGEST_WINS ->
                new Settlement.Winner(largest(source, target).getOrElse(newer), ConflictPolicy.LARGEST_WINS.label());
            case KEEP_BOTH -> new Settlement.KeepBoth(older, ConflictPolicy.KEEP_BOTH.label());
            case ASK ->
                context.decided()
                        .<Settlement>map(keep -> switch (keep) {
                            case SOURCE -> new Settlement.Winner(Side.SOURCE, "chosen by the user");
                            case TARGET -> new Settlement.Winner(Side.TARGET, "chosen by the user");
                            case BOTH -> new Settlement.KeepBoth(older, "chosen by the user");
                        })
                        .getOrElse(new Settlement.Pending());
        };
    }

    private static Option<Side> largest(IndexEntry source, IndexEntry target) {
        long difference = source.stat().size() - target.stat().size();
        return difference == 0 ? Option.none() : Option.some(difference > 0 ? Side.SOURCE : Side.TARGET);
    }
}
