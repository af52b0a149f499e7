package dev.conduit.domain.canary;

import dev.conduit.application.port.in.IndexLocation;
import java.nio.file.Files;
import java.nio.file.Path;

/** Planted violation: a domain type that reads the disk and leans on the application layer. */
public final class LeakyDomainValue {

    public boolean exists(Path path) {
        return Files.exists(path);
    }

    public Class<?> useCase() {
        return IndexLocation.class;
    }
}
