package dev.portier.plugins.reference;

import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.CardPresentation;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A card in plain Java: a serial (what a reader reads from the card) and the card keys written onto it
 * (COSE_Sign1 credentials bound to that serial, by key id). Tapping it at a {@link LockSimulator} shows
 * the lock the serial and the best credential for that lock. For the attack, {@link #copyTo} writes the
 * same credentials onto a card with another serial: the lock refuses them ({@code NOT_HOLDER}).
 * Thread-safe.
 */
public final class CardSimulator {

    private final String serial;
    private final Map<String, byte[]> credentials = new LinkedHashMap<>();

    /** A blank card with {@code serial} (normalised as keys carry it, see {@link ReferenceCredential#normalSerial}). */
    public CardSimulator(String serial) {
        this.serial = ReferenceCredential.normalSerial(Objects.requireNonNull(serial, "serial"));
    }

    public String serial() {
        return serial;
    }

    /** Writes a card key onto the card (replacing one with the same key id), as an encoder would. */
    public synchronized void write(String keyId, byte[] credential) {
        credentials.put(Objects.requireNonNull(keyId, "keyId"), credential.clone());
    }

    /** Erases a card key; answers whether the card held it. */
    public synchronized boolean erase(String keyId) {
        return credentials.remove(keyId) != null;
    }

    /** The credentials on the card, by key id, in the order they were written. */
    public synchronized Map<String, byte[]> credentials() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        credentials.forEach((keyId, credential) -> copy.put(keyId, credential.clone()));
        return copy;
    }

    /** A card with another serial holding copies of this card's credentials. */
    public synchronized CardSimulator copyTo(String otherSerial) {
        CardSimulator copy = new CardSimulator(otherSerial);
        credentials.forEach(copy::write);
        return copy;
    }

    /**
     * Taps the card at {@code lock} asking for {@code permission}, with the best credential it holds for
     * that lock (valid now on {@code clock}, else the latest issued); empty when it holds none for it.
     */
    public Optional<Answer> tap(LockSimulator lock, String permission, Clock clock) {
        return credentialFor(lock.lockId(), clock.instant())
                .map(credential -> lock.tapCard(new CardPresentation(serial, credential, permission)));
    }

    /** The credential the card would show at lock {@code lockId} at {@code now}. */
    public synchronized Optional<byte[]> credentialFor(String lockId, Instant now) {
        record Held(byte[] bytes, ReferenceCredential credential) {
        }
        Comparator<Held> preference = Comparator
                .comparing((Held held) -> !now.isBefore(held.credential().notBefore()) && now.isBefore(held.credential().notAfter()))
                .thenComparing(held -> held.credential().issuedAt());
        return credentials.values().stream().flatMap(bytes -> {
            try {
                return Stream.of(new Held(bytes, ReferenceCredential.read(bytes)));
            } catch (IllegalArgumentException e) {
                return Stream.empty();
            }
        }).filter(held -> held.credential().lockId().equals(lockId)).max(preference).map(held -> held.bytes().clone());
    }
}
