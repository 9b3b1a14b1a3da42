package dev.portier.web.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.shared.Registration;
import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventList;
import dev.portier.domain.events.RecordedEvent;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.time.Times;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The latest door events of the account (what locks reported: unlocks, denials, check-ins — not what
 * administrators did), refreshed every {@value #POLL_MILLIS} ms while the dashboard is open.
 */
final class DoorFeed extends Grid<RecordedEvent> {

    static final int POLL_MILLIS = 10_000;
    static final int SHOWN = 10;

    private final transient EventList events;
    private final SignedInUser user;
    private Registration polling;

    DoorFeed(EventList events, SignedInUser user, ZoneId zone) {
        this.events = events;
        this.user = user;
        addClassName("door-feed");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        addColumn(e -> Times.format(e.occurredAt(), zone)).setHeader("When").setAutoWidth(true);
        addColumn(RecordedEvent::lockName).setHeader("Lock").setAutoWidth(true);
        addColumn(e -> words(e.type())).setHeader("What").setFlexGrow(1);
        setEmptyStateText("No door events yet");
        setAllRowsVisible(true);
        refresh();
    }

    private void refresh() {
        setItems(events.list(user, new EventFilter(null, null, null, null, null), new PageRequest(0, SHOWN)));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(POLL_MILLIS);
        polling = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    /** "CHECK_IN_APPROVED" → "Check in approved". */
    private static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.strip().replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
