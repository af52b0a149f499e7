package dev.conduit.adapter.jobs.sync;

import dev.conduit.adapter.jobs.UserXattrs;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.Xattrs;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Carries the {@code user.} extended attributes of an entry from the sending side to the receiving side, where both
 * file systems have them: read from the sender now, checked against what the plan knew, written on the receiver.
 */
final class XattrTransfer {

    static final String SENDER_CHANGED = EntryFailure.xattrsChanged().reason();

    private XattrTransfer() {}

    /**
     * Gives {@code to} the attributes the sending side has ({@code from}, read only when needed), which the plan expected to be {@code planned} (when it knew).
     *
     * @param fresh whether {@code to} was just made (and so has none): an entry the plan knows to have none is then
     *              left as it is, without reading anything
     * @return the receiver's attributes now: none where either side has no extended attributes; or why they were not
     *         carried, and on which side (the sender's cannot be read, or are no longer those the plan knew)
     */
    static Either<CopyStrategy.NotStaged, Option<Xattrs>> carry(
            java.util.function.Supplier<Either<EntryFailure, Option<Map<String, byte[]>>>> from,
            Path to,
            Option<Xattrs> planned,
            boolean fresh)
            throws IOException {
        if (fresh && planned.contains(Xattrs.NONE)) {
            return Either.right(planned);
        }
        Either<EntryFailure, Option<Map<String, byte[]>>> sent = from.get();
        if (sent.isLeft()) {
            return Either.left(
                    CopyStrategy.NotStaged.unreadable(sent.getLeft().in("cannot read its extended attributes: ")));
        }
        if (sent.get().isEmpty()) {
            return Either.right(Option.none());
        }
        Map<String, byte[]> attributes = sent.get().get();
        Xattrs found = Xattrs.of(attributes);
        if (planned.isDefined() && !planned.get().equals(found)) {
            return Either.left(CopyStrategy.NotStaged.receiving(EntryFailure.xattrsChanged()));
        }
        if (fresh && attributes.isEmpty()) {
            return Either.right(Option.some(found));
        }
        return Either.right(UserXattrs.write(to, attributes) ? Option.some(found) : Option.none());
    }
}
