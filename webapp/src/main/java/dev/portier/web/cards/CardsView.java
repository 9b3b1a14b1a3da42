package dev.portier.web.cards;

import dev.portier.web.ui.Routes;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.drivers.trust.CardKeys;
import dev.portier.platform.db.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.google.inject.Inject;
import dev.portier.access.bulk.BulkChanges;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.web.bulk.BulkChangeDialog;
import dev.portier.web.bulk.BulkSelection;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.ui.FormDialog;
import dev.portier.web.csv.CsvActions;
import dev.portier.web.csv.CsvKind;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;

/** The account's NFC cards; {@code /cards/{id}} opens one, {@code /cards/new} adds one. */
@Route(CardsView.ROUTE)
@PageTitle("Cards · Portier")
public final class CardsView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.CARDS;

    private final transient CardService cards;
    private final transient PersonService people;
    private final transient CardKeys cardKeys;
    /** Active keys per card of the page the grid fetched last. */
    private final Map<String, Integer> keyCounts = new HashMap<>();
    private final SignedInUser me = CurrentUser.require();
    private final TextField search = ListPages.search("Serial, label or holder");
    private final Grid<Card> grid = ListPages.grid();
    private final EntityDialogs<Card> dialogs;
    private final boolean canEdit;

    @Inject
    CardsView(CardService cards, PersonService people, CardKeys cardKeys, Authorization authorization, BulkChanges bulk,
            LockService locks, SiteService sites, AccountService accounts) {
        this.cards = cards;
        this.people = people;
        this.cardKeys = cardKeys;
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        dialogs = new EntityDialogs<>(CardsView.class, id -> cards.get(me, id), this::dialog,
                canEdit ? null : "Adding a card needs the Manager role");
        setSizeFull();

        grid.addColumn(Card::serialNumber).setHeader("Serial number").setAutoWidth(true);
        grid.addColumn(c -> c.cardType().label()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(Card::label).setHeader("Label").setFlexGrow(1);
        grid.addColumn(Card::personName).setHeader("Assigned to").setFlexGrow(1);
        grid.addComponentColumn(CardsView::stateBadge).setHeader("State").setAutoWidth(true);
        grid.addColumn(c -> keyCounts.getOrDefault(c.id(), 0)).setHeader("Keys").setAutoWidth(true)
                .setTooltipGenerator(c -> "Active card keys: one per lock its grants cover, where the lock's driver issues keys to cards");
        grid.setItems(q -> page(Paging.of(q)).stream(), q -> cards.count(me, search.getValue()));
        grid.addItemClickListener(e -> navigate(e.getItem().id()));
        search.addValueChangeListener(e -> refresh());

        // Bulk change: grant or revoke for the cards ticked in the list, with a preview first.
        com.vaadin.flow.component.button.Button bulkChange = canEdit ? BulkSelection.attach(grid, Card::id, ids -> new BulkChangeDialog(bulk, locks, sites, null, me,
                java.util.List.of(), ids, ids.size() == 1 ? "1 card" : ids.size() + " cards",
                java.time.ZoneId.of(accounts.current(me).timeZone()), () -> BulkSelection.done(grid))) : null;
        add(ListPages.header("Cards", new CsvActions(CsvKind.CARDS, grid.getDataProvider()::refreshAll), bulkChange,
                        canEdit ? ListPages.addButton("Add card", () -> navigate(EntityDialogs.NEW)) : null),
                ListPages.filters(search), grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    private Dialog dialog(Card card) {
        CardForm form = new CardForm(people, me);
        if (card == null) {
            form.edit(new CardDraft(CardType.GEOTAB_TAPCARD, "", null, "", CardState.ACTIVE));
            return new FormDialog<>("New card", form, draft -> "Card " + cards.create(me, draft).serialNumber() + " was added",
                    this::refresh);
        }
        form.edit(new CardDraft(card.cardType(), card.serialNumber(), card.personId(), card.label(), card.state()));
        FormDialog<CardDraft> dialog = new FormDialog<>("Card " + card.serialNumber(), form,
                draft -> "Card " + cards.update(me, card.id(), draft).serialNumber() + " was saved", this::refresh);
        Button access = new Button("Access…", e -> {
            dialog.close();
            UI.getCurrent().navigate(dev.portier.web.ui.Routes.cardAccess(card.id()));
        });
        access.getStyle().set("margin-inline-end", "auto");
        dialog.getFooter().addComponentAsFirst(access);
        if (!canEdit) {
            return dialog.lookOnly();
        }
        return dialog.withDelete("Delete card " + card.serialNumber() + "?",
                "A card that has grants cannot be deleted: mark it lost or retired instead.",
                () -> {
                    cards.delete(me, card.id());
                    return "Card " + card.serialNumber() + " was deleted";
                }, this::refresh);
    }

    private static Badge stateBadge(Card card) {
        Badge badge = new Badge(card.state().label());
        badge.addThemeVariants(switch (card.state()) {
            case ACTIVE -> BadgeVariant.SUCCESS;
            case LOST -> BadgeVariant.ERROR;
            case RETIRED -> BadgeVariant.CONTRAST;
        });
        return badge;
    }

    private List<Card> page(PageRequest request) {
        List<Card> page = cards.list(me, search.getValue(), request);
        Map<String, Integer> counts = cardKeys.activeCounts(me, page.stream().map(Card::id).toList());
        page.forEach(card -> keyCounts.put(card.id(), counts.getOrDefault(card.id(), 0)));
        return page;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(CardsView.class, id);
    }
}
