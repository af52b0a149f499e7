package dev.conduit.application.port.out;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.function.Consumer;

/** The entries of each location's index: read a directory at a time, written in batches. */
public interface IndexStore {

    /** The entry at one path, if the index has it. */
    Option<IndexEntry> entry(LocationId location, RelativePath path);

    /**
     * The entries at these paths that the index has, in the order of the paths: one read for many paths (a slice of
     * what changed, ADR 0031). By default one {@link #entry} each.
     */
    default Seq<IndexEntry> entries(LocationId location, Seq<RelativePath> paths) {
        return paths.flatMap(path -> entry(location, path));
    }

    /**
     * Every entry of the location below {@code under} (all of them for the root), grouped by directory: ordered by
     * parent path, then name, both in code-point order (the order of their UTF-8 bytes). One query, streamed; close it
     * when done.
     */
    EntryCursor byDirectory(LocationId location, RelativePath under);

    /** The same entries in exactly the reverse order: children before their parents. */
    EntryCursor byDirectoryDescending(LocationId location, RelativePath under);

    /** The entries directly inside a directory of the location, in code-point order of their names. */
    Seq<IndexEntry> children(LocationId location, RelativePath directory);

    /**
     * The entries directly inside the given folders, in the order of {@link #byDirectory} (or its reverse): what a
     * full cursor would give for those folders only. {@code folders} are in code-point order.
     */
    EntryCursor inFolders(LocationId location, Seq<RelativePath> folders, boolean ascending);

    /** How many files and links (not directories) the location holds below {@code under}. */
    long countFiles(LocationId location, RelativePath under);

    /**
     * Applies the batch in one transaction: first every removal (the path and everything below it) and every
     * emptied directory (everything below it), then every upsert.
     *
     * @return how many entries the removals and emptyings took out of the index
     */
    long write(LocationId location, IndexBatch batch);

    /**
     * Records hashes that copies learnt of files recorded without one. Each is set only where the row still has no
     * hash and the size and modification time it was learnt for: a row another process rewrote meanwhile (a newer
     * version, or the same hash learnt by another copy) is left as it is. Rows that take a hash move in the journal.
     *
     * @return how many rows took a hash
     */
    long learnHashes(LocationId location, Seq<IndexEntry> hashed);

    /**
     * {@link #write}, and the journal position the batch took: the position it moved the journal to (each write that
     * changes the index takes the next one), 0 when it changed nothing. A writer that knows where the journal was
     * before can tell from it whether anyone else wrote in between (ADR 0051). The default reads the position after
     * the write, which another writer may have moved meanwhile: stores shared by processes override it.
     */
    default long writeAt(LocationId location, IndexBatch batch) {
        write(location, batch);
        return batch.changes() ? journalPosition(location) : 0;
    }

    /**
     * Gives a folder's entry and everything below it the paths under {@code to}, in one transaction, as a rename of
     * the folder on disk did: nothing is at {@code to} yet.
     */
    void moveTree(LocationId location, RelativePath from, RelativePath to);

    /**
     * Where the location's change journal is (ADR 0030): every {@link #write} and {@link #moveTree} moves it on, so a
     * reader that resolved the index at one position can ask later what changed since. 0 for a location never written.
     */
    long journalPosition(LocationId location);

    /**
     * The paths changed after {@code position}: entries written (upserted or moved there) and paths removed (with
     * everything below them; a moved folder's old path is one). {@link JournalChanges#TOO_MANY} when there are more
     * than {@code limit}: then the reader had better join the whole index.
     */
    JournalChanges changedSince(LocationId location, long position, int limit);

    /**
     * Removes every entry last written at or before {@code position}, each with a tombstone: what a whole exchange with
     * a peer did not send again is gone from the copy of its index (ADR 0039).
     *
     * @return how many entries went
     */
    long removeWrittenUpTo(LocationId location, long position);

    /** Forgets the removals recorded up to {@code position}: every reader of the location has resolved past them. */
    int forgetRemovals(LocationId location, long upTo);

    /** Every entry of the location, parents before children, streamed: the index is never held in memory whole. */
    void forEach(LocationId location, Consumer<IndexEntry> action);

    long count(LocationId location);

    /**
     * What changed in a location's index after a position, in the order it happened (a path may be in both lists).
     *
     * @param written paths of entries written after the position
     * @param removed paths removed after it, each with everything that was below it
     */
    record JournalChanges(Seq<RelativePath> written, Seq<RelativePath> removed, boolean tooMany) {

        /** More changes than the reader asked to hear of. */
        public static final JournalChanges TOO_MANY =
                new JournalChanges(io.vavr.collection.List.empty(), io.vavr.collection.List.empty(), true);

        public JournalChanges(Seq<RelativePath> written, Seq<RelativePath> removed) {
            this(written, removed, false);
        }

        public boolean isEmpty() {
            return !tooMany && written.isEmpty() && removed.isEmpty();
        }
    }

    /** A stream of entries read from the index, holding its read transaction open until closed. */
    interface EntryCursor extends java.util.Iterator<IndexEntry>, AutoCloseable {
        @Override
        void close();
    }

    /**
     * Changes to a location's index that are written together.
     *
     * @param removals paths that are gone, with everything below them
     * @param emptied  directories that became something else: everything below them is gone, the path itself is
     *                 rewritten by an upsert
     * @param upserts  entries to insert or replace
     * @param refreshed entries examined again and found as recorded (their content or extended attributes read once
     *                  more, because they were racy): only their examination time is new. Not a change: they keep
     *                  their place in the journal, which a write without a refresh would move (ADR 0046)
     */
    record IndexBatch(
            Seq<RelativePath> removals, Seq<RelativePath> emptied, Seq<IndexEntry> upserts, Seq<IndexEntry> refreshed) {

        public IndexBatch(Seq<RelativePath> removals, Seq<RelativePath> emptied, Seq<IndexEntry> upserts) {
            this(removals, emptied, upserts, io.vavr.collection.List.empty());
        }

        public boolean isEmpty() {
            return removals.isEmpty() && emptied.isEmpty() && upserts.isEmpty() && refreshed.isEmpty();
        }

        /** Whether the batch changes the index (and so moves the journal), beyond refreshed examination times. */
        public boolean changes() {
            return !removals.isEmpty() || !emptied.isEmpty() || !upserts.isEmpty();
        }
    }
}
