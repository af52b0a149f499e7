package dev.conduit.domain.sync;

import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.IndexEntry;
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

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private MirrorRules() {
    }

    /** The action of the transfer phase for this path, if any. */
    public static Option<SyncAction> transfer(Option<IndexEntry> source, Option<IndexEntry> target) {
        if (source.isEmpty()) {
            return Option.none();
        }
        IndexEntry wanted = source.get();
        if (target.isEmpty()) {
            return Option.some(make(wanted, Option.none()));
        }
        IndexEntry current = target.get();
        if (wanted.kind() != current.kind()) {
            return current.isDirectory() ? Option.none() : Option.some(make(wanted, target));
        }
        if (!sameContent(wanted, current)) {
            return Option.some(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, wanted, target));
        }
        if (!sameMetadata(wanted, current)) {
            return Option.some(new SyncAction.SetMetadata(Direction.SOURCE_TO_TARGET, wanted, current));
        }
        return Option.none();
    }

    /** The delete of the second phase for this path, if any. */
    public static Option<SyncAction.Delete> delete(Option<IndexEntry> source, Option<IndexEntry> target) {
        if (target.isEmpty()) {
            return Option.none();
        }
        IndexEntry current = target.get();
        if (source.isEmpty()) {
            return Option.some(new SyncAction.Delete(Direction.SOURCE_TO_TARGET, current, DeleteReason.NOT_IN_SOURCE));
        }
        if (current.isDirectory() && !source.get().isDirectory()) {
            return Option.some(new SyncAction.Delete(Direction.SOURCE_TO_TARGET, current, DeleteReason.REPLACED));
        }
        return Option.none();
    }

    /** The copy of the third phase: a file or link that takes the place of a directory deleted in the second. */
    public static Option<SyncAction> replacement(Option<IndexEntry> source, Option<IndexEntry> target) {
        if (source.isEmpty() || target.isEmpty()) {
            return Option.none();
        }
        IndexEntry wanted = source.get();
        IndexEntry current = target.get();
        if (current.isDirectory() && !wanted.isDirectory()) {
            return Option.some(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, wanted, target));
        }
        return Option.none();
    }

    /**
     * Whether two entries hold the same content: same kind; for files the same size and then the same hash when both
     * are known, else the same modification time (the quick check of every sync tool); for links the same target.
     * Directories have no content of their own.
     */
    public static boolean sameContent(IndexEntry a, IndexEntry b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case DIRECTORY -> true;
            case SYMLINK -> a.stat().linkTarget().equals(b.stat().linkTarget());
            case FILE -> a.stat().size() == b.stat().size()
                && (a.hash().isDefined() && b.hash().isDefined() ? a.hash().equals(b.hash()) : sameMtime(a, b));
        };
    }

    /**
     * Whether two entries of the same content also agree on what a mirror keeps besides: permission bits (not for
     * links, whose bits mean nothing on Linux) and modification time to the millisecond (not for directories, whose
     * times change with every entry made in them and are restored best effort).
     */
    public static boolean sameMetadata(IndexEntry a, IndexEntry b) {
        boolean sameMode = a.kind() == EntryKind.SYMLINK || a.stat().mode() == b.stat().mode();
        boolean sameTime = a.isDirectory() || sameMtime(a, b);
        return sameMode && sameTime;
    }

    /** Modification times are compared to the millisecond, what every file system worth syncing to keeps. */
    public static boolean sameMtime(IndexEntry a, IndexEntry b) {
        return Math.floorDiv(a.stat().mtimeNanos(), NANOS_PER_MILLI)
            == Math.floorDiv(b.stat().mtimeNanos(), NANOS_PER_MILLI);
    }

    private static SyncAction make(IndexEntry wanted, Option<IndexEntry> replaced) {
        return wanted.isDirectory()
            ? new SyncAction.MakeDirectory(Direction.SOURCE_TO_TARGET, wanted, replaced)
            : new SyncAction.Copy(Direction.SOURCE_TO_TARGET, wanted, replaced);
    }
}
