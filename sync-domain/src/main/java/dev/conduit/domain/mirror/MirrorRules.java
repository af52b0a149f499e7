package dev.conduit.domain.mirror;

import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;

/**
 * What a mirror does with one path, given what the source's and the target's indexes hold there. Pure functions of
 * the two entries; {@link MirrorResolver} applies them along the join of the two indexes. Whether two entries are
 * the same is {@link EntryComparison}'s to say.
 *
 * <p>A plan runs in three phases: transfers (directories made, files and links copied, metadata fixed) in directory
 * order, parents first; then deletes, children first; then the few copies that had to wait for a directory to be
 * deleted (a directory in the target replaced by a file or link in the source).
 */
public final class MirrorRules {

    private MirrorRules() {}

    /** The action of the transfer phase for this path, if any. */
    public static Option<SyncAction.Transfer> transfer(Option<IndexEntry> source, Option<IndexEntry> target) {
        return transfer(Direction.SOURCE_TO_TARGET, source, target);
    }

    /**
     * The transfer that makes the receiving side's entry like the sending side's, in either direction (the rules of
     * a mirror are the rules of one propagation).
     */
    public static Option<SyncAction.Transfer> transfer(
            Direction direction, Option<IndexEntry> sending, Option<IndexEntry> receiving) {
        return transfer(direction, sending, receiving, CommonGround.FULL);
    }

    /** The same, comparing metadata within what both sides can hold. */
    public static Option<SyncAction.Transfer> transfer(
            Direction direction, Option<IndexEntry> sending, Option<IndexEntry> receiving, CommonGround ground) {
        if (sending.isEmpty()) {
            return Option.none();
        }
        IndexEntry wanted = sending.get();
        if (receiving.isEmpty()) {
            return Option.some(make(direction, wanted, Option.none()));
        }
        IndexEntry current = receiving.get();
        if (wanted.kind() != current.kind()) {
            return current.isDirectory() ? Option.none() : Option.some(make(direction, wanted, receiving));
        }
        if (!EntryComparison.sameContent(wanted, current, ground)) {
            return Option.some(new SyncAction.Copy(direction, wanted, receiving));
        }
        if (!EntryComparison.sameMetadata(wanted, current, ground)) {
            return Option.some(new SyncAction.SetMetadata(direction, wanted, current, ground.owners()));
        }
        return Option.none();
    }

    /** The delete of the second phase for this path, if any. */
    public static Option<SyncAction.Delete> delete(Option<IndexEntry> source, Option<IndexEntry> target) {
        return delete(Direction.SOURCE_TO_TARGET, source, target, DeleteReason.NOT_IN_SOURCE);
    }

    /**
     * The delete that one propagation needs on the receiving side: the entry where the sending side has none (for
     * {@code absent}), or a directory where the sending side has a file or link.
     */
    public static Option<SyncAction.Delete> delete(
            Direction direction, Option<IndexEntry> sending, Option<IndexEntry> receiving, DeleteReason absent) {
        if (receiving.isEmpty()) {
            return Option.none();
        }
        IndexEntry current = receiving.get();
        if (sending.isEmpty()) {
            return Option.some(new SyncAction.Delete(direction, current, absent));
        }
        if (current.isDirectory() && !sending.get().isDirectory()) {
            return Option.some(new SyncAction.Delete(direction, current, DeleteReason.REPLACED));
        }
        return Option.none();
    }

    /** The copy of the third phase: a file or link that takes the place of a directory deleted in the second. */
    public static Option<SyncAction.Transfer> replacement(Option<IndexEntry> source, Option<IndexEntry> target) {
        return replacement(Direction.SOURCE_TO_TARGET, source, target);
    }

    /** The same in either direction. */
    public static Option<SyncAction.Transfer> replacement(
            Direction direction, Option<IndexEntry> sending, Option<IndexEntry> receiving) {
        if (sending.isEmpty() || receiving.isEmpty()) {
            return Option.none();
        }
        IndexEntry wanted = sending.get();
        IndexEntry current = receiving.get();
        if (current.isDirectory() && !wanted.isDirectory()) {
            return Option.some(new SyncAction.Copy(direction, wanted, receiving));
        }
        return Option.none();
    }

    /**
     * Whether the receiving root is as the sending root, as far as a mirror keeps a root's metadata (ADR 0040): its
     * permission bits where both sides keep them, its modification time within the common granularity, its owner
     * where owners are kept. A root is not an entry of its index: this is asked of what an lstat of each says now.
     */
    public static boolean sameRoot(FileStat sending, FileStat receiving, CommonGround ground) {
        return ground.sameMode(sending.mode(), receiving.mode())
                && ground.sameTime(sending.mtimeNanos(), receiving.mtimeNanos())
                && ground.sameOwner(sending, receiving);
    }

    private static SyncAction.Transfer make(Direction direction, IndexEntry wanted, Option<IndexEntry> replaced) {
        return wanted.isDirectory()
                ? new SyncAction.MakeDirectory(direction, wanted, replaced)
                : new SyncAction.Copy(direction, wanted, replaced);
    }
}
