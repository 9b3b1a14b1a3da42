package dev.portier.web.cards;

import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Pickers;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.TextRules;
import java.util.Map;
import java.util.Optional;

/** Type and serial number of an NFC card (checked by the type's own rule), its holder, label and state. */
public final class CardForm extends DraftForm<CardDraft> {

    final Select<CardType> cardType = new Select<>();
    final TextField serialNumber = new TextField("Serial number");
    final ComboBox<Person> person;
    final TextField label = new TextField("Label");
    final Select<CardState> state = new Select<>();

    public CardForm(PersonService people, SignedInUser who) {
        cardType.setLabel("Card type");
        cardType.setItems(CardType.values());
        cardType.setItemLabelGenerator(CardType::label);
        serialNumber.setMaxLength(64);
        person = Pickers.people(people, who, "Assigned to");
        person.setHelperText("Optional: the card then also opens what this person's grants allow");
        label.setMaxLength(100);
        state.setLabel("State");
        state.setItems(CardState.values());
        state.setItemLabelGenerator(CardState::label);

        binder.forField(cardType).asRequired("Choose the card type").bind(CardDraft::cardType, Validators.notWritten());
        Binder.Binding<CardDraft, String> serialBinding = binder.forField(serialNumber).withValidator(Validators.of(this::checkSerial))
                .bind(CardDraft::serialNumber, Validators.notWritten());
        binder.forField(person).bind(d -> d.personId() == null ? null : people.get(who, d.personId()), Validators.notWritten());
        binder.forField(label).withValidator(Validators.of(v -> v.isBlank() ? Optional.empty() : TextRules.validateName(v, "a label", 100)))
                .bind(d -> d.label() == null ? "" : d.label(), Validators.notWritten());
        binder.forField(state).asRequired("Choose a state").bind(CardDraft::state, Validators.notWritten());
        cardType.addValueChangeListener(e -> {
            serialNumber.setHelperText(e.getValue() == null ? null : e.getValue().rule());
            if (!serialNumber.isEmpty()) {
                serialBinding.validate();
            }
        });
        add(cardType, serialNumber, person, label, state);
    }

    private Optional<String> checkSerial(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("Enter the serial number");
        }
        CardType type = cardType.getValue();
        return type == null || type.normalize(value).isPresent() ? Optional.empty() : Optional.of(type.rule());
    }

    @Override
    protected CardDraft draft() {
        return new CardDraft(cardType.getValue(), serialNumber.getValue(), person.getValue() == null ? null : person.getValue().id(),
                label.getValue(), state.getValue());
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        return Map.of("cardType", cardType, "serialNumber", serialNumber, "personId", person, "label", label, "state", state);
    }
}
