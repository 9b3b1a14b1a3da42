package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.LimitExceededException;

/**
 * A Keyless limit or NFC serial rule a stored key would break, with a sentence that says which card or
 * key broke it. The host maps the typed fields ({@link #rule()}, {@link #limit()}, {@link #current()}),
 * never this text; it serves people reading logs and simulator answers. SPI 2.0's exception builds its
 * own message from the numbers only, which says nothing for the serial rules, hence this subclass.
 */
public final class KeylessLimitExceeded extends LimitExceededException {

    private static final long serialVersionUID = 1L;

    private final String sentence;

    public KeylessLimitExceeded(String rule, long limit, long current, String sentence) {
        super(rule, limit, current);
        this.sentence = sentence;
    }

    @Override
    public String getMessage() {
        return sentence + " [" + rule() + "]";
    }
}
