package dev.conduit.adapter.jobs.sync;

import dev.conduit.domain.path.RelativePath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The folders copies are being written in, each walked to from its root once and held open while any file staged in
 * it waits for its commit ({@link RootedFolder}, ADR 0024). Files of one folder share the walk: a first sync of many
 * small files walked every file's folders four times (staging, the stale guard, the check before the rename, the
 * look at the result), each walk an {@code openat} and a stat per folder on the way. A held folder found moved away or
 * replaced by a link is {@link #forget forgotten}: files staged after that walk again.
 */
final class HeldFolders {

    private record Key(Path root, RelativePath folder) {}

    private static final class Held {
        final RootedFolder folder;
        final Key key;
        int users;

        Held(RootedFolder folder, Key key) {
            this.folder = folder;
            this.key = key;
        }
    }

    private final Map<Key, Held> byFolder = new HashMap<>();
    private final Map<RootedFolder, Held> byHandle = new IdentityHashMap<>();

    /** The held folder that holds {@code path} below {@code root}; {@link #release released} once per call. */
    RootedFolder holding(Path root, RelativePath path) throws IOException {
        Key key = new Key(root, path.isRoot() ? path : path.parent());
        synchronized (this) {
            Held held = byFolder.get(key);
            if (held != null) {
                held.users++;
                return held.folder;
            }
        }
        RootedFolder opened = RootedFolder.open(root, key.folder()); // walked without the lock: walks run in parallel
        synchronized (this) {
            Held held = byFolder.get(key);
            if (held != null) {
                held.users++;
                opened.close();
                return held.folder;
            }
            held = new Held(opened, key);
            held.users = 1;
            byFolder.put(key, held);
            byHandle.put(opened, held);
            return opened;
        }
    }

    /** One use of the folder is over; it closes with its last. */
    synchronized void release(RootedFolder folder) {
        Held held = byHandle.get(folder);
        if (held == null) {
            folder.close();
            return;
        }
        if (--held.users == 0) {
            byHandle.remove(folder);
            if (byFolder.get(held.key) == held) {
                byFolder.remove(held.key);
            }
            folder.close();
        }
    }

    /** The folder is not the root's any more (moved away, or a link on the way): the next file walks again. */
    synchronized void forget(RootedFolder folder) {
        Held held = byHandle.get(folder);
        if (held != null && byFolder.get(held.key) == held) {
            byFolder.remove(held.key);
        }
    }
}
