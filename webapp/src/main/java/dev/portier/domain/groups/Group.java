package dev.portier.domain.groups;

import java.time.Instant;

/** A people group or a lock group of one account, with how many members it has. */
public record Group(String id, String accountId, GroupKind kind, String name, int memberCount, Instant createdAt) {
}
