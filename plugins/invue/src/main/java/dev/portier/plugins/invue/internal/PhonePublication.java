package dev.portier.plugins.invue.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.PhoneMaterial;
import java.security.cert.X509Certificate;

/**
 * What phones get (the host picks the phones: people with a current grant on the lock, or on any lock
 * of the connection): the customer intermediate, connection-wide, and each enrolled lock's key
 * certificate, both DER ({@code application/pkix-cert}) and expiring with the certificate. The InVue SDK
 * wants them Base64-encoded; the app encodes them.
 */
final class PhonePublication {

    static final String INTERMEDIATE = "invue.intermediateCertificate";
    static final String KEY_CERTIFICATE = "invue.keyCertificate";
    private static final String MEDIA_TYPE = "application/pkix-cert";

    private final DriverContext context;
    private final InVueSettings settings;

    PhonePublication(DriverContext context, InVueSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** The intermediate of the current settings; a renewal replaces the previous one on phones at their next sync. */
    void publishIntermediate() {
        X509Certificate intermediate = settings.chain().intermediate();
        context.phoneMaterial().publish(new PhoneMaterial(INTERMEDIATE, null, MEDIA_TYPE, Pem.der(intermediate),
                intermediate.getNotAfter().toInstant()));
    }

    void publishLock(String lockId, X509Certificate keyCertificate) {
        context.phoneMaterial().publish(new PhoneMaterial(KEY_CERTIFICATE, lockId, MEDIA_TYPE, Pem.der(keyCertificate),
                keyCertificate.getNotAfter().toInstant()));
    }
}
