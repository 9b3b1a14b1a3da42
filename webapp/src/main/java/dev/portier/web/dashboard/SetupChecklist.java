package dev.portier.web.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.icon.Icon;
import dev.portier.web.ui.Routes;

/**
 * The first steps, in order, until the first grant exists: a connection to the vendor, a site, a lock, a person,
 * a grant. Each is ticked when one exists and links to where it is made.
 */
final class SetupChecklist extends Div {

    SetupChecklist(int connections, int sites, int locks, int people, int grants) {
        addClassName("setup-checklist");
        OrderedList steps = new OrderedList();
        steps.add(step(connections > 0, "Connect a lock vendor (or the sandbox)", Routes.item(Routes.CONNECTIONS, "new")));
        steps.add(step(sites > 0, "Add a site: where the locks are, and its time zone", Routes.item(Routes.SITES, "new")));
        steps.add(step(locks > 0, "Add a lock at the site", Routes.item(Routes.LOCKS, "new")));
        steps.add(step(people > 0, "Add a person", Routes.item(Routes.PEOPLE, "new")));
        steps.add(step(grants > 0, "Grant them access to the lock", Routes.item(Routes.GRANTS, "new")));
        add(new H3("Getting started"), steps);
    }

    private static ListItem step(boolean done, String text, String address) {
        Icon icon = (done ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create();
        icon.setColor(done ? "var(--lumo-success-color)" : "var(--lumo-secondary-text-color)");
        icon.setSize("var(--lumo-icon-size-s)");
        icon.getElement().setAttribute("aria-hidden", "true");
        Span state = new Span(done ? " (done)" : "");
        state.addClassNames("text-secondary", "text-s");
        ListItem item = new ListItem(icon, new Span(" "), Routes.link(text, address), state);
        item.addClassName(done ? "done" : "todo");
        return item;
    }
}
