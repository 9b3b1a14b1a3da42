package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What the driver must remember across restarts, as small JSON values in the connection's
 * {@link SecretStore} (blocks briefly on the database): lock facts, contacts and cards it resolved, the
 * Tapkey grants it created per Portier grant, the revocation-list serials of its revocations. Names are
 * a kind and a key, hashed when the key is long or personal (emails).
 */
final class DriverMemory {

    private final SecretStore secrets;

    DriverMemory(SecretStore secrets) {
        this.secrets = secrets;
    }

    Optional<JsonNode> get(String kind, String key) {
        return secrets.get(name(kind, key)).flatMap(bytes -> {
            try {
                return Optional.of(TapkeyJson.read(bytes));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    Optional<String> text(String kind, String key) {
        return get(kind, key).map(node -> TapkeyJson.text(node, "value"));
    }

    void put(String kind, String key, JsonNode value) {
        secrets.put(name(kind, key), value.toString().getBytes(StandardCharsets.UTF_8));
    }

    void putText(String kind, String key, String value) {
        ObjectNode node = TapkeyJson.object().put("value", value);
        put(kind, key, node);
    }

    void delete(String kind, String key) {
        secrets.delete(name(kind, key));
    }

    /** {@code tapkey.<kind>.<key>}, with personal or long keys replaced by a digest. */
    static String name(String kind, String key) {
        boolean plain = key.length() <= 64 && key.matches("[A-Za-z0-9+/=_.-]+") && !key.contains("@");
        return "tapkey." + kind + "." + (plain ? key : digest(key.toLowerCase(Locale.ROOT)));
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
