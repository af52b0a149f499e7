package dev.conduit.adapter.cli;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** A conduit as JSON: the fields the spec names for {@code list}, then the rest of its settings. */
final class ConduitJson {

    private ConduitJson() {}

    static Map<String, Object> of(Conduit conduit) {
        ConduitSettings settings = conduit.settings();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", conduit.id().value());
        json.put("name", conduit.name().value());
        json.put("source", conduit.source().written());
        json.put("target", conduit.target().written());
        json.put("mode", settings.mode().label());
        json.put("schedule", settings.schedule().label());
        json.put("conflict", settings.conflict().label());
        json.put("delete", settings.delete().label());
        json.put("enabled", conduit.enabled());
        json.put("paused", conduit.pausedBecause().getOrNull());
        json.put("ignore", settings.ignorePatterns().toJavaList());
        json.put("indexRules", settings.readIgnoreFiles());
        json.put("parallel", settings.parallel());
        json.put(
                "bwlimit",
                settings.bandwidth().isLimited() ? settings.bandwidth().bytesPerSecond() : null);
        if (conduit.source().isRemote() || conduit.target().isRemote()) {
            json.put("ssh", settings.remote().ssh().getOrNull());
            json.put("remoteConduit", settings.remote().remoteConduit());
        }
        return json;
    }

    /** The state in one word: paused, disabled or enabled. */
    static String state(Conduit conduit) {
        return conduit.isPaused() ? "paused" : conduit.enabled() ? "enabled" : "disabled";
    }
}
