package dev.portier.web.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationFilter;
import dev.portier.domain.reservations.ReservationService;
import dev.portier.domain.reservations.ReservationState;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import dev.portier.web.ui.Routes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Today's bookings (in the account's time zone), who has checked in; each links to its booking. Hidden when there are none. */
final class TodaysReservations extends Div {

    static final int SHOWN = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    TodaysReservations(ReservationService reservations, SignedInUser user, Instant now, ZoneId zone) {
        addClassName("todays-reservations");
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        List<Reservation> list = reservations.list(user, new ReservationFilter(null, null, null, from, to), new PageRequest(0, SHOWN))
                .stream().filter(r -> r.state() == ReservationState.SCHEDULED || r.state() == ReservationState.CHECKED_IN).toList();
        setVisible(!list.isEmpty());
        UnorderedList items = new UnorderedList();
        for (Reservation r : list) {
            ZoneId site = r.timeZone() == null ? zone : ZoneId.of(r.timeZone());
            String when = r.beginAt().atZone(site).format(TIME) + "–" + r.endAt().atZone(site).format(TIME);
            Span state = new Span(r.state() == ReservationState.CHECKED_IN ? " · checked in" : " · not checked in");
            state.addClassNames(r.state() == ReservationState.CHECKED_IN ? "text-success" : "text-secondary");
            items.add(new ListItem(Routes.link(when + " " + r.lockName() + " · " + r.personName(),
                    Routes.item(Routes.RESERVATIONS, r.id())), state));
        }
        add(new H3("Today's reservations"), items);
    }
}
