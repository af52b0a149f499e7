package dev.conduit.adapter.jobs.remote;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * One frame of the agent protocol: its type, the exchange it belongs to ({@code stream}: every request and what
 * answers it share one), and its payload. On the wire (ADR 0038): {@code length:int32} (of what follows), {@code
 * type:uint8}, {@code stream:int32}, the payload, and a CRC32C of type, stream and payload, checked on every frame.
 */
record Frame(Type type, int stream, byte[] payload) {

    /** What a frame says. Codes are the protocol's: a new type takes a new code, never an old one's. */
    enum Type {
        HELLO(1),
        WELCOME(2),
        REFUSED(3),
        /** A request failed as a whole: its payload is one line. */
        ERROR(4),
        /** A call ({@link Calls}) and its answer. */
        CALL(5),
        RESULT(6),
        INDEX(10),
        INDEX_PROGRESS(11),
        INDEX_CHANGED(12),
        INDEX_REMOVED(13),
        INDEX_STATE(14),
        INDEX_FAILED(15),
        COPY_INTO(20),
        COPY_FROM(21),
        DELETE(22),
        /** An action handed to a job (the receiving side's, or the pushing side's). */
        ACTION(23),
        /** No more actions. */
        ACTIONS_END(24),
        /** What the pushing side sends with an action: its extended attributes, its bytes, whether it held. */
        PUSH_ACTION(25),
        PUSH_XATTRS(26),
        PUSH_CHUNK(27),
        PUSH_END(28),
        /** The receiving side took this many bytes of pushed frames: the pusher may send as much again. */
        CREDIT(29),
        DONE(30),
        FAILED(31),
        TRANSFERRING(32),
        TRASHED(33),
        /** The job is over on the side that ran it. */
        JOB_END(34),
        /** How much of a version the receiving side holds already, verified (resume). */
        RESUME_AT(35),
        /** Versions about to go to the trash, to be recorded (pending) by the side that keeps the ledger. */
        TRASHING(36),
        /** Their ids in that ledger. */
        TRASH_IDS(37),
        NOT_TRASHED(38),
        /**
         * A small file pushed whole in one frame: its action, its bytes and whether it held still, with no chunk hash
         * of its own (its whole hash is in the action, and checked before the file is put in place; ADR 0071).
         */
        PUSH_FILE(39),
        /**
         * A chunk of a large file that is the receiving side's version's chunk at the same place: its offset, hash and
         * length, no bytes; read there from that version (its basis, ADR 0074) and checked against the hash.
         */
        PUSH_SAME(40);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }

        static Type of(int code) throws ProtocolException {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new ProtocolException("a frame of unknown type " + code);
        }
    }

    /** The payload, to read fields from. */
    DataInputStream read() {
        return new DataInputStream(new java.io.ByteArrayInputStream(payload));
    }

    /** A frame without payload. */
    static Frame of(Type type, int stream) {
        return new Frame(type, stream, new byte[0]);
    }

    /** A frame whose payload {@code body} writes. */
    static Frame of(Type type, int stream, Wire.Body body) {
        return new Frame(type, stream, Wire.bytes(body));
    }

    /** Reads a payload, or says that the peer sent one that does not parse. */
    <T> T parse(Wire.Parser<T> parser) throws ProtocolException {
        try (DataInputStream in = read()) {
            return parser.parse(in);
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("a " + type + " frame that does not parse: " + e.getMessage());
        }
    }
}
