package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a refused or failed command ends: one line on stderr (and a JSON document with --json), and its exit code. */
final class Failures {

    private Failures() {
    }

    static int report(Console console, RootCommand root, Failure failure) {
        if (root.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("error", failure.message());
            json.put("kind", failure.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            console.json(json);
        }
        console.error(failure.message());
        return exitCode(failure);
    }

    static int exitCode(Failure failure) {
        return failure.kind() == Failure.Kind.USAGE ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
}
