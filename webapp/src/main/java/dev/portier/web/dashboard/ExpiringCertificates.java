package dev.portier.web.dashboard;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.portier.drivers.connections.ConnectionCertificates;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.time.Times;
import dev.portier.web.ui.Routes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Connection certificates (InVue's customer intermediate …) that expire within 30 days or have expired:
 * phones cannot open the connection's locks with an expired one. Each links to its connection, where the
 * renewed certificate is uploaded. Hidden when there are none.
 */
final class ExpiringCertificates extends VerticalLayout {

    static final Duration AHEAD = Duration.ofDays(30);

    ExpiringCertificates(ConnectionCertificates certificates, SignedInUser user, Instant now, ZoneId zone) {
        setPadding(false);
        List<ConnectionCertificates.Certificate> expiring = certificates.expiring(user, AHEAD);
        setVisible(!expiring.isEmpty());
        if (expiring.isEmpty()) {
            return;
        }
        addClassName("expiring-certificates");
        add(new H3("Certificates to renew (" + expiring.size() + ")"));
        for (ConnectionCertificates.Certificate certificate : expiring) {
            long days = certificate.daysLeft(now);
            Span when = new Span(certificate.expired(now)
                    ? " expired on " + Times.format(certificate.notAfter(), zone) + ": phones can no longer open its locks."
                    : " expires on " + Times.format(certificate.notAfter(), zone) + " (" + (days < 1 ? "in less than a day"
                            : days == 1 ? "in 1 day" : "in " + days + " days") + "): upload the renewed certificate.");
            when.getStyle().set("color", days < 7 ? "var(--lumo-error-text-color)" : "var(--lumo-warning-text-color, inherit)");
            add(new Paragraph(Routes.link(certificate.connectionName() + " · " + certificate.subject(),
                    Routes.item(Routes.CONNECTIONS, certificate.connectionId())), when));
        }
    }
}
