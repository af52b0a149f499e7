package dev.conduit.adapter.api;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The API's endpoints (docs/api.md). Every answer about conduits is what {@code conduit ... --json} prints, produced by
 * running that very command in the daemon: one renderer for the command line and the API, so they never drift.
 */
final class Routes extends Handler.Abstract {

    static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    static final String JSON = "application/json";
    static final String JSON_LINES = "application/x-ndjson";

    private final CommandRunner runner;
    private final EventHub events;
    private final Runs runs = new Runs();
    private final ExecutorService background;
    private final Streams streams;

    Routes(CommandRunner runner, EventHub events, int maxParallel) {
        this.runner = runner;
        this.events = events;
        this.background = Executors.newFixedThreadPool(maxParallel, work -> {
            Thread thread = new Thread(work, "conduit-api-sync");
            thread.setDaemon(true);
            return thread;
        });
        this.streams = new Streams(runner, events, runs);
    }

    Runs runs() {
        return runs;
    }

    void close() {
        background.shutdown();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response);
            callback.succeeded();
        } catch (Throwable failure) {
            callback.failed(failure);
        }
        return true;
    }

    private void route(Request request, Response response) throws IOException {
        List<String> path = segments(request.getHttpURI().getPath());
        String method = request.getMethod();
        Fields query = Request.extractQueryParameters(request);
        String route = method + " " + String.join("/", shape(path));
        switch (route) {
            case "GET v1/conduits" -> command(response, List.of("list"));
            case "GET v1/conduits/*" -> command(response, List.of("show", path.get(2)));
            case "GET v1/conduits/*/status" -> command(response, List.of("status", path.get(2)));
            case "GET v1/conduits/*/history" -> command(response, List.of("history", path.get(2)));
            case "GET v1/conduits/*/plan" -> command(response, List.of("plan", path.get(2)));
            case "POST v1/conduits/*/pause" -> command(response, List.of("pause", path.get(2)));
            case "POST v1/conduits/*/sync", "POST v1/conduits/*/resume" -> sync(response, path, query);
            case "GET v1/status" -> command(response, List.of("status"));
            case "GET v1/stats" -> command(response, List.of("stats"));
            case "GET v1/conflicts" -> command(response, conflicts(query));
            case "POST v1/conflicts/*/resolve" -> resolve(request, response, path.get(2), query);
            case "GET v1/events" -> streams.events(response);
            case "POST v1/cli" -> streams.forward(request, response);
            case "POST v1/cli/*/interrupt" -> interrupt(response, path.get(2));
            default ->
                error(
                        response,
                        knownPath(route) ? 405 : 404,
                        "no such endpoint: " + method + " /" + String.join("/", path));
        }
    }

    private static List<String> conflicts(Fields query) {
        List<String> args = new ArrayList<>(List.of("conflicts"));
        Optional.ofNullable(query.getValue("conduit")).ifPresent(args::add);
        if ("true".equals(query.getValue("all"))) {
            args.add("--all");
        }
        return args;
    }

    private void resolve(Request request, Response response, String id, Fields query) throws IOException {
        String keep = query.getValue("keep");
        if (keep == null) {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            try {
                Map<?, ?> json = body.isBlank() ? Map.of() : GSON.fromJson(body, Map.class);
                keep = json.get("keep") instanceof String given ? given : null;
            } catch (JsonParseException | ClassCastException notJson) {
                error(response, 400, "the body is not a JSON object: " + notJson.getMessage());
                return;
            }
        }
        if (keep == null) {
            error(response, 400, "say which version to keep: {\"keep\":\"source|target|both\"} or ?keep=...");
            return;
        }
        command(response, List.of("resolve", id, "--keep", keep));
    }

    /** {@code sync} and {@code resume}: in the background (202, the events tell the rest), or awaited with ?wait. */
    private void sync(Response response, List<String> path, Fields query) throws IOException {
        List<String> args = new ArrayList<>(List.of(path.get(3), path.get(2)));
        if ("true".equals(query.getValue("force"))) {
            args.add("--force");
        }
        if ("true".equals(query.getValue("wait"))) {
            command(response, args);
            return;
        }
        Optional<String> id = startInBackground(args);
        if (id.isEmpty()) {
            error(response, 503, "the daemon is stopping");
            return;
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("run", id.get());
        accepted.put("command", args.get(0));
        accepted.put("conduit", args.get(1));
        write(response, 202, JSON, GSON.toJson(accepted) + "\n");
    }

    /** Runs {@code COMMAND CONDUIT [OPTIONS] --json} on the background threads; its run's id, or empty if stopping. */
    Optional<String> startInBackground(List<String> args) {
        String id = "api-" + UUID.randomUUID();
        Optional<Interruption> interruption = runs.begin(id);
        interruption.ifPresent(given -> background.execute(() -> runInBackground(id, args, given)));
        return interruption.map(given -> id);
    }

    private void runInBackground(String id, List<String> args, Interruption interruption) {
        try {
            Answer answer = run(args, interruption);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "run-finished");
            event.put("run", id);
            event.put("command", args.get(0));
            event.put("conduit", args.get(1));
            event.put("exit", answer.exit());
            event.put("error", answer.problem());
            events.publish(GSON.toJson(event));
        } finally {
            runs.end(id);
        }
    }

    private void interrupt(Response response, String id) throws IOException {
        if (runs.interrupt(id)) {
            write(response, 202, JSON, "{\"interrupted\":" + GSON.toJson(id) + "}\n");
        } else {
            error(response, 404, "no run " + id + " is under way");
        }
    }

    /** Runs {@code conduit ARGS --json} and answers with what it printed, the status saying how it ended. */
    private void command(Response response, List<String> args) throws IOException {
        String id = "api-" + UUID.randomUUID();
        Optional<Interruption> interruption = runs.begin(id);
        if (interruption.isEmpty()) {
            error(response, 503, "the daemon is stopping");
            return;
        }
        try {
            Answer answer = run(args, interruption.get());
            response.getHeaders().put("Conduit-Exit", Integer.toString(answer.exit()));
            if (answer.out().isBlank()) {
                error(response, answer.status(), answer.problem());
            } else {
                write(response, answer.status(), answer.out().strip().contains("\n") ? JSON_LINES : JSON, answer.out());
            }
        } finally {
            runs.end(id);
        }
    }

    private Answer run(List<String> args, Interruption interruption) {
        List<String> withJson = new ArrayList<>(args);
        withJson.add("--json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = runner.run(new CommandRunner.Invocation(withJson, Map.of(), out, err, interruption));
        return new Answer(exit, out.toString(), err.toString());
    }

    static void error(Response response, int status, String message) throws IOException {
        write(response, status, JSON, GSON.toJson(Map.of("error", message)) + "\n");
    }

    static void write(Response response, int status, String type, String body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        Content.Sink.write(response, true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** The path with the segments that name something (a conduit, a conflict, a run) as {@code *}. */
    private static List<String> shape(List<String> path) {
        List<String> shape = new ArrayList<>(path);
        if (shape.size() > 2 && List.of("conduits", "conflicts", "cli").contains(shape.get(1))) {
            shape.set(2, "*");
        }
        return shape;
    }

    private static boolean knownPath(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return List.of(
                        "v1/conduits",
                        "v1/conduits/*",
                        "v1/conduits/*/status",
                        "v1/conduits/*/history",
                        "v1/conduits/*/plan",
                        "v1/conduits/*/pause",
                        "v1/conduits/*/sync",
                        "v1/conduits/*/resume",
                        "v1/status",
                        "v1/stats",
                        "v1/conflicts",
                        "v1/conflicts/*/resolve",
                        "v1/events",
                        "v1/cli",
                        "v1/cli/*/interrupt")
                .contains(path);
    }

    /**
     * How a command ended: its exit code, what it printed on stdout (JSON) and stderr.
     */
    record Answer(int exit, String out, String err) {

        /** The HTTP status for the exit code (and, for a failure, the kind its JSON names). */
        int status() {
            return switch (exit) {
                case 0, 3 -> 200;
                case 2 -> 400;
                default -> failureStatus();
            };
        }

        private int failureStatus() {
            String kind = "";
            for (String line : out.split("\n")) {
                if (line.startsWith("{\"error\"")) {
                    try {
                        Object named = GSON.fromJson(line, Map.class).get("kind");
                        kind = named instanceof String text ? text : "";
                    } catch (JsonParseException notJson) {
                        kind = "";
                    }
                }
            }
            return switch (kind) {
                case "not-found" -> 404;
                case "refused", "busy", "paused" -> 409;
                case "" -> out.isBlank() ? 500 : 200; // it ran: the summary and Conduit-Exit say how
                default -> 409;
            };
        }

        /** The first problem line on stderr, without the program's name; null when there is none. */
        String problem() {
            for (String line : err.split("\n")) {
                if (!line.isBlank()) {
                    return line.startsWith("conduit: ") ? line.substring("conduit: ".length()) : line;
                }
            }
            return null;
        }
    }
}
