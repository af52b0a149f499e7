package dev.conduit.domain.parse;

import io.vavr.collection.Array;
import io.vavr.control.Either;
import java.util.function.Function;

/** Parses the label of one of an enum's values, naming the accepted labels when it is none of them. */
public final class Labels {

    private Labels() {}

    public static <E> Either<Invalid, E> parse(E[] values, Function<E, String> label, String raw, String what) {
        Array<E> all = Array.of(values);
        return all.find(value -> label.apply(value).equals(raw))
                .toEither(() -> new Invalid(
                        what,
                        raw,
                        "unknown " + what + " '" + raw + "' (one of "
                                + all.map(label).mkString(", ") + ")"));
    }
}
