package dev.portier.web.locks;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.portier.drivers.connections.LockHealthReports.Health;
import dev.portier.platform.time.Times;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A lock's latest health as its driver reported it: online or offline, the battery (a warning when the
 * driver says it is low), and in the tooltip and text when it was last seen, its firmware and when the
 * report came.
 */
final class HealthBadge {

    private HealthBadge() {
    }

    static HorizontalLayout of(Health health, ZoneId zone) {
        HorizontalLayout row = new HorizontalLayout();
        row.setSpacing(false);
        row.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (health == null) {
            row.add(new Span("—"));
            return row;
        }
        if (health.online() != null) {
            Badge online = new Badge(health.online() ? "Online" : "Offline");
            online.addThemeVariants(health.online() ? BadgeVariant.SUCCESS : BadgeVariant.ERROR);
            row.add(online);
        }
        if (health.batteryPercent() != null || health.batteryLow()) {
            String level = health.batteryPercent() == null ? "" : " " + health.batteryPercent() + " %";
            Badge battery = new Badge((health.batteryLow() ? "Battery low" : "Battery") + level);
            battery.addThemeVariants(health.batteryLow() ? BadgeVariant.WARNING : BadgeVariant.CONTRAST);
            row.add(battery);
        }
        List<String> facts = new ArrayList<>();
        if (health.lastSeen() != null) {
            facts.add("last seen " + Times.format(health.lastSeen(), zone));
        }
        if (health.firmware() != null) {
            facts.add("firmware " + health.firmware());
        }
        facts.add("reported " + Times.format(health.reportedAt(), zone));
        Span details = new Span(String.join(" · ", facts));
        details.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        row.add(details);
        return row;
    }
}
