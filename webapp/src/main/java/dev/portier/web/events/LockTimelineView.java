package dev.portier.web.events;

import dev.portier.web.ui.Routes;
import dev.portier.domain.events.LockTimeline;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.events.RecordedEvent;
import dev.portier.domain.events.TimelineRow;
import com.google.inject.Inject;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.locks.Lock;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.NotFoundException;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * One lock's timeline ({@code /locks/{lockId}/timeline}): its log in entry-number order with a row
 * for every run of entries not received yet, then its events without entry number by time. Read
 * from the database a page at a time; every member may look.
 */
@Route(LockTimelineView.ROUTE)
@PageTitle("Lock timeline · Portier")
public final class LockTimelineView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = Routes.LOCK_TIMELINE;

    private final transient LockTimeline timeline;
    private final SignedInUser me = CurrentUser.require();
    private ZoneId zone;
    private final Grid<TimelineRow> grid = ListPages.grid();
    /** Row offset → the cursor asking for the rows from that offset on (see {@link #page}). */
    private final java.util.TreeMap<Integer, String> cursors = new java.util.TreeMap<>();

    @Inject
    LockTimelineView(LockTimeline timeline, AccountService accounts) {
        this.timeline = timeline;
        zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();
        grid.addComponentColumn(LockTimelineView::entry).setHeader("Entry").setAutoWidth(true);
        grid.addColumn(text(e -> Times.format(e.occurredAt(), zone))).setHeader("Occurred (lock's clock)").setAutoWidth(true);
        grid.addColumn(text(e -> EventWords.type(e.type()))).setHeader("Type").setAutoWidth(true);
        grid.addColumn(text(RecordedEvent::detailsText)).setHeader("Details").setFlexGrow(1);
        grid.addColumn(text(RecordedEvent::source)).setHeader("Source").setAutoWidth(true);
        grid.addColumn(text(e -> Times.format(e.receivedAt(), zone))).setHeader("Received").setAutoWidth(true);
        grid.setEmptyStateText("No events from this lock yet");
    }

    /** Where a lock's timeline is, for links and navigation. */
    public static RouteParameters of(String lockId) {
        return new RouteParameters("lockId", lockId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Lock lock;
        try {
            lock = timeline.lock(me, event.getRouteParameters().get("lockId").orElse(""));
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        cursors.clear();
        // The lock's own clock: times in its site's zone, as a person at the door would read them.
        zone = ZoneId.of(lock.siteTimeZone());
        grid.setItems(q -> page(lock.id(), Paging.of(q)).stream(), q -> timeline.count(me, lock.id()));
        Anchor allEvents = Routes.link("In the event list", Routes.eventsOfLock(lock.id()));
        HorizontalLayout links = new HorizontalLayout(Routes.link("All locks", Routes.LOCKS), allEvents);
        removeAll();
        add(ListPages.header("Timeline of " + lock.name()),
                new Paragraph("The lock's log in the order the lock numbered it. Entries missing between two received ones "
                        + "show as a row until they arrive; events without an entry number (from the vendor's cloud) follow, "
                        + "by time."),
                links, grid);
    }

    /**
     * A page for the grid: by keyset when it follows a page the grid already has (scrolling on), so deep in a
     * long log it costs what the first page does; by offset only when the grid jumps to where it has no
     * page yet. Remembers the cursor after each page read (the last 100).
     */
    private List<TimelineRow> page(String lockId, PageRequest page) {
        String cursor = page.offset() == 0 ? null : cursors.get(page.offset());
        List<TimelineRow> rows = page.offset() == 0 || cursor != null ? timeline.pageAfter(me, lockId, cursor, page.limit())
                : timeline.page(me, lockId, page);
        if (!rows.isEmpty()) {
            cursors.put(page.offset() + rows.size(), LockTimeline.cursor(rows.getLast()));
            if (cursors.size() > 100) {
                cursors.pollFirstEntry();
            }
        }
        return rows;
    }

    private static Component entry(TimelineRow row) {
        return switch (row) {
            case TimelineRow.Gap gap -> {
                Badge badge = new Badge(gap.label());
                badge.addThemeVariants(BadgeVariant.WARNING);
                yield badge;
            }
            case TimelineRow.Event(RecordedEvent e) -> new Span(e.entryNumber() == null ? "—" : "#" + e.entryNumber());
        };
    }

    private static ValueProvider<TimelineRow, String> text(Function<RecordedEvent, String> part) {
        return row -> row instanceof TimelineRow.Event(RecordedEvent e) ? part.apply(e) : "";
    }
}
