package dev.portier.domain.groups;

import java.util.Set;

/**
 * Members that joined or left one group in one transaction, by {@code actor} (the email or label of who
 * changed it, for the rows written along). Ids are people's for a people group, locks' for a lock group.
 */
public record MembershipChange(String accountId, String actor, Group group, Set<String> added, Set<String> removed) {
}
