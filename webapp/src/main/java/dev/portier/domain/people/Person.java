package dev.portier.domain.people;

import java.time.Instant;

/** Someone who gets access. Identified by email (unique per account, lower-case) and/or E.164 phone. */
public record Person(String id, String accountId, String name, String email, String phone, String notes, Instant createdAt) {

    /** Name with the email or phone that tells namesakes apart. */
    public String label() {
        return name + " (" + (email != null ? email : PhoneNumbers.display(phone)) + ")";
    }
}
