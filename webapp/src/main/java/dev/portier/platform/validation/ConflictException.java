package dev.portier.platform.validation;

/** The change collides with existing data (a duplicate email, serial or vendor reference): 409. */
public final class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
