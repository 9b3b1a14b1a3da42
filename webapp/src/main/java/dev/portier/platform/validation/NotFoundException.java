package dev.portier.platform.validation;

/**
 * The id names nothing in the signed-in user's current account — whether it never existed or
 * belongs to another account is deliberately not told apart. The API answers 404.
 */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super("No such " + what);
    }
}
