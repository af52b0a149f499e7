package dev.conduit.domain.limits;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;

/**
 * An entry that the receiving side's file system cannot hold as the sending side has it: a symbolic link where there
 * are none, or a name that differs only in case from another one where case is not told apart. It is not carried (and
 * nothing below it): an error for that entry at every sync, never an overwrite, never a plan that repeats forever.
 *
 * @param wanted the sending side's entry
 * @param reason one clear reason, without the path
 */
public record Refusal(Direction direction, IndexEntry wanted, String reason) {

    public RelativePath path() {
        return wanted.path();
    }

    /** The action the plan would have had: what the refusal is reported as, failed before it began. */
    public SyncAction action() {
        return wanted.isDirectory()
                ? new SyncAction.MakeDirectory(direction, wanted, Option.none())
                : new SyncAction.Copy(direction, wanted, Option.none());
    }
}
