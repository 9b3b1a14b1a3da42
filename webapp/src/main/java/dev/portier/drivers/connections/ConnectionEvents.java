package dev.portier.drivers.connections;

import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.events.EventLog;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.AccessDecider.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.LockEvent;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the event sink a running connection's driver records its locks' events through, and tells the
 * {@link DriverEventListener}s of each new one.
 */
@Singleton
public final class ConnectionEvents {

    /** The source stored with events a driver delivered. */
    public static final String SOURCE = "driver";

    private static final Logger logger = LoggerFactory.getLogger(ConnectionEvents.class);

    private final EventLog log;
    // Providers: the people and cards services reach the connection runtime (through their listeners), which needs this.
    private final Provider<PersonService> people;
    private final Provider<CardService> cards;
    private final Set<DriverEventListener> listeners;

    @Inject
    ConnectionEvents(EventLog log, Provider<PersonService> people, Provider<CardService> cards,
            Set<DriverEventListener> listeners) {
        this.log = log;
        this.people = people;
        this.cards = cards;
        this.listeners = Set.copyOf(listeners);
    }

    /** The sink of one connection: events of that connection's locks only. */
    public EventSink sinkFor(String accountId, String connectionId) {
        return new Sink(log, listeners, accountId, connectionId, this);
    }

    /**
     * The event with who did it resolved to the account's person or card, where the driver named one
     * ({@link LockEvent#subject()}): their id and name go into its details for the timeline. A subject
     * Portier does not know (another account's id, an unknown serial) is kept as the driver said it.
     */
    public LockEvent resolved(String accountId, LockEvent event) {
        return event.subject() == null ? event : withSubject(event, describe(accountId, event.subject()));
    }

    /** The event with {@code described} (what {@link #describe} said of its subject) added to its details. */
    public static LockEvent withSubject(LockEvent event, Map<String, String> described) {
        Map<String, String> details = new LinkedHashMap<>(event.details());
        details.putAll(described);
        return new LockEvent(event.lockId(), event.entryNumber(), event.occurredAt(), event.type(), details, event.subject());
    }

    /** The account's person or card a driver's subject names, as details for the timeline. */
    public Map<String, String> describe(String accountId, Subject subject) {
        Map<String, String> details = new LinkedHashMap<>();
        if (subject.personId() != null) {
            people.get().findIfAny(accountId, subject.personId()).ifPresentOrElse(person -> {
                details.put("personId", person.id());
                details.put("person", person.name());
            }, () -> details.put("vendorPerson", subject.personId()));
        }
        String serial = subject.cardSerial();
        if (subject.cardId() != null) {
            cards.get().findIfAny(accountId, subject.cardId()).ifPresent(card -> putCard(details, card));
        } else if (serial != null) {
            cards.get().findBySerial(accountId, serial).ifPresentOrElse(card -> putCard(details, card),
                    () -> details.put("cardSerial", serial));
        }
        if (subject.phone() != null) {
            details.put("phone", subject.phone());
        }
        return details;
    }

    private static void putCard(Map<String, String> details, Card card) {
        details.put("cardId", card.id());
        details.put("cardSerial", card.serialNumber());
        if (card.personName() != null) {
            details.put("person", card.personName());
        }
    }

    /**
     * Writes to the {@link EventLog}. A driver knows nothing of the host's exceptions, so a refusal
     * reaches it as the {@link IllegalArgumentException} any Java code understands.
     */
    private record Sink(EventLog log, Set<DriverEventListener> listeners, String accountId, String connectionId,
            ConnectionEvents events) implements EventSink {
        @Override
        public void record(LockEvent event) {
            boolean recorded;
            try {
                recorded = log.record(accountId, connectionId, SOURCE, events.resolved(accountId, event)).accepted();
            } catch (NotFoundException e) {
                throw new IllegalArgumentException("Lock " + event.lockId() + " is not one of this connection's locks");
            } catch (ValidationException e) {
                throw new IllegalArgumentException("The event was not recorded: " + e.getMessage());
            }
            if (recorded) {
                for (DriverEventListener listener : listeners) {
                    try {
                        listener.recorded(accountId, connectionId, event);
                    } catch (RuntimeException e) {
                        logger.warn("Connection {}: following event {} of lock {} failed", connectionId, event.type(),
                                event.lockId(), e);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "EventSink[connection=" + connectionId + "]";
        }
    }
}
