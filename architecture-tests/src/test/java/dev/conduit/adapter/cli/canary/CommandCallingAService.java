package dev.conduit.adapter.cli.canary;

import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.service.IndexLocationService;

/** Planted violation: a command that bypasses the in-ports. */
public final class CommandCallingAService {

    public Class<?> service() {
        return IndexLocationService.class;
    }

    public Class<?> outPort() {
        return IndexStore.class;
    }
}
