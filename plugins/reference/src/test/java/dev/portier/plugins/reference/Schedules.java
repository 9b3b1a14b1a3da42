package dev.portier.plugins.reference;

import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.Schedule;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Test shorthand: the host's typed values from the texts the tests read best. */
final class Schedules {

    private static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private Schedules() {
    }

    /** "MO-FR 07:00-12:00; SA 08:00-10:00" as the host's schedule in {@code zone}; {@code null} stays {@code null}. */
    static Schedule of(String text, String zone) {
        if (text == null) {
            return null;
        }
        List<Schedule.Window> windows = new ArrayList<>();
        for (String part : text.split("; ")) {
            String[] dayAndTime = part.split(" ");
            String[] times = dayAndTime[1].split("-");
            windows.add(new Schedule.Window(days(dayAndTime[0]), LocalTime.parse(times[0]), LocalTime.parse(times[1])));
        }
        return new Schedule(ZoneId.of(zone), windows, null);
    }

    private static Set<DayOfWeek> days(String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (spec.length() == 5 && spec.charAt(2) == '-') {
            for (int d = DAYS.indexOf(spec.substring(0, 2)); d <= DAYS.indexOf(spec.substring(3)); d++) {
                days.add(DayOfWeek.of(d + 1));
            }
            return days;
        }
        for (String code : spec.split(",")) {
            days.add(DayOfWeek.of(DAYS.indexOf(code) + 1));
        }
        return days;
    }

    static Set<Permission> permissions(Set<String> names) {
        return names.stream().map(Permission::valueOf).collect(Collectors.toSet());
    }

    /** The text of an enrolment material (the reference driver's are ASCII base64url). */
    static String material(EnrolmentResult result, String name) {
        Material material = result.material().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no material " + name + " in " + result.material()));
        return new String(material.content(), StandardCharsets.US_ASCII);
    }
}
