package dev.portier.domain.people;

/** What a person types (or a CSV row holds) to create or change a person. */
public record PersonDraft(String name, String email, String phone, String notes) {
}
