package dev.portier.plugins.example.internal;

import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.example.internal.DoorControllerClient.Answer;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a controller call for a capability the host retries (log, rules, enrolment): network failures
 * and a refused key are reported as the connection's status and thrown as a
 * {@link ControllerUnavailableException}, which the host treats as transient and retries with backoff.
 */
final class ControllerGuard {

    /** A call that fails for a reason retrying may cure (network, refused key, HTTP 5xx). */
    static final class ControllerUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ControllerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    interface Call {
        Answer run() throws IOException, InterruptedException;
    }

    private final Consumer<DriverStatus> report;

    ControllerGuard(Consumer<DriverStatus> report) {
        this.report = report;
    }

    /** The answer of {@code call}; throws for what cannot be an answer (unreachable, refused key). */
    Answer call(Call call) {
        try {
            Answer answer = call.run();
            if (answer.status() == 401) {
                report.accept(refusedKey());
                throw new ControllerUnavailableException("The controller refused the API key (HTTP 401).", null);
            }
            return answer;
        } catch (IOException e) {
            DriverStatus status = unreachable(e);
            report.accept(status);
            throw new ControllerUnavailableException(status.message(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControllerUnavailableException("Interrupted before the controller answered.", e);
        }
    }

    /** A failure for an answer the caller has no meaning for. */
    ControllerUnavailableException unexpected(Answer answer) {
        report.accept(unexpectedStatus(answer));
        return new ControllerUnavailableException("The controller answered HTTP " + answer.status() + ": " + answer.error(), null);
    }

    static DriverStatus refusedKey() {
        return DriverStatus.offline(StatusDetail.AUTHENTICATION_ERROR, "The controller refused the API key (HTTP 401).");
    }

    static DriverStatus unexpectedStatus(Answer answer) {
        return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR, "The controller answered HTTP " + answer.status() + ".");
    }

    static DriverStatus unreachable(IOException e) {
        return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                "The controller could not be reached: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
    }
}
