package dev.portier.bench;

import dev.portier.platform.db.Ids;
import dev.portier.domain.grants.WeeklySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The data the access-decision benchmark runs on, written with batched inserts in one
 * transaction: one account with 50 sites, 1,000 locks, 10,000 people, 2,000 cards and 100,000
 * grants. Grants are spread over people (95%) and cards, locks (90%) and whole sites; a quarter have
 * a weekly schedule, and some are revoked, expired or not yet valid — so decisions meet every rule.
 */
final class BenchData {

    static final int SITES = 50;
    static final int LOCKS = 1_000;
    static final int PEOPLE = 10_000;
    static final int CARDS = 2_000;
    static final int GRANTS = 100_000;
    private static final int BATCH = 1_000;
    private static final String[] ZONES = {"Europe/Oslo", "Europe/Vienna", "America/New_York", "UTC"};
    private static final String[] SCHEDULES = {"MO-FR 07:00-18:00", "MO-FR 07:00-12:00; MO-FR 13:00-18:00",
            "SA,SU 10:00-14:00", "MO-SU 22:00-06:00"};

    final List<String> siteIds = new ArrayList<>();
    final List<String> lockIds = new ArrayList<>();
    final List<String> lockSiteIds = new ArrayList<>();
    final List<String> personIds = new ArrayList<>();
    final List<String> grantIds = new ArrayList<>();
    /** Person and lock of each grant on one lock, for decisions that find candidates. */
    final List<String[]> grantedPairs = new ArrayList<>();

    private BenchData() {
    }

    static BenchData build(Jdbi jdbi, String accountId, Instant now, Random random) {
        BenchData data = new BenchData();
        jdbi.useTransaction(h -> data.insert(h, accountId, now, random));
        return data;
    }

    private void insert(Handle h, String accountId, Instant now, Random random) {
        long created = now.minus(Duration.ofDays(400)).toEpochMilli();
        PreparedBatch sites = h.prepareBatch("INSERT INTO sites (id, account_id, name, time_zone, created_at) "
                + "VALUES (:id, :account, :name, :zone, :at)");
        for (int i = 0; i < SITES; i++) {
            String id = Ids.newId();
            siteIds.add(id);
            sites.bind("id", id).bind("account", accountId).bind("name", "Site " + i).bind("zone", ZONES[i % ZONES.length])
                    .bind("at", created).add();
        }
        sites.execute();

        PreparedBatch locks = h.prepareBatch("INSERT INTO locks (id, account_id, site_id, name, kind, state, created_at) "
                + "VALUES (:id, :account, :site, :name, :kind, :state, :at)");
        for (int i = 0; i < LOCKS; i++) {
            String id = Ids.newId();
            String site = siteIds.get(i % SITES);
            lockIds.add(id);
            lockSiteIds.add(site);
            locks.bind("id", id).bind("account", accountId).bind("site", site).bind("name", "Lock " + i)
                    .bind("kind", i % 5 == 0 ? "VEHICLE" : "DOOR").bind("state", i % 50 == 0 ? "DECOMMISSIONED" : "ACTIVE")
                    .bind("at", created).add();
            flush(locks, i);
        }
        locks.execute();

        PreparedBatch people = h.prepareBatch("INSERT INTO people (id, account_id, name, email, phone, created_at) "
                + "VALUES (:id, :account, :name, :email, :phone, :at)");
        for (int i = 0; i < PEOPLE; i++) {
            String id = Ids.newId();
            personIds.add(id);
            people.bind("id", id).bind("account", accountId).bind("name", "Person " + i).bind("email", "p" + i + "@bench.example")
                    .bind("phone", i % 3 == 0 ? String.format("+4790%06d", i) : null).bind("at", created).add();
            flush(people, i);
        }
        people.execute();

        List<String> cardIds = new ArrayList<>();
        PreparedBatch cards = h.prepareBatch("INSERT INTO cards (id, account_id, card_type, serial_number, person_id, state, created_at) "
                + "VALUES (:id, :account, 'GENERIC_NFC', :serial, :person, :state, :at)");
        for (int i = 0; i < CARDS; i++) {
            String id = Ids.newId();
            cardIds.add(id);
            cards.bind("id", id).bind("account", accountId).bind("serial", String.format("%08X", 0x04000000 + i))
                    .bind("person", random.nextInt(10) < 7 ? pick(personIds, random) : null)
                    .bind("state", i % 20 == 0 ? "LOST" : "ACTIVE").bind("at", created).add();
            flush(cards, i);
        }
        cards.execute();

        PreparedBatch grants = h.prepareBatch("INSERT INTO grants (id, account_id, person_id, card_id, lock_id, site_id, "
                + "valid_from, valid_until, schedule, permissions, delivery, on_demand_minutes, state, created_at, created_by, "
                + "revoked_at, revoked_by, revoke_reason) VALUES (:id, :account, :person, :card, :lock, :site, :from, :until, "
                + ":schedule, :permissions, :delivery, 30, :state, :at, 'bench@example.com', :revokedAt, :revokedBy, :reason)");
        long day = Duration.ofDays(1).toMillis();
        for (int i = 0; i < GRANTS; i++) {
            String id = Ids.newId();
            grantIds.add(id);
            boolean forPerson = random.nextInt(100) < 95;
            String person = forPerson ? pick(personIds, random) : null;
            boolean onLock = random.nextInt(100) < 90;
            String lock = onLock ? pick(lockIds, random) : null;
            if (person != null && lock != null) {
                grantedPairs.add(new String[] {person, lock});
            }
            int validity = random.nextInt(100);
            long from = validity < 85 ? now.toEpochMilli() - (1 + random.nextInt(300)) * day : now.toEpochMilli() + day;
            Long until = null;
            if (validity < 10) {
                until = now.toEpochMilli() - day;
            } else if (validity < 50) {
                until = now.toEpochMilli() + 200 * day;
            }
            boolean revoked = random.nextInt(100) < 5;
            grants.bind("id", id).bind("account", accountId).bind("person", person)
                    .bind("card", forPerson ? null : pick(cardIds, random)).bind("lock", lock)
                    .bind("site", onLock ? null : pick(siteIds, random)).bind("from", from).bind("until", until)
                    .bind("schedule", random.nextInt(4) == 0 ? WeeklySchedule.parse(SCHEDULES[random.nextInt(SCHEDULES.length)]).format() : null)
                    .bind("permissions", random.nextBoolean() ? "UNLOCK" : "UNLOCK,LOCK")
                    .bind("delivery", random.nextInt(5) == 0 ? "ON_DEMAND" : "PRE_ISSUED")
                    .bind("state", revoked ? "REVOKED" : "ACTIVE").bind("at", created + i)
                    .bind("revokedAt", revoked ? now.toEpochMilli() - day : null).bind("revokedBy", revoked ? "bench@example.com" : null)
                    .bind("reason", revoked ? "left the company" : null).add();
            flush(grants, i);
        }
        grants.execute();
    }

    private static void flush(PreparedBatch batch, int i) {
        if (i % BATCH == BATCH - 1) {
            batch.execute();
        }
    }

    private static String pick(List<String> ids, Random random) {
        return ids.get(random.nextInt(ids.size()));
    }
}
