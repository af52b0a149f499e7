package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.TrashLedger;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code conduit agent}'s side of a session: serves one client over a pair of streams, with its own library, until
 * the client closes its side. It answers only for the roots the client named in its HELLO, and reaches every entry
 * below them as the local jobs do, never through a link (ADR 0038).
 */
public final class AgentServer {

    private final Library library;

    public AgentServer(Library library) {
        this.library = library;
    }

    /**
     * What the agent serves with: its library's ports and its identity.
     *
     * @param id      the library's id: a client that last talked to another library gets the whole index
     * @param version the agent's Conduit version
     * @param ledger  the agent's trash ledger: the versions it trashes for a client are recorded there too
     */
    public record Library(
            String id,
            String version,
            IndexLocation indexer,
            IndexStore store,
            LocationRepository locations,
            ConduitRepository conduits,
            TrashLedger ledger,
            FileTree tree,
            TrashFolder trash,
            Clock clock) {}

    /** Serves one client; returns once it closed its side (or broke the protocol: then why is thrown). */
    public void serve(InputStream in, OutputStream out) throws IOException {
        FrameChannel channel = new FrameChannel(in, out);
        Handshake.writeMagic(out);
        Handshake.readMagic(channel.raw());
        Handshake.Hello hello = Handshake.Hello.parse(channel.receive());
        if (hello.protocol() != Handshake.PROTOCOL) {
            channel.send(new Handshake.Refusal(
                            Handshake.PROTOCOL,
                            library.version(),
                            "this agent speaks protocol " + Handshake.PROTOCOL + ", the client " + hello.protocol())
                    .frame());
            return;
        }
        Seq<Path> roots = List.ofAll(hello.roots()).map(root -> Path.of(root).normalize());
        if (roots.exists(root -> !root.isAbsolute())) {
            channel.send(new Handshake.Refusal(Handshake.PROTOCOL, library.version(), "a root that is not absolute")
                    .frame());
            return;
        }
        channel.send(Handshake.welcome(new AgentSession.Handshake(
                Handshake.PROTOCOL, library.version(), library.id(), Handshake.CAPABILITIES)));
        serve(channel, new Roots(roots), hello.ahead());
    }

    private void serve(FrameChannel channel, Roots roots, Seq<PeerIndex.ScanAhead> ahead) throws IOException {
        ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "conduit-agent-request");
            thread.setDaemon(true);
            return thread;
        });
        // the scans the client will ask for begin now, while it looks at its roots and sends its requests (ADR 0055)
        AgentRequests handlers =
                new AgentRequests(library, roots, requests, ScansAhead.begin(library, roots, ahead, requests));
        Link link = new Link(channel, "client", handlers::open);
        handlers.bind(link);
        link.start(() -> {});
        try {
            link.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            requests.shutdownNow();
            try {
                requests.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.close();
        }
    }

    /** The roots the client named: every path the agent is asked about is one of them, or below one. */
    record Roots(Seq<Path> all) {

        /** The root named, when it is one of the session's; else why not. */
        Path check(String named) throws Refused {
            Path root = Path.of(named).normalize();
            if (!all.contains(root)) {
                throw new Refused(
                        named + " is not a root of this session; the agent answers only for " + all.mkString(", "));
            }
            return root;
        }

        /** Whether {@code absolute} is below one of the roots (a version's place in a root's own trash). */
        boolean inside(Path absolute) {
            Path normal = absolute.normalize();
            return all.exists(root -> normal.startsWith(root) && !normal.equals(root));
        }
    }

    /** A request the agent will not serve, in words. */
    static final class Refused extends IOException {
        Refused(String why) {
            super(why);
        }
    }
}
