package dev.portier.platform.validation;

/**
 * A lock's vendor (through its driver) did not do what was asked: the connection does not run, the
 * vendor did not answer in time, or the driver failed. Nothing was changed in Portier; the message
 * says what went wrong, for the person to try again later. The API answers 502.
 */
public final class VendorException extends RuntimeException {
    public VendorException(String message) {
        super(message);
    }
}
