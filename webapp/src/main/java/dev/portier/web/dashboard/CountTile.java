package dev.portier.web.dashboard;

import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.html.Anchor;

/** A count on the dashboard that opens its page, e.g. "12 Locks". */
final class CountTile extends Anchor {

    CountTile(String label, int count, String address, VaadinIcon icon) {
        setHref(address);
        getElement().setAttribute("router-link", true);
        Span number = new Span(String.format("%,d", count));
        number.addClassNames("text-3xl", "font-semibold", "text-body");
        Card card = new Card();
        card.addThemeVariants(CardVariant.LUMO_OUTLINED);
        card.setHeaderPrefix(icon.create());
        card.setTitle(label);
        card.add(number);
        card.setWidth("11em");
        add(card);
        getElement().setAttribute("aria-label", count + " " + label);
        getStyle().set("text-decoration", "none");
    }
}
