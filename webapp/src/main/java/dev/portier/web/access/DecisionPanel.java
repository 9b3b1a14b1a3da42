package dev.portier.web.access;

import dev.portier.drivers.sync.Desired;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.sync.VendorSync;
import dev.portier.identity.accounts.SignedInUser;
import java.util.List;

import dev.portier.web.ui.Routes;
import dev.portier.access.Decision;
import dev.portier.access.GrantVerdict;
import dev.portier.domain.reservations.ReservationAllowance;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.WeeklySchedule;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Shows one access decision: the verdict, big; the grant that allows and until when, or every reason; the grants weighed. */
final class DecisionPanel extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm z", Locale.ENGLISH);

    private final transient GrantSyncs syncs;
    private final SignedInUser who;

    DecisionPanel(GrantSyncs syncs, SignedInUser who) {
        this.syncs = syncs;
        this.who = who;
        setPadding(false);
    }

    void clear(String prompt) {
        removeAll();
        Paragraph hint = new Paragraph(prompt);
        hint.addClassNames("text-secondary");
        add(hint);
    }

    void show(Decision decision) {
        removeAll();
        Icon icon = (decision.allowed() ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CLOSE_CIRCLE).create();
        icon.setSize("2.5em");
        H1 verdict = new H1(decision.allowed() ? "Allowed" : "Denied");
        String color = decision.allowed() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)";
        icon.setColor(color);
        verdict.getStyle().set("color", color).set("margin", "0");
        HorizontalLayout headline = new HorizontalLayout(icon, verdict);
        headline.setAlignItems(FlexComponent.Alignment.CENTER);
        headline.setId("verdict");
        Paragraph at = new Paragraph(decision.permission().label() + " on " + WHEN.format(decision.at().atZone(decision.zone()))
                + " (the lock's site time zone)");
        at.addClassNames("text-secondary");
        add(headline, at);

        if (decision.allowed() && decision.grant() == null) {
            ReservationAllowance booking = decision.reservation();
            add(new Paragraph("Allowed by " + booking.label() + "."));
            add(new Paragraph("Open until " + WHEN.format(ZonedDateTime.ofInstant(booking.endAt(), decision.zone()))
                    + ", when the booking ends."));
        } else if (decision.allowed()) {
            Grant grant = decision.grant();
            String by = decision.originOf(grant).map(o -> "Allowed by " + o.describe() + ": " + grant.subjectLabel() + " on "
                    + grant.targetLabel()).orElse("Allowed by the grant for " + grant.subjectLabel() + " on " + grant.targetLabel());
            Paragraph allowedBy = new Paragraph(by + grant.scheduleIfAny().map(s -> ", schedule " + s.format()).orElse("") + ".");
            allowedBy.setId("allowed-by");
            add(allowedBy);
            add(new Paragraph(decision.openUntilIfAny()
                    .map(until -> "Open until " + WHEN.format(ZonedDateTime.ofInstant(until, decision.zone())) + ".")
                    .orElse("Open with no end in sight: the grant has no end date and no schedule closes it.")));
            add(Routes.link("Open the grant", Routes.item(Routes.GRANTS, grant.id())));
        } else {
            UnorderedList reasons = new UnorderedList();
            decision.reasons().forEach(r -> reasons.add(new ListItem(r.description())));
            reasons.setId("reasons");
            add(new H3("Why"), reasons);
        }
        atTheVendor(decision);
        if (!decision.considered().isEmpty()) {
            add(new H3("Grants considered"), considered(decision));
        }
    }

    /**
     * Where the lock's vendor issues the keys itself (Tapkey), Portier's "allowed" opens nothing until the vendor
     * holds the grant: say so when the vendor refused it (a person without the email it needs …) or has not
     * taken it yet.
     */
    private void atTheVendor(Decision decision) {
        List<String> notes = new java.util.ArrayList<>();
        for (GrantVerdict verdict : decision.considered()) {
            if (!verdict.allows()) {
                continue;
            }
            for (VendorSync sync : syncs.ofGrant(who, verdict.grant().id())) {
                if (!sync.lockId().equals(decision.lockId()) || sync.desired() != Desired.PUSH) {
                    continue;
                }
                switch (sync.state()) {
                    case FAILED -> notes.add("The lock's vendor refused the grant for " + verdict.grant().subjectLabel() + ": "
                            + sync.lastError() + " The lock will not open for it although Portier allows it.");
                    case PENDING, RETRYING -> notes.add("The lock's vendor does not hold the grant for "
                            + verdict.grant().subjectLabel() + " yet" + (sync.lastError() == null ? "" : " (" + sync.lastError() + ")")
                            + "; Portier keeps trying.");
                    case APPLIED -> {
                    }
                }
            }
        }
        if (!notes.isEmpty()) {
            UnorderedList list = new UnorderedList();
            notes.forEach(note -> list.add(new ListItem(note)));
            list.setId("vendor-notes");
            add(new H3("At the vendor"), list);
        }
    }

    private static Grid<GrantVerdict> considered(Decision decision) {
        Grid<GrantVerdict> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(DecisionPanel::verdictBadge).setHeader("Verdict").setAutoWidth(true);
        grid.addColumn(v -> v.grant().subjectLabel()).setHeader("Subject").setAutoWidth(true);
        grid.addColumn(v -> v.grant().targetLabel()).setHeader("Target").setAutoWidth(true);
        grid.addColumn(v -> decision.originOf(v.grant()).map(o -> o.describe()).orElse("")).setHeader("Via").setAutoWidth(true);
        grid.addColumn(v -> v.grant().scheduleIfAny().map(WeeklySchedule::format).orElse("Any time")).setHeader("Schedule")
                .setFlexGrow(1);
        grid.setItems(decision.considered());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Badge verdictBadge(GrantVerdict verdict) {
        Badge badge = new Badge(verdict.allows() ? "Allows" : verdict.reason().description());
        badge.addThemeVariants(verdict.allows() ? BadgeVariant.SUCCESS : BadgeVariant.ERROR);
        return badge;
    }
}
