package dev.conduit.application.service;

import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.rename.Renames;
import io.vavr.control.Option;

/** What a plan amounts to, counted in one pass. */
final class PlanCount {
    long actions;
    long filesToCopy;
    long bytesToCopy;
    long deletes;
    long moves;
    long conflicts;
    long pending;
    /** Entries the receiving side cannot hold: reported as errors, never carried. */
    long refused;
    /** Paths whose baseline changes although nothing is carried (bidirectional: both sides already agree). */
    long settles;

    long targetFiles;
    long sourceFiles;
    long deletesInSource;
    /** Transfers and deletes by receiving side ({@link Side#ordinal()}): a phase with none in a direction is skipped. */
    final long[] transfersInto = new long[2];

    final long[] deletesInto = new long[2];

    /** Whether the plan transfers anything into {@code side}: else that phase is not streamed. */
    boolean transfersInto(Side side) {
        return transfersInto[side.ordinal()] > 0;
    }

    /** Whether the plan deletes anything on {@code side}: else that phase is not streamed. */
    boolean deletesInto(Side side) {
        return deletesInto[side.ordinal()] > 0;
    }
    /** Folders of the target whose time differs from the source's (mirror): restored, never counted as changes. */
    final java.util.List<dev.conduit.domain.index.IndexEntry> foldersOutOfTime = new java.util.ArrayList<>();

    void outOfTime(dev.conduit.domain.index.IndexEntry sourceFolder) {
        foldersOutOfTime.add(sourceFolder);
    }

    void add(SyncAction action) {
        actions++;
        action.fold(this::transfer, this::delete);
    }

    private PlanCount transfer(SyncAction.Transfer transfer) {
        transfersInto[transfer.direction().to().ordinal()]++;
        return transfer.fold(make -> this, this::copy, move -> this, fix -> this);
    }

    private PlanCount copy(SyncAction.Copy copy) {
        filesToCopy++;
        bytesToCopy += copy.wanted().stat().isFile() ? copy.wanted().stat().size() : 0;
        return this;
    }

    /** A delete: a file's or a link's counts among the deletes (and against the delete limit), a folder's does not. */
    private PlanCount delete(SyncAction.Delete delete) {
        deletesInto[delete.direction().to().ordinal()]++;
        if (!delete.kind().equals(EntryKind.DIRECTORY)) {
            deletes++;
            if (delete.direction().to() == Side.SOURCE) {
                deletesInSource++;
            }
        }
        return this;
    }

    /** A copy and a delete that became one move. */
    void paired(SyncAction.Move move) {
        actions--;
        filesToCopy--;
        bytesToCopy -= move.wanted().stat().size();
        deletes--;
        if (move.direction().to() == Side.SOURCE) {
            deletesInSource--;
        }
        moves++;
    }

    /** A folder renamed as a whole: its files' moves, copies, deletes and folders become one move. */
    void movedFolder(Renames.FolderMove folder) {
        actions -= folder.files() + 2L * folder.others() + 2L * (folder.subfolders() + 1) - 1;
        moves += 1 - folder.files();
        filesToCopy -= folder.others();
        deletes -= folder.others();
        if (folder.move().direction().to() == Side.SOURCE) {
            deletesInSource -= folder.others();
        }
    }

    PlanReport report(Conduit conduit, SyncConduit.Options options) {
        Option<String> refusal = options.force()
                ? Option.none()
                : options.deleteLimit()
                        .refusal(deletes - deletesInSource, targetFiles, Side.TARGET)
                        .orElse(() -> options.deleteLimit().refusal(deletesInSource, sourceFiles, Side.SOURCE));
        return new PlanReport(
                conduit,
                actions,
                filesToCopy,
                bytesToCopy,
                moves,
                deletes,
                targetFiles,
                refusal,
                conflicts,
                pending,
                refused,
                false);
    }
}
