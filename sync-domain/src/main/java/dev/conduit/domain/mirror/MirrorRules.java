package dev.conduit.domain.mirror;

import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.limits.CommonGround;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;

/**
 * What a mirror does with one path, given what the source's and the target's indexes hold there. Pure functions of
 * the two entries; {@link MirrorResolver} applies them along the join of the two indexes.
 *
 * <p>A plan runs in three phases: transfers (directories made, files and links copied, metadata fixed) in directory
 * order, parents first; then deletes, children first; then the few copies that had to wait for a directory to be
 * deleted (a directory in the target replaced by a file or link in the source).
 */
public final class MirrorRules {

    private MirrorRules() {}

    /** The action of the transfer phase for this path, if any. */
    public static Option<SyncAction> transfer(Option<IndexEntry> source, Option<IndexEntry> target) {
        return transfer(Direction.SOURCE_TO_TARGET, source, target);
    }

    /**
     * The transfer that makes the receiving side's entry like the sending side's, in either direction (the rules of
     * a mirror are the rules of one propagation).
     */
    public static Option<SyncAction> transfer(
            Direction direction, Option<IndexEntry> sending, Option<IndexEntry> receiving) {
        return transfer(direction, sending, receiving, CommonGround.FULL);
    }

    /** The same, comparing metadata within what both sides can hold. */
    public static Option<SyncAction> transfer(
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
        if (!sameContent(wanted, current, ground)) {
            return Option.some(new SyncAction.Copy(direction, wanted, receiving));
        }
        if (!sameMetadata(wanted, current, ground)) {
            return Option.some(new SyncAction.SetMetadata(direction, wanted, current));
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
    public static Option<SyncAction> replacement(Option<IndexEntry> source, Option<IndexEntry> target) {
        return replacement(Direction.SOURCE_TO_TARGET, source, target);
    }

    /** The same in either direction. */
    public static Option<SyncAction> replacement(
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
     * Whether two entries hold the same content: same kind; for files the same size and then the same hash when both
     * are known, else the same modification time (the quick check of every sync tool); for links the same target.
     * Directories have no content of their own.
     */
    public static boolean sameContent(IndexEntry a, IndexEntry b) {
        return sameContent(a, b, CommonGround.FULL);
    }

    /** The same, with modification times compared within what both sides can hold. */
    public static boolean sameContent(IndexEntry a, IndexEntry b, CommonGround ground) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case DIRECTORY -> true;
            case SYMLINK -> a.stat().linkTarget().equals(b.stat().linkTarget());
            case FILE ->
                a.stat().size() == b.stat().size()
                        && (a.hash().isDefined() && b.hash().isDefined()
                                ? a.hash().equals(b.hash())
                                : sameMtime(a, b, ground));
        };
    }

    /**
     * Whether two entries of the same content also agree on what a mirror keeps besides: permission bits (not for
     * links, whose bits mean nothing on Linux), modification time to the millisecond (not for directories, whose
     * times change with every entry made in them and are restored best effort), and extended attributes where both
     * sides know them (a file system without them cannot hold them, and is not different for that).
     */
    public static boolean sameMetadata(IndexEntry a, IndexEntry b) {
        return sameMetadata(a, b, CommonGround.FULL);
    }

    /**
     * The same within what both sides can hold: permission bits only when both keep them, times to the coarser
     * granularity of the two (see {@link CommonGround}), extended attributes where both sides know them.
     */
    public static boolean sameMetadata(IndexEntry a, IndexEntry b, CommonGround ground) {
        return sameMode(a, b, ground) && (a.isDirectory() || sameMtime(a, b, ground)) && sameXattrs(a, b);
    }

    public static boolean sameMode(IndexEntry a, IndexEntry b) {
        return sameMode(a, b, CommonGround.FULL);
    }

    /** Permission bits, where both sides keep them (a link's mean nothing on Linux). */
    public static boolean sameMode(IndexEntry a, IndexEntry b, CommonGround ground) {
        return a.kind() == EntryKind.SYMLINK
                || ground.sameMode(a.stat().mode(), b.stat().mode());
    }

    /** Extended attributes differ only where both sides know them (a side that cannot hold them knows none). */
    public static boolean sameXattrs(IndexEntry a, IndexEntry b) {
        return !RescanRules.bothKnownAndDifferent(a.xattrs(), b.xattrs());
    }

    /** Modification times are compared to the millisecond, what every POSIX file system worth syncing to keeps. */
    public static boolean sameMtime(IndexEntry a, IndexEntry b) {
        return sameMtime(a, b, CommonGround.FULL);
    }

    /** Modification times compared to the coarser granularity of the two sides, never finer than a millisecond. */
    public static boolean sameMtime(IndexEntry a, IndexEntry b, CommonGround ground) {
        return ground.sameTime(a.stat().mtimeNanos(), b.stat().mtimeNanos());
    }

    private static SyncAction make(Direction direction, IndexEntry wanted, Option<IndexEntry> replaced) {
        return wanted.isDirectory()
                ? new SyncAction.MakeDirectory(direction, wanted, replaced)
                : new SyncAction.Copy(direction, wanted, replaced);
    }
}
