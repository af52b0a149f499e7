package dev.conduit.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process, with captured output and a library in a temporary folder. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path library, String... args) {
        String[] withLibrary = new String[args.length + 2];
        withLibrary[0] = "--library";
        withLibrary[1] = library.toString();
        System.arraycopy(args, 0, withLibrary, 2, args.length);
        return runWithEnvironment(Map.of("HOME", library.resolve("home").toString()), withLibrary);
    }

    static CliRun runWithEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ConduitCli.run(args, new PrintWriter(out), new PrintWriter(err), new HashMap<>(environment), false);
        return new CliRun(code, out.toString(), err.toString());
    }
}
