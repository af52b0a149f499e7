package dev.conduit.application.service;

import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Folders a watcher saw leave one place and arrive at another, moved in the index as they were moved on disk
 * ({@link IndexStore#moveTree}) before the folders where events came are re-read: a folder that departed from one of
 * those folders and a folder that arrived in one, with the same device and inode, are one folder renamed. Its entries
 * keep their hashes (nothing below it is read again) and the change journal records a move, not a removal and an
 * arrival of everything below it.
 */
final class FolderMoves {

    private final LocationRepository locations;
    private final IndexStore store;

    FolderMoves(LocationRepository locations, IndexStore store) {
        this.locations = locations;
        this.store = store;
    }

    /**
     * Moves in the index each folder found moved between these folders of {@code root} (relative to it).
     *
     * @return how many folders were moved
     */
    int apply(String root, FileTree files, Seq<RelativePath> folders) {
        Option<Location> location = locations.findEnclosing(root);
        if (location.isEmpty()) {
            return 0;
        }
        RelativePath scope = RelativePath.parse(
                        Path.of(location.get().root()).relativize(Path.of(root)).toString())
                .getOrElse(RelativePath.ROOT);
        Map<String, RelativePath> departed = new HashMap<>();
        Map<String, RelativePath> arrived = new HashMap<>();
        for (RelativePath folder : folders) {
            look(location.get(), Path.of(root), files, folder, scope.resolve(folder), departed, arrived);
        }
        int moved = 0;
        for (Map.Entry<String, RelativePath> arrival : arrived.entrySet()) {
            RelativePath from = departed.get(arrival.getKey());
            if (from != null && !from.isAncestorOf(arrival.getValue())) {
                store.moveTree(location.get().id(), from, arrival.getValue());
                moved++;
            }
        }
        return moved;
    }

    /** The folders the index has in {@code folder} and the disk no longer does, and the other way round. */
    private void look(
            Location location,
            Path root,
            FileTree files,
            RelativePath folder,
            RelativePath inLocation,
            Map<String, RelativePath> departed,
            Map<String, RelativePath> arrived) {
        Map<String, FileTree.Listed.Found> onDisk = new HashMap<>();
        files.list(root, folder)
                .forEach(listing -> listing.forEach(listed -> listed.fold(
                        found -> onDisk.put(found.name(), found), unsupported -> null, unreadable -> null)));
        Map<String, IndexEntry> indexed = new HashMap<>();
        for (IndexEntry entry : store.children(location.id(), inLocation)) {
            indexed.put(entry.path().name(), entry);
            FileTree.Listed.Found now = onDisk.get(entry.path().name());
            if (entry.isDirectory() && (now == null || !now.stat().isDirectory())) {
                entry.stat().fileKey().forEach(key -> departed.put(key, entry.path()));
            }
        }
        onDisk.forEach((name, found) -> {
            IndexEntry before = indexed.get(name);
            if (found.stat().isDirectory() && before == null) { // nothing may be at a move's destination
                found.stat().fileKey().forEach(key -> arrived.put(key, inLocation.child(name)));
            }
        });
    }
}
