package dev.conduit.bootstrap;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The command line as the readers that run before picocli see it ({@link Forwarding}, {@link EarlyLibrary},
 * {@link EarlyAgent}), read once: its command, its {@code --library}, its options and the words after the command. It
 * knows no option but {@code --library}, so it cannot tell another option's value from a word: each reader decides
 * what it is unsure of, and anything it is unsure of it leaves to picocli.
 *
 * <p>The reading: {@code --library DIR} and {@code --library=DIR} give the library (the last one given wins), its
 * value taken whatever it is, even {@code --} or {@code -h}; {@code --library} as the last argument has no value and
 * is kept as an option. Any other argument that begins with {@code -} is an option. The first other word is the
 * command, the words after it its operands. A {@code --} ends the reading: all three readers leave such a line to
 * picocli, so what follows it is not read (a command after it is no command here).
 *
 * @param joined the arguments before any {@code --}, each {@code --library DIR} written {@code --library=DIR}
 * @param library the value of the last {@code --library}, as written (it may be empty: {@code --library=})
 * @param command the first word that is neither an option nor the library
 * @param operands the words after the command, in order: an option's value is among them (the peek cannot tell)
 * @param options the arguments that begin with {@code -}, but {@code --library} with its value and {@code --}
 * @param endOfOptions whether a {@code --} appears (not as the value of {@code --library})
 */
record CommandLinePeek(
        List<String> joined,
        Option<String> library,
        Option<String> command,
        List<String> operands,
        List<String> options,
        boolean endOfOptions) {

    static final String LIBRARY = "--library";
    static final String LIBRARY_JOINED = LIBRARY + "=";

    /** Reads {@code args} once. */
    static CommandLinePeek of(String... args) {
        List<String> joined = List.empty();
        Option<String> library = Option.none();
        Option<String> command = Option.none();
        List<String> operands = List.empty();
        List<String> options = List.empty();
        for (int at = 0; at < args.length; at++) {
            String arg = args[at];
            if (arg.equals(LIBRARY) && at + 1 < args.length) {
                library = Option.some(args[++at]);
                joined = joined.append(LIBRARY_JOINED + library.get());
                continue;
            }
            if (arg.equals("--")) {
                return new CommandLinePeek(joined, library, command, operands, options, true);
            }
            joined = joined.append(arg);
            if (arg.startsWith(LIBRARY_JOINED)) {
                library = Option.some(arg.substring(LIBRARY_JOINED.length()));
            } else if (arg.startsWith("-")) {
                options = options.append(arg);
            } else if (command.isEmpty()) {
                command = Option.some(arg);
            } else {
                operands = operands.append(arg);
            }
        }
        return new CommandLinePeek(joined, library, command, operands, options, false);
    }

    /** Whether {@code -h} or {@code --help} appears as an option. */
    boolean help() {
        return options.contains("-h") || options.contains("--help");
    }

    /** Whether the command is one of {@code names}. */
    boolean commandIn(java.util.Set<String> names) {
        return command.exists(names::contains);
    }
}
