package dev.conduit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A curl-like client for tests: one HTTP/1.0 request over a Unix domain socket, the whole answer read. */
public record UnixHttp(int status, String headers, String body) {

    public static UnixHttp get(Path socket, String path) throws IOException {
        return request(socket, "GET", path, "");
    }

    public static UnixHttp post(Path socket, String path, String body) throws IOException {
        return request(socket, "POST", path, body);
    }

    public static UnixHttp request(Path socket, String method, String path, String body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = Channels.newOutputStream(channel);
            out.write((method + " " + path + " HTTP/1.0\r\nHost: conduit\r\nContent-Length: " + content.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, split);
            return new UnixHttp(Integer.parseInt(head.split(" ")[1]), head, answer.substring(split + 4));
        }
    }

    /** Opens {@code GET path} and hands back the stream of its body, after the headers. */
    public static InputStream stream(Path socket, String path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        OutputStream out = Channels.newOutputStream(channel);
        out.write(("GET " + path + " HTTP/1.0\r\nHost: conduit\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = Channels.newInputStream(channel);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the body: " + head);
            }
            head.write(c);
        }
        return in;
    }
}
