package dev.portier.platform.validation;

/**
 * A connection's driver could not do what was asked (not running, vendor unreachable, too slow).
 * Nothing was changed; trying again later may work. The API answers 503.
 */
public final class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }
}
