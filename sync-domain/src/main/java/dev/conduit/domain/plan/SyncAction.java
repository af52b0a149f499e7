package dev.conduit.domain.plan;

import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * One step of a sync plan. Paths are relative to the conduit's roots. Every action carries what the index said about
 * the entries it touches, so that a job can check, just before it writes, that the disk still agrees: an entry that
 * changed after it was indexed is never overwritten or deleted.
 *
 * <p>An action is a {@link Transfer} (carried out by the copy job) or a {@link Delete} (carried out by the delete
 * job). Code that treats each kind of action differently {@linkplain #fold folds} over them instead of testing types:
 * a new kind of action then fails to compile until every such place handles it.
 */
public sealed interface SyncAction permits SyncAction.Transfer, SyncAction.Delete {

    /** One function per kind of action: the one for this action's kind is applied to it. */
    <R> R fold(
            Function<? super MakeDirectory, ? extends R> makeDirectory,
            Function<? super Copy, ? extends R> copy,
            Function<? super Move, ? extends R> move,
            Function<? super SetMetadata, ? extends R> setMetadata,
            Function<? super Delete, ? extends R> delete);

    /** The same over the two jobs' shares: a transfer or a delete. */
    <R> R fold(Function<? super Transfer, ? extends R> transfer, Function<? super Delete, ? extends R> delete);

    RelativePath path();

    Direction direction();

    /** The name of the operation in a plan: {@code mkdir}, {@code copy}, {@code metadata} or {@code delete}. */
    String op();

    /** The kind of entry the action makes or removes. */
    EntryKind kind();

    /** Why, in a few words, for {@code plan}. */
    String reason();

    /**
     * Whether the action puts a file or link where the receiving side has a folder: a copy that can run only once
     * that folder is gone, removed by a delete of its own ({@link DeleteReason#REPLACED}) in an earlier phase.
     */
    default boolean replacesDirectory() {
        return fold(
                make -> false,
                copy -> copy.replaced().exists(IndexEntry::isDirectory),
                move -> false,
                fix -> false,
                delete -> false);
    }

    /**
     * What the copy job carries out, parents first: a directory made, a file or link copied or moved, metadata fixed.
     * Each names the entry the receiving side should end up with.
     */
    sealed interface Transfer extends SyncAction permits MakeDirectory, Copy, Move, SetMetadata {

        /** What the receiving side's entry should be once the transfer is done. */
        IndexEntry wanted();

        /** One function per kind of transfer. */
        <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata);

        @Override
        default <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata,
                Function<? super Delete, ? extends R> delete) {
            return fold(makeDirectory, copy, move, setMetadata);
        }

        @Override
        default <R> R fold(
                Function<? super Transfer, ? extends R> transfer, Function<? super Delete, ? extends R> delete) {
            return transfer.apply(this);
        }
    }

    /**
     * Create a directory like {@code wanted}.
     *
     * @param replaced what is in the way and goes first (a file or link, never a directory)
     */
    record MakeDirectory(Direction direction, IndexEntry wanted, Option<IndexEntry> replaced) implements Transfer {
        @Override
        public <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata) {
            return makeDirectory.apply(this);
        }

        public MakeDirectory {
            if (!wanted.isDirectory() || replaced.exists(IndexEntry::isDirectory)) {
                throw new IllegalArgumentException("mkdir makes a directory where none is: " + wanted.path());
            }
        }

        @Override
        public RelativePath path() {
            return wanted.path();
        }

        @Override
        public String op() {
            return "mkdir";
        }

        @Override
        public EntryKind kind() {
            return EntryKind.DIRECTORY;
        }

        @Override
        public String reason() {
            return replaced.isEmpty()
                    ? "new"
                    : "replaces a " + replaced.get().kind().label();
        }
    }

    /**
     * Make the receiving side's entry a copy of {@code wanted}, a file or a symbolic link: content, modification time
     * and permission bits.
     *
     * @param replaced the version there now, overwritten (and trashed, by the default policy); when it is a
     *                 directory, it has been deleted by the time this runs
     * @param loser    whether the replaced version lost a conflict (it is trashed as a conflict loser)
     */
    record Copy(Direction direction, IndexEntry wanted, Option<IndexEntry> replaced, boolean loser)
            implements Transfer {
        @Override
        public <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata) {
            return copy.apply(this);
        }

        public Copy {
            if (wanted.isDirectory()) {
                throw new IllegalArgumentException("a directory is made, not copied: " + wanted.path());
            }
            if (loser && replaced.isEmpty()) {
                throw new IllegalArgumentException("a conflict's loser is a version that is there: " + wanted.path());
            }
        }

        /** A copy that replaces nothing, or a version that did not lose a conflict. */
        public Copy(Direction direction, IndexEntry wanted, Option<IndexEntry> replaced) {
            this(direction, wanted, replaced, false);
        }

        @Override
        public RelativePath path() {
            return wanted.path();
        }

        @Override
        public String op() {
            return "copy";
        }

        @Override
        public EntryKind kind() {
            return wanted.kind();
        }

        @Override
        public String reason() {
            if (replaced.isEmpty()) {
                return "new";
            }
            IndexEntry current = replaced.get();
            if (loser) {
                return "wins a conflict over the " + direction.to().label() + "'s version";
            }
            return current.kind() == wanted.kind()
                    ? "changed"
                    : "replaces a " + current.kind().label();
        }
    }

    /**
     * Rename {@code current}, an entry only the receiving side has, to {@code wanted}'s path and give it
     * {@code wanted}'s metadata: the sending side renamed the file, and the content need not travel again. The job
     * checks that the two contents are the same (by hash) before it renames, and copies otherwise. A folder is moved
     * with everything in it: the plan found every entry inside it to be the same on both sides.
     */
    record Move(Direction direction, IndexEntry current, IndexEntry wanted) implements Transfer {
        @Override
        public <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata) {
            return move.apply(this);
        }

        public Move {
            if (current.kind() != wanted.kind() || current.path().equals(wanted.path())) {
                throw new IllegalArgumentException("a move takes an entry to another path: " + current.path());
            }
        }

        @Override
        public RelativePath path() {
            return wanted.path();
        }

        @Override
        public String op() {
            return "move";
        }

        @Override
        public EntryKind kind() {
            return wanted.kind();
        }

        @Override
        public String reason() {
            return "renamed from " + current.path();
        }
    }

    /**
     * Give {@code current} the modification time, permission bits and extended attributes of {@code wanted}, and its
     * owner and group when {@code owners} are kept (ADR 0040): the content is the same.
     */
    record SetMetadata(Direction direction, IndexEntry wanted, IndexEntry current, boolean owners) implements Transfer {

        /** Metadata set where owners are not kept. */
        public SetMetadata(Direction direction, IndexEntry wanted, IndexEntry current) {
            this(direction, wanted, current, false);
        }

        @Override
        public <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata) {
            return setMetadata.apply(this);
        }

        @Override
        public RelativePath path() {
            return wanted.path();
        }

        @Override
        public String op() {
            return "metadata";
        }

        @Override
        public EntryKind kind() {
            return wanted.kind();
        }

        @Override
        public String reason() {
            java.util.List<String> parts = new java.util.ArrayList<>(4);
            if (!EntryComparison.sameMtime(wanted, current) && !wanted.isDirectory()) {
                parts.add("time");
            }
            if (!EntryComparison.sameMode(wanted, current)) {
                parts.add("permissions");
            }
            if (!EntryComparison.sameXattrs(wanted, current)) {
                parts.add("extended attributes");
            }
            if (owners && EntryComparison.ownerDiffers(wanted, current)) {
                parts.add("owner");
            }
            if (parts.isEmpty()) {
                return "time";
            }
            String last = parts.remove(parts.size() - 1);
            return parts.isEmpty() ? last : String.join(", ", parts) + " and " + last;
        }
    }

    /** Remove {@code current}; a directory only once it is empty. */
    record Delete(Direction direction, IndexEntry current, DeleteReason why) implements SyncAction {
        @Override
        public <R> R fold(
                Function<? super MakeDirectory, ? extends R> makeDirectory,
                Function<? super Copy, ? extends R> copy,
                Function<? super Move, ? extends R> move,
                Function<? super SetMetadata, ? extends R> setMetadata,
                Function<? super Delete, ? extends R> delete) {
            return delete.apply(this);
        }

        @Override
        public <R> R fold(
                Function<? super Transfer, ? extends R> transfer, Function<? super Delete, ? extends R> delete) {
            return delete.apply(this);
        }

        @Override
        public RelativePath path() {
            return current.path();
        }

        @Override
        public String op() {
            return "delete";
        }

        @Override
        public EntryKind kind() {
            return current.kind();
        }

        @Override
        public String reason() {
            return why.label(direction);
        }
    }
}
