package dev.portier.domain.grants;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a grant's schedule treats the holidays of its site's calendar. A holiday is a whole local day
 * (00:00 until the next 00:00 in the site's zone, 23 or 25 hours on DST days); on it the weekly windows
 * do not apply and instead the grant is closed ({@link Kind#CLOSED}) or open during {@link #hours()}
 * ({@link Kind#HOURS}). {@link Kind#IGNORED}: holidays are days like others (no holiday clause).
 */
public record HolidayRule(Kind kind, List<Hours> hours) {

    public static final HolidayRule IGNORED = new HolidayRule(Kind.IGNORED, List.of());
    public static final HolidayRule CLOSED = new HolidayRule(Kind.CLOSED, List.of());

    public enum Kind { IGNORED, CLOSED, HOURS }

    /**
     * Open on a holiday from {@code start} until {@code end}, both on the holiday; an {@code end} of 00:00
     * is the end of the day (written 24:00).
     */
    public record Hours(LocalTime start, LocalTime end) {

        public Hours {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
                throw new IllegalArgumentException("Holiday hours end on the holiday: " + start + "-" + end
                        + " should end after it starts (24:00 at the latest)");
            }
        }

        public boolean contains(LocalTime time) {
            return !time.isBefore(start) && (end.equals(LocalTime.MIDNIGHT) || time.isBefore(end));
        }

        String format() {
            return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
        }
    }

    public HolidayRule {
        Objects.requireNonNull(kind, "kind");
        hours = hours == null ? List.of() : List.copyOf(hours);
        if (kind == Kind.HOURS && hours.isEmpty()) {
            throw new IllegalArgumentException("Holiday hours need at least one time range, like holidays 09:00-13:00");
        }
        if (kind != Kind.HOURS && !hours.isEmpty()) {
            throw new IllegalArgumentException("Only holiday hours have time ranges");
        }
    }

    public static HolidayRule hours(List<Hours> hours) {
        return new HolidayRule(Kind.HOURS, hours);
    }

    /** Whether holidays change anything: false for {@link Kind#IGNORED}. */
    public boolean observed() {
        return kind != Kind.IGNORED;
    }

    /** On a holiday, whether {@code time} (local) is open. */
    public boolean opensAt(LocalTime time) {
        return hours.stream().anyMatch(h -> h.contains(time));
    }

    /** The clause in the schedule text: {@code holidays closed}, {@code holidays 09:00-13:00, 15:00-17:00}; empty when ignored. */
    public String format() {
        return switch (kind) {
            case IGNORED -> "";
            case CLOSED -> "holidays closed";
            case HOURS -> "holidays " + hours.stream().map(Hours::format).collect(Collectors.joining(", "));
        };
    }
}
