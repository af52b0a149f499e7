package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.reconcile.Settlement;
import java.util.LinkedHashMap;
import java.util.Map;

/** One plan operation as JSON: the spec's fields, then its kind and reason. */
final class ActionJson {

    private ActionJson() {}

    static Map<String, Object> of(SyncAction action) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", action.op());
        json.put("direction", action.direction().label());
        json.put("path", action.path().value());
        json.put("kind", action.kind().label());
        json.put("reason", action.reason());
        return json;
    }

    /** One line for people: the operation, which way (an arrow from the source's side), the path, and why. */
    static String line(SyncAction action) {
        return String.format(
                "%-8s %s %s  (%s)",
                action.op(),
                action.direction() == Direction.SOURCE_TO_TARGET ? "->" : "<-",
                action.path().value() + (action.kind().label().equals("directory") ? "/" : ""),
                action.reason());
    }

    /**
     * An entry the sync will fail on (the receiving side's file system cannot hold it), as a plan operation:
     * {@code error}, with its side, path and reason.
     */
    static Map<String, Object> of(EntryError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", "error");
        json.put("side", error.side().label());
        json.put("path", error.path());
        json.put("reason", error.reason());
        return json;
    }

    static String line(EntryError error) {
        return String.format(
                "%-8s %s %s  (%s)", "error", "!!", error.side().label() + " " + error.path(), error.reason());
    }

    /** A conflict as a plan operation: the spec's fields, then how it is settled. */
    static Map<String, Object> of(Conflict conflict) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", "conflict");
        json.put(
                "direction",
                conflict.settlement() instanceof Settlement.Winner winner
                        ? Direction.from(winner.side()).label()
                        : null);
        json.put("path", conflict.path().value());
        json.put("type", conflict.type().label());
        json.put("settlement", conflict.settlement().label());
        return json;
    }

    static String line(Conflict conflict) {
        return String.format(
                "%-8s %s %s  (%s: %s)",
                "conflict",
                "!!",
                conflict.path().value(),
                conflict.type().label(),
                conflict.settlement().label());
    }
}
