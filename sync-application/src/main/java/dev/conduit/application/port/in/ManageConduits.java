package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.SettingsChange;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** Make, change and drop conduits. {@code ref} is a conduit's id or its name, as typed. */
public interface ManageConduits {

    /**
     * Makes a conduit between two directories. The source must be an existing directory; a missing target is created.
     * Refused without a trace: the same directory twice, one inside the other, a pair another conduit covers.
     */
    default Either<Failure, Conduit> add(Path source, Path target, Option<String> name, SettingsChange settings) {
        return add(EndpointAddress.local(source), EndpointAddress.local(target), name, settings);
    }

    /**
     * The same, either endpoint possibly on another host (not both: exit 2), reached with the settings' ssh command;
     * a remote root must exist, and is identified through its agent.
     */
    Either<Failure, Conduit> add(
            EndpointAddress source, EndpointAddress target, Option<String> name, SettingsChange settings);

    /** The conduit for exactly this pair of folders (however they are spelled), if there is one. */
    default Option<Conduit> findPair(Path source, Path target) {
        return findPair(EndpointAddress.local(source), EndpointAddress.local(target));
    }

    Option<Conduit> findPair(EndpointAddress source, EndpointAddress target);

    /** The conduit for exactly this pair, made when there is none (the two-path form of {@code sync}). */
    default Either<Failure, Conduit> findOrAdd(Path source, Path target, SettingsChange settings) {
        return findOrAdd(EndpointAddress.local(source), EndpointAddress.local(target), settings);
    }

    Either<Failure, Conduit> findOrAdd(EndpointAddress source, EndpointAddress target, SettingsChange settings);

    Either<Failure, Conduit> edit(String ref, Option<String> newName, SettingsChange settings);

    /** Forgets the conduit and its history. Never touches a file; the trash stays restorable. */
    Either<Failure, Conduit> remove(String ref);

    Either<Failure, Conduit> setEnabled(String ref, boolean enabled);

    /**
     * Lets a paused conduit sync again, taking its roots as they are now: their identity is recorded afresh, and a
     * root that is suddenly empty is taken as empty (the delete limit still holds for the sync that follows).
     */
    Either<Failure, Resumed> resume(String ref);

    /**
     * @param accepted what was taken as it is now, one line each for the user (a root accepted as empty)
     */
    record Resumed(Conduit conduit, io.vavr.collection.Seq<String> accepted) {}

    Either<Failure, Conduit> find(String ref);

    Seq<Conduit> list();
}
