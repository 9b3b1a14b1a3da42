package dev.portier.web.reservations;

import dev.portier.web.ui.DateFields;
import dev.portier.drivers.vehicles.ReservationVendor;
import dev.portier.web.ui.Routes;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationFilter;
import dev.portier.domain.reservations.ReservationState;
import dev.portier.domain.reservations.ReservationService;
import com.google.inject.Inject;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.CardService;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The week's bookings as a calendar: one row per vehicle, one column per day, each booking in the
 * days it covers (days and times in the vehicle's site time zone; the week starts on the account's Monday). {@code /reservations/{id}} opens one booking,
 * {@code /reservations/new} a new one.
 */
@Route(ReservationsView.ROUTE)
@PageTitle("Reservations · Portier")
public final class ReservationsView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.RESERVATIONS;
    /** Enough for a week of a large fleet; more would not fit the grid anyway. */
    private static final int WEEK_LIMIT = PageRequest.MAX_LIMIT;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final SignedInUser me = CurrentUser.require();
    private final transient ReservationService reservations;
    private final ZoneId zone;
    private final Grid<Lock> grid = ListPages.grid();
    private final DatePicker week = DateFields.date("Week of");
    private final EntityDialogs<Reservation> dialogs;
    private Map<String, List<Reservation>> byVehicle = Map.of();

    @Inject
    ReservationsView(ReservationService reservations, ReservationVendor vendor, LockService locks, PersonService people,
            CardService cards, AccountService accounts, Authorization authorization, Clock clock) {
        this.reservations = reservations;
        boolean canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        zone = ZoneId.of(accounts.current(me).timeZone());
        ReservationContext context = new ReservationContext(reservations, vendor, locks, people, cards, me, zone, canEdit);
        ReservationDialogs reservationDialogs = new ReservationDialogs(context, this::refresh);
        dialogs = new EntityDialogs<>(ReservationsView.class, id -> reservations.get(me, id),
                r -> r == null ? reservationDialogs.create(null, null) : reservationDialogs.open(r),
                canEdit ? null : "Booking a vehicle needs the Manager role");
        setSizeFull();

        week.setValue(LocalDate.now(clock.withZone(zone)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        week.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                week.setValue(e.getOldValue());
            } else if (e.getValue().getDayOfWeek() != DayOfWeek.MONDAY) {
                week.setValue(e.getValue().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            } else {
                showWeek();
            }
        });
        Button previous = new Button(VaadinIcon.ANGLE_LEFT.create(), e -> week.setValue(week.getValue().minusWeeks(1)));
        previous.setAriaLabel("Previous week");
        Button next = new Button(VaadinIcon.ANGLE_RIGHT.create(), e -> week.setValue(week.getValue().plusWeeks(1)));
        next.setAriaLabel("Next week");
        Button today = new Button("This week", e -> week.setValue(LocalDate.now(clock.withZone(zone))
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))));
        Span zoneNote = new Span("Days and times in each vehicle's site time zone");
        zoneNote.addClassNames("text-s", "text-secondary");

        grid.setItems(q -> locks.list(me, VEHICLES, Paging.of(q)).stream(), q -> locks.count(me, VEHICLES));
        grid.setEmptyStateText("No vehicles yet: add a lock of kind Vehicle on the Locks page");
        grid.setId("reservation-calendar");
        add(ListPages.header("Reservations", canEdit ? ListPages.addButton("Add reservation",
                        () -> UI.getCurrent().navigate(ReservationsView.class, EntityDialogs.NEW)) : null),
                ListPages.filters(previous, week, next, today, zoneNote), grid);
        showWeek();
    }

    private static final LockFilter VEHICLES = new LockFilter(null, null, LockKind.VEHICLE, null);

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    /** Rebuilds the day columns for the chosen week and loads its bookings (all vehicles, one query pair). */
    private void showWeek() {
        LocalDate monday = week.getValue();
        // A day wider on each side: each vehicle's days are in its site's time zone, which may differ from the account's.
        Instant from = monday.minusDays(1).atStartOfDay(zone).toInstant();
        Instant to = monday.plusDays(8).atStartOfDay(zone).toInstant();
        byVehicle = reservations.list(me, new ReservationFilter(null, null, null, from, to), PageRequest.first(WEEK_LIMIT))
                .stream().filter(r -> r.state() != ReservationState.CANCELLED)
                .collect(Collectors.groupingBy(Reservation::lockId));
        grid.removeAllColumns();
        // Narrow enough that the whole week fits beside the drawer at 1280 px; entries wrap instead of being cut.
        grid.addComponentColumn(ReservationsView::vehicleCell).setHeader("Vehicle").setWidth("8em").setFlexGrow(0)
                .setFrozen(true);
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            grid.addComponentColumn(lock -> dayCell(lock, day)).setHeader(DAY.format(day)).setWidth("6.5em").setFlexGrow(1)
                    .setKey("day-" + day);
        }
        grid.getDataProvider().refreshAll();
    }

    private static Component vehicleCell(Lock lock) {
        Anchor link = Routes.link(lock.name(), Routes.item(Routes.VEHICLES, lock.id()));
        Span site = new Span(lock.siteName());
        site.addClassNames("text-xs", "text-secondary");
        Div cell = new Div(link, new Div(site));
        return cell;
    }

    private Component dayCell(Lock lock, LocalDate day) {
        ZoneId vehicleZone = ZoneId.of(lock.siteTimeZone());
        Instant start = day.atStartOfDay(vehicleZone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(vehicleZone).toInstant();
        VerticalLayout cell = new VerticalLayout();
        cell.setPadding(false);
        cell.setSpacing(false);
        byVehicle.getOrDefault(lock.id(), List.of()).stream()
                .filter(r -> r.beginAt().isBefore(end) && r.endAt().isAfter(start))
                .forEach(r -> cell.add(entry(r, start, end, vehicleZone)));
        return cell;
    }

    /** One booking within one day: its state, its times that day (… when it runs on from the day before or into the next), whose it is. */
    private static Component entry(Reservation r, Instant dayStart, Instant dayEnd, ZoneId vehicleZone) {
        String begins = r.beginAt().isBefore(dayStart) ? "…" : TIME.format(r.beginAt().atZone(vehicleZone));
        String ends = r.endAt().isAfter(dayEnd) ? "…" : TIME.format(r.endAt().atZone(vehicleZone));
        Anchor entry = Routes.link(begins + "–" + ends + " " + r.personName(), Routes.item(ROUTE, r.id()));
        entry.getElement().setAttribute("title", r.personName() + " · " + r.state().label());
        entry.getStyle().set("display", "block").set("white-space", "normal").set("overflow-wrap", "anywhere");
        entry.addClassNames("text-s");
        Div line = new Div(ReservationBadges.state(r.state()), entry);
        line.addClassNames("py-xs");
        return line;
    }

    private void refresh() {
        showWeek();
    }
}
