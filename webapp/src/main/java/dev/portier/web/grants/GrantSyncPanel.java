package dev.portier.web.grants;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.sync.VendorSync;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.time.Times;
import java.time.ZoneId;
import java.util.List;

/**
 * Where a grant stands at the vendors that sync grants: one row per lock, pending / applied / retrying
 * at … / failed with the vendor's reason. Shown in the grant's dialog only when one of its locks syncs.
 */
final class GrantSyncPanel extends VerticalLayout {

    private final GrantSyncs syncs;
    private final SignedInUser who;
    private final String grantId;
    private final ZoneId zone;
    private final Grid<VendorSync> grid = new Grid<>();

    GrantSyncPanel(GrantSyncs syncs, SignedInUser who, String grantId, ZoneId zone) {
        this.syncs = syncs;
        this.who = who;
        this.grantId = grantId;
        this.zone = zone;
        setPadding(false);
        setSpacing(false);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(VendorSync::lockName).setHeader("Lock").setAutoWidth(true);
        grid.addComponentColumn(GrantSyncPanel::badge).setHeader("At the vendor").setAutoWidth(true);
        grid.addColumn(this::detail).setHeader("Detail").setFlexGrow(1).setTooltipGenerator(this::detail);
        grid.setAllRowsVisible(true);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        refresh.setTooltipText("Read the vendor sync status again");
        HorizontalLayout header = new HorizontalLayout(new H4("Vendor sync"), refresh);
        header.setAlignItems(Alignment.BASELINE);
        add(header, grid);
        refresh();
    }

    private void refresh() {
        List<VendorSync> rows = syncs.ofGrant(who, grantId);
        grid.setItems(rows);
        setVisible(!rows.isEmpty());
    }

    private static Badge badge(VendorSync sync) {
        Badge badge = new Badge(sync.summary());
        badge.addThemeVariants(switch (sync.state()) {
            case APPLIED -> BadgeVariant.SUCCESS;
            case PENDING, RETRYING -> BadgeVariant.WARNING;
            case FAILED -> BadgeVariant.ERROR;
        });
        return badge;
    }

    private String detail(VendorSync sync) {
        return switch (sync.state()) {
            case PENDING -> "Waiting for the first attempt";
            case RETRYING -> "Retrying at " + Times.format(sync.retryAt(), zone) + " (attempt " + sync.attempts() + " failed: "
                    + sync.lastError() + ")";
            case APPLIED -> (sync.appliedAt() == null ? "" : "Since " + Times.format(sync.appliedAt(), zone))
                    + (sync.vendorReference() == null ? "" : " · vendor reference " + sync.vendorReference());
            case FAILED -> sync.lastError() + " — not retried until the grant changes";
        };
    }
}
