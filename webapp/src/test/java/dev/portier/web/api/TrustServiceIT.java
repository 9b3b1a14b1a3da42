package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneSimulator.TapResult;
import dev.portier.plugins.reference.PhoneState;
import dev.portier.plugins.reference.SyncReport;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.BundledPluginJar;
import dev.portier.drivers.trust.KeyIssuer;
import dev.portier.testing.RunningServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline key flow end to end over real HTTP: Portier with the reference plugin, simulated phones
 * talking to the mobile API, and simulated locks checking keys on their own clocks.
 */
class TrustServiceIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static ApiClient beta;
    static String connectionId;
    static String site;
    static String betaLock;
    static int people;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference locks", "reference",
                Map.of("mode", "production", "revocationListCapacity", "3"))).id();
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        String betaSite = beta.post("/api/v1/sites", ApiCrudIT.site("Beta site", "UTC")).id();
        betaLock = beta.post("/api/v1/locks", ApiCrudIT.lock(betaSite, "Beta door")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A lock of the reference connection, enrolled with a simulated lock's public key. */
    static LockSimulator enrolledLock(String name, MutableClock clock) {
        ObjectNode body = ApiCrudIT.lock(site, name).put("state", "PENDING_ENROLMENT").put("connectionId", connectionId)
                .put("vendorReference", "REF-" + name.replace(' ', '-'));
        Answer created = manager.post("/api/v1/locks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String lockId = created.id();
        LockSimulator lock = TrustFixtures.enrol(manager, lockId, clock);
        assertThat(manager.get("/api/v1/locks/" + lockId).json().get("state").asText()).isEqualTo("ACTIVE");
        return lock;
    }

    /** A new person with one registered phone. */
    static PhoneSimulator personWithPhone(MutableClock clock) {
        people++;
        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Person " + people, "p" + people + "@example.com")).id();
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), clock);
        phone.register(code(personId), "Phone " + people);
        return phone;
    }

    static String code(String personId) {
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        return code.json().get("code").asText();
    }

    static String grant(PhoneSimulator phone, LockSimulator lock, String schedule, String... permissions) {
        ObjectNode grant = ApiClient.object().put("personId", phone.personId()).put("lockId", lock.lockId()).put("delivery", "PRE_ISSUED");
        if (schedule != null) {
            grant.put("schedule", schedule);
        }
        var array = grant.putArray("permissions");
        for (String permission : permissions.length == 0 ? new String[] {"UNLOCK"} : permissions) {
            array.add(permission);
        }
        Answer created = manager.post("/api/v1/grants", grant);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        keysFollow(created.id());
        return created.id();
    }

    static double keysIssued() {
        return server.get(dev.portier.platform.metrics.Metrics.class).registry().find("portier.keys.issued").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    static void revoke(String grantId) {
        Answer revoked = manager.post("/api/v1/grants/" + grantId + "/revoke", ApiClient.object().put("reason", "Moved out"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        keysFollow(grantId);
    }

    /**
     * Keys follow a grant change in the background; a pass of our own (which waits for the account's
     * lock, so for any pass under way) makes sure they have before the test looks.
     */
    static void keysFollow(String grantId) {
        server.get(KeyIssuer.class).reconcileGrantQuietly(admin.accountId(), grantId);
    }

    static MutableClock clock() {
        return new MutableClock(Instant.now());
    }

    @Test
    void aGrantBecomesAKeyThatOpensTheLockOnlyInsideItsScheduleAndUntilItExpires() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Front door", clock);
        PhoneSimulator phone = personWithPhone(clock);
        String today = clock.instant().atOffset(ZoneOffset.UTC).getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT,
                Locale.ROOT).substring(0, 2).toUpperCase(Locale.ROOT);
        double issuedBefore = keysIssued();
        grant(phone, lock, today + " 00:00-24:00");

        SyncReport sync = phone.sync();
        assertThat(sync.keysReceived()).hasSize(1);
        assertThat(keysIssued()).as("portier_keys_issued_total (scraped at /metrics)").isGreaterThanOrEqualTo(issuedBefore + 1);
        assertThat(sync.keysUnopened()).isEmpty();
        PhoneState.HeldKey key = phone.keys().getFirst();
        assertThat(Duration.between(key.issuedAt(), key.notAfter())).isLessThanOrEqualTo(Duration.ofDays(7));

        TapResult tap = phone.tap(lock, "UNLOCK");
        assertThat(tap.outcome()).as(tap.steps().toString()).isEqualTo(TapOutcome.OPENED);
        assertThat(phone.tap(lock, "LOCK").verdict().reason()).isEqualTo(Reason.MISSING_PERMISSION);

        clock.advance(Duration.ofDays(1));
        assertThat(phone.tap(lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);
        // A minute past the 7 days: the key was issued (and its end counted) a moment after the test's clock started.
        clock.advance(Duration.ofDays(6).plusMinutes(1));
        assertThat(phone.tap(lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.EXPIRED);

        // The lock's log reaches Portier with the phone's next sync, at the lock's entry numbers.
        SyncReport upload = phone.sync();
        assertThat(upload.eventsUploaded().get(lock.lockId()).accepted()).isEqualTo(4);
        JsonNode timeline = manager.get("/api/v1/locks/" + lock.lockId() + "/events").json().get("items");
        assertThat(timeline).hasSize(4);
        assertThat(timeline.get(0).get("type").asText()).isEqualTo("UNLOCKED");
        assertThat(timeline.get(3).get("type").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void aRevokedKeyIsRefusedOnceAnotherPhoneHasCarriedTheNewListToTheLock() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Back door", clock);
        PhoneSimulator leaver = personWithPhone(clock);
        PhoneSimulator neighbour = personWithPhone(clock);
        String leaversGrant = grant(leaver, lock, null);
        grant(neighbour, lock, null);
        leaver.sync();
        neighbour.sync();
        assertThat(leaver.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        String revokedKey = leaver.keys().getFirst().keyId();

        revoke(leaversGrant);
        Answer exposed = manager.get("/api/v1/trust/revocation-exposure?unconfirmedOnly=true");
        assertThat(exposed.json().get("items").findValuesAsText("keyId")).contains(revokedKey);

        // The leaver's phone never syncs again; the neighbour's brings the lock the new list.
        SyncReport sync = neighbour.sync();
        assertThat(sync.listsFetched()).containsKey(lock.lockId());
        assertThat(neighbour.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(lock.installedListVersion()).isEqualTo(sync.listsFetched().get(lock.lockId()));
        assertThat(leaver.tap(lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.REVOKED);

        // The neighbour's next sync reports the version the lock holds: the exposure is over.
        neighbour.sync();
        Answer after = manager.get("/api/v1/trust/revocation-exposure?unconfirmedOnly=true");
        assertThat(after.json().get("items").findValuesAsText("keyId")).doesNotContain(revokedKey);
        // And the leaver's phone, when it syncs, is told to delete the key.
        assertThat(leaver.sync().keysDeleted()).contains(revokedKey);
    }

    @Test
    void changingAGrantReissuesItsKeysAndRevokesTheOldOnes() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Storeroom", clock);
        PhoneSimulator phone = personWithPhone(clock);
        String grantId = grant(phone, lock, null, "UNLOCK", "LOCK");
        phone.sync();
        String first = phone.keys().getFirst().keyId();
        assertThat(phone.tap(lock, "LOCK").outcome()).isEqualTo(TapOutcome.OPENED);

        JsonNode stored = manager.get("/api/v1/grants/" + grantId).json();
        ObjectNode narrowed = ((ObjectNode) stored.deepCopy());
        narrowed.putArray("permissions").add("UNLOCK");
        Answer changed = manager.put("/api/v1/grants/" + grantId, narrowed);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        keysFollow(grantId);

        SyncReport sync = phone.sync();
        assertThat(sync.keysDeleted()).containsExactly(first);
        assertThat(sync.keysReceived()).hasSize(1).doesNotContain(first);
        assertThat(phone.tap(lock, "LOCK").verdict().reason()).isEqualTo(Reason.MISSING_PERMISSION);
        assertThat(phone.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(manager.get("/api/v1/trust/revocation-exposure").json().get("items").findValuesAsText("keyId"))
                .as("the wider old key is revoked, not just replaced").contains(first);
    }

    @Test
    void aCopiedKeyATamperedKeyAndAFakeLockAreAllRefused() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Cabinet", clock);
        PhoneSimulator owner = personWithPhone(clock);
        PhoneSimulator thief = personWithPhone(clock);
        grant(owner, lock, null);
        grant(thief, lock, null, "LOCK");
        owner.sync();
        thief.sync();
        String ownersKey = owner.keys().getFirst().keyId();

        owner.copyKeyTo(thief, ownersKey);
        assertThat(thief.tap(lock, "UNLOCK", ownersKey).verdict().reason()).isEqualTo(Reason.NOT_HOLDER);

        String thiefsKey = thief.keys().stream().filter(k -> !k.keyId().equals(ownersKey)).findFirst().orElseThrow().keyId();
        thief.replaceCredential(thiefsKey, Tampering.withPermission(thief.key(thiefsKey).orElseThrow().credential(), "UNLOCK"));
        assertThat(thief.tap(lock, "UNLOCK", thiefsKey).verdict().reason()).isEqualTo(Reason.BAD_SIGNATURE);

        TapResult fake = owner.tap(lock.impostor(), "UNLOCK");
        assertThat(fake.outcome()).isEqualTo(TapOutcome.PHONE_REFUSED);
        TapResult real = owner.tap(lock, "UNLOCK");
        assertThat(real.outcome()).as(real.steps().toString()).isEqualTo(TapOutcome.OPENED);
    }

    @Test
    void whenTheListOverflowsTheWatermarkMovesValidKeysAreReissuedAndOldRevokedOnesStayRefused() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Garage", clock);
        PhoneSimulator leaver = personWithPhone(clock);
        PhoneSimulator stayer = personWithPhone(clock);
        List<String> grants = List.of(grant(leaver, lock, null), grant(leaver, lock, null, "UNLOCK", "LOCK"),
                grant(leaver, lock, null, "LOCK"), grant(leaver, lock, null, "UNLOCK"));
        grant(stayer, lock, null);
        leaver.sync();
        stayer.sync();
        List<String> leaversKeys = leaver.keys().stream().map(PhoneState.HeldKey::keyId).toList();
        assertThat(leaversKeys).hasSize(4);
        String stayersFirstKey = stayer.keys().getFirst().keyId();

        grants.forEach(TrustServiceIT::revoke); // 4 revoked keys > capacity 3

        Answer list = manager.get("/api/v1/trust/revocation-lists/" + lock.lockId());
        assertThat(list.json().get("entries").asInt()).isZero();
        assertThat(list.json().get("minIssuedAt").isNull()).isFalse();
        SyncReport sync = stayer.sync();
        assertThat(sync.keysDeleted()).containsExactly(stayersFirstKey);
        assertThat(sync.keysReceived()).hasSize(1).doesNotContain(stayersFirstKey);
        assertThat(stayer.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(lock.watermark()).isNotNull();
        for (String keyId : leaversKeys) {
            TapResult refused = leaver.tap(lock, "LOCK", keyId);
            assertThat(refused.verdict().reason()).as(keyId).isEqualTo(Reason.REVOKED);
        }
    }

    @Test
    void anOnDemandGrantGivesAShortKeyAndOtherwiseTheRequestIsRefusedWithTheReason() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Box", clock);
        PhoneSimulator phone = personWithPhone(clock);
        ApiClient device = new ApiClient(server, phone.deviceToken());
        Answer none = device.post("/api/v1/mobile/on-demand-keys", ApiClient.object().put("lockId", lock.lockId()));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("reasons").toString()).contains("NO_GRANT");

        ObjectNode grant = ApiClient.object().put("personId", phone.personId()).put("lockId", lock.lockId())
                .put("delivery", "ON_DEMAND").put("onDemandMinutes", 15);
        grant.putArray("permissions").add("UNLOCK");
        manager.post("/api/v1/grants", grant);
        assertThat(phone.sync().keysReceived()).as("on-demand grants are not pre-issued").isEmpty();

        PhoneState.HeldKey key = phone.requestOnDemandKey(lock.lockId(), null);
        assertThat(phone.requestOnDemandKey(lock.lockId(), null).keyId()).as("a retry answers the same key").isEqualTo(key.keyId());
        assertThat(Duration.between(key.issuedAt(), key.notAfter())).isBetween(Duration.ofSeconds(14 * 60 - 1), Duration.ofMinutes(15));
        assertThat(key.notBefore()).as("a lock's clock may run a little behind").isBefore(key.issuedAt());
        assertThat(phone.tap(lock, "UNLOCK", key.keyId()).outcome()).isEqualTo(TapOutcome.OPENED);
        clock.advance(Duration.ofMinutes(16));
        assertThat(phone.tap(lock, "UNLOCK", key.keyId()).verdict().reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void codesWorkOnceBlockedPhonesLoseTheirKeysAndOtherAccountsLocksAreNotFound() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Shed", clock);
        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Pat", "pat@example.com")).id();
        String code = code(personId);
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), clock);
        phone.register(code, "Pat's phone");
        PhoneSimulator other = PhoneSimulator.create(URI.create(server.url("")), clock);
        ApiClient stranger = new ApiClient(server, null);
        ObjectNode reuse = ApiClient.object().put("enrolmentCode", code).put("name", "Other")
                .put("signingKey", b64(other.signingPublicKey())).put("encryptionKey", b64(other.encryptionPublicKey()));
        assertThat(stranger.post("/api/v1/mobile/devices", reuse).status()).isEqualTo(409);
        ObjectNode bad = reuse.deepCopy().put("enrolmentCode", code(personId)).put("signingKey", "short");
        Answer refused = stranger.post("/api/v1/mobile/devices", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("signingKey");

        ObjectNode grant = ApiClient.object().put("personId", personId).put("lockId", lock.lockId()).put("delivery", "PRE_ISSUED");
        grant.putArray("permissions").add("UNLOCK");
        keysFollow(manager.post("/api/v1/grants", grant).id());
        phone.sync();
        String key = phone.keys().getFirst().keyId();

        ApiClient device = new ApiClient(server, phone.deviceToken());
        assertThat(device.post("/api/v1/mobile/locks/" + betaLock + "/revocation-list-version",
                ApiClient.object().put("version", 1)).status()).isEqualTo(404);
        assertThat(device.post("/api/v1/mobile/on-demand-keys", ApiClient.object().put("lockId", betaLock)).status()).isEqualTo(404);
        assertThat(beta.get("/api/v1/trust/devices?personId=" + personId).status()).isEqualTo(404);
        assertThat(beta.get("/api/v1/trust/revocation-lists/" + lock.lockId()).status()).isEqualTo(404);

        String deviceId = phone.deviceId();
        assertThat(manager.post("/api/v1/trust/devices/" + deviceId + "/block", ApiClient.object()).json().get("state").asText())
                .isEqualTo("BLOCKED");
        assertThat(device.get("/api/v1/mobile/keys").status()).isEqualTo(401);
        Answer exposed = manager.get("/api/v1/trust/revocation-exposure");
        assertThat(exposed.json().get("items").findValuesAsText("keyId")).contains(key);
    }

    /**
     * Issue 15, item 10. Before the fix a phone without any key uploaded entry #1 first and its forgery hid the
     * genuine one (first copy wins), and a revoked phone reported the list version it was revoked in without
     * ever bringing the list to the lock: both were answered 2xx.
     */
    @Test
    void forgedLogEntriesAndConfirmationsAreRefusedAndTheGenuineOnesStillCount() {
        MutableClock clock = clock();
        LockSimulator lock = enrolledLock("Archive", clock);
        PhoneSimulator holder = personWithPhone(clock);
        PhoneSimulator leaver = personWithPhone(clock);
        PhoneSimulator stranger = personWithPhone(clock);
        grant(holder, lock, null);
        String leaversGrant = grant(leaver, lock, null);
        holder.sync();
        leaver.sync();
        assertThat(holder.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED); // entry #1, not uploaded yet

        // A phone with no key for the lock forges entry #1: unsigned, signed by a fake lock, or a genuine
        // signature under different words. Each is a 400 and stores nothing.
        ApiClient forger = new ApiClient(server, stranger.deviceToken());
        String events = "/api/v1/mobile/locks/" + lock.lockId() + "/events";
        ObjectNode unsigned = forgedEntry(1, "LOCKED", null);
        LockSimulator impostor = lock.impostor();
        byte[] fakeSigned = impostor.tapCard(new dev.portier.plugins.reference.LockProtocol.CardPresentation("04", new byte[] {1},
                "UNLOCK")).entry().signed();
        ObjectNode fake = forgedEntry(1, "ACCESS_DENIED", b64(fakeSigned));
        ObjectNode relabelled = forgedEntry(1, "LOCKED", b64(lock.log().getFirst().signed()));
        for (ObjectNode forged : List.of(unsigned, fake, relabelled)) {
            ObjectNode body = ApiClient.object();
            body.putArray("events").add(forged);
            Answer refused = forger.post(events, body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        }
        assertThat(manager.get("/api/v1/locks/" + lock.lockId() + "/events").json().get("items")).isEmpty();

        // The genuine copy, arriving later, is the one Portier keeps.
        assertThat(holder.sync().eventsUploaded().get(lock.lockId()).accepted()).isEqualTo(1);
        JsonNode stored = manager.get("/api/v1/locks/" + lock.lockId() + "/events").json().get("items");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("entryNumber").asLong()).isEqualTo(1);
        assertThat(stored.get(0).get("type").asText()).isEqualTo("UNLOCKED");

        // The leaver is revoked; its phone cannot confirm the list that revokes it: not unsigned, not with a
        // fake lock's signature, not with the lock's confirmation of an older version.
        revoke(leaversGrant);
        holder.sync(); // fetches the list that revokes the leaver
        long published = holder.listVersions().get(lock.lockId());
        byte[] revokingList = holder.state().lists().get(lock.lockId());
        ApiClient revoked = new ApiClient(server, leaver.deviceToken());
        String confirm = "/api/v1/mobile/locks/" + lock.lockId() + "/revocation-list-version";
        byte[] fakeConfirmation = signedConfirmation(impostor, revokingList, published);
        assertThat(revoked.post(confirm, ApiClient.object().put("version", published)).status()).isEqualTo(400);
        assertThat(revoked.post(confirm, ApiClient.object().put("version", published).put("signed", b64(fakeConfirmation)))
                .status()).isEqualTo(400);
        assertThat(manager.get("/api/v1/trust/revocation-lists/" + lock.lockId()).json().get("confirmedVersion").asLong())
                .isLessThan(published);

        // Only the lock's own confirmation, after a phone brought it the list, counts.
        assertThat(holder.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(leaver.tap(lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.REVOKED);
        assertThat(lock.installedListVersion()).as("the lock holds the list the holder brought").isEqualTo(published);
        SyncReport reported = holder.sync();
        assertThat(reported.versionsReported()).as("%s", reported).containsEntry(lock.lockId(), published);
        assertThat(manager.get("/api/v1/trust/revocation-lists/" + lock.lockId()).json().get("confirmedVersion").asLong())
                .isGreaterThanOrEqualTo(published);
    }

    private static ObjectNode forgedEntry(long number, String type, String signed) {
        ObjectNode entry = ApiClient.object().put("entryNumber", number).put("occurredAt", Instant.now().toString()).put("type", type);
        entry.putObject("details").put("keyId", "nobody");
        if (signed != null) {
            entry.put("signed", signed);
        }
        return entry;
    }

    /** The confirmation a lock signs once it holds {@code version}: here a fake lock's, for a version it never got. */
    private static byte[] signedConfirmation(LockSimulator signer, byte[] list, long version) {
        LockSimulator fake = LockSimulator.restore(new LockSimulator.State(signer.lockId(), signer.state().privateKey(),
                signer.issuerKeys(), null, List.of(), LockSimulator.FULL_BATTERY, null), java.time.Clock.systemUTC());
        fake.install(list);
        assertThat(fake.installedListVersion()).isEqualTo(version);
        return fake.listConfirmation();
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
