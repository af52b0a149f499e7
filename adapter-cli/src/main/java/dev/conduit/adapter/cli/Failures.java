package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** How a refused or failed command ends: one line on stderr (and a JSON document with --json), and its exit code. */
final class Failures {

    private Failures() {}

    static int report(Console console, RootCommand root, Failure failure) {
        if (root.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("error", failure.message());
            json.put("kind", kind(failure));
            console.json(json);
        }
        console.error(failure.message());
        return exitCode(failure);
    }

    /**
     * How most commands end: the failure reported, or the result printed — as JSON with {@code --json}, else as one
     * line for people unless {@code -q} — and exit 0.
     */
    static <T> int finish(
            Console console,
            RootCommand root,
            Either<Failure, T> result,
            Function<T, Object> json,
            Function<T, String> line) {
        if (result.isLeft()) {
            return report(console, root, result.getLeft());
        }
        if (root.json()) {
            console.json(json.apply(result.get()));
        } else if (!root.quiet()) {
            console.line(line.apply(result.get()));
        }
        return ExitCodes.OK;
    }

    /** Malformed arguments exit 2; every other failure exits 1 (see the CLI contract). */
    static int exitCode(Failure failure) {
        return failure.fold(
                usage -> ExitCodes.USAGE,
                notFound -> ExitCodes.FAILURE,
                refused -> ExitCodes.FAILURE,
                busy -> ExitCodes.FAILURE,
                paused -> ExitCodes.FAILURE);
    }

    /** The failure's kind as {@code --json} names it. */
    static String kind(Failure failure) {
        return failure.fold(
                usage -> "usage", notFound -> "not-found", refused -> "refused", busy -> "busy", paused -> "paused");
    }
}
