package dev.portier.web.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.Arrays;
import java.util.Objects;

/** The parts every list page (sites, locks, people, cards, grants) shares, so they look and behave alike. */
public final class ListPages {

    private ListPages() {
    }

    /**
     * The page title with actions on the right (CSV, and for people who may change things the add
     * button); {@code null} actions are left out.
     */
    public static HorizontalLayout header(String title, Component... actionsOrNulls) {
        HorizontalLayout actions = new HorizontalLayout(Arrays.stream(actionsOrNulls).filter(Objects::nonNull).toArray(Component[]::new));
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(new H2(title), actions);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        return header;
    }

    public static Button addButton(String text, Runnable onClick) {
        Button add = new Button(text, VaadinIcon.PLUS.create(), e -> onClick.run());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return add;
    }

    /** A search box that asks the database again shortly after the person stops typing. */
    public static TextField search(String placeholder) {
        TextField search = new TextField("Search");
        search.setPlaceholder(placeholder);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setMaxLength(200);
        search.setMinWidth("16em");
        return search;
    }

    /** A filter over an enum's values, empty meaning "all". */
    public static <E> Select<E> filter(String label, E[] values, ItemLabelGenerator<E> labels, String all) {
        Select<E> select = new Select<>();
        select.setLabel(label);
        select.setItems(values);
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption(all);
        select.setItemLabelGenerator(v -> v == null ? all : labels.apply(v));
        return select;
    }

    /** Search and filters in a row that wraps on narrow screens; {@code null}s are left out. */
    public static HorizontalLayout filters(Component... fields) {
        HorizontalLayout filters = new HorizontalLayout(Arrays.stream(fields).filter(Objects::nonNull).toArray(Component[]::new));
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        return filters;
    }

    /** A full-size grid whose rows open their entity. */
    public static <T> Grid<T> grid() {
        Grid<T> grid = new Grid<>();
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("Nothing here yet, or nothing matches the search");
        return grid;
    }
}
