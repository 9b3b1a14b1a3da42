package dev.portier.web.reservations;

import dev.portier.domain.reservations.ReservationState;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;

/** How a reservation's state looks wherever it is shown. */
final class ReservationBadges {

    private ReservationBadges() {
    }

    static Badge state(ReservationState state) {
        Badge badge = new Badge(state.label());
        // A chip is read whole or not at all: never squeezed to "Schedu".
        badge.getStyle().set("flex-shrink", "0").set("white-space", "nowrap").set("overflow", "visible");
        badge.addThemeVariants(switch (state) {
            case SCHEDULED -> BadgeVariant.CONTRAST;
            case CHECKED_IN -> BadgeVariant.SUCCESS;
            case COMPLETED -> BadgeVariant.WARNING;
            case CANCELLED -> BadgeVariant.ERROR;
        });
        return badge;
    }
}
