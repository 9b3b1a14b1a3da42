package dev.portier.web.grants;

import dev.portier.domain.grants.ScheduleWindow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One weekly window of the schedule editor: the days, a start and an end time, and beneath them the
 * window as Portier stores it and as the iCalendar rule it exports to.
 */
final class ScheduleWindowRow extends VerticalLayout {

    final CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>();
    final TimePicker start = new TimePicker();
    final TimePicker end = new TimePicker();
    final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
    private final Span summary = new Span();

    ScheduleWindowRow(int number, Set<DayOfWeek> initialDays, LocalTime from, LocalTime until, Runnable onChange) {
        days.setItems(DayOfWeek.values());
        days.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).substring(0, 2));
        for (TimePicker time : new TimePicker[] {start, end}) {
            time.setStep(Duration.ofMinutes(15));
            time.setLocale(Locale.UK);
            time.setWidth("6.5em");
        }
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        number(number);
        remove.setTooltipText("Remove this window");
        summary.addClassNames("text-s", "text-secondary");

        days.setValue(initialDays);
        start.setValue(from);
        end.setValue(until);
        days.addValueChangeListener(e -> changed(onChange));
        start.addValueChangeListener(e -> changed(onChange));
        end.addValueChangeListener(e -> changed(onChange));

        HorizontalLayout times = new HorizontalLayout(start, new Span("–"), end, remove);
        times.setAlignItems(FlexComponent.Alignment.CENTER);
        times.setSpacing(false);
        times.getStyle().set("gap", "var(--lumo-space-xs)");
        HorizontalLayout fields = new HorizontalLayout(days, times);
        fields.setAlignItems(FlexComponent.Alignment.CENTER);
        fields.setWrap(true);
        setPadding(false);
        setSpacing(false);
        add(fields, summary);
        showSummary();
    }

    /** Labels for screen readers (and tests) say which window a field belongs to. */
    void number(int number) {
        days.setAriaLabel("Days of window " + number);
        start.setAriaLabel("Window " + number + " from");
        end.setAriaLabel("Window " + number + " until");
        remove.setAriaLabel("Remove window " + number);
    }

    void setReadOnly(boolean readOnly) {
        days.setReadOnly(readOnly);
        start.setReadOnly(readOnly);
        end.setReadOnly(readOnly);
        remove.setVisible(!readOnly);
    }

    /** The window as typed, when complete. */
    Optional<ScheduleWindow> window() {
        if (problem().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleWindow(EnumSet.copyOf(days.getValue()), start.getValue(), end.getValue()));
    }

    /** What is missing, in words; empty when the window is complete. */
    Optional<String> problem() {
        if (days.getValue().isEmpty()) {
            return Optional.of("Choose at least one day for each window");
        }
        if (start.getValue() == null || end.getValue() == null) {
            return Optional.of("Choose a start and an end time for each window");
        }
        if (start.getValue().equals(end.getValue()) && !start.getValue().equals(LocalTime.MIDNIGHT)) {
            return Optional.of("A window cannot start and end at the same time (00:00 to 00:00 is the whole day)");
        }
        return Optional.empty();
    }

    /** The line beneath the fields: the window's text form and its iCalendar rule, or what is missing. */
    String summary() {
        return summary.getText();
    }

    private void changed(Runnable onChange) {
        showSummary();
        onChange.run();
    }

    private void showSummary() {
        summary.setText(window().map(dev.portier.web.ui.ScheduleText::window)
                .orElseGet(() -> problem().orElse("")));
    }
}
