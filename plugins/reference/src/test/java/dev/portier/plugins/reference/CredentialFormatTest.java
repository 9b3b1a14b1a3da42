package dev.portier.plugins.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.HolderKind;
import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wire formats byte for byte as the contract states them, checked independently of the plugin's encoder. */
class CredentialFormatTest {

    private static final Instant START = TestDriverContext.START;
    private static final LockRef LOCK = new LockRef("lock-1", "", "Front door", "Europe/Berlin");
    private static final CBORMapper CBOR = new CBORMapper();

    private final TestDriverContext context = TestDriverContext.of(Map.of("mode", "sandbox"));
    private final ReferenceDriver driver = (ReferenceDriver) new ReferenceLocksFactory().create(context.configuration(), context);
    private final byte[] holder = new dev.portier.plugin.conformance.TestSigner().publicKey("phone");

    @AfterEach
    void close() {
        context.close();
    }

    private KeyRequest request(String schedule, Set<String> permissions) {
        return new KeyRequest("key-1", LOCK, new KeyHolder.Device("device-1", holder), START.plusMillis(250),
                START.plus(Duration.ofDays(7)), Schedules.of(schedule, LOCK.timeZone()), Schedules.permissions(permissions),
                START.plusMillis(1234));
    }

    @Test
    void a_key_is_a_tagged_cose_sign1_signed_by_the_issuing_key_over_the_sig_structure() throws Exception {
        IssuedKey key = ((KeyIssuing) driver).issue(request("MO-FR 07:00-12:00", Set.of("UNLOCK", "LOCK")));

        assertThat(key.format()).isEqualTo("cose-sign1");
        assertThat(key.keyId()).isEqualTo("key-1");
        byte[] bytes = key.credential();
        // 0xD2 = tag 18, 0x84 = array of 4, 0x43 A1 01 27 = bstr({1: -8})
        assertThat(HexFormat.of().formatHex(bytes, 0, 6)).isEqualTo("d28443a10127");
        // unprotected {4: kid}, the kid a 32-byte bstr: the RFC 9679 thumbprint of the issuing key, SHA-256 of the
        // deterministic COSE_Key {1: 1 (OKP), -1: 6 (Ed25519), -2: x}
        byte[] issuing = context.signer().publicKey("issuing");
        byte[] thumbprint = java.security.MessageDigest.getInstance("SHA-256")
                .digest(HexFormat.of().parseHex("a301012006215820" + HexFormat.of().formatHex(issuing)));
        assertThat(HexFormat.of().formatHex(bytes, 6, 10)).isEqualTo("a1045820");
        assertThat(java.util.Arrays.copyOfRange(bytes, 10, 42)).isEqualTo(thumbprint);

        CoseSign1 message = CoseSign1.decode(bytes);
        ByteArrayOutputStream sigStructure = new ByteArrayOutputStream();
        sigStructure.write(HexFormat.of().parseHex("846a"));
        sigStructure.write("Signature1".getBytes(StandardCharsets.US_ASCII));
        sigStructure.write(HexFormat.of().parseHex("43a1012740"));
        sigStructure.write(bstrHeader(message.payload().length));
        sigStructure.write(message.payload());
        assertThat(context.signer().verify("issuing", sigStructure.toByteArray(), message.signature())).isTrue();

        // A CWT claims set (RFC 8392), deterministic: integer claims first, in order — map of 11, then 1 (iss): "portier"
        assertThat(HexFormat.of().formatHex(message.payload(), 0, 10)).isEqualTo("ab0167706f7274696572");
        JsonNode payload = CBOR.readTree(message.payload());
        assertThat(payload.get("1").asText()).as("iss").isEqualTo("portier");
        assertThat(payload.get("2").asText()).as("sub").isEqualTo("device:" + Base64Url.encode(holder));
        assertThat(payload.get("3").asText()).as("aud").isEqualTo("lock-1");
        assertThat(payload.get("4").asLong()).as("exp").isEqualTo(START.plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(payload.get("5").asLong()).as("nbf, whole seconds").isEqualTo(START.getEpochSecond());
        assertThat(payload.get("6").isDouble()).as("iat, a NumericDate float when it has milliseconds").isTrue();
        assertThat(payload.get("6").asDouble()).isEqualTo(START.getEpochSecond() + 1.234);
        assertThat(payload.get("7").binaryValue()).as("cti").isEqualTo("key-1".getBytes(StandardCharsets.UTF_8));
        JsonNode coseKey = payload.get("8").get("1");
        assertThat(coseKey.get("1").asInt()).as("cnf COSE_Key kty OKP").isEqualTo(1);
        assertThat(coseKey.get("-1").asInt()).as("crv Ed25519").isEqualTo(6);
        assertThat(coseKey.get("-2").binaryValue()).isEqualTo(holder);
        assertThat(payload.get("perm")).extracting(JsonNode::asText).containsExactly("LOCK", "UNLOCK");
        assertThat(payload.get("sch").asText()).isEqualTo("MO-FR 07:00-12:00");
        assertThat(payload.get("tz").asText()).isEqualTo("Europe/Berlin");
        assertThat(payload.has("uv")).as("no user verification unless the connection asks").isFalse();
        assertThat(payload.size()).isEqualTo(11);
    }

    @Test
    void equal_requests_give_equal_bytes_and_a_key_without_schedule_omits_it() {
        IssuedKey first = ((KeyIssuing) driver).issue(request(null, Set.of("UNLOCK", "LOCK", "IGNITION")));
        IssuedKey second = ((KeyIssuing) driver).issue(request(null, Set.of("IGNITION", "UNLOCK", "LOCK")));

        assertThat(second.credential()).isEqualTo(first.credential());
        ReferenceCredential read = ReferenceCredential.read(first.credential());
        assertThat(read.schedule()).isNull();
        assertThat(read.permissions()).containsExactly("IGNITION", "LOCK", "UNLOCK");
    }

    @Test
    void a_card_key_names_the_cards_serial_instead_of_a_device_key() throws Exception {
        KeyRequest card = new KeyRequest("key-c", LOCK, new KeyHolder.Card("card-1", " 04a1b2c3 "), START,
                START.plusSeconds(60), null, Set.of(Permission.UNLOCK), START);
        IssuedKey key = ((KeyIssuing) driver).issue(card);

        JsonNode payload = CBOR.readTree(CoseSign1.decode(key.credential()).payload());
        assertThat(payload.get("2").asText()).as("sub: the serial, normalised").isEqualTo("card:04A1B2C3");
        assertThat(payload.has("8")).as("no cnf key").isFalse();
        assertThat(payload.size()).isEqualTo(9);
        assertThat(ReferenceCredential.read(key.credential()).forCard()).isTrue();
        assertThat(((KeyIssuing) driver).holders()).containsExactlyInAnyOrder(HolderKind.DEVICE, HolderKind.CARD);
        assertThat(((KeyIssuing) driver).issue(card).credential()).as("deterministic").isEqualTo(key.credential());
    }

    @Test
    void schedules_are_written_from_the_hosts_windows_in_the_schedules_zone() throws Exception {
        Schedule schedule = new Schedule(ZoneId.of("America/New_York"), List.of(
                new Schedule.Window(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), LocalTime.of(22, 0),
                        LocalTime.of(6, 0)),
                new Schedule.Window(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)), null);
        IssuedKey key = ((KeyIssuing) driver).issue(new KeyRequest("key-s", LOCK, new KeyHolder.Device("device-1", holder),
                START, START.plusSeconds(60), schedule, Set.of(Permission.LOCK), START));

        ReferenceCredential read = ReferenceCredential.read(key.credential());
        assertThat(read.schedule()).isEqualTo("MO,WE,FR 22:00-06:00; SA-SU 00:00-00:00");
        assertThat(read.timeZone()).isEqualTo("America/New_York");
        assertThat(read.permissions()).containsExactly("LOCK");
    }

