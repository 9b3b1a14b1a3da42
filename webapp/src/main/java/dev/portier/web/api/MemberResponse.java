package dev.portier.web.api;

/** A member of a group: a person (people group) or a lock (lock group), with its name. */
public record MemberResponse(String id, String name) {
}
