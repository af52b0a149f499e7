package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.PeerIndex;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts sessions with agents: a command that runs {@code conduit agent} somewhere (for SSH,
 * {@code ssh -p 2222 user@host conduit agent}) with its standard input and output as the connection, or an agent
 * served in this process over pipes (tests).
 */
public final class AgentSessions {

    /** What OpenSSH says when it reached the host but the login (or the host's key) was refused. */
    private static final java.util.regex.Pattern LOGIN_REFUSED = java.util.regex.Pattern.compile(
            "Permission denied|Host key verification failed|Too many authentication failures|"
                    + "Authentication failed|REMOTE HOST IDENTIFICATION HAS CHANGED");

    private AgentSessions() {}

    /**
     * Runs {@code argv}, and shakes hands with the agent it starts.
     *
     * @param host  how the user named the host, for messages
     * @param roots the agent's roots the conduit names: the agent answers for nothing else
     */
    public static Either<AgentFailure, AgentSession> start(
            List<String> argv, String host, Seq<String> roots, LocalSide local, String version) {
        return start(argv, host, roots, io.vavr.collection.List.empty(), local, version);
    }

    /**
     * The same, with the scans the client will ask of those roots, said in the HELLO: an agent that can begins them
     * at once (ADR 0055); an older one does not read them.
     */
    public static Either<AgentFailure, AgentSession> start(
            List<String> argv,
            String host,
            Seq<String> roots,
            Seq<PeerIndex.ScanAhead> ahead,
            LocalSide local,
            String version) {
        Early early = taken(argv);
        Process process;
        StderrTail stderr;
        if (early != null) {
            process = early.process;
            stderr = early.stderr;
        } else {
            try {
                process = new ProcessBuilder(argv)
                        .redirectError(ProcessBuilder.Redirect.PIPE)
                        .start();
            } catch (IOException e) {
                return Either.left(
                        new AgentFailure.Unreachable(host, "cannot run " + argv.get(0) + ": " + e.getMessage()));
            }
            stderr = StderrTail.start(process.getErrorStream());
        }
        Either<AgentFailure, AgentSession> session = shake(
                process.getInputStream(),
                process.getOutputStream(),
                host,
                roots,
                ahead,
                local,
                version,
                () -> ended(process));
        if (session.isLeft() && session.getLeft() instanceof AgentFailure.ConnectionLost) {
            return Either.left(failureOf(process, stderr, host, session.getLeft()));
        }
        if (session.isLeft()) {
            process.destroy();
        }
        return session;
    }

    /** A command started before anything asked for it (ADR 0051), its stderr read as it comes. */
    private record Early(List<String> argv, Process process, StderrTail stderr) {}

