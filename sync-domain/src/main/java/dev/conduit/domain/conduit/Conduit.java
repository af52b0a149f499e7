package dev.conduit.domain.conduit;

import io.vavr.control.Option;

/**
 * A sync relationship between two directories.
 *
 * @param enabled     a disabled conduit keeps its settings and history but is not synced ({@code --all}, schedules)
 * @param pausedBecause why syncing stopped on its own (a root went missing, was replaced or emptied); none while
 *                      the conduit may sync
 */
public record Conduit(
        ConduitId id,
        ConduitName name,
        Endpoint source,
        Endpoint target,
        ConduitSettings settings,
        boolean enabled,
        Option<String> pausedBecause) {

    public Conduit {
        if (id == null
                || name == null
                || source == null
                || target == null
                || settings == null
                || pausedBecause == null) {
            throw new IllegalArgumentException("every part of a conduit is required");
        }
    }

    public Conduit withSettings(ConduitSettings changed) {
        return new Conduit(id, name, source, target, changed, enabled, pausedBecause);
    }

    public Conduit withName(ConduitName changed) {
        return new Conduit(id, changed, source, target, settings, enabled, pausedBecause);
    }

    public Conduit withEnabled(boolean changed) {
        return new Conduit(id, name, source, target, settings, changed, pausedBecause);
    }

    public Conduit paused(String reason) {
        return new Conduit(id, name, source, target, settings, enabled, Option.some(reason));
    }

    public Conduit resumed() {
        return new Conduit(id, name, source, target, settings, enabled, Option.none());
    }

    public Conduit withEndpoints(Endpoint newSource, Endpoint newTarget) {
        return new Conduit(id, name, newSource, newTarget, settings, enabled, pausedBecause);
    }

    /** How the conduit is named in messages: {@code conduit 1 'docs'}. */
    public String describe() {
        return "conduit " + id + " '" + name + "'";
    }

    public boolean isPaused() {
        return pausedBecause.isDefined();
    }
}
