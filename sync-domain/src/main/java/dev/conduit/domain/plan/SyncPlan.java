package dev.conduit.domain.plan;

import dev.conduit.domain.mirror.MirrorResolver;
import io.vavr.collection.Seq;

/**
 * A whole plan held in memory, phase by phase, in the order it runs: transfers (parents first), deletes (children
 * first), then the copies that wait for a deleted directory. Large plans are never held like this; they are streamed
 * phase by phase from the index (see {@link MirrorResolver}).
 */
public record SyncPlan(
        Seq<SyncAction.Transfer> transfers, Seq<SyncAction.Delete> deletes, Seq<SyncAction.Transfer> replacements) {

    public Seq<SyncAction> actions() {
        return Seq.<SyncAction>narrow(transfers).appendAll(deletes).appendAll(replacements);
    }

    public boolean isEmpty() {
        return transfers.isEmpty() && deletes.isEmpty() && replacements.isEmpty();
    }
}
