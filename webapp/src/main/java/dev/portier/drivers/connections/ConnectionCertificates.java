package dev.portier.drivers.connections;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The certificates a connection hands every phone (connection-wide phone material such as InVue's
 * customer intermediate): which, until when, and which expire soon. A phone whose certificate expired
 * can no longer open the connection's locks, so the expiry is shown on the connection and the dashboard.
 */
@Singleton
public final class ConnectionCertificates {

    /** Media types of phone material the host reads as X.509 certificates (DER or PEM). */
    static final Set<String> CERTIFICATE_TYPES = Set.of("application/pkix-cert", "application/x-x509-ca-cert",
            "application/x-pem-file");

    /**
     * One certificate of a connection.
     *
     * @param name      the material's name (the driver's, e.g. {@code invue.intermediateCertificate})
     * @param subject   the certificate's subject distinguished name
     * @param issuer    its issuer's distinguished name
     * @param notBefore first instant it is valid
     * @param notAfter  last instant it is valid
     */
    public record Certificate(String accountId, String connectionId, String connectionName, String name, String subject, String issuer,
            Instant notBefore, Instant notAfter) {

        /** Whole days from {@code now} until it expires; negative once expired. */
        public long daysLeft(Instant now) {
            return Math.floorDiv(Duration.between(now, notAfter).toHours(), 24);
        }

        public boolean expired(Instant now) {
            return !notAfter.isAfter(now);
        }
    }

    private final Database database;
    private final Authorization authorization;
    private final Clock clock;

    @Inject
    ConnectionCertificates(Database database, Authorization authorization, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.clock = clock;
    }

    /** The certificates of one of the account's connections, soonest expiry first. */
    public List<Certificate> of(SignedInUser who, String connectionId) {
        authorization.require(who, Role.VIEWER);
        return query(who.accountId(), connectionId);
    }

    /** The account's connection certificates that expire within {@code within} or have expired, soonest first. */
    public List<Certificate> expiring(SignedInUser who, Duration within) {
        authorization.require(who, Role.VIEWER);
        Instant limit = clock.instant().plus(within);
        return query(who.accountId(), null).stream().filter(c -> c.notAfter().isBefore(limit)).toList();
    }

    /** Every account's connection certificates (for the expiry warnings), soonest expiry first. */
    List<Certificate> all() {
        return query(null, null);
    }

    private List<Certificate> query(String accountId, String connectionId) {
        record Row(String accountId, String connectionId, String connectionName, String name, String mediaType, String content) {
        }
        List<Row> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT m.account_id, m.connection_id, c.name AS connection_name, m.name, "
                        + "m.media_type, m.content FROM phone_material m JOIN connections c ON c.id = m.connection_id "
                        + "WHERE m.lock_id = '' AND m.media_type IN (<types>) "
                        + (accountId == null ? "" : "AND m.account_id = :accountId ")
                        + (connectionId == null ? "" : "AND m.connection_id = :connectionId ")
                        + "ORDER BY m.connection_id, m.name")
                .bindList("types", List.copyOf(CERTIFICATE_TYPES))
                .bind("accountId", accountId).bind("connectionId", connectionId)
                .map((rs, ctx) -> new Row(rs.getString("account_id"), rs.getString("connection_id"), rs.getString("connection_name"), rs.getString("name"),
                        rs.getString("media_type"), rs.getString("content")))
                .list());
        List<Certificate> certificates = new ArrayList<>();
        for (Row row : rows) {
            parse(Base64.getDecoder().decode(row.content())).ifPresent(x509 -> certificates.add(new Certificate(row.accountId(), row.connectionId(),
                    row.connectionName(), row.name(), x509.getSubjectX500Principal().getName(),
                    x509.getIssuerX500Principal().getName(), x509.getNotBefore().toInstant(), x509.getNotAfter().toInstant())));
        }
        certificates.sort(Comparator.comparing(Certificate::notAfter).thenComparing(Certificate::connectionId));
        return certificates;
    }

    /** The certificate in DER or PEM; empty when the material is not one (a driver's mislabelled bytes). */
    static Optional<X509Certificate> parse(byte[] content) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(content)));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
