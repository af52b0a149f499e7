package dev.conduit.adapter.cli;

import dev.conduit.domain.generation.SyncProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A progress snapshot as JSON fields: the same in sync's progress events and in {@code status --json}. */
final class ProgressJson {

    static final List<String> FIELDS = List.of(
            "phase", "filesDone", "filesTotal", "bytesDone", "bytesTotal", "bytesPerSecond", "etaSeconds", "current");

    private ProgressJson() {}

    static Map<String, Object> of(SyncProgress progress) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phase", progress.phase());
        json.put("filesDone", progress.filesDone());
        json.put("filesTotal", progress.filesTotal());
        json.put("bytesDone", progress.bytesDone());
        json.put("bytesTotal", progress.bytesTotal());
        json.put("bytesPerSecond", progress.bytesPerSecond());
        json.put("etaSeconds", progress.etaSeconds().getOrNull());
        json.put("current", progress.current());
        return json;
    }
}
