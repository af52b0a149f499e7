package dev.conduit.domain.conduit;

import io.vavr.collection.Array;
import io.vavr.control.Either;
import java.util.function.Function;

/** Parses the command-line spelling of an enumeration. */
public final class Labels {

    private Labels() {}

    public static <E> Either<String, E> parse(E[] values, Function<E, String> label, String raw, String what) {
        Array<E> all = Array.of(values);
        return all.find(value -> label.apply(value).equals(raw))
                .toEither(() -> "unknown " + what + " '" + raw + "' (one of "
                        + all.map(label).mkString(", ") + ")");
    }
}
