package dev.portier.web.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.data.provider.Query;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;

/**
 * Combo boxes that pick a site, lock, person or card. They page through the service as the person
 * scrolls and filter in the database as they type: an account with 100k people never loads them all.
 */
public final class Pickers {

    private Pickers() {
    }

    public static ComboBox<Site> sites(SiteService sites, SignedInUser who, String label) {
        ComboBox<Site> box = box(label);
        box.setItems(q -> sites.list(who, filter(q), page(q)).stream(), q -> sites.count(who, filter(q)));
        box.setItemLabelGenerator(Site::name);
        return box;
    }

    public static ComboBox<Lock> locks(LockService locks, SignedInUser who, String label) {
        ComboBox<Lock> box = box(label);
        box.setItems(q -> locks.list(who, byText(q), page(q)).stream(), q -> locks.count(who, byText(q)));
        box.setItemLabelGenerator(l -> l.name() + " · " + l.siteName());
        return box;
    }

    public static ComboBox<Person> people(PersonService people, SignedInUser who, String label) {
        ComboBox<Person> box = box(label);
        box.setItems(q -> people.list(who, filter(q), page(q)).stream(), q -> people.count(who, filter(q)));
        box.setItemLabelGenerator(Person::label);
        return box;
    }

    public static ComboBox<Card> cards(CardService cards, SignedInUser who, String label) {
        ComboBox<Card> box = box(label);
        box.setItems(q -> cards.list(who, filter(q), page(q)).stream(), q -> cards.count(who, filter(q)));
        box.setItemLabelGenerator(Pickers::cardLabel);
        return box;
    }

    public static String cardLabel(Card card) {
        String label = card.label() == null ? card.serialNumber() : card.serialNumber() + " · " + card.label();
        return card.personName() == null ? label : label + " (" + card.personName() + ")";
    }

    private static <T> ComboBox<T> box(String label) {
        ComboBox<T> box = new ComboBox<>(label);
        box.setClearButtonVisible(true);
        box.setPlaceholder("Type to search");
        return box;
    }

    private static String filter(Query<?, String> query) {
        return query.getFilter().orElse("");
    }

    private static LockFilter byText(Query<?, String> query) {
        return new LockFilter(filter(query), null, null, null);
    }

    private static PageRequest page(Query<?, ?> query) {
        return Paging.of(query);
    }
}
