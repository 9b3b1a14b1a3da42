package dev.portier.web.connections;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.portier.drivers.pulling.PullStatus;
import dev.portier.platform.time.Times;
import java.time.ZoneId;
import java.util.Optional;

/** A connection's event pulling in words: when it last pulled, and whether that failed and why. */
final class PullStatusText {

    private PullStatusText() {
    }

    /**
     * @param pulls whether Portier pulls the connection's events now
     * @return nothing for a connection whose driver does not pull events and never did
     */
    static Optional<HorizontalLayout> of(Optional<PullStatus> status, boolean pulls, ZoneId zone) {
        if (status.isEmpty()) {
            return pulls ? Optional.of(row(null, "Events not pulled yet")) : Optional.empty();
        }
        PullStatus s = status.get();
        String last = "Last pull " + Times.format(s.lastPullAt(), zone);
        if (!s.failing()) {
            return Optional.of(row(null, last + " · " + s.eventsReceived() + " events received"));
        }
        Badge badge = new Badge(s.failures() == 1 ? "Pull failed" : "Pull failed " + s.failures() + "×");
        badge.addThemeVariants(BadgeVariant.ERROR);
        String success = s.lastSuccessAt() == null ? "never succeeded" : "last success " + Times.format(s.lastSuccessAt(), zone);
        return Optional.of(row(badge, last + " (" + success + "): " + s.lastError()));
    }

    private static HorizontalLayout row(Badge badge, String words) {
        HorizontalLayout layout = badge == null ? new HorizontalLayout() : new HorizontalLayout(badge);
        layout.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        layout.add(new Span(words));
        return layout;
    }
}
