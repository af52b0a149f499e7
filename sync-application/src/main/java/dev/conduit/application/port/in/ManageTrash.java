package dev.conduit.application.port.in;

import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;

/** The versions syncs removed or overwrote. */
public interface ManageTrash {

    Either<Failure, Seq<TrashedVersion>> list(Option<String> conduitRef);

    /** Puts the version back where it was; refuses to overwrite anything there. */
    Either<Failure, TrashedVersion> restore(long id);

    /** Empties the trash of versions older than {@code age}; returns what it removed. */
    Either<Failure, Seq<TrashedVersion>> purge(Duration age);
}
