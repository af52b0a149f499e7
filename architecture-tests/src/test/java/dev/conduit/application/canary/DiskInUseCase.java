package dev.conduit.application.canary;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Planted violation: a use case that reads the disk, the network and runs a process itself. */
public final class DiskInUseCase {

    public long size(Path file) throws IOException {
        return Files.size(file);
    }

    public String host(String address) {
        return URI.create(address).getHost();
    }

    public Process run(String command) throws IOException {
        return new ProcessBuilder(command).start();
    }
}
