package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.PeerIndex;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes both sides send: the magic (so that a shell's greeting printed before the agent is recognised for
 * what it is), then the client's HELLO and the agent's WELCOME or REFUSED (ADR 0038).
 */
final class Handshake {

    /** The protocol this build speaks. A change of the frames or their payloads takes the next number. */
    static final int PROTOCOL = 4;

    static final byte[] MAGIC = "CONDUIT\u0001".getBytes(StandardCharsets.ISO_8859_1);

    /** The agent records what its jobs write and answers {@link Calls.Op#SETTLE} (ADR 0051). */
    static final String SETTLE = "settle";

    /** The agent begins the scans a HELLO says the client will ask for, before it asks (ADR 0055). */
    static final String SCAN_AHEAD = "scan-ahead";

    /** What this agent can do, as the client may ask. */
    static final io.vavr.collection.Set<String> CAPABILITIES = HashSet.of(
            "index",
            "files",
            "copy-into",
            "copy-from",
            "delete",
            "trash",
            "chunk-sha256",
            "resume",
            "basis",
            SETTLE,
            SCAN_AHEAD);

    private Handshake() {}

    /**
     * What the client says first. {@code ahead}: the scans it will ask of its roots (ADR 0055), after the fields of
     * protocol 2's HELLO, where an older agent does not read; an older client sends none.
     */
    record Hello(int protocol, String version, Seq<String> roots, Seq<PeerIndex.ScanAhead> ahead) {

        Hello(int protocol, String version, Seq<String> roots) {
            this(protocol, version, roots, List.empty());
        }

        Frame frame() {
            return Frame.of(Frame.Type.HELLO, 0, out -> {
                out.writeInt(protocol);
                Wire.string(out, version);
                Wire.strings(out, roots);
                if (!ahead.isEmpty()) {
                    out.writeInt(ahead.size());
                    for (PeerIndex.ScanAhead scan : ahead) {
                        Wire.string(out, scan.root());
                        Wire.strings(out, scan.ignorePatterns());
                        out.writeBoolean(scan.readIgnoreFiles());
                        out.writeBoolean(scan.hashNewFiles());
                    }
                }
            });
        }

        static Hello parse(Frame frame) throws ProtocolException {
            return frame.parse(in -> {
                int protocol = in.readInt();
                String version = Wire.string(in);
                Seq<String> roots = Wire.strings(in);
                Seq<PeerIndex.ScanAhead> ahead = List.empty();
                if (in.available() > 0) {
                    int count = in.readInt();
                    if (count < 0 || count > roots.size()) {
                        throw new ProtocolException(
                                "a HELLO with " + count + " scans ahead for " + roots.size() + " roots");
                    }
                    for (int i = 0; i < count; i++) {
                        ahead = ahead.append(new PeerIndex.ScanAhead(
                                Wire.string(in), Wire.strings(in), in.readBoolean(), in.readBoolean()));
                    }
                }
                return new Hello(protocol, version, roots, ahead);
            });
        }
    }

    static Frame welcome(AgentSession.Handshake handshake) {
        return Frame.of(Frame.Type.WELCOME, 0, out -> {
            out.writeInt(handshake.protocol());
            Wire.string(out, handshake.agentVersion());
            Wire.string(out, handshake.library());
            Wire.strings(out, handshake.capabilities().toList().sorted());
        });
    }

    static AgentSession.Handshake parseWelcome(Frame frame) throws ProtocolException {
        return frame.parse(in -> new AgentSession.Handshake(
                in.readInt(), Wire.string(in), Wire.string(in), HashSet.ofAll(Wire.strings(in))));
    }

    /** Why the agent would not serve: its protocol and version, and the reason in words. */
    record Refusal(int protocol, String version, String reason) {

        Frame frame() {
            return Frame.of(Frame.Type.REFUSED, 0, out -> {
                out.writeInt(protocol);
                Wire.string(out, version);
                Wire.string(out, reason);
            });
        }

        static Refusal parse(Frame frame) throws ProtocolException {
            return frame.parse(in -> new Refusal(in.readInt(), Wire.string(in), Wire.string(in)));
        }
    }

    static void writeMagic(OutputStream out) throws IOException {
        out.write(MAGIC);
        out.flush();
    }

    /**
     * Reads the peer's magic; fails with what the peer printed instead (its first line, as text) when it is not a
     * Conduit peer.
     */
    static void readMagic(InputStream in) throws IOException {
        byte[] got = in.readNBytes(MAGIC.length);
        if (Arrays.equals(got, MAGIC)) {
            return;
        }
        if (got.length == 0) {
            throw new java.io.EOFException("it closed the connection before saying anything");
        }
        StringBuilder line = new StringBuilder(new String(got, StandardCharsets.UTF_8));
        int next;
        while (line.indexOf("\n") < 0 && line.length() < 200 && (next = in.read()) >= 0) {
            line.append((char) next);
        }
        String said = line.toString().strip();
        throw new NotAnAgent(
                said.isEmpty() ? "(blank)" : List.of(said.split("\n")).head());
    }

    /** The peer said something that is not the agent's greeting. */
    static final class NotAnAgent extends IOException {
        NotAnAgent(String said) {
            super(said);
        }
    }
}
