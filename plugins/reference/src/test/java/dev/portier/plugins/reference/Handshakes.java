package dev.portier.plugins.reference;

import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.Challenge;
import dev.portier.plugins.reference.LockProtocol.Hello;
import dev.portier.plugins.reference.LockProtocol.Presentation;
import dev.portier.plugins.reference.internal.Ed25519;
import dev.portier.plugins.reference.internal.Handshake;

/** The phone's side of the handshake by hand, for tests that present what a real phone app would not. */
final class Handshakes {

    private Handshakes() {
    }

    /**
     * A full handshake with {@code lock} presenting {@code credential}, proven with {@code deviceKey} (a raw Ed25519
     * private key), or with a signature of zeros when {@code deviceKey} is {@code null}.
     */
    static Answer present(LockSimulator lock, byte[] credential, byte[] deviceKey, byte[] list, String permission,
            boolean userVerified) {
        byte[] phoneNonce = Ed25519.random(LockProtocol.NONCE_LENGTH);
        byte[] ephemeral = Handshake.newEphemeralKey();
        Challenge challenge = lock.hello(new Hello(phoneNonce, Handshake.publicKey(ephemeral)));
        byte[] session = Handshake.sessionKey(ephemeral, challenge.lockKey(), challenge.lockId(), phoneNonce, challenge.lockNonce());
        byte[] sealed = Handshake.seal(session, challenge.lockId(), credential);
        byte[] proof = deviceKey == null ? new byte[Ed25519.SIGNATURE_LENGTH] : Ed25519.sign(deviceKey,
                LockSimulator.deviceTranscript(challenge.lockId(), challenge.lockNonce(), phoneNonce, sealed, userVerified));
        return lock.present(new Presentation(sealed, proof, userVerified, list, permission));
    }

    /** A hello from a phone that goes no further. */
    static Challenge hello(LockSimulator lock) {
        return lock.hello(new Hello(Ed25519.random(LockProtocol.NONCE_LENGTH), Handshake.publicKey(Handshake.newEphemeralKey())));
    }
}
