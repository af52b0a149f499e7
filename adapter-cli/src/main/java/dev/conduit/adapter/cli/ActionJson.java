package dev.conduit.adapter.cli;

import dev.conduit.domain.sync.SyncAction;

import java.util.LinkedHashMap;
import java.util.Map;

/** One plan operation as JSON: the spec's fields, then its kind and reason. */
final class ActionJson {

    private ActionJson() {
    }

    static Map<String, Object> of(SyncAction action) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", action.op());
        json.put("direction", action.direction().label());
        json.put("path", action.path().value());
        json.put("kind", action.kind().label());
        json.put("reason", action.reason());
        return json;
    }

    /** One line for people: the operation, the path, and why. */
    static String line(SyncAction action) {
        return String.format("%-8s %s  (%s)", action.op(), action.path().value() + (action.kind().label()
            .equals("directory") ? "/" : ""), action.reason());
    }
}
