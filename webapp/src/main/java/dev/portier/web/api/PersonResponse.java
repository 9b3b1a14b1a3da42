package dev.portier.web.api;

import dev.portier.domain.people.Person;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A person as the API shows them: email lower-case, phone in E.164. */
public record PersonResponse(String id, String name, String email,
        @Schema(example = "+4712345678") String phone, String notes, Instant createdAt) {

    static PersonResponse of(Person person) {
        return new PersonResponse(person.id(), person.name(), person.email(), person.phone(), person.notes(), person.createdAt());
    }
}
