package dev.portier.platform.crypto;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.config.ConfigLoader;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.config.PortierConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's master key: from {@code PORTIER_MASTER_KEY} when set, otherwise from the key file in
 * the data directory (created on first start). Loaded when the server starts, before the database,
 * so a missing or unsafe key stops the start instead of failing the first connection that needs a
 * secret.
 *
 * <p>The key id is a short fingerprint stored with every ciphertext: a later rotation can tell which
 * key sealed a value, and a changed key is reported as such instead of as tampering.
 */
@Singleton
public final class MasterKey implements LifecycleListener {

    /** AES-256. */
    static final int LENGTH = 32;
    /** Bytes of the key id stored with each ciphertext. */
    static final int ID_LENGTH = 4;

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final PortierConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile Loaded loaded;

    @Inject
    MasterKey(PortierConfig config) {
        this.config = config;
    }

    @Override
    public void start() throws Exception {
        if (config.masterKey().isPresent()) {
            // ConfigLoader has checked the value; a config built in code is checked here as well.
            byte[] key = decodeEnvironmentKey(config.masterKey().get());
            loaded = new Loaded(key, "environment variable " + ConfigLoader.MASTER_KEY);
        } else {
            MasterKeyFile file = new MasterKeyFile(config.dataDir(), random);
            loaded = new Loaded(file.readOrCreate(), "file " + file.path().toAbsolutePath());
        }
        log.info("Master key {} loaded from the {}", id(), loaded.source);
    }

    /** The AES key for {@link SecretBox}. */
    SecretKey secretKey() {
        return current().key;
    }

    /** The fingerprint stored with ciphertexts (4 bytes). */
    byte[] idBytes() {
        return current().id.clone();
    }

    /** The fingerprint as hex, for messages and logs. */
    public String id() {
        return HexFormat.of().formatHex(current().id);
    }

    private Loaded current() {
        Loaded current = loaded;
        if (current == null) {
            throw new IllegalStateException("The master key has not been loaded (the server has not started)");
        }
        return current;
    }

    private static byte[] decodeEnvironmentKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConfigLoader.MASTER_KEY + " is not valid base64");
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException(ConfigLoader.MASTER_KEY + " must be the base64 of " + LENGTH
                    + " bytes, but decodes to " + key.length);
        }
        return key;
    }

    static byte[] fingerprint(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("portier master key id\0".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha256.digest(key), ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        Loaded current = loaded;
        return current == null ? "MasterKey[not loaded]" : "MasterKey[id=" + id() + ", from " + current.source + "]";
    }

    private static final class Loaded {
        final SecretKey key;
        final byte[] id;
        final String source;

        Loaded(byte[] key, String source) {
            this.key = new SecretKeySpec(key, "AES");
            this.id = fingerprint(key);
            this.source = source;
            Arrays.fill(key, (byte) 0);
        }
    }
}
