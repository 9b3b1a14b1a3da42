package dev.portier.web.grants;

import dev.portier.domain.grants.HolidayRule;
import dev.portier.domain.grants.WeeklySchedule;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Edits a grant's weekly schedule as rows of windows (days, from, until). Its value is the schedule's
 * text form, e.g. {@code MO,TU,WE,TH,FR 07:00-12:00; MO,TU,WE,TH,FR 13:00-18:00}, or empty for
 * "at any time" — exactly what {@link GrantDraft#schedule()} takes. Below the windows, how the site's
 * holidays apply: like other days, closed, or holiday hours (the clause {@code holidays closed} or
 * {@code holidays 09:00-13:00}; closed on holidays without windows: any time except holidays).
 */
public final class ScheduleEditor extends CustomField<String> {

    private static final EnumSet<DayOfWeek> WORKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private final List<ScheduleWindowRow> rows = new ArrayList<>();
    private final VerticalLayout rowsLayout = new VerticalLayout();
    private final Span anyTime = new Span("No windows: the grant is open at any time while it is valid (except on holidays when it closes on them).");
    private final Button addWindow = new Button("Add window", VaadinIcon.PLUS.create(), e -> addWindow());
    static final String LIKE_OTHER_DAYS = "Like other days";
    static final String CLOSED = "Closed on holidays";
    static final String HOURS = "Holiday hours";
    final RadioButtonGroup<String> onHolidays = new RadioButtonGroup<>("On the site's holidays", LIKE_OTHER_DAYS, CLOSED, HOURS);
    final TextField holidayHours = new TextField();

    public ScheduleEditor() {
        super("");
        setLabel("Schedule");
        setHelperText("Weekly windows in the site's local time; one that ends before it starts runs past midnight");
        rowsLayout.setPadding(false);
        addWindow.addThemeVariants(ButtonVariant.LUMO_SMALL);
        anyTime.addClassNames("text-s", "text-secondary");
        onHolidays.setValue(LIKE_OTHER_DAYS);
        holidayHours.setPlaceholder("09:00-13:00");
        holidayHours.setAriaLabel("Holiday hours");
        holidayHours.setHelperText("Open only these hours on a holiday, e.g. 09:00-13:00, 15:00-17:00");
        holidayHours.setVisible(false);
        onHolidays.addValueChangeListener(e -> {
            holidayHours.setVisible(HOURS.equals(e.getValue()));
            updateValue();
        });
        holidayHours.addValueChangeListener(e -> updateValue());
        VerticalLayout layout = new VerticalLayout(anyTime, rowsLayout, addWindow, onHolidays, holidayHours);
        layout.setPadding(false);
        layout.setSpacing(false);
        add(layout);
        showRows();
    }

    /**
     * Adds a window to adjust: the first on working hours, Monday to Friday 08:00–16:00; a further one
     * on the same days as the last, starting an hour after it ends (a second shift, the afternoon).
     */
    public ScheduleWindowRow addWindow() {
        ScheduleWindowRow row;
        if (rows.isEmpty()) {
            row = addRow(WORKDAYS, LocalTime.of(8, 0), LocalTime.of(16, 0));
        } else {
            ScheduleWindowRow last = rows.getLast();
            LocalTime start = Optional.ofNullable(last.end.getValue()).orElse(LocalTime.NOON).plusHours(1);
            Set<DayOfWeek> days = last.days.getValue().isEmpty() ? WORKDAYS : last.days.getValue();
            row = addRow(days, start, start.plusHours(4));
        }
        updateValue();
        return row;
    }

    /** What is wrong with a window, for the field's message; empty when every window is complete. */
    public Optional<String> problem() {
        Optional<String> window = rows.stream().map(ScheduleWindowRow::problem).flatMap(Optional::stream).findFirst();
        if (window.isPresent() || !HOURS.equals(onHolidays.getValue())) {
            return window;
        }
        try {
            WeeklySchedule.parse(holidayClause());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    List<ScheduleWindowRow> rows() {
        return List.copyOf(rows);
    }

    @Override
    protected String generateModelValue() {
        String weekly = rows.stream().map(ScheduleWindowRow::window).flatMap(Optional::stream)
                .map(w -> new WeeklySchedule(List.of(w)).format()).collect(Collectors.joining("; "));
        String clause = holidayClause();
        if (clause.isEmpty()) {
            return weekly;
        }
        return weekly.isEmpty() ? clause : weekly + "; " + clause;
    }

    private String holidayClause() {
        if (CLOSED.equals(onHolidays.getValue())) {
            return "holidays closed";
        }
        if (HOURS.equals(onHolidays.getValue())) {
            return "holidays " + holidayHours.getValue().strip();
        }
        return "";
    }

    @Override
    protected void setPresentationValue(String text) {
        rows.clear();
        rowsLayout.removeAll();
        onHolidays.setValue(LIKE_OTHER_DAYS);
        holidayHours.clear();
        if (text != null && !text.isBlank()) {
            WeeklySchedule schedule = WeeklySchedule.parse(text);
            if (!schedule.format().startsWith("holidays")) { // "holidays closed" alone: any time, no windows
                schedule.windows().forEach(w -> addRow(w.days(), w.start(), w.end()));
            }
            HolidayRule rule = schedule.holidays();
            if (rule.kind() == HolidayRule.Kind.CLOSED) {
                onHolidays.setValue(CLOSED);
            } else if (rule.kind() == HolidayRule.Kind.HOURS) {
                holidayHours.setValue(rule.format().substring("holidays ".length()));
                onHolidays.setValue(HOURS);
            }
        }
        showRows();
    }

    private ScheduleWindowRow addRow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        ScheduleWindowRow row = new ScheduleWindowRow(rows.size() + 1, days, start, end, this::updateValue);
        row.remove.addClickListener(e -> {
            rows.remove(row);
            rowsLayout.remove(row);
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).number(i + 1);
            }
            showRows();
            updateValue();
        });
        row.setReadOnly(isReadOnly());
        rows.add(row);
        rowsLayout.add(row);
        showRows();
        return row;
    }

    private void showRows() {
        anyTime.setVisible(rows.isEmpty());
        rowsLayout.setVisible(!rows.isEmpty());
        addWindow.setEnabled(!isReadOnly() && rows.size() < WeeklySchedule.MAX_WINDOWS);
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        rows.forEach(r -> r.setReadOnly(readOnly));
        addWindow.setVisible(!readOnly);
        onHolidays.setReadOnly(readOnly);
        holidayHours.setReadOnly(readOnly);
    }
}
