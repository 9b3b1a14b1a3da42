package dev.portier.web.sites;

import dev.portier.domain.sites.SiteDraft;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.identity.accounts.TimeZones;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.TextRules;
import java.util.Map;
import java.util.Optional;

/** Name, address and time zone of a site. */
public final class SiteForm extends DraftForm<SiteDraft> {

    final TextField name = new TextField("Name");
    final TextArea address = new TextArea("Address");
    final ComboBox<String> timeZone = new ComboBox<>("Time zone", TimeZones.ids());

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
        add(name, timeZone, address);
        setColspan(address, 2);
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
