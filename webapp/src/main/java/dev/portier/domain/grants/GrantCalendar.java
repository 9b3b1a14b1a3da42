package dev.portier.domain.grants;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * When a grant opens, as RFC 5545 iCalendar generated with ical4j: the one form the grant export, the
 * API's {@code schedule.ics} and the drivers' {@code Schedule.iCalendar} all use. Its events cover
 * exactly the instants at which Portier's access decision lets the grant open (validity and schedule);
 * other instants are in no event.
 *
 * <ul>
 *   <li>One VEVENT per window with a weekly RRULE ({@code BYDAY} = the window's days), DTSTART with
 *       TZID = the site's zone (its VTIMEZONE from ical4j's registry is in the calendar), a DURATION of
 *       the window's wall-clock length ({@code P1D}, a nominal day, for a whole-day window), the first
 *       DTSTART being the first whole window inside the validity, and {@code UNTIL} (UTC) the start of
 *       the last one when the grant ends.</li>
 *   <li>RFC 5545 measures an hour-based DURATION in exact time, while a window is wall-clock time (a
 *       22:00–06:00 window lasts 7 hours on the night clocks spring forward). So every occurrence that
 *       a consumer would compute differently from Portier — a DST change inside it, a start or end in a
 *       skipped or repeated hour, or the grant's validity cutting it — is taken out with EXDATE and
 *       written as its own VEVENT with the exact instants (two events when the repeated hour makes
 *       a window open twice, none when it falls in the skipped hour). For a grant without an end these
 *       exceptions are written for {@link #HORIZON} after the later of the grant's start and the export.</li>
 *   <li>Holidays, when the schedule observes them ({@link HolidayRule}): an occurrence that meets a
 *       holiday (a whole local day of the site) is taken out with EXDATE like the ones above, and what is
 *       left of it on other days written as its own VEVENT; holiday hours are single VEVENTs on each
 *       holiday (UIDs {@code portier-grant-<id>-holiday-<date>[-n]}). Up to the grant's end, or {@link #HORIZON}
 *       for a grant without one.</li>
 *   <li>A grant without a schedule is one event from its start to its end; without an end, a whole-day
 *       event every day from its start. A revoked grant opens at no instant: the calendar has no event.</li>
 *   <li>DTSTAMP (the export instant) and UID on every event; UIDs are stable per grant and window
 *       ({@code portier-grant-<id>-<days>-<start>-<end>}, exceptions with the local date after it), so a
 *       new export is the same events.</li>
 * </ul>
 */
public final class GrantCalendar {

    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    public static final String PRODUCT = "-//Portier//Grant schedule//EN";
    /** How far ahead exceptions are written for a grant without an end. */
    public static final Period HORIZON = Period.ofYears(10);

    /** Days looked at before a far end, for the last occurrences (so a 99-year grant is not walked day by day). */
    private static final int TAIL_DAYS = 35;
    private static final TimeZoneRegistry REGISTRY = TimeZoneRegistryFactory.getInstance().createRegistry();
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    private static final ScheduleWindow ALL_DAY_EVERY_DAY =
            new ScheduleWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    private GrantCalendar() {
    }

    /**
     * What a calendar is made of.
     *
     * @param grantId  names the events (UIDs)
     * @param zone     the site's zone: the schedule's wall clock
     * @param schedule the weekly windows; null: open whenever valid
     * @param from     the first instant the grant (or key) is valid
     * @param until    the first instant it is no longer valid; null: no end
     * @param summary  the events' SUMMARY; null: none
     * @param holiday  which local dates are holidays at the site (asked only when the schedule observes them)
     */
    public record Terms(String grantId, ZoneId zone, WeeklySchedule schedule, Instant from, Instant until, String summary,
            Predicate<LocalDate> holiday) {

        public Terms {
            Objects.requireNonNull(grantId, "grantId");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(from, "from");
            holiday = holiday == null ? WeeklySchedule.NO_HOLIDAYS : holiday;
        }

        /** Without holidays. */
        public Terms(String grantId, ZoneId zone, WeeklySchedule schedule, Instant from, Instant until, String summary) {
            this(grantId, zone, schedule, from, until, summary, WeeklySchedule.NO_HOLIDAYS);
        }

        boolean observesHolidays() {
            return schedule != null && schedule.holidays().observed();
        }
    }

    /**
     * A stored grant's terms: valid from its start (its creation when it has none) until its end; a
     * revoked grant is valid at no instant, as the access decision says.
     */
    public static Terms terms(Grant grant, ZoneId zone) {
        return terms(grant, zone, WeeklySchedule.NO_HOLIDAYS);
    }

    /** With the holidays of the grant's site ({@code holiday} says which local dates are holidays). */
    public static Terms terms(Grant grant, ZoneId zone, Predicate<LocalDate> holiday) {
        Instant from = grant.validFrom() != null ? grant.validFrom() : grant.createdAt();
        Instant until = grant.state() == GrantState.REVOKED ? from : grant.validUntil();
        return new Terms(grant.id(), zone, grant.schedule(), from, until,
                "Access: " + grant.subjectLabel() + " · " + grant.targetLabel(), holiday);
    }

    /** The calendar as text (CRLF lines folded at 75 octets), DTSTAMP = {@code stamp}. */
    public static String write(Terms terms, Instant stamp) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(build(terms, stamp), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Calendar build(Terms terms, Instant stamp) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(vTimeZone(terms.zone(), terms.from()));
        Instant stampSeconds = stamp.truncatedTo(ChronoUnit.SECONDS);
        boolean anyInstant = terms.until() == null || terms.until().isAfter(terms.from());
        if (!anyInstant) {
            return calendar;
        }
        String base = "portier-grant-" + terms.grantId();
        if (terms.schedule() == null && terms.until() != null) {
            calendar.add(single(base + "-validity", new Piece(terms.from(), terms.until()), terms, stampSeconds));
            return calendar;
        }
        List<ScheduleWindow> windows = terms.schedule() == null ? List.of(ALL_DAY_EVERY_DAY) : distinct(terms.schedule().windows());
        for (ScheduleWindow window : windows) {
            String uid = base + "-" + (terms.schedule() == null ? "validity" : key(window));
            new WindowEvents(terms, window, uid, stampSeconds, horizonEnd(terms, stamp)).addTo(calendar);
        }
        if (terms.observesHolidays()) {
            addHolidayHours(calendar, terms, base, stampSeconds, horizonEnd(terms, stamp));
        }
        return calendar;
    }

    /** The holiday hours as single events on each holiday inside the validity (none when closed on holidays). */
    private static void addHolidayHours(Calendar calendar, Terms terms, String base, Instant stamp, LocalDate horizonEnd) {
        List<HolidayRule.Hours> hours = terms.schedule().holidays().hours();
        if (hours.isEmpty()) {
            return;
        }
        LocalDate first = LocalDate.ofInstant(terms.from(), terms.zone());
        LocalDate last = terms.until() == null ? horizonEnd : LocalDate.ofInstant(terms.until(), terms.zone());
        if (last.isAfter(horizonEnd)) {
            last = horizonEnd;
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!terms.holiday().test(day)) {
                continue;
            }
            int n = 0;
            for (HolidayRule.Hours h : hours) {
                Instant start = ZonedDateTime.of(day, h.start(), terms.zone()).toInstant();
                Instant end = (h.end().equals(LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay(terms.zone())
                        : ZonedDateTime.of(day, h.end(), terms.zone())).toInstant();
                Instant from = start.isBefore(terms.from()) ? terms.from() : start;
                Instant until = terms.until() != null && terms.until().isBefore(end) ? terms.until() : end;
                if (from.isBefore(until)) {
                    n++;
                    String name = base + "-holiday-" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + (n == 1 ? "" : "-" + n);
                    calendar.add(single(name, new Piece(from, until), terms, stamp));
                }
            }
        }
    }

    private static LocalDate horizonEnd(Terms terms, Instant stamp) {
        Instant later = stamp.isAfter(terms.from()) ? stamp : terms.from();
        return LocalDate.ofInstant(later, terms.zone()).plus(HORIZON);
    }

    private static List<ScheduleWindow> distinct(List<ScheduleWindow> windows) {
        Map<String, ScheduleWindow> byKey = new LinkedHashMap<>();
        windows.forEach(w -> byKey.putIfAbsent(key(w), w));
        return List.copyOf(byKey.values());
    }

    /** A window's stable name: {@code MOTUWE-0700-1200}. */
    static String key(ScheduleWindow window) {
        return Arrays.stream(DayOfWeek.values()).filter(window.days()::contains).map(d -> d.name().substring(0, 2))
                .collect(Collectors.joining()) + "-" + HHMM.format(window.start()) + "-" + HHMM.format(window.end());
    }

    /** An interval of instants, start inclusive, end exclusive. */
    record Piece(Instant start, Instant end) {
    }

    /**
     * One window's events: the recurring one and its exceptions. An occurrence is "plain" when a
     * consumer following RFC 5545 computes exactly the instants Portier opens for it.
     */
    private static final class WindowEvents {

        private final Terms terms;
        private final ScheduleWindow window;
        private final String uid;
        private final Instant stamp;
        private final ZoneRules rules;
        private final boolean wholeDay;
        private final List<Occurrence> occurrences = new ArrayList<>();

        WindowEvents(Terms terms, ScheduleWindow window, String uid, Instant stamp, LocalDate horizonEnd) {
            this.terms = terms;
            this.window = window;
            this.uid = uid;
            this.stamp = stamp;
            this.rules = terms.zone().getRules();
            this.wholeDay = window.start().equals(window.end());
            LocalDate first = LocalDate.ofInstant(terms.from(), terms.zone()).minusDays(1);
            LocalDate last = terms.until() == null ? horizonEnd : LocalDate.ofInstant(terms.until(), terms.zone());
            if (terms.until() != null && last.isAfter(horizonEnd.plusDays(TAIL_DAYS))) {
                walk(first, horizonEnd);
                walk(last.minusDays(TAIL_DAYS), last);
            } else {
                walk(first, last);
            }
        }

        private void walk(LocalDate first, LocalDate last) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (window.days().contains(day.getDayOfWeek())) {
                    occurrences.add(occurrence(day));
                }
            }
        }

        private Occurrence occurrence(LocalDate day) {
            LocalDateTime start = day.atTime(window.start());
            LocalDateTime end = (window.crossesMidnight() ? day.plusDays(1) : day).atTime(window.end());
            Instant consumerStart = ZonedDateTime.of(start, terms.zone()).toInstant();
            Instant consumerEnd = wholeDay ? ZonedDateTime.of(end, terms.zone()).toInstant()
                    : consumerStart.plus(Duration.between(start, end));
            boolean clear = rules.getValidOffsets(start).size() == 1 && rules.getValidOffsets(end).size() == 1;
            return new Occurrence(start, new Piece(consumerStart, consumerEnd), clear, open(start, end));
        }

        /** The instants whose wall-clock time is in [start, end), inside the validity: what Portier opens. */
        private List<Piece> open(LocalDateTime start, LocalDateTime end) {
            List<Piece> pieces = new ArrayList<>();
            Instant low = start.toInstant(ZoneOffset.MAX);
            Instant high = end.toInstant(ZoneOffset.MIN);
            Instant segment = low;
            while (segment.isBefore(high)) {
                ZoneOffsetTransition next = rules.nextTransition(segment);
                Instant segmentEnd = next == null || !next.getInstant().isBefore(high) ? high : next.getInstant();
                ZoneOffset offset = rules.getOffset(segment);
                Instant from = latest(segment, start.toInstant(offset), terms.from());
                Instant until = earliest(segmentEnd, end.toInstant(offset), terms.until());
                if (from.isBefore(until)) {
                    Piece last = pieces.isEmpty() ? null : pieces.getLast();
                    if (last != null && last.end().equals(from)) {
                        pieces.set(pieces.size() - 1, new Piece(last.start(), until));
                    } else {
                        pieces.add(new Piece(from, until));
                    }
                }
                segment = segmentEnd;
            }
            return terms.observesHolidays() ? withoutHolidays(pieces, start.toLocalDate(), end.toLocalDate()) : pieces;
        }

        /** The pieces less the holidays among the local days {@code first}…{@code last}: a holiday is 00:00 to 00:00. */
        private List<Piece> withoutHolidays(List<Piece> pieces, LocalDate first, LocalDate last) {
            List<Piece> left = pieces;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (!terms.holiday().test(day)) {
                    continue;
                }
                Instant dayStart = day.atStartOfDay(terms.zone()).toInstant();
                Instant dayEnd = day.plusDays(1).atStartOfDay(terms.zone()).toInstant();
                List<Piece> cut = new ArrayList<>();
                for (Piece p : left) {
                    if (p.start().isBefore(dayStart)) {
                        cut.add(new Piece(p.start(), p.end().isBefore(dayStart) ? p.end() : dayStart));
                    }
                    if (p.end().isAfter(dayEnd)) {
                        cut.add(new Piece(p.start().isAfter(dayEnd) ? p.start() : dayEnd, p.end()));
                    }
                }
                left = cut;
            }
            return left;
        }

        void addTo(Calendar calendar) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < occurrences.size(); i++) {
                if (occurrences.get(i).plain()) {
                    last = i;
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            // Without an end the rule runs on past the last occurrence looked at.
            int ruleEnd = terms.until() == null ? occurrences.size() - 1 : last;
            if (first >= 0) {
                calendar.add(recurring(occurrences.get(first), terms.until() == null ? null : occurrences.get(last),
                        first, ruleEnd));
            }
            for (Occurrence occurrence : occurrences) {
                if (!occurrence.plain()) {
                    List<Piece> open = occurrence.open();
                    for (int piece = 0; piece < open.size(); piece++) {
                        String name = uid + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(occurrence.start()) + (piece == 0 ? "" : "-" + (piece + 1));
                        calendar.add(single(name, open.get(piece), terms, stamp));
                    }
                }
            }
        }

        private VEvent recurring(Occurrence first, Occurrence last, int firstIndex, int ruleEnd) {
            ZoneId zone = terms.zone();
            String rule = "FREQ=WEEKLY;BYDAY=" + Arrays.stream(DayOfWeek.values()).filter(window.days()::contains)
                    .map(d -> d.name().substring(0, 2)).collect(Collectors.joining(","))
                    + (last == null ? "" : ";UNTIL=" + UNTIL.format(last.consumer().start()));
            TemporalAmount length = wholeDay ? Period.ofDays(1) : Duration.between(window.start(), window.end()).plusDays(window.crossesMidnight() ? 1 : 0);
            List<Property> properties = new ArrayList<>(List.of(new Uid(uid), new DtStamp(stamp),
                    new DtStart<>(ZonedDateTime.of(first.start(), zone)), new net.fortuna.ical4j.model.property.Duration(length),
                    new RRule<>(new Recur<ZonedDateTime>(rule))));
            // The rule's own (nominal) local start, also where it falls in the skipped hour: consumers
            // resolve such a time differently (RFC 5545: with the offset before the gap) but match it alike.
            List<LocalDateTime> excluded = new ArrayList<>();
            for (int i = firstIndex + 1; i <= ruleEnd; i++) {
                if (!occurrences.get(i).plain()) {
                    excluded.add(occurrences.get(i).start());
                }
            }
            if (!excluded.isEmpty()) {
                properties.add(new ExDate<>(new ParameterList(List.of(new TzId(zone.getId()))), new DateList<>(excluded)));
            }
            if (terms.summary() != null) {
                properties.add(new Summary(terms.summary()));
            }
            return new VEvent(new PropertyList(properties));
        }
    }

    /** One occurrence of a window: its wall-clock start, what a consumer computes, and what Portier opens. */
    private record Occurrence(LocalDateTime start, Piece consumer, boolean clear, List<Piece> open) {

        boolean plain() {
            return clear && open.size() == 1 && open.getFirst().equals(consumer);
        }
    }

    /** One event at exact instants: in the site's wall-clock time, or in UTC where that time is ambiguous. */
    private static VEvent single(String uid, Piece piece, Terms terms, Instant stamp) {
        ZoneRules rules = terms.zone().getRules();
        ZonedDateTime start = piece.start().atZone(terms.zone());
        ZonedDateTime end = piece.end().atZone(terms.zone());
        boolean clear = rules.getValidOffsets(start.toLocalDateTime()).size() == 1
                && rules.getValidOffsets(end.toLocalDateTime()).size() == 1;
        List<Property> properties = new ArrayList<>(List.of(new Uid(uid), new DtStamp(stamp)));
        if (clear) {
            properties.add(new DtStart<>(start));
            properties.add(new DtEnd<>(end));
        } else {
            properties.add(new DtStart<Temporal>(piece.start()));
            properties.add(new DtEnd<Temporal>(piece.end()));
        }
        if (terms.summary() != null) {
            properties.add(new Summary(terms.summary()));
        }
        return new VEvent(new PropertyList(properties));
    }

    /**
     * The zone's VTIMEZONE from ical4j's registry, under the site's zone id (the registry answers a
     * linked zone, such as Europe/Oslo, with its target's definition). A zone the registry lacks gets one
     * written from the JVM's rules: its transitions from a year before {@code from} for {@link #HORIZON}.
     */
    static VTimeZone vTimeZone(ZoneId zone, Instant from) {
        String id = zone.getId();
        TimeZone known = REGISTRY.getTimeZone(id);
        if (known == null) {
            return fromRules(zone, from);
        }
        // A copy: the registry's definition is shared by every calendar written.
        VTimeZone definition = (VTimeZone) known.getVTimeZone().copy();
        if (id.equals(definition.getTimeZoneId().getValue())) {
            return definition;
        }
        // A linked zone (Europe/Oslo → Europe/Berlin): the same rules under the id the events' TZID names.
        definition.replace(new net.fortuna.ical4j.model.property.TzId(id));
        definition.removeAll(Property.TZURL, "X-LIC-LOCATION");
        definition.add(new XProperty("X-LIC-LOCATION", id));
        return definition;
    }

    private static VTimeZone fromRules(ZoneId zone, Instant from) {
        ZoneRules rules = zone.getRules();
        Instant start = from.minus(Duration.ofDays(366));
        Instant end = start.atZone(ZoneOffset.UTC).plus(HORIZON).plusYears(2).toInstant();
        List<Observance> observances = new ArrayList<>();
        ZoneOffset initial = rules.getOffset(start);
        observances.add(observance(rules.isDaylightSavings(start), initial, initial,
                LocalDateTime.ofInstant(start, initial).truncatedTo(ChronoUnit.DAYS)));
        for (ZoneOffsetTransition t = rules.nextTransition(start); t != null && t.getInstant().isBefore(end);
                t = rules.nextTransition(t.getInstant())) {
            observances.add(observance(rules.isDaylightSavings(t.getInstant()), t.getOffsetBefore(), t.getOffsetAfter(),
                    t.getDateTimeBefore()));
        }
        VTimeZone definition = new VTimeZone();
        definition.add(new net.fortuna.ical4j.model.property.TzId(zone.getId()));
        observances.forEach(definition::add);
        return definition;
    }

    private static Observance observance(boolean daylight, ZoneOffset before, ZoneOffset after, LocalDateTime at) {
        Observance observance = daylight ? new Daylight() : new Standard();
        observance.add(new DtStart<>(at));
        observance.add(new TzOffsetFrom(before));
        observance.add(new TzOffsetTo(after));
        observance.add(new TzName(after.getId().equals("Z") ? "UTC" : after.getId()));
        return observance;
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a.isAfter(b) ? a : b;
        return c != null && c.isAfter(max) ? c : max;
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant min = a.isBefore(b) ? a : b;
        return c != null && c.isBefore(min) ? c : min;
    }
}
