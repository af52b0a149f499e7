package dev.conduit.domain.ignore;

import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.util.regex.Pattern;

/**
 * One gitignore-style pattern, as written in a {@code .conduitignore} file in directory {@code base} or given with
 * {@code --ignore} (base: the root).
 *
 * <p>Semantics follow gitignore: a pattern without a '/' (other than a trailing one) matches a name at any depth
 * below its base; a leading or inner '/' anchors it to its base; a trailing '/' matches directories only; {@code *}
 * and {@code ?} never match '/'; {@code **} matches across directories; {@code [a-z]} and {@code [!a-z]} are
 * classes; a leading {@code !} re-includes what an earlier pattern excluded; {@code \} escapes the next character.
 */
public final class IgnorePattern {

    private final RelativePath base;
    private final String source;
    private final boolean negated;
    private final boolean directoryOnly;
    private final String literalName;
    private final Pattern regex;

    private IgnorePattern(
            RelativePath base,
            String source,
            boolean negated,
            boolean directoryOnly,
            String literalName,
            Pattern regex) {
        this.base = base;
        this.source = source;
        this.negated = negated;
        this.directoryOnly = directoryOnly;
        this.literalName = literalName;
        this.regex = regex;
    }

    /** The pattern one line stands for; none for blank lines and comments. */
    public static Option<IgnorePattern> parse(RelativePath base, String line) {
        String text = stripTrailingSpaces(line);
        if (text.isEmpty() || text.startsWith("#")) {
            return Option.none();
        }
        boolean negated = false;
        if (text.startsWith("!")) {
            negated = true;
            text = text.substring(1);
        } else if (text.startsWith("\\!") || text.startsWith("\\#")) {
            text = text.substring(1);
        }
        boolean directoryOnly = false;
        while (text.endsWith("/") && !text.endsWith("\\/")) {
            directoryOnly = true;
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return Option.none();
        }
        boolean anchored = text.indexOf('/') >= 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
            if (text.isEmpty()) {
                return Option.none();
            }
        }
        String literal = !anchored && isLiteral(text) ? text : null;
        StringBuilder regex = new StringBuilder("^");
        if (!base.isRoot()) {
            regex.append(Pattern.quote(base.value() + "/"));
        }
        if (!anchored) {
            regex.append("(?:.*/)?");
        }
        appendGlob(text, regex);
        regex.append('$');
        return Option.some(new IgnorePattern(
                base, line, negated, directoryOnly, literal, Pattern.compile(regex.toString(), Pattern.DOTALL)));
    }

    /** Whether the pattern matches this path (without looking at the path's ancestors). */
    public boolean matches(RelativePath path, boolean isDirectory) {
        if (directoryOnly && !isDirectory) {
            return false;
        }
        if (literalName != null) {
            return literalName.equals(path.name()) && base.isAncestorOf(path);
        }
        return regex.matcher(path.value()).matches();
    }

    public boolean isNegated() {
        return negated;
    }

    public RelativePath base() {
        return base;
    }

    /** The line as it was written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return base.isRoot() ? source : base + ": " + source;
    }

    private static void appendGlob(String glob, StringBuilder out) {
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*') {
                boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
                boolean slashFollows = i + 2 < n && glob.charAt(i + 2) == '/';
                boolean atEnd = i + 2 == n;
                if (atSegmentStart && slashFollows) { // "**/" : zero or more directories
                    out.append("(?:.*/)?");
                    i += 3;
                } else if (atSegmentStart && atEnd) { // "/**" or a lone "**": everything below
                    out.append(i == 0 ? ".*" : ".+");
                    i += 2;
                } else { // any other run of stars is a plain '*'
                    out.append("[^/]*");
                    while (i < n && glob.charAt(i) == '*') {
                        i++;
                    }
                }
            } else if (c == '*') {
                out.append("[^/]*");
                i++;
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = classEnd(glob, i);
                if (close < 0) {
                    out.append(Pattern.quote("["));
                    i++;
                } else {
                    appendClass(glob.substring(i + 1, close), out);
                    i = close + 1;
                }
            } else if (c == '\\' && i + 1 < n) {
                out.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
    }

    /** Index of the ']' that closes the class opened at {@code open}, or -1. */
    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++; // a leading ']' is a member
        }
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            } else if (c == '/') {
                return -1;
            }
        }
        return -1;
    }

    private static void appendClass(String body, StringBuilder out) {
        out.append('[');
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            out.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                c = body.charAt(++i);
                appendClassMember(c, out);
            } else if (c == '-' && i > 0 && i < body.length() - 1) {
                out.append('-');
            } else {
                appendClassMember(c, out);
            }
        }
        out.append(']');
    }

    private static void appendClassMember(char c, StringBuilder out) {
        if (Character.isLetterOrDigit(c)) {
            out.append(c);
        } else {
            out.append('\\').append(c);
        }
    }

    private static boolean isLiteral(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            if (end >= 2 && line.charAt(end - 2) == '\\') { // "\ " keeps its escaped space
                return line.substring(0, end);
            }
            end--;
        }
        return line.substring(0, end);
    }
}
