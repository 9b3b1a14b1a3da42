package dev.portier.web.api;

import dev.portier.domain.groups.Group;
import java.time.Instant;

/** A people group or lock group as the API shows it. */
public record GroupResponse(String id, String name, int memberCount, Instant createdAt) {

    static GroupResponse of(Group group) {
        return new GroupResponse(group.id(), group.name(), group.memberCount(), group.createdAt());
    }
}
