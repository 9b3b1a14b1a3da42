package dev.portier.plugins.tapkey.simulator;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A grant's {@code timeRestrictionIcal} as the simulated Tapkey holds it: parsed and expanded by ical4j, an
 * RFC 5545 implementation independent of Portier's own schedule code. A text ical4j cannot read, or that
 * holds no recurring-or-single VEVENT with a start and an end, is refused (the API answers 400). Immutable.
 */
public final class TimeRestriction {

    /** How far back an occurrence may start and still cover an instant: longer than any weekly window. */
    private static final Duration LOOK_BACK = Duration.ofDays(8);

    private final String text;
    private final List<VEvent> events;

    private TimeRestriction(String text, List<VEvent> events) {
        this.text = text;
        this.events = events;
    }

    /** Parses {@code text}; the exception's message says, for a 400 body, why it is refused. */
    public static TimeRestriction parse(String text) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (IOException | ParserException | RuntimeException e) {
            throw new IllegalArgumentException("timeRestrictionIcal is not an iCalendar: " + e.getMessage(), e);
        }
        List<VEvent> events = new ArrayList<>(calendar.<VEvent>getComponents("VEVENT"));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("timeRestrictionIcal holds no VEVENT");
        }
        for (VEvent event : events) {
            if (event.getProperty(Property.DTSTART).isEmpty()) {
                throw new IllegalArgumentException("A VEVENT of timeRestrictionIcal has no DTSTART");
            }
            if (event.getProperty(Property.DURATION).isEmpty() && event.getProperty(Property.DTEND).isEmpty()) {
                throw new IllegalArgumentException("A VEVENT of timeRestrictionIcal has neither DTEND nor DURATION");
            }
        }
        TimeRestriction restriction = new TimeRestriction(text, List.copyOf(events));
        // Expanding once makes rules ical4j cannot evaluate fail here, at creation, not when a phone asks.
        restriction.occurrences(Instant.EPOCH.plus(Duration.ofDays(20000)), Instant.EPOCH.plus(Duration.ofDays(20008)));
        return restriction;
    }

    /** The text as it was sent. */
    public String text() {
        return text;
    }

    /** Whether an occurrence covers {@code at} (start inclusive, end exclusive). */
    public boolean allows(Instant at) {
        return occurrences(at.minus(LOOK_BACK), at.plusSeconds(1)).stream()
                .anyMatch(occurrence -> !at.isBefore(occurrence.start()) && at.isBefore(occurrence.end()));
    }

    /** The occurrences overlapping {@code from} … {@code until}, by start. */
    public List<Occurrence> occurrences(Instant from, Instant until) {
        Period<ZonedDateTime> window = new Period<>(from.atZone(ZoneOffset.UTC), until.atZone(ZoneOffset.UTC));
        List<Occurrence> found = new ArrayList<>();
        for (VEvent event : events) {
            try {
                for (Period<Temporal> period : event.<Temporal>calculateRecurrenceSet(window)) {
                    found.add(new Occurrence(instant(period.getStart()), instant(period.getEnd())));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("timeRestrictionIcal cannot be expanded: " + e.getMessage(), e);
            }
        }
        found.sort(Comparator.comparing(Occurrence::start));
        return found;
    }

    private static Instant instant(Temporal temporal) {
        return Instant.from(temporal);
    }

    /** One expanded occurrence: open from {@code start} (inclusive) until {@code end} (exclusive). */
    public record Occurrence(Instant start, Instant end) {
    }
}
