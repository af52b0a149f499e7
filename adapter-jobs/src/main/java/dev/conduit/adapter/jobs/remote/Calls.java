package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import io.vavr.control.Either;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The calls a client makes of the agent's disk and trash, one answer each, and how their answers are written. */
final class Calls {

    /** What is asked. Codes are the protocol's: a new call takes a new one. */
    enum Op {
        IDENTIFY,
        LIST,
        EXAMINE,
        HASH,
        XATTRS,
        READ_LINES,
        FINISH_DIRECTORIES,
        SWEEP_TEMPORARIES,
        RESTORE,
        PRESENCE,
        PURGE,
        MAKE_ROOT,
        EXAMINE_ALL,
        /** Where this session's own writes took a root's journal (ADR 0051); only of an agent that says "settle". */
        SETTLE
    }

    /** Paths per {@link Op#EXAMINE_ALL} question: the answer stays well inside a frame. */
    static final int EXAMINED_PER_CALL = 5_000;

    /** Names of a listing per RESULT frame: a folder of any size is sent in frames of bounded size. */
    static final int LISTED_PER_FRAME = 10_000;

    private Calls() {}

    /** Writes a value. */
    @FunctionalInterface
    interface Writer<T> {
        void write(DataOutput out, T value) throws IOException;
    }

    /** Reads a value. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    static <T> void writeEither(DataOutput out, Either<EntryFailure, T> value, Writer<T> right) throws IOException {
        out.writeBoolean(value.isRight());
        if (value.isRight()) {
            right.write(out, value.get());
        } else {
            FailureCodec.write(out, value.getLeft());
        }
    }

    static <T> Either<EntryFailure, T> readEither(DataInput in, Reader<T> right) throws IOException {
        return in.readBoolean() ? Either.right(right.read(in)) : Either.left(FailureCodec.read(in));
    }
}
