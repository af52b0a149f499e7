package dev.conduit.adapter.jobs.remote;

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
    static final int PROTOCOL = 2;

    static final byte[] MAGIC = "CONDUIT\u0001".getBytes(StandardCharsets.ISO_8859_1);

    /** The agent records what its jobs write and answers {@link Calls.Op#SETTLE} (ADR 0051). */
    static final String SETTLE = "settle";

    /** What this agent can do, as the client may ask. */
    static final io.vavr.collection.Set<String> CAPABILITIES =
            HashSet.of("index", "files", "copy-into", "copy-from", "delete", "trash", "chunk-sha256", "resume", SETTLE);

    private Handshake() {}

    /** What the client says first. */
    record Hello(int protocol, String version, Seq<String> roots) {

        Frame frame() {
            return Frame.of(Frame.Type.HELLO, 0, out -> {
                out.writeInt(protocol);
                Wire.string(out, version);
                Wire.strings(out, roots);
            });
        }

        static Hello parse(Frame frame) throws ProtocolException {
            return frame.parse(in -> new Hello(in.readInt(), Wire.string(in), Wire.strings(in)));
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
