package dev.portier.web.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEvent;
import dev.portier.platform.validation.NotFoundException;
import java.io.Serializable;

/**
 * Gives every entity of a list page its own URL: {@code /sites/new} opens the create dialog over the
 * list, {@code /sites/{id}} the edit (or, for VIEWERs, look-only) dialog; closing it goes back to
 * {@code /sites}. An id that is unknown or belongs to another account shows the not-found page, never
 * telling the two apart; {@code new} for someone who may not create shows the no-access page.
 *
 * @param <T> the entity, e.g. {@code Site}
 */
public final class EntityDialogs<T> implements Serializable {

    public static final String NEW = "new";

    private final Class<? extends Component> listView;
    private final SerializableFunction<String, T> find;
    private final SerializableFunction<T, Dialog> dialogFor;
    private final String createNeeds;
    private Dialog current;

    /**
     * @param find the service's get: throws {@link NotFoundException} for unknown or foreign ids
     * @param dialogFor the dialog for an entity, or for a new one when given {@code null}
     * @param createNeeds null when the person may create; else why not, e.g. "Adding a site needs the Manager role"
     */
    public EntityDialogs(Class<? extends Component> listView, SerializableFunction<String, T> find,
            SerializableFunction<T, Dialog> dialogFor, String createNeeds) {
        this.listView = listView;
        this.find = find;
        this.dialogFor = dialogFor;
        this.createNeeds = createNeeds;
    }

    /** Call from the list view's {@code setParameter}. */
    public void show(BeforeEvent event, String parameter) {
        close();
        if (parameter == null) {
            return;
        }
        if (parameter.equals(NEW)) {
            if (createNeeds != null) {
                event.rerouteToError(AccessDeniedException.class, createNeeds);
                return;
            }
            open(dialogFor.apply(null));
            return;
        }
        T entity;
        try {
            entity = find.apply(parameter);
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        open(dialogFor.apply(entity));
    }

    private void open(Dialog dialog) {
        current = dialog;
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened() && current == dialog) {
                current = null;
                UI.getCurrent().navigate(listView);
            }
        });
        dialog.open();
    }

    private void close() {
        Dialog open = current;
        current = null;
        if (open != null) {
            open.close();
        }
    }
}
