package dev.portier.web.access;

import com.google.inject.Inject;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.LockAccess;
import dev.portier.access.Subject;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.CurrentUser;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Routes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Every lock of the account one person (or card) may open now and in the coming week, and which grant or
 * booking lets them in: the Explain view for all locks at once, asked of the same access decision
 * ({@link AccessDecisions#overview}). Another account's person or card is not found.
 */
@Route(SubjectAccessView.ROUTE)
@PageTitle("Access · Portier")
public final class SubjectAccessView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = Routes.SUBJECT_ACCESS;
    static final Duration AHEAD = Duration.ofDays(7);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final transient AccessDecisions decisions;
    private final transient PersonService people;
    private final transient CardService cards;
    private final transient Clock clock;
    private final SignedInUser me = CurrentUser.require();
    private final Select<Permission> permission = new Select<>();
    /** One block per lock (readable at phone width too, where a grid of three wide columns is not). */
    private final Div list = new Div();
    private Subject subject;
    private Instant shownFrom;
    private Instant shownUntil;

    @Inject
    SubjectAccessView(AccessDecisions decisions, PersonService people, CardService cards, Clock clock) {
        this.decisions = decisions;
        this.people = people;
        this.cards = cards;
        this.clock = clock;
        setSizeFull();
        permission.setLabel("To");
        permission.setItems(Permission.values());
        permission.setItemLabelGenerator(Permission::label);
        permission.setValue(Permission.UNLOCK);
        permission.addValueChangeListener(e -> refresh());
        list.setWidthFull();
        list.getStyle().set("max-width", "60em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String kind = event.getRouteParameters().get("kind").orElse("");
        String id = event.getRouteParameters().get("id").orElse("");
        String name;
        Component back;
        try {
            if ("person".equals(kind)) {
                name = people.get(me, id).name();
                subject = new Subject.Person(id);
                back = Routes.link("The person", Routes.item(Routes.PEOPLE, id));
            } else if ("card".equals(kind)) {
                Card card = cards.get(me, id);
                name = "card " + card.serialNumber() + (card.personName() == null ? "" : " (" + card.personName() + ")");
                subject = new Subject.Card(id);
                back = Routes.link("The card", Routes.item(Routes.CARDS, id));
            } else {
                event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
                return;
            }
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        removeAll();
        Paragraph intro = new Paragraph("Every lock " + name + " may open now and in the coming week, and the grant or booking "
                + "that lets them in — the same decision the locks get (Explain access shows one lock at one moment in detail).");
        intro.addClassNames("text-secondary");
        add(ListPages.header("Access of " + name), intro,
                new HorizontalLayout(back, Routes.link("Explain access", Routes.EXPLAIN)), permission, list);
        refresh();
    }

    private void refresh() {
        if (subject == null || permission.getValue() == null) {
            return;
        }
        shownFrom = clock.instant();
        shownUntil = shownFrom.plus(AHEAD);
        list.removeAll();
        List<LockAccess> locks = decisions.overview(me, subject, permission.getValue(), shownFrom, shownUntil);
        if (locks.isEmpty()) {
            list.add(new Paragraph("The account has no locks yet."));
        }
        for (LockAccess access : locks) {
            list.add(block(access));
        }
    }

    /** The lock (linked), the decision now, and the week's openings in the site's zone. */
    private Component block(LockAccess access) {
        H3 name = new H3();
        name.add(Routes.link(access.lock().name(), Routes.item(Routes.LOCKS, access.lock().id())));
        name.addClassNames("text-m", "m-0");
        Span zone = new Span("Coming 7 days, " + access.lock().siteName() + " time (" + access.lock().siteTimeZone() + "):");
        zone.addClassNames("text-s", "text-secondary");
        Div block = new Div(name, now(access), zone, week(access));
        block.addClassNames("lock-access", "border-b", "border-contrast-10", "py-s");
        block.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        return block;
    }

    private static Component now(LockAccess access) {
        Decision decision = access.now();
        Badge badge = new Badge(decision.allowed() ? "Allowed" : "Denied");
        badge.addThemeVariants(decision.allowed() ? BadgeVariant.SUCCESS : BadgeVariant.ERROR);
        Span why = new Span(decision.allowed() ? "" : decision.reasons().getFirst().description());
        why.addClassNames("text-s", "text-secondary");
        Div cell = new Div(new Span("Now: "), badge, new Span(" "), why);
        cell.getStyle().set("white-space", "normal");
        return cell;
    }

    private Component week(LockAccess access) {
        VerticalLayout lines = new VerticalLayout();
        lines.setPadding(false);
        lines.setSpacing(false);
        ZoneId zone = ZoneId.of(access.lock().siteTimeZone());
        if (access.openings().isEmpty()) {
            Span none = new Span("Does not open to them");
            none.addClassNames("text-secondary");
            lines.add(none);
        }
        for (LockAccess.Opening opening : access.openings()) {
            Span when = new Span(span(opening, zone) + " · ");
            Component by = opening.grant() != null
                    ? Routes.link("grant on " + opening.grant().targetLabel(), Routes.item(Routes.GRANTS, opening.grant().id()))
                    : Routes.link(opening.reservation().label(), Routes.item(Routes.RESERVATIONS, opening.reservation().reservationId()));
            Div line = new Div(when, by);
            line.addClassNames("opening");
            line.getStyle().set("white-space", "normal");
            lines.add(line);
        }
        return lines;
    }

    /** "now – Fri 4 Dec 17:00", "Mon 7 Dec 07:00 – 12:00", "… and on" when it runs past the week shown. */
    private String span(LockAccess.Opening opening, ZoneId zone) {
        ZonedDateTime from = opening.from().atZone(zone);
        ZonedDateTime until = opening.until().atZone(zone);
        boolean startsNow = !opening.from().isAfter(shownFrom);
        String start = startsNow ? "now" : from.format(DAY);
        if (!opening.until().isBefore(shownUntil)) {
            return start + " and on";
        }
        String end = !startsNow && until.toLocalDate().equals(from.toLocalDate()) ? until.format(TIME) : until.format(DAY);
        return start + " – " + end;
    }
}
