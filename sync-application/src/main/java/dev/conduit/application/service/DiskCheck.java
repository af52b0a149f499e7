package dev.conduit.application.service;

import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * The part of a verification of the changed paths that does not take the index's word for it (ADR 0031): every path
 * written or removed in a receiving side's index since the plan was resolved (the jobs' writes) is read back from disk,
 * one lstat each. An entry whose kind, size or link target differs from its index entry (or that cannot be examined),
 * or a path removed from the index that is still on disk, is a difference.
 */
final class DiskCheck {

    private final IndexStore store;
    private final Endpoints endpoints;

    DiskCheck(IndexStore store, Endpoints endpoints) {
        this.store = store;
        this.endpoints = endpoints;
    }

    /** How many paths of the receiving sides differ on disk from what their indexes say of them. */
    long differences(Indexes indexes, Seq<Side> receiving, ChangeJournal.Resolution resolution) {
        return receiving
                .map(side -> differences(
                        indexes.of(side).whole(),
                        side == Side.SOURCE
                                ? indexes.conduit().source()
                                : indexes.conduit().target(),
                        side == Side.SOURCE
                                ? resolution.at().source()
                                : resolution.at().target()))
                .sum()
                .longValue();
    }

    private long differences(EndpointIndex index, Endpoint endpoint, long since) {
        IndexStore.JournalChanges changes = store.changedSince(index.location(), since, ChangeJournal.MAX_CHANGES);
        if (changes.tooMany()) {
            return 0; // more than a verification of the changed paths reads: the indexes were verified whole
        }
        FileTree files = endpoints.at(endpoint).files();
        Path root = Path.of(endpoint.root());
        RelativePath prefix = index.prefix();
        Seq<RelativePath> paths = changes.written()
                .appendAll(changes.removed())
                .distinct()
                .filter(prefix::isAncestorOf)
                .map(path -> path.relativeTo(prefix))
                .toVector();
        Seq<FileTree.Listed> onDisk = files.examineAll(root, paths);
        java.util.Map<RelativePath, IndexEntry> indexed = new java.util.HashMap<>(); // one read, not one per path
        index.entries(paths).forEach(entry -> indexed.put(entry.path(), entry));
        return paths.zip(onDisk)
                .count(pair -> differs(
                        Option.of(indexed.get(pair._1)), pair._2, index.traits().caseSensitive()));
    }

    /**
     * Whether the disk holds something else than the index says. Where the index has nothing, the disk must have
     * nothing either; where case is not told apart, another spelling of the name may be there, so that is not checked.
     */
    private static boolean differs(Option<IndexEntry> indexed, FileTree.Listed onDisk, boolean caseSensitive) {
        Option<FileStat> found = onDisk.fold(
                listed -> Option.some(listed.stat()), unsupported -> Option.none(), unreadable -> Option.none());
        if (indexed.isEmpty()) { // gone, or below a folder that is a file now: nothing there to examine
            boolean there = onDisk.fold(listed -> true, unsupported -> true, unreadable -> false);
            return caseSensitive && there;
        }
        return found.map(stat -> !same(indexed.get().stat(), stat)).getOrElse(true);
    }

    private static boolean same(FileStat indexed, FileStat onDisk) {
        return indexed.kind().equals(onDisk.kind())
                && (!indexed.isFile() || indexed.size() == onDisk.size())
                && indexed.linkTarget().equals(onDisk.linkTarget());
    }
}
