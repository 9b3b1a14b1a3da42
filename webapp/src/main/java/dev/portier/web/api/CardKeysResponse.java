package dev.portier.web.api;

import dev.portier.drivers.trust.CardKeys;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** A card's active keys, for an encoder to write onto the card. */
@Schema(description = "The active card keys of one card: what an encoder writes onto it. Keys are renewed before they end "
        + "and re-issued when a grant changes, so fetch again before each encoding.")
public record CardKeysResponse(String cardId, String serialNumber, List<Key> keys) {

    @Schema(name = "CardKey", description = "One active card key for one lock")
    public record Key(String keyId, String lockId, String lockName,
            @Schema(description = "First instant the lock accepts the key") Instant notBefore,
            @Schema(description = "First instant the lock no longer accepts the key") Instant notAfter,
            Instant issuedAt,
            @Schema(description = "The lock driver's credential format, e.g. cose-sign1", example = "cose-sign1") String format,
            @Schema(description = "The credential to write onto the card, base64 (RFC 4648, with padding)", format = "byte")
            String credential) {
    }

    static CardKeysResponse of(CardKeys.Delivery delivery) {
        return new CardKeysResponse(delivery.card().id(), delivery.card().serialNumber(), delivery.keys().stream()
                .map(k -> new Key(k.keyId(), k.lockId(), k.lockName(), k.notBefore(), k.notAfter(), k.issuedAt(), k.format(),
                        Base64.getEncoder().encodeToString(k.credential())))
                .toList());
    }
}
