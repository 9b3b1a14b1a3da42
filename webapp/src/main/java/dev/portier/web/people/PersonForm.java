package dev.portier.web.people;

import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PhoneNumbers;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.TextRules;
import java.util.Map;
import java.util.Optional;

/** Name, email and/or phone, and notes of a person who gets access. */
public final class PersonForm extends DraftForm<PersonDraft> {

    final TextField name = new TextField("Name");
    // A plain text field: EmailField's own check would mark "ada@" invalid with an empty message before ours runs.
    final TextField email = new TextField("Email");
    final TextField phone = new TextField("Phone");
    final TextArea notes = new TextArea("Notes");

    public PersonForm() {
        this(null);
    }

    /** A form that reads a phone number without + in {@code phoneCountry} (ISO 3166), and says so; null: international only. */
    public PersonForm(String phoneCountry) {
        name.setMaxLength(200);
        email.setMaxLength(EmailAddress.MAX_LENGTH);
        phone.setMaxLength(40);
        phone.setHelperText(PhoneNumbers.hint(phoneCountry));
        notes.setMaxLength(2000);

        binder.forField(name).withValidator(Validators.of(v -> TextRules.validateName(v, "a name", 200)))
                .bind(PersonDraft::name, Validators.notWritten());
        Binder.Binding<PersonDraft, String> emailBinding = binder.forField(email).withValidator(Validators.of(this::checkEmail))
                .bind(d -> orEmpty(d.email()), Validators.notWritten());
        binder.forField(phone).withValidator(Validators.of(v -> v.isBlank() ? Optional.empty() : PhoneNumbers.validate(v, phoneCountry)))
                .bind(d -> d.phone() == null ? "" : PhoneNumbers.display(d.phone()), Validators.notWritten());
        binder.forField(notes).withValidator(Validators.of(v -> TextRules.validateText(v, "Notes", 2000)))
                .bind(d -> orEmpty(d.notes()), Validators.notWritten());
        // The "email or phone" rule spans both fields: check the email again whenever the phone changes.
        phone.addValueChangeListener(e -> {
            if (email.isInvalid()) {
                emailBinding.validate();
            }
        });
        add(name, email, phone, notes);
        setColspan(notes, 2);
    }

    private Optional<String> checkEmail(String value) {
        if (value.isBlank()) {
            return phone.getValue().isBlank() ? Optional.of("Enter an email address or a phone number") : Optional.empty();
        }
        return EmailAddress.validate(value);
    }

    @Override
    protected PersonDraft draft() {
        return new PersonDraft(name.getValue(), email.getValue(), phone.getValue(), notes.getValue());
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        return Map.of("name", name, "email", email, "phone", phone, "notes", notes);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
