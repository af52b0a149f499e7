package dev.conduit.domain.canary;

import java.time.Instant;
import java.time.ZoneId;

/** Planted violation: a domain type that reads the clock, the time zone and the environment for itself. */
public final class AmbientDomainValue {

    public Instant stamped() {
        return Instant.now();
    }

    public ZoneId zone() {
        return ZoneId.systemDefault();
    }

    public String home() {
        return System.getenv("HOME");
    }

    public long elapsed(long since) {
        return System.nanoTime() - since;
    }
}
