package dev.portier.identity.accounts;

/** The signed-in user may not do this in this account (or no longer belongs to it). */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
