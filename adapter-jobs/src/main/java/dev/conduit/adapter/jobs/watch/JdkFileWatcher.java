package dev.conduit.adapter.jobs.watch;

import dev.conduit.application.port.out.FileWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchService;

/**
 * The {@link FileWatcher} port on the JDK's {@link WatchService} (inotify on Linux): one watch service and one daemon
 * thread per root, every folder below the root registered (ADR 0033).
 */
final class JdkFileWatcher implements FileWatcher {

    /** Registers one folder: the JDK's, or one a test makes fail as the system would. */
    interface Registrar {
        java.nio.file.WatchKey register(Path folder, WatchService service) throws IOException;
    }

    static final Registrar JDK = (folder, service) -> folder.register(
            service,
            java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
            java.nio.file.StandardWatchEventKinds.ENTRY_DELETE,
            java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);

    private final Registrar registrar;

    JdkFileWatcher() {
        this(JDK);
    }

    JdkFileWatcher(Registrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public Watch watch(Path root, Listener listener) {
        WatchService service;
        try {
            service = root.getFileSystem().newWatchService();
        } catch (IOException cannot) { // fs.inotify.max_user_instances
            listener.lost(Lost.WATCH_LIMIT, String.valueOf(cannot.getMessage()));
            return () -> {};
        }
        RootWatch watch = new RootWatch(root, service, listener, registrar);
        if (!watch.start()) {
            return () -> {};
        }
        Thread thread = new Thread(watch::run, "conduit-watch " + root);
        thread.setDaemon(true);
        thread.start();
        return watch::close;
    }
}
