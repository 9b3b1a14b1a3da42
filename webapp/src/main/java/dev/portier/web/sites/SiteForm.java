package dev.portier.web.sites;

import dev.portier.domain.sites.SiteDraft;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.domain.holidays.HolidayCalendar;
import dev.portier.identity.accounts.TimeZones;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.TextRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Name, address and time zone of a site, and the holiday calendar it observes (saved apart from the draft). */
public final class SiteForm extends DraftForm<SiteDraft> {

    final TextField name = new TextField("Name");
    final TextArea address = new TextArea("Address");
    final ComboBox<String> timeZone = new ComboBox<>("Time zone", TimeZones.ids());
    final ComboBox<HolidayCalendar> holidayCalendar = new ComboBox<>("Holiday calendar");

    public SiteForm() {
        name.setMaxLength(100);
        address.setMaxLength(500);
        timeZone.setHelperText("Grant schedules on this site run on its local time");
        binder.forField(name).withValidator(Validators.of(v -> TextRules.validateName(v, "a site name", 100)))
                .bind(SiteDraft::name, Validators.notWritten());
        binder.forField(address).withValidator(Validators.of(v -> v.isBlank() ? Optional.empty()
                        : TextRules.validateText(v, "The address", 500)))
                .bind(d -> d.address() == null ? "" : d.address(), Validators.notWritten());
        binder.forField(timeZone).withValidator(Validators.of(TimeZones::validate))
                .bind(SiteDraft::timeZone, Validators.notWritten());
        holidayCalendar.setItemLabelGenerator(HolidayCalendar::name);
        holidayCalendar.setClearButtonVisible(true);
        holidayCalendar.setPlaceholder("None");
        holidayCalendar.setHelperText("Grants that close on holidays follow this calendar");
        add(name, timeZone, holidayCalendar, address);
        setColspan(address, 2);
    }

    /** The calendars to choose from and the one the site observes now (null: none). */
    public void calendars(List<HolidayCalendar> all, String observedId) {
        holidayCalendar.setItems(all);
        holidayCalendar.setValue(all.stream().filter(c -> c.id().equals(observedId)).findFirst().orElse(null));
    }

    /** The chosen calendar's id; null: none. */
    public String calendarId() {
        return holidayCalendar.getValue() == null ? null : holidayCalendar.getValue().id();
    }

    @Override
    public void lookOnly() {
        super.lookOnly();
        holidayCalendar.setReadOnly(true);
    }

    @Override
    protected SiteDraft draft() {
        return new SiteDraft(name.getValue(), address.getValue(), timeZone.getValue());
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        return Map.of("name", name, "address", address, "timeZone", timeZone);
    }
}
