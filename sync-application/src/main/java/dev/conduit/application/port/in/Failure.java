package dev.conduit.application.port.in;

import io.vavr.collection.Seq;

/**
 * Why a command about conduits, syncs or the trash did nothing (or stopped): one line for a person, saying what,
 * where and what to do, and the kind of failure, which decides the exit code.
 */
public record Failure(Kind kind, String message) {

    public enum Kind {
        /** The arguments are malformed: exit 2. */
        USAGE,
        /** Nothing by that id or name. */
        NOT_FOUND,
        /** Well-formed, but refused for a reason of the paths or the conduit's state; nothing was changed. */
        REFUSED,
        /** Another sync of the conduit is running. */
        BUSY,
        /** A root is missing, replaced or suddenly empty: the conduit is paused and nothing was deleted. */
        PAUSED
    }

    public static Failure usage(Seq<String> problems) {
        return new Failure(Kind.USAGE, problems.mkString("; "));
    }

    public static Failure notFound(String what) {
        return new Failure(Kind.NOT_FOUND, what);
    }

    public static Failure refused(String why) {
        return new Failure(Kind.REFUSED, why);
    }
}
