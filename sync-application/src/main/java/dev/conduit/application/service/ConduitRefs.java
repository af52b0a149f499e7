package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Finds a conduit by what a person typed: its id when it is a number, its name otherwise. */
final class ConduitRefs {

    private ConduitRefs() {}

    static Either<Failure, Conduit> find(ConduitRepository conduits, String ref) {
        Option<Conduit> found = Option.none();
        if (ref != null && !ref.isEmpty() && ref.length() < 19 && ref.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long id = Long.parseLong(ref);
            found = id > 0 ? conduits.findById(new ConduitId(id)) : Option.none();
        } else if (ref != null) {
            found = ConduitName.parse(ref).toOption().flatMap(conduits::findByName);
        }
        return found.toEither(() -> Failure.notFound("no conduit '" + ref + "' (see conduit list)"));
    }
}
