package dev.portier.plugin.api;

/**
 * {@link LockEnrolment#enrol} refuses what was supplied (a wrong installer code, a serial number the
 * vendor does not know). Permanent for these inputs: the host shows the message next to
 * {@link #input()} and does not retry. Thrown on a host worker.
 */
public class EnrolmentRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String input;

    /**
     * @param input   the key of the {@link LockEnrolment#enrolmentInputs() input} it is about, or
     *                {@code null} when it is about the enrolment as a whole
     * @param message a sentence for people, without secrets
     */
    public EnrolmentRefusedException(String input, String message) {
        super(message);
        this.input = input;
    }

    /** The input the refusal is about, or {@code null} for the enrolment as a whole. */
    public String input() {
        return input;
    }
}
