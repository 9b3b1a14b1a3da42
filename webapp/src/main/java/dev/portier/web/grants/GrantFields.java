package dev.portier.web.grants;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import dev.portier.web.ui.DateFields;

/** Date-time pickers as grants and the explain view use them: dates in the browser's format (or ISO), 24-hour times. */
public final class GrantFields {

    private GrantFields() {
    }

    public static DateTimePicker dateTime(String label) {
        return DateFields.dateTime(label);
    }
}
