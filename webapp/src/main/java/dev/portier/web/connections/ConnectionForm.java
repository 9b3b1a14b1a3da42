package dev.portier.web.connections;

import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionSettings;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.plugin.api.Choice;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.drivers.plugins.LoadedDriverFactory;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.TextRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connection's name, driver and the settings its driver declares, as fields generated from the
 * driver's configuration schema. A secret setting is a password field that is never filled: the
 * stored value never reaches the browser, and leaving the field empty keeps it.
 */
public final class ConnectionForm extends DraftForm<ConnectionDraft> {

    public static final String STORED_SECRET = "Stored — leave empty to keep";

    final TextField name = new TextField("Name");
    final Select<LoadedDriverFactory> driver = new Select<>();
    private final List<LoadedDriverFactory> drivers;
    private final Map<String, HasValue<?, ?>> settings = new LinkedHashMap<>();
    private final Map<String, HasValidation> validating = new LinkedHashMap<>();
    private Set<String> storedSecrets = Set.of();
    private List<ConfigProperty> schema = List.of();
    private String fixedDriverId;
    /** What the driver's last check said that belongs to no field: its notes, problems of the whole connection. */
    private final Div checkResult = new Div();

    public ConnectionForm(List<LoadedDriverFactory> drivers) {
        this.drivers = drivers;
        name.setMaxLength(100);
        name.setRequiredIndicatorVisible(true);
        driver.setLabel("Driver");
        driver.setItems(drivers);
        driver.setItemLabelGenerator(f -> f.descriptor().displayName() + " (" + f.descriptor().vendor() + ")");
        driver.setRequiredIndicatorVisible(true);
        driver.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                showSettings(e.getValue(), Map.of());
            }
        });
        binder.forField(name).withValidator(Validators.of(v -> TextRules.validateName(v, "a connection name", 100)))
                .bind(ConnectionDraft::name, Validators.notWritten());
        add(name, driver);
    }

    /**
     * Fills the form. For an existing connection, {@code draft} holds its plain settings only and
     * {@code stored} the keys of its stored secrets; its driver cannot change.
     */
    public void edit(ConnectionDraft draft, Set<String> stored, boolean existing) {
        storedSecrets = Set.copyOf(stored);
        super.edit(draft);
        LoadedDriverFactory factory = drivers.stream().filter(f -> f.id().equals(draft.driverId())).findFirst().orElse(null);
        driver.setValue(factory);
        if (existing) {
            fixedDriverId = draft.driverId();
            driver.setReadOnly(true);
            if (factory == null) {
                driver.setHelperText("The driver '" + draft.driverId() + "' is not offered by a started plugin");
            }
        }
        showSettings(factory, draft.values());
    }

    @Override
    public void lookOnly() {
        super.lookOnly();
        driver.setReadOnly(true);
        settings.values().forEach(f -> f.setReadOnly(true));
    }

    @Override
    protected ConnectionDraft draft() {
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((key, field) -> {
            Object value = field.getValue();
            values.put(key, value == null ? "" : value.toString());
        });
        String driverId = fixedDriverId != null ? fixedDriverId : driver.getValue() == null ? null : driver.getValue().id();
        return new ConnectionDraft(name.getValue(), driverId, values);
    }

    /** The draft as typed now, to check without saving (secrets left empty keep the stored ones). */
    public ConnectionDraft typed() {
        return draft();
    }

    /**
     * Shows what the driver said of the typed settings: each problem at its field, choices the driver offers
     * for a field as a select in its place, and notes (a certificate's subject and expiry …) and problems of
     * the whole connection below the fields.
     */
    public void showCheck(ConfigValidation validation) {
        validating.values().forEach(field -> field.setInvalid(false));
        validation.choices().forEach(this::offerChoices);
        checkResult.removeAll();
        for (FieldProblem problem : validation.problems()) {
            HasValidation field = problem.key() == null ? null : validating.get(problem.key());
            if (field != null) {
                field.setErrorMessage(problem.message());
                field.setInvalid(true);
            } else {
                Paragraph general = new Paragraph(problem.message());
                general.getStyle().set("color", "var(--lumo-error-text-color)");
                checkResult.add(general);
            }
        }
        if (validation.isValid()) {
            checkResult.add(new Paragraph("The driver accepts these settings."));
        }
        validation.notes().forEach(note -> checkResult.add(new Paragraph(note)));
        if (checkResult.getParent().isEmpty()) {
            add(checkResult);
            setColspan(checkResult, 2);
        }
    }

    /** Puts a select of the driver's choices where the field was, keeping the typed value when it is one of them. */
    private void offerChoices(String key, List<Choice> choices) {
        HasValue<?, ?> current = settings.get(key);
        ConfigProperty property = driver.getValue() == null ? null : driver.getValue().configuration().stream()
                .filter(p -> p.key().equals(key)).findFirst().orElse(null);
        if (current == null || property == null || property.secret() || choices.isEmpty()) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        choices.forEach(choice -> labels.put(choice.value(), choice.label()));
        Select<String> select = new Select<>();
        select.setLabel(property.label());
        select.setItems(labels.keySet());
        select.setItemLabelGenerator(value -> labels.getOrDefault(value, value));
        select.setHelperText(property.help().isBlank() ? "Offered by the driver" : property.help() + " (offered by the driver)");
        select.setRequiredIndicatorVisible(property.required());
        Object typed = current.getValue();
        if (typed != null && labels.containsKey(typed.toString())) {
            select.setValue(typed.toString());
        }
        Component old = (Component) current;
        int index = getElement().indexOfChild(old.getElement());
        getElement().insertChild(index, select.getElement());
        getElement().removeChild(old.getElement());
        settings.put(key, select);
        validating.put(key, select);
        showApplicable();
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        Map<String, HasValidation> fields = new LinkedHashMap<>(validating);
        fields.put("name", name);
        fields.put("driverId", driver);
        return fields;
    }

    private void showSettings(LoadedDriverFactory factory, Map<String, String> values) {
        settings.values().forEach(f -> remove((Component) f));
        checkResult.removeAll();
        settings.clear();
        validating.clear();
        schema = factory == null ? List.of() : factory.configuration();
        if (factory == null) {
            return;
        }
        for (ConfigProperty property : factory.configuration()) {
            // Defaults fill a new connection only: an existing one shows what is stored.
            String value = values.containsKey(property.key()) ? values.get(property.key())
                    : fixedDriverId == null ? property.defaultValue() : null;
            HasValue<?, ?> field = field(property, value);
            settings.put(property.key(), field);
            if (field instanceof HasValidation v) {
                validating.put(property.key(), v);
            }
            add((Component) field);
        }
        // Settings that apply only in some mode (production's API key and URLs) come and go with that mode.
        schema.stream().map(ConfigProperty::shownWhen).filter(java.util.Objects::nonNull).map(ConfigProperty.ShownWhen::key)
                .distinct().map(settings::get).filter(java.util.Objects::nonNull)
                .forEach(controlling -> controlling.addValueChangeListener(e -> showApplicable()));
        showApplicable();
    }

    private void showApplicable() {
        Map<String, String> typed = new LinkedHashMap<>();
        settings.forEach((key, field) -> typed.put(key, field.getValue() == null ? "" : field.getValue().toString()));
        for (ConfigProperty property : schema) {
            HasValue<?, ?> field = settings.get(property.key());
            if (field != null) {
                ((Component) field).setVisible(ConnectionSettings.applies(property, schema, typed));
            }
        }
    }

    private HasValue<?, ?> field(ConfigProperty property, String value) {
        String text = value == null ? "" : value;
        HasValue<?, ?> field = switch (property.type()) {
            case TEXT, URL, INTEGER -> property.secret() ? secret(property) : textField(property, text);
            case MULTILINE -> {
                TextArea area = new TextArea(property.label());
                area.setValue(text);
                area.setHelperText(property.help());
                area.setMaxLength(ConnectionSettings.MAX_MULTILINE);
                yield area;
            }
            case BOOLEAN -> {
                Checkbox box = new Checkbox(property.label(), "true".equals(value));
                box.setTooltipText(property.help());
                yield box;
            }
            case CHOICE -> {
                Select<String> select = new Select<>();
                select.setLabel(property.label());
                select.setItems(property.options());
                select.setHelperText(property.help());
                if (property.options().contains(text)) {
                    select.setValue(text);
                }
                yield select;
            }
        };
        field.setRequiredIndicatorVisible(property.required());
        return field;
    }

    private TextField textField(ConfigProperty property, String value) {
        TextField field = new TextField(property.label());
        field.setValue(value);
        field.setHelperText(property.help());
        field.setMaxLength(ConnectionSettings.MAX_LINE);
        // A text field, not an IntegerField: the service's "must be a whole number" shows at the field.
        if (property.type() == dev.portier.plugin.api.ConfigType.INTEGER) {
            field.setAllowedCharPattern("[0-9-]");
        }
        return field;
    }

    private PasswordField secret(ConfigProperty property) {
        // Never filled: the stored secret does not leave the server.
        PasswordField field = new PasswordField(property.label());
        field.setRevealButtonVisible(false);
        field.setMaxLength(ConnectionSettings.MAX_LINE);
        boolean stored = storedSecrets.contains(property.key());
        field.setHelperText(stored ? STORED_SECRET : property.help());
        if (stored) {
            field.setPlaceholder(STORED_SECRET);
        }
        return field;
    }
}
