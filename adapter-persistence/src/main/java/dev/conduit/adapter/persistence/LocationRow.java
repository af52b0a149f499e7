package dev.conduit.adapter.persistence;

import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootIdentity;

record LocationRow(long id, String root, String device, String rootFileKey) {

    Location toDomain() {
        return new Location(new LocationId(id), root, new RootIdentity(device, rootFileKey));
    }
}
