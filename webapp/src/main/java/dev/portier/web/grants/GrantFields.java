package dev.portier.web.grants;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import java.time.Duration;
import java.util.Locale;

/** Date-time pickers as grants and the explain view use them: ISO dates, 24-hour times. */
public final class GrantFields {

    private GrantFields() {
    }

    public static DateTimePicker dateTime(String label) {
        DateTimePicker picker = new DateTimePicker(label);
        picker.setLocale(Locale.UK);
        picker.setDatePickerI18n(new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd").setFirstDayOfWeek(1));
        picker.setI18n(new DateTimePicker.DateTimePickerI18n()
                .setBadInputErrorMessage("Enter a date like 2030-01-31 and a time like 07:30")
                .setIncompleteInputErrorMessage("Enter both a date and a time, or neither"));
        picker.setStep(Duration.ofMinutes(15));
        // Announced after the label: "Valid from date", "Valid from time".
        picker.setDateAriaLabel("date");
        picker.setTimeAriaLabel("time");
        return picker;
    }
}
