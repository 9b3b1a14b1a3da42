package dev.portier.drivers.connections;

import dev.portier.platform.config.SignerSettings;
import dev.portier.platform.crypto.TokenKeys;
import dev.portier.plugin.api.Signer;

/**
 * A connection's signer when {@code PORTIER_SIGNER=pkcs11}: the key names the settings list (default
 * "issuing") are ECDSA P-256 keys on the PKCS#11 token, labelled per {@link SignerSettings.Pkcs11#labelOf};
 * every other name stays with the software {@link HostSigner}. The driver sees one {@link Signer} and learns
 * each key's algorithm from {@link #algorithm}.
 */
final class TokenRoutedSigner implements Signer {

    private final String connectionId;
    private final HostSigner software;
    private final TokenKeys token;
    private final SignerSettings.Pkcs11 settings;

    TokenRoutedSigner(String connectionId, HostSigner software, TokenKeys token, SignerSettings.Pkcs11 settings) {
        this.connectionId = connectionId;
        this.software = software;
        this.token = token;
        this.settings = settings;
    }

    private boolean onToken(String keyName) {
        return settings.keys().contains(keyName);
    }

    @Override
    public Algorithm algorithm(String keyName) {
        return onToken(keyName) ? Algorithm.ES256 : software.algorithm(keyName);
    }

    @Override
    public byte[] publicKey(String keyName) {
        return onToken(keyName) ? token.publicKey(settings.labelOf(connectionId, keyName)) : software.publicKey(keyName);
    }

    @Override
    public byte[] sign(String keyName, byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("Nothing to sign");
        }
        return onToken(keyName) ? token.sign(settings.labelOf(connectionId, keyName), data) : software.sign(keyName, data);
    }

    @Override
    public String toString() {
        return "TokenRoutedSigner[connection=" + connectionId + ", on the token: " + settings.keys() + ", " + token + "]";
    }
}
