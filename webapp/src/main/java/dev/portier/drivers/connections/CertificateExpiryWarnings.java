package dev.portier.drivers.connections;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.events.EventLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.LeasedWork;
import dev.portier.platform.db.Leases;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns 30, 7 and 1 days before a connection's certificate expires, and once when it has expired: an
 * event on the timeline of each of the connection's locks ({@value #EXPIRING}, {@value #EXPIRED}), given
 * once per certificate and threshold however often the check runs (and only the most urgent one when a
 * certificate arrives late, e.g. uploaded with 5 days left). The dashboard shows the same certificates.
 * With several instances on one database only the one holding the {@code certificate-expiry} lease checks.
 */
@Singleton
public final class CertificateExpiryWarnings implements LifecycleListener {

    public static final String EXPIRING = "CERTIFICATE_EXPIRING";
    public static final String EXPIRED = "CERTIFICATE_EXPIRED";
    /** Days ahead of expiry a warning is given; 0 = it has expired. */
    static final List<Integer> THRESHOLDS = List.of(30, 7, 1, 0);
    private static final String SOURCE = "host";
    private static final Logger log = LoggerFactory.getLogger(CertificateExpiryWarnings.class);

    private final ConnectionCertificates certificates;
    private final Database database;
    private final EventLog events;
    private final Clock clock;
    private final Leases leases;
    private final WebhookEvents webhooks;
    private ScheduledExecutorService timer;
    private LeasedWork work;

    @Inject
    CertificateExpiryWarnings(ConnectionCertificates certificates, Database database, EventLog events, Clock clock,
            Leases leases, WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.leases = leases;
        this.certificates = certificates;
        this.database = database;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void start() {
        work = leases.work("certificate-expiry");
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("certificate-expiry").daemon().factory());
        timer.scheduleWithFixedDelay(() -> work.runIfHeld(this::checkQuietly), 1, 60 * 60, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (work != null) {
            work.close();
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Checking certificate expiry failed; the next check tries again", e);
        }
    }

    /** Gives the warnings now due. Returns how many warnings were given (each on all the connection's locks). */
    public int check() {
        Instant now = clock.instant();
        int given = 0;
        for (ConnectionCertificates.Certificate certificate : certificates.all()) {
            List<Integer> due = THRESHOLDS.stream()
                    .filter(days -> !now.isBefore(certificate.notAfter().minus(Duration.ofDays(days)))).toList();
            if (due.isEmpty()) {
                continue;
            }
            int mostUrgent = due.getLast();
            boolean newlyDue = false;
            for (int days : due) {
                boolean inserted = record(certificate, days, now, days == mostUrgent);
                newlyDue |= inserted && days == mostUrgent;
            }
            if (newlyDue) {
                announce(certificate, mostUrgent, now);
                given++;
            }
        }
        return given;
    }

    /** Notes the warning as given; the most urgent one newly given goes to the account's webhooks in the same transaction. */
    private boolean record(ConnectionCertificates.Certificate certificate, int days, Instant now, boolean mostUrgent) {
        return database.jdbi().inTransaction(h -> {
            boolean inserted = h.createUpdate("INSERT INTO certificate_warnings (connection_id, name, expires_at, "
                        + "days_ahead, account_id, warned_at) VALUES (:connectionId, :name, :expiresAt, :days, :accountId, :now) "
                        + "ON CONFLICT (connection_id, name, expires_at, days_ahead) DO NOTHING")
                .bind("connectionId", certificate.connectionId()).bind("name", certificate.name())
                .bind("expiresAt", certificate.notAfter().toEpochMilli()).bind("days", days)
                .bind("accountId", certificate.accountId()).bind("now", now.toEpochMilli()).execute() == 1;
            if (inserted && mostUrgent) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("connectionId", certificate.connectionId());
                data.put("certificate", certificate.subject());
                data.put("expiresAt", certificate.notAfter().toString());
                data.put("daysAhead", days);
                data.put("expired", days == 0);
                webhooks.publish(h, certificate.accountId(), WebhookEventType.CERTIFICATE_EXPIRING,
                        "connection:" + certificate.connectionId(), data);
            }
            return inserted;
        });
    }

    private void announce(ConnectionCertificates.Certificate certificate, int days, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connection", certificate.connectionName());
        details.put("certificate", certificate.subject());
        details.put("expiresAt", certificate.notAfter().toString());
        details.put("message", days == 0
                ? "The certificate " + certificate.subject() + " of " + certificate.connectionName() + " has expired: phones "
                        + "can no longer open these locks until a renewed certificate is uploaded to the connection."
                : "The certificate " + certificate.subject() + " of " + certificate.connectionName() + " expires in "
                        + (days == 1 ? "1 day" : days + " days") + " (" + certificate.notAfter() + "): upload the renewed one "
                        + "to the connection before then.");
        if (days > 0) {
            details.put("daysAhead", Integer.toString(days));
        }
        List<LockRef> locks = new ConnectionLocks(certificate.accountId(), certificate.connectionId(), database).all();
        for (LockRef lock : locks) {
            events.record(certificate.accountId(), certificate.connectionId(), SOURCE,
                    new LockEvent(lock.lockId(), null, now, days == 0 ? EXPIRED : EXPIRING, details));
        }
        log.info("Certificate {} of connection {} ({}): {} warning given on {} locks", certificate.subject(),
                certificate.connectionName(), certificate.connectionId(), days == 0 ? "expired" : days + "-day", locks.size());
    }
}
