package dev.portier.web.events;

import dev.portier.web.ui.DateFields;
import dev.portier.web.ui.Routes;
import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventList;
import dev.portier.domain.events.RecordedEvent;
import com.google.inject.Inject;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.web.ui.Pickers;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.NotFoundException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The account's lock events ({@code /events}), newest first, filtered by lock, type, days and text,
 * loaded page by page; "Export CSV" downloads exactly the filtered list. {@code ?lock=<id>} opens it
 * filtered to one lock. Every member may look and export.
 */
@Route(EventsView.ROUTE)
@PageTitle("Events · Portier")
public final class EventsView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = Routes.EVENTS;

    private final transient LockService locks;
    private final SignedInUser me = CurrentUser.require();
    private final ZoneId zone;
    private final ComboBox<Lock> lock;
    private final ComboBox<String> type = new ComboBox<>("Type");
    private final DatePicker from = DateFields.date("From");
    private final DatePicker until = DateFields.date("Until");
    private final TextField search = ListPages.search("Type, details or lock");
    private final Grid<RecordedEvent> grid = ListPages.grid();
    /** The filter as last set, read by the download (which runs outside the UI's lock). */
    private volatile EventFilter filter = EventFilter.NONE;

    @Inject
    EventsView(EventList events, EventsCsv csv, LockService locks, AccountService accounts) {
        this.locks = locks;
        zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();
        lock = Pickers.locks(locks, me, "Lock");
        lock.setPlaceholder("All locks");
        type.setItems(events.types(me));
        type.setPlaceholder("All types");
        type.setClearButtonVisible(true);
        from.setClearButtonVisible(true);
        until.setClearButtonVisible(true);

        grid.addColumn(e -> Times.format(e.occurredAt(), zone)).setHeader("Occurred (lock's clock)").setAutoWidth(true);
        grid.addComponentColumn(e -> Routes.link(e.lockName(), Routes.lockTimeline(e.lockId())))
                .setHeader("Lock").setAutoWidth(true);
        grid.addColumn(e -> e.entryNumber() == null ? "—" : "#" + e.entryNumber()).setHeader("Entry").setAutoWidth(true);
        grid.addColumn(e -> EventWords.type(e.type())).setHeader("Type").setAutoWidth(true)
                .setTooltipGenerator(RecordedEvent::type);
        grid.addColumn(RecordedEvent::detailsText).setHeader("Details").setFlexGrow(1);
        grid.addColumn(RecordedEvent::source).setHeader("Source").setAutoWidth(true);
        grid.addColumn(e -> Times.format(e.receivedAt(), zone)).setHeader("Received").setAutoWidth(true);
        grid.setEmptyStateText("No events, or none match the filters");
        grid.setItems(q -> events.list(me, filter, Paging.of(q)).stream(), q -> events.count(me, filter));

        lock.addValueChangeListener(e -> refresh());
        type.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        until.addValueChangeListener(e -> refresh());
        search.addValueChangeListener(e -> refresh());
        Anchor export = new Anchor(download(csv), AttachmentType.DOWNLOAD, "Export CSV");
        add(ListPages.header("Events", export), ListPages.filters(lock, type, from, until, search), grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String lockId = event.getLocation().getQueryParameters().getSingleParameter(Routes.EVENTS_LOCK_PARAMETER).orElse(null);
        if (lockId == null) {
            return;
        }
        try {
            lock.setValue(locks.get(me, lockId));
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void refresh() {
        filter = new EventFilter(lock.getValue() == null ? null : lock.getValue().id(), type.getValue(), startOf(from.getValue()),
                until.getValue() == null ? null : startOf(until.getValue().plusDays(1)), search.getValue());
        grid.getDataProvider().refreshAll();
    }

    private Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    /** Streams the export for whoever is signed in to the session when the link is clicked. */
    private DownloadHandler download(EventsCsv csv) {
        return event -> {
            SignedInUser who = signedIn(event);
            if (who == null || !who.accountId().equals(me.accountId())) {
                // Signed out or switched accounts since the page was built: the filter names the old account's lock.
                event.getResponse().sendError(403, "Sign in to this account first");
                return;
            }
            event.setFileName(csv.fileName(who));
            event.setContentType("text/csv; charset=UTF-8");
            try (OutputStream out = event.getOutputStream()) {
                csv.export(who, filter, out);
            }
        };
    }

    private static SignedInUser signedIn(DownloadEvent event) {
        VaadinSession session = event.getSession();
        session.lock();
        try {
            return session.getAttribute(SignedInUser.class);
        } finally {
            session.unlock();
        }
    }
}