    private static final java.util.concurrent.atomic.AtomicReference<Early> EARLY =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Starts {@code argv} now, ahead of the {@link #start} that will ask for it: ssh connects and logs in, and the
     * agent starts on the other host, while this process opens its library and does the rest of its start-up (ADR
     * 0051). The first {@link #start} of the same command line takes it; one of another command line ends it and
     * starts its own, and so does this process's exit. Nothing is said to the agent before that start: it waits for
     * the HELLO. A command that cannot run is left for that start to report.
     */
    public static void startEarly(List<String> argv) {
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException | RuntimeException cannot) {
            return;
        }
        Early early = new Early(List.copyOf(argv), process, StderrTail.start(process.getErrorStream()));
        Early before = EARLY.getAndSet(early);
        if (before != null) {
            before.process.destroy();
        }
        try {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                if (EARLY.compareAndSet(early, null)) {
                                    early.process.destroy(); // never taken: its agent sees its stdin close and ends
                                }
                            },
                            "conduit-agent-early-end"));
        } catch (IllegalStateException exiting) { // started from another thread while this process ends
            if (EARLY.compareAndSet(early, null)) {
                early.process.destroy();
            }
        }
    }

    /** The command line an early start is still looking for (the library read, ADR 0055); done when none is. */
    private static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>>
            FINDING = new java.util.concurrent.atomic.AtomicReference<>(
                    java.util.concurrent.CompletableFuture.completedFuture(null));

    /** How long a start waits for an early start's command line to be found, at most. */
    private static final long FINDING_WAIT_SECONDS = 10;

    /**
     * Finds the command line on a thread of its own and starts it there ({@link #startEarly(List)}), while this
     * process goes on with its start-up (ADR 0055: {@code sync NAME} reads the conduit's command from its library).
     * The next {@link #start} waits until the command line is found, or found to be none, so that it takes the early
     * command instead of starting a second one. A search that fails starts nothing.
     */
    public static void startEarly(java.util.function.Supplier<java.util.Optional<List<String>>> argv) {
        java.util.concurrent.CompletableFuture<Void> found = new java.util.concurrent.CompletableFuture<>();
        FINDING.set(found);
        Thread thread = new Thread(
                () -> {
                    try {
                        argv.get().ifPresent(AgentSessions::startEarly);
                    } catch (RuntimeException | Error unsure) {
                        // nothing starts early: the sync starts its agent when it connects, as before
                    } finally {
                        found.complete(null);
                    }
                },
                "conduit-agent-early");
        thread.setDaemon(true);
        thread.start();
    }

    /** The early command of exactly this command line, taken; any other is ended. None when there is none. */
    private static Early taken(List<String> argv) {
        try {
            FINDING.get().get(FINDING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException late) {
            // not found in time: started as before; one found later is ended at this process's exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Early early = EARLY.getAndSet(null);
        if (early == null) {
            return null;
        }
        if (early.argv.equals(argv)) { // alive, or ended already (ssh refused, say): its exit and stderr tell why
            return early;
        }
        early.process.destroy();
        return null;
    }

    /** The session is closed (its stdin with it): the agent exits; one that does not is ended. */
    private static void ended(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }

    /** What the process's exit says of a handshake that ended early. */
    private static AgentFailure failureOf(Process process, StderrTail stderr, String host, AgentFailure lost) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                return lost;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lost;
        }
        String said = stderr.last();
        int exit = process.exitValue();
        if (exit == 127 || said.contains("command not found") || said.contains("No such file")) {
            return new AgentFailure.AgentMissing(host, said);
        }
        if (exit == 255 && LOGIN_REFUSED.matcher(said).find()) {
            return new AgentFailure.LoginFailed(host, said);
        }
        if (exit == 255) {
            return new AgentFailure.Unreachable(host, said.isEmpty() ? "ssh exited 255" : said);
        }
        return new AgentFailure.ConnectionLost(host, said.isEmpty() ? "it exited " + exit : said);
    }

    /** A session with an agent served in this process over pipes. */
    public static Either<AgentFailure, AgentSession> inProcess(
            AgentServer server, Seq<String> roots, LocalSide local, String version) {
        return inProcess(server, roots, io.vavr.collection.List.empty(), local, version);
    }

    /** The same, with the scans the client will ask, said in the HELLO (ADR 0055). */
    public static Either<AgentFailure, AgentSession> inProcess(
            AgentServer server, Seq<String> roots, Seq<PeerIndex.ScanAhead> ahead, LocalSide local, String version) {
        return inProcess(
                server,
                roots,
                ahead,
                local,
                version,
                java.util.function.UnaryOperator.identity(),
                java.util.function.UnaryOperator.identity());
    }

    /**
     * The same, with what this side writes to the agent going through {@code toAgent} first, and what the agent writes
     * back through {@code toClient}: how tests count the bytes sent, or cut the connection.
     */
    public static Either<AgentFailure, AgentSession> inProcess(
            AgentServer server,
            Seq<String> roots,
            LocalSide local,
            String version,
            java.util.function.UnaryOperator<OutputStream> toAgentLink,
            java.util.function.UnaryOperator<OutputStream> toClientLink) {
        return inProcess(server, roots, io.vavr.collection.List.empty(), local, version, toAgentLink, toClientLink);
    }

    /** The same, with the scans the client will ask, said in the HELLO (ADR 0055). */
    public static Either<AgentFailure, AgentSession> inProcess(
            AgentServer server,
            Seq<String> roots,
            Seq<PeerIndex.ScanAhead> ahead,
            LocalSide local,
            String version,
            java.util.function.UnaryOperator<OutputStream> toAgentLink,
            java.util.function.UnaryOperator<OutputStream> toClientLink) {
        MemoryPipe toAgentPipe = new MemoryPipe(1 << 20);
        MemoryPipe toClientPipe = new MemoryPipe(1 << 20);
        InputStream agentIn = toAgentPipe.in;
        OutputStream toAgent = toAgentPipe.out;
        InputStream clientIn = toClientPipe.in;
        OutputStream toClient = toClientLink.apply(toClientPipe.out);
        Thread agent = new Thread(
                () -> {
                    try {
                        server.serve(agentIn, toClient);
                    } catch (IOException ended) {
                        // the client hears it as a lost connection
                    } finally {
                        try {
                            toClient.close();
                        } catch (IOException ignored) {
                            // closed already
                        }
                    }
                },
                "conduit-agent-in-process");
        agent.setDaemon(true);
        agent.start();
        return shake(clientIn, toAgentLink.apply(toAgent), "in-process", roots, ahead, local, version, () -> {
            try {
                agent.join(30_000); // as a process's agent, it finishes what it was doing and ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The client's side of the handshake over the two streams; the session once the agent welcomed it. */
    static Either<AgentFailure, AgentSession> shake(
            InputStream in,
            OutputStream out,
            String host,
            Seq<String> roots,
            LocalSide local,
            String version,
            Runnable ending) {
        return shake(in, out, host, roots, io.vavr.collection.List.empty(), local, version, ending);
    }

    /** The same, with the scans the client will ask of the roots, said in the HELLO (ADR 0055). */
    static Either<AgentFailure, AgentSession> shake(
            InputStream in,
            OutputStream out,
            String host,
            Seq<String> roots,
            Seq<PeerIndex.ScanAhead> ahead,
            LocalSide local,
            String version,
            Runnable ending) {
        FrameChannel channel = new FrameChannel(in, out);
        try {
            Handshake.writeMagic(out);
            channel.send(new Handshake.Hello(Handshake.PROTOCOL, version, roots, ahead).frame());
            Handshake.readMagic(channel.raw());
            Frame answer = channel.receive();
            if (answer.type() == Frame.Type.REFUSED) {
                Handshake.Refusal refusal = Handshake.Refusal.parse(answer);
                channel.close();
                return Either.left(new AgentFailure.Incompatible(
                        host,
                        refusal.reason() + " (agent Conduit " + refusal.version() + ", protocol " + refusal.protocol()
                                + "; this side Conduit " + version + ", protocol " + Handshake.PROTOCOL
                                + "): install the same Conduit version on both"));
            }
            if (answer.type() != Frame.Type.WELCOME) {
                throw new ProtocolException("a " + answer.type() + " frame instead of a welcome");
            }
            AgentSession.Handshake handshake = Handshake.parseWelcome(answer);
            Link link = new Link(channel, "agent on " + host, frame -> null);
            link.start(() -> {});
            return Either.right(new WireSession(handshake, link, local, ending));
        } catch (Handshake.NotAnAgent other) {
            channel.close();
            return Either.left(new AgentFailure.NotAnAgent(host, other.getMessage()));
        } catch (ProtocolException broken) {
            channel.close();
            return Either.left(new AgentFailure.Incompatible(host, broken.getMessage()));
        } catch (IOException lost) {
            channel.close();
            return Either.left(new AgentFailure.ConnectionLost(host, String.valueOf(lost.getMessage())));
        }
    }

    /** The last line a process wrote on stderr, read as it goes (so that it never blocks on a full pipe). */
    private static final class StderrTail {
        private volatile String last = "";
        private Thread reader;

        static StderrTail start(InputStream stderr) {
            StderrTail tail = new StderrTail();
            Thread reader = new Thread(
                    () -> {
                        try (var lines = new java.io.BufferedReader(
                                new java.io.InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = lines.readLine()) != null) {
                                if (!line.isBlank()) {
                                    tail.last = line.strip();
                                }
                            }
                        } catch (IOException ended) {
                            // the process is gone
                        }
                    },
                    "conduit-agent-stderr");
            reader.setDaemon(true);
            reader.start();
            tail.reader = reader;
            return tail;
        }

        String last() {
            try {
                reader.join(2_000); // the process exited: its stderr ends soon
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return last;
        }
    }
}
