package dev.conduit.domain.plan;

import dev.conduit.domain.conduit.Side;
import io.vavr.control.Option;

/**
 * The most of the receiving side's files one sync may delete without {@code --force}, as a percentage: the guard
 * against mirroring an unmounted or wiped source. Directories are not counted; deleting a folder's files is.
 */
public record DeleteLimit(int percent) {

    public static final DeleteLimit DEFAULT = new DeleteLimit(50);

    public DeleteLimit {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("--max-delete is a percentage from 0 to 100, was " + percent);
        }
    }

    /** Why a plan that deletes {@code deletes} of the {@code files} on the receiving side is refused, if it is. */
    public Option<String> refusal(long deletes, long files) {
        return refusal(deletes, files, Side.TARGET);
    }

    /** The same for deletes on either side of a conduit. */
    public Option<String> refusal(long deletes, long files, Side receiving) {
        if (deletes * 100 <= (long) percent * files) {
            return Option.none();
        }
        Side sending = receiving == Side.TARGET ? Side.SOURCE : Side.TARGET;
        return Option.some("the plan deletes " + deletes + " of the " + receiving.label() + "'s " + files
                + " files, more than " + percent + "% (check the " + sending.label()
                + "; pass --force to sync anyway, or --max-delete to raise the limit)");
    }
}