    @Test
    void requests_the_lock_could_never_honour_are_refused_permanently_with_a_clear_message() {
        Schedule offTheMinute = new Schedule(ZoneId.of("Europe/Berlin"), List.of(new Schedule.Window(EnumSet.of(DayOfWeek.SATURDAY),
                LocalTime.of(7, 0, 30), LocalTime.of(8, 0))), null);
        KeyRequest seconds = new KeyRequest("key-1", LOCK, new KeyHolder.Device("device-1", holder), START, START.plusSeconds(60),
                offTheMinute, Set.of(Permission.UNLOCK), START);
        assertThatThrownBy(() -> ((KeyIssuing) driver).issue(seconds)).isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("to the minute");
        KeyRequest noZone = new KeyRequest("key-1", new LockRef("lock-1", "", "x", "Mars/Base"), new KeyHolder.Device("device-1", holder),
                START, START.plusSeconds(60), null, Set.of(Permission.UNLOCK), START);
        assertThatThrownBy(() -> ((KeyIssuing) driver).issue(noZone)).isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("time zone");
        KeyRequest notAKey = new KeyRequest("key-1", LOCK, new KeyHolder.Device("device-1", new byte[31]), START,
                START.plusSeconds(60), null, Set.of(Permission.UNLOCK), START);
        assertThatThrownBy(() -> ((KeyIssuing) driver).issue(notAKey)).isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("Ed25519");
        KeyRequest blankSerial = new KeyRequest("key-1", LOCK, new KeyHolder.Card("card-1", " "), START, START.plusSeconds(60),
                null, Set.of(Permission.UNLOCK), START);
        assertThatThrownBy(() -> ((KeyIssuing) driver).issue(blankSerial)).isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("no serial");
    }

