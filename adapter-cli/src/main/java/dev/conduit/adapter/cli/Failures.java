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
            json.put(
                    "kind",
                    failure.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
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

    static int exitCode(Failure failure) {
        return failure.kind() == Failure.Kind.USAGE ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
}
