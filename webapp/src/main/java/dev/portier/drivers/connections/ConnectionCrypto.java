package dev.portier.drivers.connections;

import dev.portier.platform.crypto.SecretBox;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.config.SignerSettings;
import dev.portier.platform.crypto.TokenKeys;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.Signer;
import java.time.Clock;

/**
 * Hands out the secret store and the signer of a connection, the two host services of a driver's
 * context that hold key material. Each call returns a new object; the signer caches the keys it has
 * loaded, so a driver context keeps the one it was given.
 */
@Singleton
public final class ConnectionCrypto {

    private final Database database;
    private final SecretBox box;
    private final Clock clock;
    private final SignerSettings signerSettings;

    @Inject
    ConnectionCrypto(Database database, SecretBox box, Clock clock, PortierConfig config) {
        this.database = database;
        this.box = box;
        this.clock = clock;
        this.signerSettings = config.signer();
    }

    /** The secrets of connection {@code connectionId} (the id, 1 to 36 characters). */
    public ConnectionSecrets secrets(String connectionId) {
        return new ConnectionSecrets(connectionId, database, box, clock);
    }

    /** The Ed25519 signer of connection {@code connectionId}, its keys kept in that connection's secrets. */
    public HostSigner signer(String connectionId) {
        return new HostSigner(secrets(connectionId));
    }

    /**
     * The signer a driver of connection {@code connectionId} gets: the software one, or with
     * {@code PORTIER_SIGNER=pkcs11} the token for the key names the settings list (see {@link TokenRoutedSigner}).
     */
    public Signer driverSigner(String connectionId) {
        SignerSettings.Pkcs11 pkcs11 = signerSettings.pkcs11();
        return pkcs11 == null ? signer(connectionId) : new TokenRoutedSigner(connectionId, signer(connectionId), TokenKeys.open(pkcs11),
                pkcs11);
    }
}
