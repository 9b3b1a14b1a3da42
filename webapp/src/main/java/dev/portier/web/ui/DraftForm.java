package dev.portier.web.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;

/**
 * A create/edit form over the draft record a service takes (Vaadin's CRM-tutorial shape): it owns its
 * {@link Binder}, checks the domain's rules at each field before anything is sent, and fires a typed
 * {@link SaveEvent} with the draft or a {@link CancelEvent}. Whoever listens calls the service and
 * hands refusals back through {@link #showErrors}, so the service's message lands at its field.
 *
 * <p>Bindings only read ({@link Validators#notWritten()}): {@link #edit} fills the fields from a draft,
 * {@link #draft()} builds a new one from what is typed.
 *
 * @param <D> the draft record, e.g. {@code SiteDraft}
 */
public abstract class DraftForm<D> extends FormLayout {

    protected final Binder<D> binder = new Binder<>();
    private final Button save = new Button("Save", e -> save());
    private final Button cancel = new Button("Cancel", e -> fireEvent(new CancelEvent(this)));
    private final HorizontalLayout buttons = new HorizontalLayout(cancel, save);

    protected DraftForm() {
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("32em", 2));
    }

    /** The draft as typed now; only called once the binder's checks pass. */
    protected abstract D draft();

    /** The form's fields under the names the services use in their exceptions. */
    protected abstract Map<String, ? extends HasValidation> fieldsByName();

    /** Fills the fields from {@code draft}: an existing entity's values, or a new one's defaults. */
    public void edit(D draft) {
        binder.readBean(draft);
    }

    /** For people who may only look: every field read-only, no save, "Close" instead of "Cancel". */
    public void lookOnly() {
        binder.setReadOnly(true);
        save.setVisible(false);
        cancel.setText("Close");
    }

    /** Save and cancel, for the dialog footer. */
    public HorizontalLayout buttons() {
        return buttons;
    }

    public void showErrors(ValidationException e) {
        FormErrors.show(e, fieldsByName());
    }

    public void showErrors(ConflictException e) {
        FormErrors.show(e, fieldsByName());
    }

    /** Checks every field; fires the save event when all pass. */
    public void save() {
        if (binder.validate().isOk()) {
            fireEvent(new SaveEvent(this, draft()));
        }
    }

    /** Listens for saves; the draft comes typed (the event itself cannot carry {@code D} past erasure). */
    @SuppressWarnings("unchecked")
    public Registration addSaveListener(SerializableConsumer<D> listener) {
        return addListener(SaveEvent.class, e -> listener.accept((D) e.draft()));
    }

    public Registration addCancelListener(Runnable listener) {
        return addListener(CancelEvent.class, e -> listener.run());
    }

    /** The form's fields passed their checks; {@link #draft()} is what to save. */
    public static final class SaveEvent extends ComponentEvent<DraftForm<?>> {
        private final Object draft;

        SaveEvent(DraftForm<?> source, Object draft) {
            super(source, false);
            this.draft = draft;
        }

        public Object draft() {
            return draft;
        }
    }

    /** The person closed the form without saving. */
    public static final class CancelEvent extends ComponentEvent<DraftForm<?>> {
        CancelEvent(DraftForm<?> source) {
            super(source, false);
        }
    }
}
