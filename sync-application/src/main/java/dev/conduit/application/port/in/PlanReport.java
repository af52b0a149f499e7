package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Conduit;
import io.vavr.control.Option;

/**
 * What a plan amounts to.
 *
 * @param moves          files the receiving side renames instead of receiving them again
 * @param deletes        files and links the plan removes from the receiving side (renamed ones not counted); both
 *                       sides' for a bidirectional conduit
 * @param receivingFiles files and links on the (mirror's) receiving side now
 * @param refusal        why {@code sync} would refuse this plan without {@code --force}, if it would
 * @param conflicts      paths both sides changed in ways that disagree (bidirectional only)
 * @param pending        of those, the ones left for the user to resolve
 * @param refused        entries the receiving side's file system cannot hold (a link, a name that differs only in
 *                       case from another): errors of every sync, not actions
 * @param whileSyncing   the conduit's own sync was under way: the plan comes from the indexes as that sync has
 *                       recorded them, its roots not scanned (ADR 0054)
 */
public record PlanReport(
        Conduit conduit,
        long actions,
        long filesToCopy,
        long bytesToCopy,
        long moves,
        long deletes,
        long receivingFiles,
        Option<String> refusal,
        long conflicts,
        long pending,
        long refused,
        boolean whileSyncing) {

    /** The same report, made while the conduit's own sync was under way. */
    public PlanReport madeWhileSyncing() {
        return new PlanReport(
                conduit,
                actions,
                filesToCopy,
                bytesToCopy,
                moves,
                deletes,
                receivingFiles,
                refusal,
                conflicts,
                pending,
                refused,
                true);
    }
}
