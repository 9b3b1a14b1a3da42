package dev.portier.plugins.invue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.invue.internal.EnrolmentLedger.Entry;
import dev.portier.plugins.invue.internal.EnrolmentLedger.State;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Enrolment of a LIVE Lock by its provisioning code: {@code POST /v1/dlock} once per serial, never twice.
 *
 * <p>The call is not idempotent and InVue registers a serial once, so the serial's record is written
 * before the call is sent ({@link EnrolmentLedger}). Outcomes:
 * <ul>
 *   <li>2xx with a readable key certificate: stored, then answered (and published to phones);</li>
 *   <li>2xx with anything else: InVue has registered the lock; the raw answer is kept and the enrolment is
 *       refused, asking for the key certificate to be imported;</li>
 *   <li>timeout, dropped connection, 5xx: the outcome is unknown — InVue may have registered the lock.
 *       The next enrolment of that serial is not sent again; it asks for the import, or for the explicit
 *       {@value #RETRY} confirmation that InVue has not registered it;</li>
 *   <li>409, or a 4xx saying the serial is registered: "already registered" — import the key certificate;</li>
 *   <li>401/403 (API key refused), 429, other 4xx, a destination the host refuses, a connection never made:
 *       nothing was registered; the record is dropped and the enrolment may be repeated.</li>
 * </ul>
 * Enrolments of one serial run one at a time in this process; two Portier processes enrolling the same
 * serial in the same instant are not guarded against (the host's secret store has no compare-and-set).
 */
final class Enrolment {

    static final String SERIAL = "serialNumber";
    static final String TYPE = "lockType";
    static final String CODE = "enrolmentCode";
    static final String IMPORT = "keyCertificate";
    static final String RETRY = "retryUnknownOutcome";

    static final List<ConfigProperty> INPUTS = List.of(
            ConfigProperty.required(SERIAL, ConfigType.TEXT, "Serial number",
                    "The lock's serial number as the InVue SDK reports it, e.g. 0000051a00000005 (sent unchanged)."),
            ConfigProperty.optional(TYPE, ConfigType.TEXT, "Lock type", "e.g. CAM; leave empty when unknown.", ""),
            new ConfigProperty(CODE, ConfigType.TEXT, "Provisioning code",
                    "The enrolment code the phone's InVue SDK read from the new lock (Base64).", null, false, true, List.of()),
            new ConfigProperty(IMPORT, ConfigType.MULTILINE, "Existing key certificate (PEM or Base64)",
                    "Only for a lock InVue has registered already (or after a lost answer): its key certificate, "
                            + "e.g. from InVue support. Nothing is sent to InVue.", null, false, true, List.of()),
            new ConfigProperty(RETRY, ConfigType.BOOLEAN, "Send again after an unknown outcome",
                    "Only when an earlier enrolment of this serial ended without an answer and InVue confirmed it did not "
                            + "register the lock.", "false", false, false, List.of()));

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriverContext context;
    private final EnrolmentLedger ledger;
    private final InVueSettings settings;
    private final Supplier<LiveLockClient> client;
    private final PhonePublication phones;
    private final ConcurrentHashMap<String, Object> serialLocks = new ConcurrentHashMap<>();

    Enrolment(DriverContext context, InVueSettings settings, Supplier<LiveLockClient> client, PhonePublication phones) {
        this.context = context;
        this.ledger = new EnrolmentLedger(context.secrets());
        this.settings = settings;
        this.client = client;
        this.phones = phones;
    }

    EnrolmentResult enrol(EnrolmentRequest request) {
        if (!settings.usable()) {
            throw new EnrolmentRefusedException(null, "The InVue connection's settings cannot work: " + settings.problem().message());
        }
        String serial = serial(request.inputs().get(SERIAL));
        synchronized (serialLocks.computeIfAbsent(serial, s -> new Object())) {
            Optional<Entry> known = ledger.find(serial);
            if (known.isPresent() && known.get().state() == State.ENROLLED) {
                Entry entry = known.get();
                if (!request.lock().lockId().equals(entry.lockId())) {
                    entry = entry.enrolled(context.clock().instant(), entry.keyCertificate(), entry.source(), request.lock().lockId());
                    ledger.save(entry);
                }
                return result(entry, request.lock().lockId());
            }
            String imported = request.inputs().getOrDefault(IMPORT, "").trim();
            if (!imported.isEmpty()) {
                return importCertificate(serial, imported, request, known);
            }
            if (known.isPresent()) {
                refuseRepeat(known.get(), Boolean.parseBoolean(request.inputs().getOrDefault(RETRY, "false")));
            }
            return register(serial, request);
        }
    }

    /** The key certificate of {@code serial}, when Portier holds it. */
    Optional<X509Certificate> keyCertificate(String serial) {
        return ledger.find(serial).filter(entry -> entry.state() == State.ENROLLED).map(entry -> certificate(entry.keyCertificate()));
    }

    private void refuseRepeat(Entry entry, boolean retry) {
        String since = entry.attemptedAt() == null ? "" : " on " + WHEN.format(Instant.parse(entry.attemptedAt()));
        switch (entry.state()) {
            case SENDING, UNKNOWN_OUTCOME -> {
                if (retry) {
                    return;
                }
                throw new EnrolmentRefusedException(IMPORT, "Serial " + entry.serial() + " was sent to InVue" + since
                        + " and no answer came back" + (entry.detail() == null ? "" : " (" + entry.detail() + ")")
                        + ": InVue may have registered it, and registers a serial only once, so Portier does not send it again. "
                        + "Import its key certificate (ask InVue support), or — only if InVue confirms it is not registered — "
                        + "enrol again with \"Send again after an unknown outcome\".");
            }
            case ALREADY_REGISTERED -> throw alreadyRegistered(entry.serial());
            case UNREADABLE_ANSWER -> throw new EnrolmentRefusedException(IMPORT, "InVue registered serial " + entry.serial()
                    + since + " but answered something Portier cannot read as a key certificate (" + entry.detail()
                    + "); the raw answer is kept in the enrolment record. Import the key certificate (ask InVue support).");
            default -> throw new IllegalStateException("Unexpected enrolment state " + entry.state());
        }
    }

    private EnrolmentResult register(String serial, EnrolmentRequest request) {
        String code = request.inputs().getOrDefault(CODE, "").trim();
        if (code.isEmpty()) {
            throw new EnrolmentRefusedException(CODE, "Type the provisioning code the phone read from the lock, or import an "
                    + "existing key certificate.");
        }
        try {
            Base64.getDecoder().decode(code);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(CODE, "The provisioning code is not Base64; copy it exactly as the InVue SDK "
                    + "read it. Nothing was sent to InVue.");
        }
        String type = request.inputs().getOrDefault(TYPE, "").trim();
        Instant now = context.clock().instant();
        Entry sending = EnrolmentLedger.sending(serial, request.lock().lockId(), now);
        ledger.save(sending);
        LiveLockClient.Answer answer;
        try {
            answer = client.get().register(serial, type, settings.owner(), code);
        } catch (DestinationRefusedException | ConnectException | HttpConnectTimeoutException e) {
            ledger.forget(serial); // never sent: no connection was made
            throw new EnrolmentRefusedException(null, "InVue could not be reached, nothing was registered: " + e.getMessage());
        } catch (IOException e) {
            ledger.save(sending.answered(State.UNKNOWN_OUTCOME, context.clock().instant(), null, null, null,
                    e.getClass().getSimpleName()));
            throw new EnrolmentRefusedException(IMPORT, "InVue did not answer the enrolment of " + serial + " ("
                    + e.getClass().getSimpleName() + "). InVue may have registered it; Portier will not send it again. "
                    + "Import its key certificate (ask InVue support), or enrol again with \"Send again after an unknown "
                    + "outcome\" once InVue confirms it is not registered.");
        } catch (InterruptedException e) {
            ledger.save(sending.answered(State.UNKNOWN_OUTCOME, context.clock().instant(), null, null, null, "interrupted"));
            Thread.currentThread().interrupt();
            throw new EnrolmentRefusedException(IMPORT, "The enrolment of " + serial + " was interrupted before InVue "
                    + "answered; it is not sent again. Import its key certificate or confirm a new attempt.");
        }
        return judge(serial, request, sending, answer);
    }

    private EnrolmentResult judge(String serial, EnrolmentRequest request, Entry sending, LiveLockClient.Answer answer) {
        Instant now = context.clock().instant();
        int status = answer.status();
        String vendorMessage = vendorMessage(answer.body(), request.inputs().getOrDefault(CODE, ""));
        if (status >= 200 && status < 300) {
            try {
                X509Certificate certificate = KeyCertificateAnswer.read(answer.body(), serial, settings.chain());
                Entry enrolled = sending.answered(State.ENROLLED, now, status, answer.contentType(), answer.body(), null)
                        .enrolled(now, Pem.der(certificate), "api", request.lock().lockId());
                ledger.save(enrolled); // durable before anyone hears of success
                return result(enrolled, request.lock().lockId());
            } catch (KeyCertificateAnswer.Unreadable e) {
                ledger.save(sending.answered(State.UNREADABLE_ANSWER, now, status, answer.contentType(), answer.body(), e.getMessage()));
                throw new EnrolmentRefusedException(IMPORT, "InVue registered serial " + serial + " (HTTP " + status
                        + ") but " + e.getMessage() + ". The raw answer is kept in the enrolment record; import the key "
                        + "certificate (ask InVue support). Portier will not send this serial again.");
            }
        }
        if (status == 409 || (status >= 400 && status < 500 && saysRegistered(vendorMessage))) {
            ledger.save(sending.answered(State.ALREADY_REGISTERED, now, status, answer.contentType(), answer.body(), vendorMessage));
            throw alreadyRegistered(serial);
        }
        if (status == 401 || status == 403) {
            ledger.forget(serial);
            context.reportStatus(DriverStatus.offline(StatusDetail.AUTHENTICATION_ERROR,
                    "InVue refused the API key (HTTP " + status + ")."));
            throw new EnrolmentRefusedException(null, "InVue refused the connection's API key (HTTP " + status
                    + "); nothing was registered. Fix the API key in the connection, then enrol again.");
        }
        if (status == 429) {
            ledger.forget(serial);
            // Transient: the host may retry; nothing was registered.
            throw new IllegalStateException("InVue asked to slow down (HTTP 429); nothing was registered, try again later.");
        }
        if (status >= 400 && status < 500) {
            ledger.forget(serial);
            throw new EnrolmentRefusedException(status == 400 ? CODE : null, "InVue refused the enrolment of " + serial
                    + " (HTTP " + status + (vendorMessage.isEmpty() ? "" : ": " + vendorMessage) + "); nothing was registered. "
                    + "Check the serial number and provisioning code; if the lock was registered before, import its key certificate.");
        }
        ledger.save(sending.answered(State.UNKNOWN_OUTCOME, now, status, answer.contentType(), answer.body(), "HTTP " + status));
        throw new EnrolmentRefusedException(IMPORT, "InVue answered HTTP " + status + " to the enrolment of " + serial
                + ": it may or may not have registered the lock, so Portier will not send it again. Import its key "
                + "certificate (ask InVue support), or enrol again with \"Send again after an unknown outcome\" once InVue "
                + "confirms it is not registered.");
    }

    private EnrolmentResult importCertificate(String serial, String text, EnrolmentRequest request, Optional<Entry> known) {
        X509Certificate certificate;
        try {
            certificate = text.contains("-----BEGIN") ? single(Pem.certificates(text)) : Pem.fromDer(Base64.getMimeDecoder().decode(text));
        } catch (Pem.NotACertificate | IllegalArgumentException e) {
            throw new EnrolmentRefusedException(IMPORT, "The key certificate is neither a PEM certificate nor Base64 of one.");
        }
        String named = TrustChain.commonName(certificate).orElse(null);
        if (named != null && !named.equals(serial)) {
            throw new EnrolmentRefusedException(IMPORT, "This key certificate is for lock " + named + ", not " + serial + ".");
        }
        if (!settings.chain().issued(certificate)) {
            throw new EnrolmentRefusedException(IMPORT, "This key certificate was not signed by the connection's intermediate "
                    + "certificate, so the lock would refuse it.");
        }
        Instant now = context.clock().instant();
        Entry base = known.orElse(EnrolmentLedger.sending(serial, request.lock().lockId(), now));
        Entry imported = base.answered(base.state(), now, base.httpStatus(), base.rawMediaType() == null ? "application/x-pem-file"
                : base.rawMediaType(), base.rawAnswer() == null ? Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII)
                : base.rawAnswer(), base.detail()).enrolled(now, Pem.der(certificate), "import", request.lock().lockId());
        ledger.save(imported);
        return result(imported, request.lock().lockId());
    }

    private EnrolmentResult result(Entry entry, String lockId) {
        X509Certificate certificate = certificate(entry.keyCertificate());
        Instant expiry = certificate.getNotAfter().toInstant();
        List<Material> material = new ArrayList<>();
        material.add(new Material("keyCertificate", Material.Visibility.SECRET, "application/pkix-cert", Pem.der(certificate), expiry));
        material.add(new Material("keyCertificateSummary", Material.Visibility.PUBLIC, "text/plain",
                ("Key certificate " + TrustChain.subject(certificate) + ", issued by "
                        + certificate.getIssuerX500Principal().getName() + ", valid until " + WHEN.format(expiry)
                        + ("import".equals(entry.source()) ? " (imported)" : "")).getBytes(StandardCharsets.UTF_8), null));
        if (entry.rawAnswer() != null) {
            material.add(new Material("enrolmentResponse", Material.Visibility.SECRET,
                    entry.rawMediaType() == null ? "application/octet-stream" : entry.rawMediaType(), entry.rawAnswer(), null));
        }
        phones.publishLock(lockId, certificate);
        phones.publishIntermediate();
        return new EnrolmentResult(entry.serial(), material);
    }

    private static EnrolmentRefusedException alreadyRegistered(String serial) {
        return new EnrolmentRefusedException(IMPORT, "InVue has serial " + serial + " registered already and registers a "
                + "serial only once, and Portier holds no key certificate for it. Import the lock's key certificate "
                + "(from the system that enrolled it, or from InVue support) in \"Existing key certificate\".");
    }

    private static String serial(String typed) {
        String serial = typed == null ? "" : typed.trim();
        if (serial.isEmpty()) {
            throw new EnrolmentRefusedException(SERIAL, "Type the lock's serial number.");
        }
        if (serial.length() > 128 || serial.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new EnrolmentRefusedException(SERIAL, "A serial number is at most 128 characters without spaces or control "
                    + "characters, e.g. 0000051a00000005.");
        }
        return serial;
    }

    private static boolean saysRegistered(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("already") || lower.contains("registered") || lower.contains("exist") || lower.contains("duplicate");
    }

    /** The vendor's error sentence, short, without the provisioning code (in case it is echoed). */
    private static String vendorMessage(byte[] body, String code) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = JSON.readTree(text);
            for (String field : List.of("error", "message", "detail", "title")) {
                if (node != null && node.path(field).isTextual()) {
                    text = node.path(field).asText();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the text itself
        }
        if (!code.isBlank()) {
            text = text.replace(code.trim(), "[provisioning code]");
        }
        text = text.replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static X509Certificate single(List<X509Certificate> certificates) throws Pem.NotACertificate {
        if (certificates.size() != 1) {
            throw new Pem.NotACertificate("holds " + certificates.size() + " certificates");
        }
        return certificates.getFirst();
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return Pem.fromDer(der);
        } catch (Pem.NotACertificate e) {
            throw new IllegalStateException("A stored key certificate is unreadable", e);
        }
    }
}
