package dev.portier.web.holidays;

import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.portier.domain.holidays.Holiday;
import dev.portier.domain.holidays.HolidayCalendar;
import dev.portier.domain.holidays.HolidayDraft;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.CurrentUser;
import dev.portier.platform.validation.ValidationException;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Routes;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The account's holiday calendars: pick one to see and change its holidays (one date or yearly), or
 * import them from an .ics file. Sites choose their calendar on the site form; grants choose in their
 * schedule whether they close on holidays.
 */
@Route(Routes.HOLIDAYS)
@PageTitle("Holidays · Portier")
public final class HolidaysView extends VerticalLayout {

    static final int MAX_ICS_BYTES = 1024 * 1024;

    private final transient HolidayService holidays;
    private final SignedInUser me = CurrentUser.require();
    private final boolean canEdit;

    final Select<HolidayCalendar> calendar = new Select<>();
    final TextField newCalendar = new TextField("New calendar");
    final Button addCalendar = new Button("Add calendar", VaadinIcon.PLUS.create(), e -> addCalendar());
    final Grid<Holiday> grid = new Grid<>();
    final TextField name = new TextField("Holiday");
    final DatePicker date = new DatePicker("Date");
    final Checkbox yearly = new Checkbox("Every year");
    final Button addHoliday = new Button("Add holiday", e -> addHoliday());
    final Upload upload;
    private final Button deleteCalendar = new Button("Delete calendar", VaadinIcon.TRASH.create(), e -> deleteCalendar());

    @Inject
    HolidaysView(HolidayService holidays, Authorization authorization) {
        this.holidays = holidays;
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        setSizeFull();

        calendar.setLabel("Calendar");
        calendar.setItemLabelGenerator(HolidayCalendar::name);
        calendar.setEmptySelectionAllowed(false);
        calendar.addValueChangeListener(e -> showHolidays());
        newCalendar.setMaxLength(100);
        newCalendar.setPlaceholder("e.g. Norway");
        HorizontalLayout calendars = new HorizontalLayout(calendar, newCalendar, addCalendar, deleteCalendar);
        calendars.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.addColumn(Holiday::when).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Holiday::name).setHeader("Holiday").setFlexGrow(1);
        if (canEdit) {
            grid.addComponentColumn(h -> {
                Button remove = new Button(VaadinIcon.TRASH.create(), e -> removeHoliday(h));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                remove.setAriaLabel("Remove " + h.name());
                return remove;
            }).setAutoWidth(true).setFlexGrow(0);
        }

        name.setMaxLength(100);
        date.setLocale(java.util.Locale.UK);
        date.setI18n(new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd").setFirstDayOfWeek(1));
        HorizontalLayout adding = new HorizontalLayout(name, date, yearly, addHoliday);
        adding.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> importIcs(metadata.fileName(), bytes)));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_ICS_BYTES);
        upload.setAcceptedFileTypes("text/calendar", ".ics");
        upload.setUploadButton(new Button("Import .ics file", VaadinIcon.UPLOAD.create()));
        upload.addFileRejectedListener(e -> FormErrors.error(e.getErrorMessage()));

        Paragraph help = new Paragraph("A site observes one calendar (choose it on the site). Grants whose schedule says "
                + "\"closed on holidays\" or has holiday hours follow it, from 00:00 to 00:00 in the site's time zone.");
        add(ListPages.header("Holidays"), help, calendars, new H3("Holidays of the calendar"), grid);
        if (canEdit) {
            add(adding, upload);
        }
        newCalendar.setVisible(canEdit);
        addCalendar.setVisible(canEdit);
        deleteCalendar.setVisible(canEdit);
        refreshCalendars(null);
    }

    private void refreshCalendars(String select) {
        var all = holidays.calendars(me);
        calendar.setItems(all);
        all.stream().filter(c -> c.id().equals(select)).findFirst().or(() -> all.stream().findFirst()).ifPresent(calendar::setValue);
        showHolidays();
    }

    private void showHolidays() {
        HolidayCalendar current = calendar.getValue();
        grid.setItems(current == null ? java.util.List.of() : holidays.holidays(me, current.id()));
        boolean chosen = current != null;
        addHoliday.setEnabled(chosen);
        upload.setVisible(canEdit && chosen);
        deleteCalendar.setEnabled(chosen);
    }

    private void addCalendar() {
        try {
            HolidayCalendar created = holidays.createCalendar(me, newCalendar.getValue());
            newCalendar.clear();
            newCalendar.setInvalid(false);
            FormErrors.success("Calendar " + created.name() + " was added");
            refreshCalendars(created.id());
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("name", newCalendar));
        }
    }

    private void deleteCalendar() {
        HolidayCalendar current = calendar.getValue();
        if (current != null) {
            holidays.deleteCalendar(me, current.id());
            FormErrors.success("Calendar " + current.name() + " was deleted");
            refreshCalendars(null);
        }
    }

    private void addHoliday() {
        HolidayCalendar current = calendar.getValue();
        try {
            Holiday added = holidays.addHoliday(me, current.id(), new HolidayDraft(name.getValue(), date.getValue(), yearly.getValue()));
            name.clear();
            date.clear();
            yearly.clear();
            name.setInvalid(false);
            date.setInvalid(false);
            FormErrors.success("Holiday " + added.name() + " (" + added.when() + ") was added");
            showHolidays();
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("name", name, "date", date));
        }
    }

    private void removeHoliday(Holiday holiday) {
        holidays.deleteHoliday(me, holiday.calendarId(), holiday.id());
        FormErrors.success("Holiday " + holiday.name() + " was removed");
        showHolidays();
    }

    private void importIcs(String fileName, byte[] bytes) {
        HolidayCalendar current = calendar.getValue();
        upload.clearFileList();
        try {
            int added = holidays.importIcs(me, current.id(), new String(bytes, StandardCharsets.UTF_8));
            FormErrors.success("Imported " + added + " holiday(s) from " + fileName);
            showHolidays();
        } catch (ValidationException e) {
            FormErrors.error("Nothing was imported from " + fileName + ": " + e.fieldErrors().values().iterator().next());
        }
    }
}
