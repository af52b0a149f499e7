package dev.conduit.application.port.out;

import dev.conduit.domain.path.RelativePath;
import java.nio.file.Path;

/**
 * File-system events under a root: every folder below it watched, the folders that appear watched as they appear.
 * Events are told to the listener on the watcher's own thread, as they come; the listener must return quickly.
 */
public interface FileWatcher {

    /**
     * Starts watching {@code root} and every folder below it (never following a symbolic link). A root that cannot be
     * watched at all is told to the listener ({@link Listener#rootGone} or {@link Listener#lost}), never thrown.
     */
    Watch watch(Path root, Listener listener);

    /** A root being watched; closing it stops the watching and its thread. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** What a watch tells. */
    interface Listener {

        /**
         * Something directly inside {@code folder} (relative to the root) was created, changed, removed or renamed, or
         * the folder itself appeared (then everything below it may be new too).
         */
        void changed(RelativePath folder);

        /**
         * Events may have been missed: what the index says of the root can no longer be trusted until it is scanned
         * again.
         */
        void lost(Lost what, String reason);

        /** The root itself was removed, renamed, replaced or unmounted: nothing below it is watched any more. */
        void rootGone(String reason);
    }

    /** Why events were missed. */
    enum Lost {
        /** Too many events at once: the system's queue overflowed (inotify's {@code IN_Q_OVERFLOW}). */
        OVERFLOW,
        /**
         * The system's limit of watches was reached ({@code ENOSPC} from {@code inotify_add_watch}, raised by
         * {@code fs.inotify.max_user_watches}): this root is no longer watched at all, and can only be polled.
         */
        WATCH_LIMIT
    }
}
