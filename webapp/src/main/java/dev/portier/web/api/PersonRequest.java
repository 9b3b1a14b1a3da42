package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.people.PersonDraft;
import io.swagger.v3.oas.annotations.media.Schema;

/** A person to create, or a person's new state (PUT replaces every field). Read-only fields of a response are ignored. */
@JsonIgnoreProperties({"id", "createdAt"})
public record PersonRequest(
        @Schema(example = "Ada Lovelace", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
        @Schema(description = "Unique in the account; email or phone or both", example = "ada@example.com") String email,
        @Schema(description = "International, stored in E.164", example = "+47 123 45 678") String phone,
        @Schema(maxLength = 2000) String notes) {

    PersonDraft toDraft() {
        return new PersonDraft(name, email, phone, notes);
    }
}
