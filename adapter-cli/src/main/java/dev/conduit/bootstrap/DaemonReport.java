package dev.conduit.bootstrap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.conduit.adapter.api.EventHub;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.Daemon;
import java.util.Optional;

/** What a daemon says on its own stdout: every event as a JSON line with {@code --json}, else a short line per sync. */
final class DaemonReport {

    private DaemonReport() {}

    static Thread start(EventHub events, Console console, Daemon.Settings settings) {
        EventHub.Subscription subscription = events.subscribe();
        Thread thread = new Thread(
                () -> {
                    try (subscription) {
                        while (!subscription.ended()) {
                            Optional<String> event = subscription.next(1_000);
                            event.ifPresent(json -> say(console, settings, json));
                        }
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                    }
                },
                "conduit-daemon-report");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void say(Console console, Daemon.Settings settings, String json) {
        if (settings.json()) {
            console.line(json);
            return;
        }
        JsonObject event = JsonParser.parseString(json).getAsJsonObject();
        String kind = event.get("event").getAsString();
        if (kind.equals("sync-finished") && !settings.quiet()) {
            console.line(String.format(
                    "%s %s (generation %s) in %s: %s copied, %s deleted, %s, %s",
                    event.get("stopped").getAsBoolean() ? "Stopped" : "Synced",
                    event.get("name").getAsString(),
                    event.get("generation").getAsString(),
                    Console.seconds(event.get("elapsedMillis").getAsLong()),
                    Console.count(event.get("filesCopied").getAsLong()),
                    Console.count(event.get("filesDeleted").getAsLong()),
                    Console.counted(event.get("errors").getAsLong(), "error", "errors"),
                    event.get("verification").getAsString()));
        } else if (kind.equals("sync-failed")) {
            console.error(event.get("conduit").getAsString() + ": "
                    + event.get("error").getAsString());
        }
    }
}
