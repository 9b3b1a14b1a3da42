package dev.portier.web.bulk;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A list's rows chosen with check boxes, and the button that opens a bulk change for them. */
public final class BulkSelection {

    private BulkSelection() {
    }

    /**
     * Turns {@code grid} into a multi-select grid and answers the "Bulk change…" button, enabled while rows are
     * selected; {@code open} gets the selected rows' ids.
     */
    public static <T> Button attach(Grid<T> grid, Function<T, String> id, Function<List<String>, BulkChangeDialog> open) {
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        Button button = new Button("Bulk change…", VaadinIcon.LIST_SELECT.create());
        button.addClassName("bulk-change");
        button.setEnabled(false);
        grid.addSelectionListener(e -> {
            Set<T> selected = e.getAllSelectedItems();
            button.setEnabled(!selected.isEmpty());
            button.setText(selected.isEmpty() ? "Bulk change…" : "Bulk change (" + selected.size() + ")…");
        });
        button.addClickListener(e -> open.apply(grid.getSelectedItems().stream().map(id).toList()).open());
        return button;
    }

    /** After a bulk change: nothing selected, the list re-read. */
    public static <T> void done(Grid<T> grid) {
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }
}
