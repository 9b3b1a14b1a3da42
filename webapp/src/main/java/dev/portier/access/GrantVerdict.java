package dev.portier.access;

import dev.portier.domain.grants.Grant;

/** How one candidate grant fared: it allows, or the first reason it does not. */
public record GrantVerdict(Grant grant, DenialReason reason) {

    public boolean allows() {
        return reason == null;
    }
}
