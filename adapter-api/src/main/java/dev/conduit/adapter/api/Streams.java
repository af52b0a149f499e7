package dev.conduit.adapter.api;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** The two endpoints that answer as they go: the event stream, and a command line run for a client. */
final class Streams {

    /** With no event for this long, the stream sends a heartbeat (and so notices a client that went away). */
    static final long HEARTBEAT_MILLIS = 15_000;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CommandRunner runner;
    private final EventHub events;
    private final Runs runs;

    Streams(CommandRunner runner, EventHub events, Runs runs) {
        this.runner = runner;
        this.events = events;
        this.runs = runs;
    }

    /** {@code GET /v1/events}: JSON lines until the client goes or the daemon stops. */
    void events(Response response) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Routes.JSON_LINES + "; charset=utf-8");
        try (OutputStream body = Content.Sink.asOutputStream(response);
                EventHub.Subscription subscription = events.subscribe()) {
            body.flush(); // the headers now: a client sees at once that it is subscribed
            long quietSince = System.nanoTime();
            while (!subscription.ended()) {
                Optional<String> event = subscription.next(1_000);
                if (event.isPresent()) {
                    line(body, event.get());
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > HEARTBEAT_MILLIS * 1_000_000) {
                    line(body, "{\"event\":\"heartbeat\"}");
                    quietSince = System.nanoTime();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // nothing to tell anyone
        }
    }

    private static void line(OutputStream body, String json) throws IOException {
        body.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    /** {@code POST /v1/cli}: runs a client's command line here and streams its output back as {@link CliFrames}. */
    void forward(Request request, Response response) throws IOException {
        Forwarded forwarded;
        try {
            forwarded = Routes.GSON.fromJson(Content.Source.asString(request, StandardCharsets.UTF_8), Forwarded.class);
        } catch (JsonParseException malformed) {
            Routes.error(response, 400, "the body is not a command line: " + malformed.getMessage());
            return;
        }
        if (forwarded == null
                || forwarded.args() == null
                || forwarded.id() == null
                || !RUN_ID.matcher(forwarded.id()).matches()) {
            Routes.error(response, 400, "say {\"id\":\"[A-Za-z0-9_-]{1,64}\",\"args\":[...],\"env\":{...}}");
            return;
        }
        Optional<Interruption> interruption = runs.begin(forwarded.id());
        if (interruption.isEmpty()) {
            Routes.error(response, 503, "the daemon is stopping, or run " + forwarded.id() + " is under way");
            return;
        }
        try {
            stream(response, forwarded, interruption.get());
        } finally {
            runs.end(forwarded.id());
        }
    }

    private void stream(Response response, Forwarded forwarded, Interruption interruption) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CliFrames.MEDIA_TYPE);
        try (OutputStream body = Content.Sink.asOutputStream(response)) {
            AtomicBoolean gone = new AtomicBoolean();
            Runnable clientGone = () -> { // as if the user pressed Ctrl-C: the sync stops at its next safe point
                if (gone.compareAndSet(false, true)) {
                    interruption.interrupt();
                }
            };
            Writer out = CliFrames.writer(body, 'o', clientGone);
            Writer err = CliFrames.writer(body, 'e', clientGone);
            Writer progress = CliFrames.writer(body, 'p', clientGone);
            Map<String, String> environment = forwarded.env() == null ? Map.of() : forwarded.env();
            boolean interactive = Boolean.TRUE.equals(forwarded.interactive());
            int exit = runner.run(new CommandRunner.Invocation(
                    forwarded.args(), environment, out, err, interruption, interactive, progress));
            out.flush();
            err.flush();
            CliFrames.exit(body, exit);
        }
    }

    /** The body of {@code POST /v1/cli}; {@code interactive}: the client is on a terminal and draws a progress bar. */
    record Forwarded(String id, List<String> args, Map<String, String> env, Boolean interactive) {}
}
