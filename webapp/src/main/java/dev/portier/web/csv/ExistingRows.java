package dev.portier.web.csv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What an account already has, looked up for many keys at once (in chunks, so a file of 100,000
 * rows costs a few hundred queries rather than 100,000).
 */
final class ExistingRows {

    private static final int CHUNK = 500;

    private ExistingRows() {
    }

    /** Person id and name by (normalised) email, for those of {@code emails} the account has. */
    static Map<String, Person> peopleByEmail(Handle h, String accountId, Collection<String> emails) {
        Map<String, Person> found = new HashMap<>();
        for (List<String> chunk : chunks(emails)) {
            h.createQuery("SELECT id, name, email FROM people WHERE account_id = :accountId AND email IN (<emails>)")
                    .bind("accountId", accountId).bindList("emails", chunk)
                    .map((rs, ctx) -> new Person(rs.getString("id"), rs.getString("name"), rs.getString("email")))
                    .forEach(p -> found.put(p.email(), p));
        }
        return found;
    }

    /** Who already has each of {@code phones} (E.164) in the account: phone → name. */
    static Map<String, String> peopleByPhone(Handle h, String accountId, Collection<String> phones) {
        Map<String, String> found = new HashMap<>();
        for (List<String> chunk : chunks(phones)) {
            h.createQuery("SELECT name, phone FROM people WHERE account_id = :accountId AND phone IN (<phones>)")
                    .bind("accountId", accountId).bindList("phones", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("phone"), rs.getString("name")))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    /** Those of {@code serials} (normalised) that already name a card of the account. */
    static List<String> cardSerials(Handle h, String accountId, Collection<String> serials) {
        List<String> found = new ArrayList<>();
        for (List<String> chunk : chunks(serials)) {
            found.addAll(h.createQuery("SELECT serial_number FROM cards WHERE account_id = :accountId AND serial_number IN (<serials>)")
                    .bind("accountId", accountId).bindList("serials", chunk).mapTo(String.class).list());
        }
        return found;
    }

    /** Emails by person id, for those of {@code personIds} in the account that have one. */
    static Map<String, String> emailsById(Handle h, String accountId, Collection<String> personIds) {
        Map<String, String> found = new HashMap<>();
        for (List<String> chunk : chunks(personIds)) {
            h.createQuery("SELECT id, email FROM people WHERE account_id = :accountId AND email IS NOT NULL AND id IN (<ids>)")
                    .bind("accountId", accountId).bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("email")))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    record Person(String id, String name, String email) {
    }

    private static List<List<String>> chunks(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
