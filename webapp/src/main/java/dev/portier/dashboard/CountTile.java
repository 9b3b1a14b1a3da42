package dev.portier.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouterLink;

/** A count on the dashboard that opens its page, e.g. "12 Locks". */
final class CountTile extends RouterLink {

    CountTile(String label, int count, Class<? extends Component> page, VaadinIcon icon) {
        super(page);
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
