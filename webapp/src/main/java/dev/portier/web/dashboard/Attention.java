package dev.portier.web.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventList;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.LockHealthReports;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import dev.portier.web.ui.Routes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What needs someone's attention, each item linking to where it is fixed: locks not enrolled, offline or with a
 * low battery (from drivers that report health), revocations their lock has not confirmed, grants ending within
 * 14 days, denied attempts of
 * the last 24 hours. (Refused grants, expiring certificates and failing webhooks have their own sections.)
 * Says so when nothing needs attention.
 */
final class Attention extends Div {

    static final Duration DENIED_WINDOW = Duration.ofHours(24);

    static final Duration EXPIRY_WINDOW = Duration.ofDays(14);

    Attention(SignedInUser user, LockService locks, LockHealthReports health, GrantSyncs syncs, EventList events,
            dev.portier.domain.grants.GrantService grants, Instant now, java.time.ZoneId zone) {
        addClassName("attention");
        UnorderedList items = new UnorderedList();
        int pending = locks.count(user, new LockFilter(null, null, null, LockState.PENDING_ENROLMENT));
        if (pending > 0) {
            items.add(item(pending == 1 ? "1 lock is not enrolled yet" : pending + " locks are not enrolled yet",
                    Routes.LOCKS, "open it in Locks and enrol it with its vendor"));
        }
        List<Lock> all = locks.list(user, LockFilter.NONE, new PageRequest(0, PageRequest.MAX_LIMIT));
        Map<String, LockHealthReports.Health> reports = health.all(user.accountId(), all.stream().map(Lock::id).toList());
        for (Lock lock : all) {
            LockHealthReports.Health h = reports.get(lock.id());
            if (h == null) {
                continue;
            }
            if (Boolean.FALSE.equals(h.online())) {
                items.add(item(lock.name() + " is offline", Routes.item(Routes.LOCKS, lock.id()), "check its power and network"));
            }
            if (h.batteryLow()) {
                items.add(item(lock.name() + " has a low battery" + (h.batteryPercent() == null ? "" : " (" + h.batteryPercent() + " %)"),
                        Routes.item(Routes.LOCKS, lock.id()), "replace the battery"));
            }
        }
        int unconfirmed = syncs.revocationsUnderWay(user, 100).size();
        if (unconfirmed > 0) {
            items.add(item(unconfirmed == 1 ? "1 revocation is not confirmed by its lock yet"
                    : unconfirmed + (unconfirmed == 100 ? " or more" : "") + " revocations are not confirmed by their lock yet",
                    Routes.REVOCATION_EXPOSURE, "see until when a withdrawn key could still open"));
        }
        List<dev.portier.domain.grants.Grant> ending = grants.endingBetween(user, now, now.plus(EXPIRY_WINDOW), 10);
        for (dev.portier.domain.grants.Grant grant : ending) {
            items.add(item("The grant for " + grant.subjectLabel() + " on " + grant.targetLabel() + " ends "
                    + dev.portier.platform.time.Times.format(grant.validUntil(), zone), Routes.item(Routes.GRANTS, grant.id()),
                    "extend it if they still need access"));
        }
        int denied = events.count(user, new EventFilter(null, null, now.minus(DENIED_WINDOW), null, "denied"));
        if (denied > 0) {
            items.add(item(denied == 1 ? "1 denied attempt in the last 24 hours" : denied + " denied attempts in the last 24 hours",
                    Routes.EVENTS, "see who tried where"));
        }
        H3 title = new H3("Needs attention");
        if (items.getChildren().findAny().isEmpty()) {
            Span none = new Span("Nothing needs attention: every lock is enrolled and reports well, every revocation reached its lock, "
                    + "and no attempt was denied in the last 24 hours.");
            none.addClassNames("text-secondary");
            add(title, none);
        } else {
            add(title, items);
        }
    }

    private static ListItem item(String what, String address, String fix) {
        Span how = new Span(": " + fix);
        how.addClassNames("text-secondary");
        return new ListItem(Routes.link(what, address), how);
    }
}
