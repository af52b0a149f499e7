package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.generation.SyncProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A daemon's events as JSON documents, with the fields the command line's own JSON uses ({@link ProgressJson},
 * {@link GenerationJson}, {@link ActionJson}), each naming the conduit it is about.
 */
public final class SyncEvents {

    private SyncEvents() {}

    /** Hears a sync of {@code conduit} and hands each phase, progress, conflict and error to {@code sink}. */
    public static SyncListener to(String conduit, Consumer<Map<String, Object>> sink) {
        return new SyncListener() {
            @Override
            public void phase(SyncPhase phase, long files, long bytes) {
                Map<String, Object> json = event("phase", conduit);
                json.put("phase", phase.label());
                json.put("filesTotal", files);
                json.put("bytesTotal", bytes);
                sink.accept(json);
            }

            @Override
            public void progress(SyncProgress progress) {
                Map<String, Object> json = event("progress", conduit);
                json.putAll(ProgressJson.of(progress));
                sink.accept(json);
            }

            @Override
            public void conflict(Conflict conflict) {
                Map<String, Object> json = event("conflict", conduit);
                Map<String, Object> fields = ActionJson.of(conflict);
                fields.remove("op");
                json.putAll(fields);
                sink.accept(json);
            }

            @Override
            public void error(EntryError error) {
                Map<String, Object> json = event("error", conduit);
                json.put("side", error.side().label());
                json.put("path", error.path());
                json.put("reason", error.reason());
                sink.accept(json);
            }
        };
    }

    public static Map<String, Object> started(String conduit) {
        return event("sync-started", conduit);
    }

    /** The end of a sync: the summary that {@code sync --json} prints last, and whether it stopped early. */
    public static Map<String, Object> finished(String conduit, SyncReport report) {
        Map<String, Object> json = event("sync-finished", conduit);
        json.put("name", report.conduit().name().value());
        json.putAll(GenerationJson.of(report.conduit().id().value(), report.generation()));
        json.put("pendingConflicts", report.pendingConflicts());
        json.put("elapsedMillis", report.elapsed().toMillis());
        json.put("stopped", report.stopped());
        return json;
    }

    /** A sync that could not run or failed as a whole, with the failure as {@code --json} names it. */
    public static Map<String, Object> failed(String conduit, Failure failure) {
        Map<String, Object> json = event("sync-failed", conduit);
        json.put("error", failure.message());
        json.put("kind", Failures.kind(failure));
        return json;
    }

    private static Map<String, Object> event(String name, String conduit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", name);
        json.put("conduit", conduit);
        return json;
    }
}
