package dev.conduit.bootstrap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.conduit.adapter.api.EventHub;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.Daemon;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger("dev.conduit.daemon");

    private static void say(Console console, Daemon.Settings settings, String json) {
        JsonObject event = JsonParser.parseString(json).getAsJsonObject();
        String kind = event.get("event").getAsString();
        if (settings.json()) {
            console.line(json);
        }
        if (kind.equals("sync-finished")) {
            String line = finished(event);
            LOG.info(line);
            if (!settings.json() && !settings.quiet()) {
                console.line(line);
            }
        } else if (kind.equals("sync-failed")) {
            String line = event.get("conduit").getAsString() + ": "
                    + event.get("error").getAsString();
            LOG.warn(line);
            if (!settings.json()) {
                console.error(line);
            }
        } else if (kind.equals("sync-started")) {
            LOG.info("Syncing conduit {}", event.get("conduit").getAsString());
        }
    }

    private static String finished(JsonObject event) {
        return String.format(
                "%s %s (generation %s) in %s: %s copied, %s deleted, %s, %s",
                event.get("stopped").getAsBoolean() ? "Stopped" : "Synced",
                event.get("name").getAsString(),
                event.get("generation").getAsString(),
                Console.seconds(event.get("elapsedMillis").getAsLong()),
                Console.count(event.get("filesCopied").getAsLong()),
                Console.count(event.get("filesDeleted").getAsLong()),
                Console.counted(event.get("errors").getAsLong(), "error", "errors"),
                event.get("verification").getAsString());
    }
}
