package dev.conduit.application.port.in;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The phases of a sync, in the order they come. Each has the label the library stores in a progress snapshot and
 * the CLI prints (a {@link dev.conduit.domain.generation.SyncProgress} carries the label).
 */
public enum SyncPhase {
    INDEXING("indexing"),
    COPYING("copying"),
    DELETING("deleting"),
    VERIFYING("verifying");

    private final String label;

    SyncPhase(String label) {
        this.label = label;
    }

    /** As stored and printed: {@code indexing}, {@code copying}, {@code deleting}, {@code verifying}. */
    public String label() {
        return label;
    }

    /** The phase a stored label names, if any. */
    public static Option<SyncPhase> of(String label) {
        return List.of(values()).find(phase -> phase.label.equals(label));
    }
}
