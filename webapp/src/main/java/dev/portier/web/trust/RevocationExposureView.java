package dev.portier.web.trust;

import dev.portier.web.ui.Routes;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.trust.MaterialDeliveries;
import dev.portier.drivers.trust.RevocationExposure;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import java.util.List;
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
    RevocationExposureView(RevocationExposure exposure, MaterialDeliveries deliveries, GrantSyncs syncs, AccountService accounts) {
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
        addCopiesOnPhones(deliveries.exposed(me), zone);
        addVendorRevocations(syncs.revocationsUnderWay(me, 200), zone);
    }

    /**
     * Grants withdrawn at a vendor that issues keys itself (Tapkey) whose revocation has not reached the lock:
     * the vendor has not confirmed it yet, or the lock has not seen the revocation list that carries it. Hidden
     * when there are none.
     */
    private void addVendorRevocations(List<GrantSyncs.RevocationUnderWay> revocations, ZoneId zone) {
        if (revocations.isEmpty()) {
            return;
        }
        Grid<GrantSyncs.RevocationUnderWay> grid = new Grid<>();
        grid.addClassName("vendor-revocations");
        grid.addColumn(GrantSyncs.RevocationUnderWay::lockName).setHeader("Lock").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(GrantSyncs.RevocationUnderWay::holder).setHeader("Holder").setAutoWidth(true);
        grid.addColumn(r -> r.withdrawnAt() == null ? "" : Times.format(r.withdrawnAt(), zone)).setHeader("Revoked").setAutoWidth(true);
        grid.addColumn(r -> switch (r.stage()) {
            case "REQUESTED" -> "Requested: the vendor has not confirmed it yet";
            case "REVOKED_AT_VENDOR" -> "Revoked at the vendor; the lock has not seen it yet";
            default -> r.stage();
        }).setHeader("Where it stands").setAutoWidth(true);
        grid.addColumn(r -> r.detail() == null ? "" : r.detail()).setHeader("Vendor says").setFlexGrow(1);
        grid.addColumn(r -> r.exposedUntil() == null ? "Unknown (no end)" : Times.format(r.exposedUntil(), zone))
                .setHeader("A key could open until").setAutoWidth(true);
        grid.setItems(revocations);
        grid.setAllRowsVisible(true);
        add(new H3("Revocations at vendors, not yet at the lock (" + revocations.size() + ")"),
                new Paragraph("Vendors that issue the keys themselves revoke them asynchronously: the lock learns of it from "
                        + "a revocation list a phone brings. Until then, a phone key could still open the lock — at most until "
                        + "the key's own end."), grid);
    }

    /**
     * Lock material handed to phones (InVue key certificates) whose person no longer holds the lock. Such a
     * certificate cannot be revoked at the lock: a phone that kept a copy opens it until the intermediate
     * certificate it chains through expires, or is rotated. Hidden when there are none.
     */
    private void addCopiesOnPhones(List<MaterialDeliveries.ExposedCopy> copies, ZoneId zone) {
        if (copies.isEmpty()) {
            return;
        }
        Grid<MaterialDeliveries.ExposedCopy> grid = new Grid<>();
        grid.addClassName("copies-on-phones");
        grid.addColumn(MaterialDeliveries.ExposedCopy::lockName).setHeader("Lock").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(c -> (c.personName() == null ? "" : c.personName() + " · ") + c.deviceName()).setHeader("Phone")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(c -> c.withdrawnAt() == null
                        ? "Not synced since access ended (last given " + Times.format(c.lastDeliveredAt(), zone) + ")"
                        : "Told to drop it at its sync of " + Times.format(c.withdrawnAt(), zone))
                .setHeader("Phone's copy").setAutoWidth(true);
        grid.addColumn(c -> c.exposedUntil() == null ? "No expiry known"
                        : Times.format(c.exposedUntil(), zone) + (c.boundByConnectionCertificate() ? " (intermediate expires)" : ""))
                .setHeader("A kept copy could open until").setAutoWidth(true);
        grid.addComponentColumn(c -> {
            Button rotate = new Button("Rotate intermediate",
                    e -> UI.getCurrent().navigate(Routes.item(Routes.CONNECTIONS, c.connectionId())));
            rotate.getElement().setAttribute("title", "Upload a new intermediate certificate on the connection: phones with "
                    + "a current grant get it at their next sync, and copies kept by others stop opening once the old one expires");
            return rotate;
        }).setHeader("Remedy").setAutoWidth(true);
        grid.setItems(copies);
        grid.setAllRowsVisible(true);
        add(new H3("Certificates kept on phones (" + copies.size() + ")"),
                new Paragraph("A lock's key certificate cannot be revoked at the lock: it is the key to that lock for whoever "
                        + "holds it. Portier stops handing it out when access ends, and a phone drops it at its next sync — "
                        + "but a phone that kept a copy can open the lock until the intermediate certificate expires or is "
                        + "rotated."), grid);
    }

    private static String holder(RevocationExposure.ExposedKey key) {
        if (key.cardSerial() != null) {
            return "Card " + key.cardSerial() + (key.personName() == null ? "" : " · " + key.personName());
        }
        return key.personName() + " · " + key.deviceName();
    }
}