    @Test
    void a_revocation_list_is_signed_and_lists_keys_sorted_with_expiry_seconds_and_the_watermark_in_millis() throws Exception {
        byte[] list = ((RevocationPublishing) driver).publish(LOCK, 7, START.plusMillis(5), List.of(
                new RevokedKey("key-b", START.plusSeconds(100)), new RevokedKey("key-a", START.plusSeconds(200)))).payload();

        CoseSign1 message = CoseSign1.decode(list);
        assertThat(message.verifiedBy(context.signer().publicKey("issuing"))).isTrue();
        JsonNode payload = CBOR.readTree(message.payload());
        assertThat(payload.get("lock").asText()).isEqualTo("lock-1");
        assertThat(payload.get("ver").asLong()).isEqualTo(7);
        assertThat(payload.get("min").asLong()).isEqualTo(START.toEpochMilli() + 5);
        JsonNode issuer = payload.get("iss").get(0);
        assertThat(payload.get("iss")).as("the issuer keys the lock trusts from this list on").hasSize(1);
        assertThat(issuer.get(0).binaryValue()).isEqualTo(message.kid());
        assertThat(issuer.get(1).asInt()).isEqualTo(-8);
        assertThat(issuer.get(2).binaryValue()).isEqualTo(context.signer().publicKey("issuing"));
        assertThat(payload.get("rev").toString()).isEqualTo("[[\"key-a\"," + (START.getEpochSecond() + 200) + "],[\"key-b\","
                + (START.getEpochSecond() + 100) + "]]");

        byte[] withoutWatermark = ((RevocationPublishing) driver).publish(LOCK, 8, null, List.of()).payload();
        assertThat(CBOR.readTree(CoseSign1.decode(withoutWatermark).payload()).has("min")).isFalse();
    }

    @Test
    void enrolment_takes_a_real_locks_public_key_or_creates_one_simulated_lock_per_lock_in_sandbox_mode() {
        byte[] lockKey = new dev.portier.plugin.conformance.TestSigner().publicKey("lock");
        EnrolmentResult real = ((LockEnrolment) driver).enrol(new EnrolmentRequest(
                new LockRef("lock-9", "SN-9", "Gate", "UTC"), Map.of("publicKey", Base64Url.encode(lockKey))));
        assertThat(real.vendorReference()).isEqualTo("SN-9");
        assertThat(real.material()).containsExactly(
                new Material("publicKey", Material.Visibility.PUBLIC, "text/plain",
                        Base64Url.encode(lockKey).getBytes(StandardCharsets.US_ASCII), null),
                new Material("issuerKey", Material.Visibility.PUBLIC, "text/plain",
                        Base64Url.encode(context.signer().publicKey("issuing")).getBytes(StandardCharsets.US_ASCII), null));
        assertThat(context.secrets().names()).noneMatch(name -> name.contains("lock-9"));

        EnrolmentResult simulated = ((LockEnrolment) driver).enrol(new EnrolmentRequest(LOCK, Map.of()));
        assertThat(simulated.vendorReference()).isEqualTo("lock-1");
        assertThat(context.secrets().names()).contains("sim-lock/lock-1");
        byte[] privateKey = context.secrets().get("sim-lock/lock-1").orElseThrow();
        assertThat(Base64Url.encode(LockSimulator.publicKeyOf(privateKey))).as("the raw private key, as the contract names it")
                .isEqualTo(Schedules.material(simulated, "publicKey"));
        assertThat(((LockEnrolment) driver).enrol(new EnrolmentRequest(LOCK, Map.of()))).isEqualTo(simulated);
        assertThat(((LockEnrolment) driver).enrol(new EnrolmentRequest(LOCK, Map.of("publicKey", "  ")))).as("blank = absent")
                .isEqualTo(simulated);
    }

