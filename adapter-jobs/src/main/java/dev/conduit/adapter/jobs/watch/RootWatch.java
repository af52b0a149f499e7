package dev.conduit.adapter.jobs.watch;

import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.FileWatcher.Listener;
import dev.conduit.domain.path.RelativePath;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watch of one root: a key per folder, registered when the watch starts and whenever a folder appears (its whole
 * tree, each folder told as changed, since files may have been made in it before it was registered). Events are told
 * per folder; an overflow as lost events; a watch limit as lost for good (the watch ends: the service polls); the
 * root's own key cancelled (removed, unmounted) as the root gone.
 */
final class RootWatch {

    private final Path root;
    private final WatchService service;
    private final Listener listener;
    private final JdkFileWatcher.Registrar registrar;
    private final Map<WatchKey, RelativePath> folders = new ConcurrentHashMap<>();
    /** The root's parent, watched for the root's own name: a root renamed or moved away sends nothing itself. */
    private volatile WatchKey parent;

    private volatile boolean open = true;

    RootWatch(Path root, WatchService service, Listener listener, JdkFileWatcher.Registrar registrar) {
        this.root = root;
        this.service = service;
        this.listener = listener;
        this.registrar = registrar;
    }

    /** Registers the whole tree; false when the watch could not start (the listener was told why). */
    boolean start() {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            listener.rootGone("no such directory");
            close();
            return false;
        }
        if (root.getParent() != null) {
            try {
                parent = registrar.register(root.getParent(), service);
            } catch (IOException unwatchable) {
                parent = null; // the root's own key still tells a removal or an unmount
            }
        }
        return registerTree(RelativePath.ROOT, false);
    }

    /** Takes events until closed. */
    void run() {
        try {
            while (open) {
                WatchKey key = service.take();
                if (key == parent) {
                    parentEvents(key);
                    continue;
                }
                RelativePath folder = folders.get(key);
                if (folder != null) {
                    events(key, folder);
                }
                if (!key.reset()) {
                    folders.remove(key);
                    if (folder != null && folder.isRoot() && open) {
                        listener.rootGone("removed, renamed or unmounted");
                        close();
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            close();
        }
    }

    /** Events beside the root: only those that name the root matter (it was removed, renamed or replaced). */
    private void parentEvents(WatchKey key) {
        Path name = root.getFileName();
        boolean gone = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            gone |= name.equals(event.context()) && event.kind() != StandardWatchEventKinds.ENTRY_MODIFY;
        }
        key.reset();
        if (gone && open) {
            listener.rootGone("removed, renamed or replaced");
            close();
        }
    }

    private void events(WatchKey key, RelativePath folder) {
        boolean told = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                listener.lost(FileWatcher.Lost.OVERFLOW, "the system's event queue overflowed");
                continue;
            }
            if (!told) {
                listener.changed(folder);
                told = true;
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = root.resolve(folder.value()).resolve(name);
                if (Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
                    RelativePath.parse(folder.isRoot() ? name.toString() : folder.value() + "/" + name)
                            .forEach(path -> registerTree(path, true));
                }
            }
        }
    }

    /**
     * Registers {@code top} and every folder below it, never through a link; false when the watch limit was reached
     * (then the watch ends, and the listener hears that this root can only be polled).
     */
    private boolean registerTree(RelativePath top, boolean tell) {
        Path start = top.isRoot() ? root : root.resolve(top.value());
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    RelativePath folder = relative(dir);
                    try {
                        folders.put(registrar.register(dir, service), folder);
                    } catch (IOException refused) {
                        if (isWatchLimit(String.valueOf(refused.getMessage()))) {
                            throw refused;
                        }
                        return FileVisitResult.SKIP_SUBTREE; // unreadable, say: the scans report it
                    }
                    if (tell) {
                        listener.changed(folder);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failed) {
                    return FileVisitResult.CONTINUE; // gone or unreadable: its parent's rescan tells
                }
            });
            return true;
        } catch (NoSuchFileException gone) {
            return true; // removed before it could be registered: its parent's event tells
        } catch (IOException failed) {
            return limit(failed);
        }
    }

    /** The system refused a watch: at its limit the root is no longer watched at all. */
    private boolean limit(IOException failed) {
        String reason = String.valueOf(failed.getMessage());
        if (!isWatchLimit(reason)) {
            return true; // one folder could not be watched (unreadable, say): the scans report it
        }
        close();
        listener.lost(FileWatcher.Lost.WATCH_LIMIT, reason);
        return false;
    }

    /** How the JDK words ENOSPC from {@code inotify_add_watch} ("User limit of inotify watches reached"). */
    static boolean isWatchLimit(String reason) {
        String words = reason.toLowerCase(java.util.Locale.ROOT);
        return words.contains("limit of inotify watches") || words.contains("no space left on device");
    }

    private RelativePath relative(Path dir) {
        String relative = root.relativize(dir).toString();
        return relative.isEmpty()
                ? RelativePath.ROOT
                : RelativePath.parse(relative).getOrElse(RelativePath.ROOT);
    }

    void close() {
        open = false;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing a watch service only fails when it is closed already
        }
    }
}
