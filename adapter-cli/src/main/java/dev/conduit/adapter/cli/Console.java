package dev.conduit.adapter.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Where the command line writes: stdout for results, stderr for problems. Tests hand in their own writers.
 *
 * @param interactive whether stdout is a terminal a person watches (progress bars are drawn only then)
 * @param bars        where progress bars are drawn: here, or by the client a daemon runs the command for
 */
public record Console(PrintWriter out, PrintWriter err, boolean interactive, ProgressBars bars) {

    /** A console whose progress bars are drawn on this process's stderr. */
    public Console(PrintWriter out, PrintWriter err, boolean interactive) {
        this(out, err, interactive, ProgressBars.TERMINAL);
    }

    /** Made when a command first prints JSON: Gson's start costs a human-readable command some 30 ms of CPU. */
    private static final class Json {
        static final Gson GSON =
                new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    }

    /** One problem line on stderr, prefixed with the program's name. */
    public void error(String message) {
        err.println("conduit: " + message);
        err.flush();
    }

    public void warning(String message) {
        err.println("conduit: warning: " + message);
        err.flush();
    }

    /** One JSON document on stdout. */
    public void json(Object document) {
        out.println(Json.GSON.toJson(document));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count and its noun, worded for people: {@code 1 error}, {@code 2 errors}, {@code 0 errors}. */
    public static String counted(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** Bytes in binary units: 512 B, 1.5 KiB, 12.3 MiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A span for people: {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 05 min}. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
