package dev.portier.web.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.server.VaadinRequest;
import java.text.DateFormatSymbols;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.temporal.WeekFields;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Date and date-time fields that take dates the way the person's browser writes them: the short date of
 * its language ({@code 12/4/2026} in en-US, {@code 4.12.2026} in Norwegian and German), shown in that form,
 * with ISO ({@code 2026-12-04}) accepted as well. Times stay 24-hour in steps of 15 minutes.
 */
public final class DateFields {

    /** The ISO form, accepted everywhere beside the locale's own. */
    public static final String ISO = "yyyy-MM-dd";

    private DateFields() {
    }

    public static DatePicker date(String label) {
        DatePicker picker = new DatePicker(label);
        Locale locale = locale();
        picker.setLocale(locale);
        picker.setI18n(i18n(locale));
        return picker;
    }

    /** A date and a time; {@code date} and {@code time} are announced after the label ("Valid from date"). */
    public static DateTimePicker dateTime(String label) {
        DateTimePicker picker = new DateTimePicker(label);
        Locale locale = locale();
        // The UK locale gives the time field its 24-hour clock; the date part follows the person's own formats.
        picker.setLocale(Locale.UK);
        picker.setDatePickerI18n(i18n(locale));
        picker.setI18n(new DateTimePicker.DateTimePickerI18n()
                .setBadInputErrorMessage("Enter a date like " + example(locale) + " and a time like 07:30")
                .setIncompleteInputErrorMessage("Enter both a date and a time, or neither"));
        picker.setStep(Duration.ofMinutes(15));
        picker.setDateAriaLabel("date");
        picker.setTimeAriaLabel("time");
        return picker;
    }

    /**
     * The browser's language (its Accept-Language, which every request of the page carries), else the UI's.
     * An account or user language setting would go here first.
     */
    public static Locale locale() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getHeader("Accept-Language") != null && request.getLocale() != null) {
            return request.getLocale();
        }
        UI ui = UI.getCurrent();
        return ui == null ? Locale.UK : ui.getLocale();
    }

    /** The date formats of {@code locale}: its short date with a four-digit year first, then lenient and ISO forms. */
    public static List<String> formats(Locale locale) {
        String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null, IsoChronology.INSTANCE,
                locale);
        // Vaadin's date picker knows d, dd, M, MM, yy and yyyy; a short date's "y" or "yy" becomes four digits.
        String primary = pattern.replaceAll("[^dMy./\\- ]", "").replaceAll("y+", "yyyy").strip();
        if (!primary.contains("d") || !primary.contains("M") || !primary.contains("yyyy")) {
            primary = ISO;
        }
        Set<String> formats = new LinkedHashSet<>();
        formats.add(primary);
        formats.add(primary.replace("dd", "d").replace("MM", "M"));
        formats.add(ISO);
        return List.copyOf(formats);
    }

    /** A date written the way {@code locale} writes it, for hints and error messages. */
    public static String example(Locale locale) {
        String pattern = formats(locale).getFirst();
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), locale).format(LocalDate.of(2030, 1, 31));
    }

    private static DatePicker.DatePickerI18n i18n(Locale locale) {
        List<String> formats = formats(locale);
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(locale);
        DayOfWeek first = WeekFields.of(locale).getFirstDayOfWeek();
        return new DatePicker.DatePickerI18n()
                .setDateFormats(formats.getFirst(), formats.subList(1, formats.size()).toArray(String[]::new))
                .setFirstDayOfWeek(first.getValue() % 7)
                .setMonthNames(Arrays.asList(symbols.getMonths()).subList(0, 12))
                .setWeekdays(Arrays.asList(symbols.getWeekdays()).subList(1, 8))
                .setWeekdaysShort(Arrays.asList(symbols.getShortWeekdays()).subList(1, 8));
    }
}
