package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import io.swagger.v3.oas.annotations.media.Schema;

/** A card to create, or a card's new state (PUT replaces every field). Read-only fields of a response are ignored. */
@JsonIgnoreProperties({"id", "personName", "createdAt"})
public record CardRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) CardType cardType,
        @Schema(description = "GEOTAB_TAPCARD: 10 characters, the first 8 from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ; "
                + "GENERIC_NFC: a 4, 7 or 10 byte UID in hex", example = "04:A2:2B:91:C3:5D:80",
                requiredMode = Schema.RequiredMode.REQUIRED) String serialNumber,
        @Schema(description = "The person the card is assigned to, if any") String personId,
        @Schema(maxLength = 100) String label,
        @Schema(description = "ACTIVE when absent") CardState state) {

    CardDraft toDraft() {
        return new CardDraft(cardType, serialNumber, personId, label, state);
    }
}
