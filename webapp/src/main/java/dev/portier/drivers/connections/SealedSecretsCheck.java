package dev.portier.drivers.connections;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.crypto.SecretBox;
import dev.portier.platform.db.Database;
import java.util.Base64;
import java.util.List;

/**
 * For {@code portier admin verify}: whether every stored connection secret was sealed with the master
 * key loaded now — a changed {@code PORTIER_MASTER_KEY} or {@code master.key} shows up here instead of
 * when a driver first needs a secret.
 */
@Singleton
public final class SealedSecretsCheck {

    /** How many sealed values there are and how many of them another key sealed. */
    public record Result(int sealed, int otherKey) {
    }

    private final Database database;
    private final SecretBox box;

    @Inject
    SealedSecretsCheck(Database database, SecretBox box) {
        this.database = database;
        this.box = box;
    }

    public Result run() {
        List<String> texts = database.jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM secrets")
                .mapTo(String.class).list());
        int other = 0;
        for (String text : texts) {
            byte[] sealed;
            try {
                sealed = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                other++;
                continue;
            }
            if (!box.sealedWithCurrentKey(sealed)) {
                other++;
            }
        }
        return new Result(texts.size(), other);
    }
}
