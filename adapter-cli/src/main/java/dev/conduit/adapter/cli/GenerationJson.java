package dev.conduit.adapter.cli;

import dev.conduit.domain.generation.Generation;
import java.util.LinkedHashMap;
import java.util.Map;

/** A generation's number, counts and verification as JSON, in the order of the spec's {@code sync} summary. */
final class GenerationJson {

    private GenerationJson() {}

    /** Starts with {@code conduit} when one is given (the sync summary), then the generation's own fields. */
    static Map<String, Object> of(Long conduit, Generation generation) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (conduit != null) {
            json.put("conduit", conduit);
        }
        json.put("generation", generation.number());
        json.put("filesCopied", generation.counts().filesCopied());
        json.put("filesDeleted", generation.counts().filesDeleted());
        json.put("conflicts", generation.counts().conflicts());
        json.put("bytesTransferred", generation.counts().bytesTransferred());
        json.put("errors", generation.counts().errors());
        json.put("verification", generation.verification().label());
        generation.resumedFrom().forEach(resumed -> json.put("resumedFrom", resumed));
        return json;
    }
}
