package dev.conduit.application.port.in;

import dev.conduit.domain.parse.Invalid;
import io.vavr.collection.Seq;
import java.util.function.Function;

/**
 * Why a command about conduits, syncs or the trash did nothing (or stopped): one line for a person, saying what,
 * where and what to do. Its case decides the exit code; {@link #fold} makes every consumer handle every case.
 */
public sealed interface Failure {

    /** One line for a person: what, where, and what to do. */
    String message();

    <R> R fold(
            Function<Usage, R> usage,
            Function<NotFound, R> notFound,
            Function<Refused, R> refused,
            Function<Busy, R> busy,
            Function<Paused, R> paused);

    /** The arguments are malformed: exit 2. */
    record Usage(String message) implements Failure {
        @Override
        public <R> R fold(
                Function<Usage, R> usage,
                Function<NotFound, R> notFound,
                Function<Refused, R> refused,
                Function<Busy, R> busy,
                Function<Paused, R> paused) {
            return usage.apply(this);
        }
    }

    /** Nothing by that id or name. */
    record NotFound(String message) implements Failure {
        @Override
        public <R> R fold(
                Function<Usage, R> usage,
                Function<NotFound, R> notFound,
                Function<Refused, R> refused,
                Function<Busy, R> busy,
                Function<Paused, R> paused) {
            return notFound.apply(this);
        }
    }

    /** Well-formed, but refused for a reason of the paths or the conduit's state; nothing was changed. */
    record Refused(String message) implements Failure {
        @Override
        public <R> R fold(
                Function<Usage, R> usage,
                Function<NotFound, R> notFound,
                Function<Refused, R> refused,
                Function<Busy, R> busy,
                Function<Paused, R> paused) {
            return refused.apply(this);
        }
    }

    /** Another sync of the conduit (or another process holding it) is running. */
    record Busy(String message) implements Failure {
        @Override
        public <R> R fold(
                Function<Usage, R> usage,
                Function<NotFound, R> notFound,
                Function<Refused, R> refused,
                Function<Busy, R> busy,
                Function<Paused, R> paused) {
            return busy.apply(this);
        }
    }

    /** A root is missing, replaced or suddenly empty: the conduit is paused and nothing was deleted. */
    record Paused(String message) implements Failure {
        @Override
        public <R> R fold(
                Function<Usage, R> usage,
                Function<NotFound, R> notFound,
                Function<Refused, R> refused,
                Function<Busy, R> busy,
                Function<Paused, R> paused) {
            return paused.apply(this);
        }
    }

    /** Every problem with the arguments, in one line. */
    static Failure usage(Seq<String> problems) {
        return new Usage(problems.mkString("; "));
    }

    /** Every value given that is not valid, in one line. */
    static Failure invalid(Seq<Invalid> problems) {
        return usage(problems.map(Invalid::message));
    }

    static Failure notFound(String what) {
        return new NotFound(what);
    }

    static Failure refused(String why) {
        return new Refused(why);
    }

    static Failure busy(String why) {
        return new Busy(why);
    }

    static Failure paused(String why) {
        return new Paused(why);
    }
}
