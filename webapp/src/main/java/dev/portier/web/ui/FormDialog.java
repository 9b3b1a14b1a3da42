package dev.portier.web.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.function.SerializableSupplier;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.VendorException;

/**
 * A {@link DraftForm} in a dialog, wired to the service call that saves it. A refusal keeps the
 * dialog open with the service's message at its field (or, for a role too low, as an error):
 * nothing was written, so the person can correct and try again.
 */
public final class FormDialog<D> extends Dialog {

    private final DraftForm<D> form;
    private final Span footerStart = new Span();
    private final SerializableFunction<D, String> save;
    private final Runnable afterSave;
    private SerializableFunction<D, java.util.List<String>> warnings;

    /**
     * @param save calls the service with the draft and returns what to tell the person, e.g. "Site Oslo was saved"
     * @param afterSave runs once the save went through (refresh the grid)
     */
    public FormDialog(String title, DraftForm<D> form, SerializableFunction<D, String> save, Runnable afterSave) {
        this.form = form;
        setHeaderTitle(title);
        setWidth("min(52em, 100vw)");
        add(form);
        getFooter().add(footerStart, form.buttons());
        footerStart.getStyle().set("margin-inline-end", "auto");
        form.addCancelListener(this::close);
        this.save = save;
        this.afterSave = afterSave;
        form.addSaveListener(this::saveOrWarn);
    }

    /**
     * Asks {@code check} before each save; when it answers sentences (e.g. "lock X cannot enforce this schedule"),
     * they are shown first and the draft is saved only on "Save anyway".
     */
    public FormDialog<D> warnBeforeSave(SerializableFunction<D, java.util.List<String>> check) {
        this.warnings = check;
        return this;
    }

    private void saveOrWarn(D draft) {
        java.util.List<String> found = java.util.List.of();
        if (warnings != null) {
            try {
                found = warnings.apply(draft);
            } catch (RuntimeException unreadable) {
                found = java.util.List.of(); // the save itself says what is wrong with the draft
            }
        }
        if (found.isEmpty()) {
            attempt(() -> save.apply(draft), afterSave);
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Before saving");
        com.vaadin.flow.component.html.Div text = new com.vaadin.flow.component.html.Div();
        text.addClassName("save-warnings");
        found.forEach(sentence -> text.add(new com.vaadin.flow.component.html.Paragraph(sentence)));
        confirm.setText(text);
        confirm.setCancelable(true);
        confirm.setCancelText("Back to the form");
        confirm.setConfirmText("Save anyway");
        confirm.addConfirmListener(ok -> attempt(() -> save.apply(draft), afterSave));
        confirm.open();
    }

    /** Adds a delete button that asks first; the service may still refuse (the site has locks …). */
    public FormDialog<D> withDelete(String question, String consequence, SerializableSupplier<String> delete, Runnable afterDelete) {
        Button button = new Button("Delete", VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog(question, consequence, "Delete",
                    ok -> attempt(delete, afterDelete));
            confirm.setConfirmButtonTheme("error primary");
            confirm.setCancelable(true);
            confirm.open();
        });
        button.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        footerStart.add(button);
        return this;
    }

    /** The form only shows the entity: for VIEWERs. */
    public FormDialog<D> lookOnly() {
        form.lookOnly();
        return this;
    }

    private void attempt(SerializableSupplier<String> action, Runnable after) {
        try {
            FormErrors.success(action.get());
            close();
            after.run();
        } catch (ValidationException e) {
            form.showErrors(e);
        } catch (ConflictException e) {
            form.showErrors(e);
        } catch (ForbiddenException | VendorException e) {
            FormErrors.error(e.getMessage());
        } catch (NotFoundException e) {
            FormErrors.error("It no longer exists: someone else deleted it meanwhile");
            close();
            after.run();
        }
    }
}
