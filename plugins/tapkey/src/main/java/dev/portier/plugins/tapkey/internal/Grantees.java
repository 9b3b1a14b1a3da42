package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.AccessDecider.Subject;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.tapkey.internal.TapkeyClient.Answer;
import dev.portier.plugins.tapkey.internal.TapkeyClient.TapkeyException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who a Tapkey grant is for. A person becomes a contact identified by their email ({@code ipId "tapkey"}),
 * looked up before it is created — also after a create whose answer was lost — so no contact is made
 * twice; a person without email is refused. A card is the owner account's bound card whose physical card
 * id, uid or label equals its serial (ignoring case, spaces, colons and dashes); Portier cannot bind cards
 * (that takes a phone at the card), so an unknown serial is refused. What was resolved is remembered
 * durably, both ways, so log entries name the Portier person or card serial.
 */
final class Grantees {

    /** A contact id or a bound-card id. */
    record Target(String contactId, String boundCardId, String label) {
        boolean matches(JsonNode grant) {
            String contact = Optional.ofNullable(TapkeyJson.text(grant, "contactId"))
                    .orElse(TapkeyJson.text(TapkeyJson.nested(grant, "contact"), "id"));
            String card = Optional.ofNullable(TapkeyJson.text(grant, "boundCardId"))
                    .orElse(TapkeyJson.text(TapkeyJson.nested(grant, "boundCard"), "id"));
            return contactId != null ? contactId.equals(contact) : boundCardId.equals(card);
        }
    }

    private final Supplier<TapkeyClient> client;
    private final DriverMemory memory;

    Grantees(Supplier<TapkeyClient> client, DriverMemory memory) {
        this.client = client;
        this.memory = memory;
    }

    Target resolve(Grantee grantee) throws IOException, InterruptedException {
        return switch (grantee) {
            case Grantee.Person person -> new Target(contact(person), null, name(person));
            case Grantee.Card card -> new Target(null, card(card), "card " + card.serial());
        };
    }

    /** Forgets what was resolved for {@code grantee} (Tapkey no longer knows it). */
    void forget(Grantee grantee) {
        switch (grantee) {
            case Grantee.Person person -> {
                if (person.email() != null) {
                    memory.delete("contact", person.email().trim().toLowerCase(Locale.ROOT));
                }
            }
            case Grantee.Card card -> memory.delete("card", serial(card.serial()));
        }
    }

    /** Who a log entry's contact or card is in Portier's words, when this driver pushed them. */
    Subject subject(String contactId, String boundCardId) {
        if (contactId != null) {
            return memory.text("person", contactId).map(Subject::person).orElse(null);
        }
        if (boundCardId != null) {
            return memory.text("cardserial", boundCardId).map(Subject::cardSerial).orElse(null);
        }
        return null;
    }

    private String contact(Grantee.Person person) throws IOException, InterruptedException {
        String email = person.email() == null ? "" : person.email().trim();
        if (email.isEmpty() || !email.contains("@")) {
            throw new VendorRefusedException("Tapkey needs an email address for " + name(person) + ": Tapkey contacts are "
                    + "identified by email. Add one to the person, or give them a card instead.");
        }
        String key = email.toLowerCase(Locale.ROOT);
        Optional<String> remembered = memory.text("contact", key);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        String id = findContact(email).orElse(null);
        if (id == null) {
            id = createContact(person, email);
        }
        memory.putText("contact", key, id);
        memory.putText("person", id, person.personId());
        return id;
    }

    private String createContact(Grantee.Person person, String email) throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        ObjectNode body = TapkeyJson.object().put("ipId", "tapkey").put("identifier", email);
        if (person.displayName() != null && !person.displayName().isBlank()) {
            body.put("title", person.displayName());
        }
        String path = tapkey.owned("Contacts");
        Answer answer;
        try {
            answer = tapkey.call("PUT", path, Map.of(), body, false);
        } catch (TapkeyException e) {
            throw e;
        } catch (IOException e) {
            // The answer was lost: the contact may exist now. Look before anyone creates it again.
            Optional<String> found = findContact(email);
            if (found.isPresent()) {
                return found.get();
            }
            throw e;
        }
        if (answer.ok()) {
            String id = TapkeyJson.text(answer.json(), "id");
            return id != null ? id : findContact(email).orElseThrow(() -> TapkeyClient.failure("PUT", path, answer));
        }
        switch (answer.status()) {
            case 402 -> throw new VendorRefusedException("Tapkey refused to add " + name(person) + " as a contact: the owner "
                    + "account's Tapkey plan has reached its limit of users (HTTP 402). " + TapkeyClient.shorten(answer.text()));
            case 400 -> throw new VendorRefusedException("Tapkey refused " + email + " as the identifier of a contact (HTTP 400): "
                    + TapkeyClient.shorten(answer.text()));
            case 409 -> {
                return findContact(email).orElseThrow(() -> TapkeyClient.failure("PUT", path, answer));
            }
            default -> {
                if (answer.status() >= 500) {
                    Optional<String> found = findContact(email);
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
                throw TapkeyClient.failure("PUT", path, answer);
            }
        }
    }

    private Optional<String> findContact(String email) throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        List<JsonNode> contacts = tapkey.list(tapkey.owned("Contacts"), Map.of());
        return contacts.stream()
                .filter(contact -> email.equalsIgnoreCase(TapkeyJson.text(contact, "identifier"))
                        || email.equalsIgnoreCase(TapkeyJson.text(contact, "email")))
                .map(contact -> TapkeyJson.text(contact, "id")).filter(id -> id != null).findFirst();
    }

    private String card(Grantee.Card card) throws IOException, InterruptedException {
        String wanted = serial(card.serial());
        Optional<String> remembered = memory.text("card", wanted);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        TapkeyClient tapkey = client.get();
        for (JsonNode bound : tapkey.list(tapkey.owned("BoundCards"), Map.of())) {
            if (Boolean.FALSE.equals(TapkeyJson.bool(bound, "isActive")) || TapkeyJson.text(bound, "unbindDate") != null) {
                continue;
            }
            boolean match = card.serial().trim().equals(TapkeyJson.text(bound, "physicalCardId"))
                    || wanted.equals(serial(TapkeyJson.text(bound, "physicalCardId")))
                    || wanted.equals(serial(TapkeyJson.text(bound, "uid")))
                    || wanted.equals(serial(TapkeyJson.text(bound, "label")));
            String id = TapkeyJson.text(bound, "id");
            if (match && id != null) {
                memory.putText("card", wanted, id);
                memory.putText("cardserial", id, card.serial());
                return id;
            }
        }
        throw new VendorRefusedException("Tapkey has no bound card with serial " + card.serial() + " in owner account "
                + tapkey.settings().ownerAccount() + ": bind the card with the Tapkey app first (Portier matches the serial "
                + "against the card's physical card id, uid and printed label).");
    }

    private static String serial(String text) {
        return text == null ? "" : text.replaceAll("[\\s:-]", "").toUpperCase(Locale.ROOT);
    }

    private static String name(Grantee.Person person) {
        return person.displayName() == null || person.displayName().isBlank() ? "person " + person.personId() : person.displayName();
    }
}
