package dev.conduit.adapter.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The command line's side of the daemon: a few plain HTTP/1.0 requests over the library's socket, with the JDK alone
 * (no server library, no JSON library, no library opened), so that asking costs a command almost nothing.
 */
public final class DaemonClient implements AutoCloseable {

    /** The socket's name in the library folder. */
    public static final String SOCKET = "daemon.sock";

    private final SocketChannel channel;

    private DaemonClient(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * A connection to the daemon that serves {@code library}, or empty when none answers: no socket, or a socket left
     * behind by a daemon that was killed (nobody listens).
     */
    public static Optional<DaemonClient> connect(Path library) {
        Path socket = SocketPaths.of(library);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return Optional.of(new DaemonClient(channel));
        } catch (IOException | UnsupportedOperationException nobodyListens) {
            closeQuietly(channel);
            return Optional.empty();
        }
    }

    /**
     * Hands the command line to the daemon, which runs it and sends back what it prints, as it prints it. Returns the
     * exit code, or empty when the daemon turned the request away (it is stopping) before running anything.
     *
     * @param id a name for this run, for {@link #interrupt}
     */
    public Optional<Integer> forward(
            String id, List<String> args, Map<String, String> environment, Writer out, Writer err) throws IOException {
        return forward(id, args, environment, out, err, Optional.empty());
    }

    /**
     * The same from a terminal: the daemon then sends the command's progress bar too, each of its commands handed to
     * {@code progress} (empty: not on a terminal, no bar).
     */
    public Optional<Integer> forward(
            String id,
            List<String> args,
            Map<String, String> environment,
            Writer out,
            Writer err,
            Optional<Consumer<String>> progress)
            throws IOException {
        byte[] body = requestBody(id, args, environment, progress.isPresent()).getBytes(StandardCharsets.UTF_8);
        send("POST", "/v1/cli", body);
        InputStream in = Channels.newInputStream(channel);
        if (status(in) != 200) {
            return Optional.empty();
        }
        int exit = CliFrames.relay(in, out, err, progress.orElse(frame -> {}));
        if (exit < 0) {
            throw new IOException("the daemon stopped answering before the command finished");
        }
        return Optional.of(exit);
    }

    /** A Ctrl-C for the forwarded run {@code id}: sent on a connection of its own, best effort. */
    public static void interrupt(Path library, String id) {
        connect(library).ifPresent(client -> {
            try (client) {
                client.send("POST", "/v1/cli/" + id + "/interrupt", new byte[0]);
                status(Channels.newInputStream(client.channel));
            } catch (IOException gone) {
                // the daemon went away: nothing is running any more
            }
        });
    }

    private void send(String method, String path, byte[] body) throws IOException {
        String head = method + " " + path + " HTTP/1.0\r\nHost: conduit\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        OutputStream out = Channels.newOutputStream(channel);
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads the status line and the headers; returns the status code. */
    private static int status(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the daemon answered something that is not HTTP: " + statusLine);
        }
        while (!line(in).isEmpty()) {
            // headers: the body is delimited by the end of the connection (HTTP/1.0)
        }
        return Integer.parseInt(parts[1]);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the daemon closed the connection");
            }
            if (c != '\r') {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    static String requestBody(String id, List<String> args, Map<String, String> environment) {
        return requestBody(id, args, environment, false);
    }

    static String requestBody(String id, List<String> args, Map<String, String> environment, boolean interactive) {
        StringBuilder json = new StringBuilder("{\"id\":").append(quoted(id)).append(",\"args\":[");
        for (int i = 0; i < args.size(); i++) {
            json.append(i > 0 ? "," : "").append(quoted(args.get(i)));
        }
        json.append("],\"env\":{");
        boolean first = true;
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            json.append(first ? "" : ",")
                    .append(quoted(variable.getKey()))
                    .append(':')
                    .append(quoted(variable.getValue()));
            first = false;
        }
        return json.append(interactive ? "},\"interactive\":true}" : "}}").toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was sent
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
