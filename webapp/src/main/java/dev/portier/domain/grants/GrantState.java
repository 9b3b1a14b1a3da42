package dev.portier.domain.grants;

/** Stored state of a grant. Whether it is expired or not yet valid follows from its dates: see {@link GrantStatus}. */
public enum GrantState {
    ACTIVE, REVOKED
}
