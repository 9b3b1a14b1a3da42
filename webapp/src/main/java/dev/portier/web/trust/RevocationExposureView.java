package dev.portier.web.trust;

import dev.portier.web.ui.Routes;
import dev.portier.drivers.trust.RevocationExposure;
import com.google.inject.Inject;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.platform.time.Times;
import java.time.ZoneId;

/**
 * Revoked keys that have not expired yet: whether their lock has confirmed a revocation list that refuses
 * them, and if not, until when the key could still open it (offline locks learn of revocations only when
 * a phone brings them the list).
 */
@Route(RevocationExposureView.ROUTE)
@PageTitle("Revocation exposure · Portier")
public final class RevocationExposureView extends VerticalLayout {

    public static final String ROUTE = Routes.REVOCATION_EXPOSURE;

    @Inject
    RevocationExposureView(RevocationExposure exposure, AccountService accounts) {
        SignedInUser me = CurrentUser.require();
        ZoneId zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();
        Checkbox unconfirmedOnly = new Checkbox("Only keys a lock may still accept");
        Grid<RevocationExposure.ExposedKey> grid = ListPages.grid();
        grid.addColumn(RevocationExposure.ExposedKey::lockName).setHeader("Lock").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(RevocationExposureView::holder).setHeader("Holder").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(k -> Times.format(k.revokedAt(), zone)).setHeader("Revoked").setAutoWidth(true);
        grid.addColumn(RevocationExposure.ExposedKey::reason).setHeader("Why").setAutoWidth(true);
        grid.addColumn(k -> k.confirmed()
                        ? "Confirmed (list v" + k.confirmedVersion() + ")"
                        : k.revokedInVersion() == null ? "List not published yet"
                        : "Waiting: lock holds v" + k.confirmedVersion() + ", needs v" + k.revokedInVersion())
                .setHeader("Lock confirmed").setAutoWidth(true);
        grid.addColumn(k -> k.confirmed() ? "—" : Times.format(k.exposedUntil(), zone)).setHeader("Could open until").setAutoWidth(true);
        grid.setItems(q -> exposure.list(me, unconfirmedOnly.getValue(), Paging.of(q)).stream(),
                q -> exposure.count(me, unconfirmedOnly.getValue()));
        grid.setEmptyStateText("No revoked key is still within its validity");
        unconfirmedOnly.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(ListPages.header("Revocation exposure"),
                new Paragraph("Offline locks learn of a revocation when a phone brings them the new list. Until the lock "
                        + "confirms it, a revoked key could still open it — at most until the key's own end."),
                ListPages.filters(unconfirmedOnly), grid);
    }

    private static String holder(RevocationExposure.ExposedKey key) {
        if (key.cardSerial() != null) {
            return "Card " + key.cardSerial() + (key.personName() == null ? "" : " · " + key.personName());
        }
        return key.personName() + " · " + key.deviceName();
    }
}