    @Test
    void enrolment_declares_the_public_key_input_optional_in_sandbox_and_required_in_production() {
        assertThat(((LockEnrolment) driver).enrolmentInputs()).singleElement().satisfies(input -> {
            assertThat(input.key()).isEqualTo("publicKey");
            assertThat(input.type()).isEqualTo(ConfigType.TEXT);
            assertThat(input.required()).isFalse();
            assertThat(input.secret()).isFalse();
            assertThat(input.help()).contains("base64url", "simulated lock");
        });
        try (TestDriverContext production = TestDriverContext.of(Map.of("mode", "production"))) {
            ReferenceDriver real = (ReferenceDriver) new ReferenceLocksFactory().create(production.configuration(), production);
            assertThat(real.enrolmentInputs()).singleElement().satisfies(input -> {
                assertThat(input.key()).isEqualTo("publicKey");
                assertThat(input.required()).isTrue();
                assertThat(input.help()).doesNotContain("simulated");
            });
        }
    }

    @Test
    void a_public_key_that_is_no_ed25519_key_is_refused_naming_the_input() {
        String notAPoint = Base64Url.encode(HexFormat.of().parseHex("ff".repeat(32)));
        Map<String, String> refusals = Map.of("AAAA", "32-byte", notAPoint, "not an Ed25519 public key", "AA==", "without padding",
                "a*b", "not base64url");
        refusals.forEach((input, message) -> assertThatThrownBy(() -> ((LockEnrolment) driver).enrol(new EnrolmentRequest(LOCK,
                Map.of("publicKey", input)))).as(input).isInstanceOfSatisfying(EnrolmentRefusedException.class,
                        refused -> assertThat(refused.input()).isEqualTo("publicKey")).hasMessageContaining(message));
        assertThat(context.secrets().names()).as("nothing simulated for a refused enrolment").noneMatch(name -> name.startsWith("sim-lock"));
    }

    @Test
    void a_lock_enrolled_by_its_public_key_opens_for_keys_of_the_issuer_the_enrolment_named() {
        byte[] identity = LockSimulator.newIdentityKey();
        EnrolmentResult enrolled = ((LockEnrolment) driver).enrol(new EnrolmentRequest(LOCK,
                Map.of("publicKey", Base64Url.encode(LockSimulator.publicKeyOf(identity)))));
        LockSimulator lock = LockSimulator.withKey("lock-1", identity,
                Base64Url.decode(Schedules.material(enrolled, "issuerKey"), "issuerKey"), context.clock());

        assertThat(lock.publicKey()).isEqualTo(LockSimulator.publicKeyOf(identity));
        assertThat(lock.install(((RevocationPublishing) driver).publish(LOCK, 1, null, List.of()).payload())).isTrue();
    }

    @Test
    void production_mode_needs_the_public_key_and_offers_no_sandbox_actions() {
        TestDriverContext production = TestDriverContext.of(Map.of("mode", "production"));
        try (production) {
            ReferenceDriver real = (ReferenceDriver) new ReferenceLocksFactory().create(production.configuration(), production);
            assertThatThrownBy(() -> real.enrol(new EnrolmentRequest(LOCK, Map.of())))
                    .isInstanceOfSatisfying(EnrolmentRefusedException.class, refused -> assertThat(refused.input()).isEqualTo("publicKey"))
                    .hasMessageContaining("public key");
            assertThat(((SandboxActions) real).sandboxActions()).isEmpty();
            assertThat(real.run(new SandboxActions.SandboxRun("sync-phone", Map.of(), null)).succeeded()).isFalse();
        }
    }

    private static byte[] bstrHeader(int length) {
        if (length < 24) {
            return new byte[] {(byte) (0x40 | length)};
        }
        if (length < 256) {
            return new byte[] {0x58, (byte) length};
        }
        return new byte[] {0x59, (byte) (length >> 8), (byte) length};
    }
}
