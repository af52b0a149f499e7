package dev.conduit.adapter.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.adapter.jobs.sync.TrashFolder;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handshake and the frames themselves: what either side refuses, in one line. */
class AgentHandshakeTest {

    /** An agent that never gets as far as its library (only the handshake and the frames are under test). */
    private static AgentServer bareAgent() {
        return new AgentServer(new AgentServer.Library(
                "lib",
                "9.9",
                null,
                null,
                null,
                null,
                null,
                null,
                new TrashFolder(Path.of("/nonexistent")),
                Clock.systemUTC()));
    }

    @Test
    void aFrameRoundTripsAndItsChecksumIsChecked() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameChannel writer = new FrameChannel(new ByteArrayInputStream(new byte[0]), bytes);
        writer.send(Frame.of(Frame.Type.CALL, 7, out -> Wire.string(out, "hello")));
        byte[] sent = bytes.toByteArray();

        Frame read = new FrameChannel(new ByteArrayInputStream(sent), new ByteArrayOutputStream()).receive();
        assertEquals(Frame.Type.CALL, read.type());
        assertEquals(7, read.stream());
        assertEquals("hello", read.parse(Wire::string));

        byte[] corrupted = sent.clone();
        corrupted[12] ^= 0x01; // one bit of the payload
        ProtocolException refused = assertThrows(
                ProtocolException.class,
                () -> new FrameChannel(new ByteArrayInputStream(corrupted), new ByteArrayOutputStream()).receive());
        assertTrue(refused.getMessage().contains("checksum"), refused.getMessage());
    }

    @Test
    void anAgentOfAnotherProtocolRefusesInOneLine() throws Exception {
        Pipes pipes = new Pipes();
        CompletableFuture<Void> served = pipes.serve(bareAgent());
        Handshake.writeMagic(pipes.toAgent);
        FrameChannel client = new FrameChannel(pipes.fromAgent, pipes.toAgent);
        client.send(new Handshake.Hello(Handshake.PROTOCOL + 1, "future", List.of("/srv")).frame());
        Handshake.readMagic(client.raw());
        Frame answer = client.receive();
        assertEquals(Frame.Type.REFUSED, answer.type());
        Handshake.Refusal refusal = Handshake.Refusal.parse(answer);
        assertEquals(Handshake.PROTOCOL, refusal.protocol());
        assertEquals("9.9", refusal.version());
        served.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theClientSaysWhatAnIncompatibleAgentIs() throws Exception {
        ByteArrayOutputStream agent = new ByteArrayOutputStream();
        agent.write(Handshake.MAGIC);
        new FrameChannel(new ByteArrayInputStream(new byte[0]), agent)
                .send(new Handshake.Refusal(2, "2.0", "this agent speaks protocol 2, the client 1").frame());
        Either<AgentFailure, AgentSession> session = AgentSessions.shake(
                new ByteArrayInputStream(agent.toByteArray()),
                new ByteArrayOutputStream(),
                "host",
                List.of("/srv"),
                null,
                "1.0",
                () -> {});
        AgentFailure failure = session.getLeft();
        assertInstanceOf(AgentFailure.Incompatible.class, failure);
        assertEquals(1, failure.describe().lines().count());
        assertTrue(failure.describe().contains("agent Conduit 2.0, protocol 2"), failure.describe());
    }

    @Test
    void aShellGreetingIsNotTakenForAnAgent() {
        Either<AgentFailure, AgentSession> session = AgentSessions.shake(
                new ByteArrayInputStream("Welcome to my shell!\nmore\n".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                "host",
                List.of("/srv"),
                null,
                "1.0",
                () -> {});
        assertEquals(
                "what runs on host is not a conduit agent; it said: Welcome to my shell!"
                        + " (a shell startup file that prints for a non-interactive login does this)",
                session.getLeft().describe());
    }

    @Test
    void theAgentEndsTheSessionOnAFrameWithAWrongChecksum() throws Exception {
        Pipes pipes = new Pipes();
        CompletableFuture<Void> served = pipes.serve(bareAgent());
        Handshake.writeMagic(pipes.toAgent);
        FrameChannel client = new FrameChannel(pipes.fromAgent, pipes.toAgent);
        client.send(new Handshake.Hello(Handshake.PROTOCOL, "test", List.of("/srv")).frame());
        Handshake.readMagic(client.raw());
        assertEquals(Frame.Type.WELCOME, client.receive().type());

        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        new FrameChannel(new ByteArrayInputStream(new byte[0]), frame).send(Frame.of(Frame.Type.CALL, 1, out -> {
            out.writeByte(Calls.Op.IDENTIFY.ordinal());
            Wire.string(out, "/srv");
        }));
        byte[] corrupted = frame.toByteArray();
        corrupted[corrupted.length - 1] ^= 0x40; // the checksum itself
        pipes.toAgent.write(corrupted);
        pipes.toAgent.flush();
        assertThrows(EOFException.class, client::receive, "the agent answers nothing, and hangs up");
        served.get(10, TimeUnit.SECONDS);
    }

    /** Two pipes between a test's client and an agent served on a thread of its own. */
    private static final class Pipes {
        private final MemoryPipe up = new MemoryPipe(1 << 16);
        private final MemoryPipe down = new MemoryPipe(1 << 16);
        final java.io.InputStream agentIn = up.in;
        final java.io.OutputStream toAgent = up.out;
        final java.io.InputStream fromAgent = down.in;
        final java.io.OutputStream agentOut = down.out;

        CompletableFuture<Void> serve(AgentServer agent) {
            return CompletableFuture.runAsync(() -> {
                try {
                    agent.serve(agentIn, agentOut);
                } catch (IOException ended) {
                    // what the test looks at is what the client saw
                } finally {
                    try {
                        agentOut.close();
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            });
        }
    }

    @Test
    void theScansAheadOfAHelloAreReadByANewAgentAndUnseenByAnOlderOne() throws Exception {
        var ahead = List.of(
                new dev.conduit.application.port.out.PeerIndex.ScanAhead("/srv/docs", List.of("*.tmp"), true, true));
        Frame frame = new Handshake.Hello(Handshake.PROTOCOL, "1.0", List.of("/srv/docs"), ahead).frame();

        assertEquals(ahead, Handshake.Hello.parse(frame).ahead());
        // protocol 2's HELLO as an agent before ADR 0055 reads it: the fields it knows, the rest not read
        Handshake.Hello older = frame.parse(in -> new Handshake.Hello(in.readInt(), Wire.string(in), Wire.strings(in)));
        assertEquals(List.of("/srv/docs"), older.roots());
        assertEquals(
                List.empty(),
                Handshake.Hello.parse(new Handshake.Hello(Handshake.PROTOCOL, "1.0", List.of("/srv/docs")).frame())
                        .ahead(),
                "an older client's HELLO asks for no scan ahead");
    }
}
