package dev.conduit.domain.conduit;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * A command line split into words as a POSIX shell splits it, without expanding anything: blanks separate words,
 * single quotes keep everything, double quotes keep all but {@code \"} and {@code \\}, a backslash keeps the next
 * character. What rsync does with its {@code -e} option.
 */
public final class ShellWords {

    private ShellWords() {}

    /** The words of {@code line}; why not, when a quote is left open or a backslash ends it. */
    public static Either<Problem, Seq<String>> split(String line) {
        java.util.List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    return Either.left(new Problem("ends with a backslash: " + line));
                }
                char next = line.charAt(++i);
                if (quote == '"' && next != '"' && next != '\\' && next != '$' && next != '`') {
                    word.append(c);
                }
                word.append(next);
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return Either.left(new Problem("leaves a quote (" + quote + ") open: " + line));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return Either.right(List.ofAll(words));
    }

    /** Why a line is not words a shell can split: one line for a person. */
    public record Problem(String message) {
        @Override
        public String toString() {
            return message;
        }
    }
}
