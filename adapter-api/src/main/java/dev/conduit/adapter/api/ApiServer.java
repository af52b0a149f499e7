package dev.conduit.adapter.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP/1.1 server on {@code LIBRARY/daemon.sock} (Jetty's Unix-domain connector, ADR 0035), readable and
 * writable by the owner alone. The socket is bound in a folder only the owner can enter, made owner-only, and only
 * then renamed into place: nobody else can connect in between, and a stale socket of a killed daemon is replaced.
 */
public final class ApiServer implements AutoCloseable {

    private final Server server;
    private final Path library;
    private final Path socket;
    private final Routes routes;

    private ApiServer(Server server, Path library, Path socket, Routes routes) {
        this.library = library;
        this.server = server;
        this.socket = socket;
        this.routes = routes;
    }

    /**
     * Serves the library's API until closed. The caller holds the library's {@link DaemonLock}.
     *
     * @param maxParallel how many syncs started through the API run at once
     */
    public static ApiServer start(Path library, CommandRunner runner, EventHub events, int maxParallel)
            throws IOException {
        Path socket = SocketPaths.of(library);
        Path privateFolder = Files.createTempDirectory(
                SocketPaths.prepareFolder(library),
                ".daemon-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = privateFolder.resolve(DaemonClient.SOCKET);
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("conduit-api");
        threads.setDaemon(true);
        Server server = new Server(threads);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(bound);
        server.addConnector(connector);
        Routes routes = new Routes(runner, events, maxParallel);
        server.setHandler(routes);
        try {
            server.start();
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (SocketPaths.isOutside(library)) { // where people look for it
                Path link = library.resolve(DaemonClient.SOCKET);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, socket);
            }
        } catch (Exception failed) {
            stopQuietly(server);
            throw failed instanceof IOException io ? io : new IOException("the API could not start: " + failed, failed);
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(privateFolder);
        }
        return new ApiServer(server, library, socket, routes);
    }

    /** The runs under way (forwarded commands and syncs started through the API), to stop them on the way out. */
    public Runs runs() {
        return routes.runs();
    }

    /**
     * Runs {@code conduit ARGS --json} in the background, as {@code POST /v1/conduits/CONDUIT/sync} does (its end is
     * a {@code run-finished} event); false when the daemon is stopping.
     */
    public boolean runInBackground(java.util.List<String> args) {
        return routes.startInBackground(args).isPresent();
    }

    /** Turns new commands away, with 503: the daemon is stopping. Reads still answer. */
    public void refuseNewRuns() {
        routes.runs().refuseNew();
    }

    @Override
    public void close() throws IOException {
        routes.close();
        stopQuietly(server);
        Files.deleteIfExists(socket);
        if (!socket.equals(library.resolve(DaemonClient.SOCKET))) {
            Files.deleteIfExists(library.resolve(DaemonClient.SOCKET));
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway; the socket file goes below
        }
    }
}
