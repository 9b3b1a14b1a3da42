package dev.portier.drivers.plugins;

import java.time.Duration;
import java.util.function.Function;

/**
 * The outcome of one call into plugin code: its value, or why there is none. Plugin code that throws
 * or overruns its time limit becomes a {@link Failed} value here, never an exception in the host.
 *
 * @param <T> the value of a successful call
 */
public sealed interface DriverCallResult<T> {

    /** The call returned {@code value} in time. */
    record Succeeded<T>(T value) implements DriverCallResult<T> {
    }

    /**
     * The call did not deliver.
     *
     * @param reason  how it failed
     * @param message for the operator: what was called and what went wrong
     * @param cause   what the plugin threw, when it threw
     */
    record Failed<T>(Reason reason, String message, Throwable cause) implements DriverCallResult<T> {
    }

    /** Why a call failed. */
    enum Reason {
        /** The plugin code threw. */
        EXCEPTION,
        /** The plugin code did not return within the time limit; it was interrupted and abandoned. */
        TIMEOUT,
        /** Every driver worker was busy (usually with abandoned calls that ignore interrupts). */
        BUSY,
        /** The connection does not run, or its driver lacks the capability asked for; nothing was called. */
        UNAVAILABLE
    }

    static <T> DriverCallResult<T> failed(Reason reason, String message, Throwable cause) {
        return new Failed<>(reason, message, cause);
    }

    static String timeoutMessage(String what, Duration limit) {
        String within = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        return what + " did not answer within " + within + " and was abandoned";
    }

    default boolean succeeded() {
        return this instanceof Succeeded;
    }

    /** The value, or what {@code otherwise} makes of the failure. */
    default T orElse(Function<Failed<T>, T> otherwise) {
        return switch (this) {
            case Succeeded<T> s -> s.value();
            case Failed<T> f -> otherwise.apply(f);
        };
    }
}
