package dev.portier.web.people;

import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.web.groups.GroupsOfMember;
import dev.portier.web.ui.Routes;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.people.PhoneNumbers;
import com.google.inject.Inject;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.web.csv.CsvActions;
import dev.portier.web.csv.CsvKind;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.drivers.trust.DeviceService;
import dev.portier.web.trust.DevicesDialog;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.ui.FormDialog;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import java.time.ZoneId;
import java.util.List;
import dev.portier.access.bulk.BulkChanges;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.sites.SiteService;
import dev.portier.web.bulk.BulkChangeDialog;
import dev.portier.web.bulk.BulkSelection;

/** The people who get access; {@code /people/{id}} opens one, {@code /people/new} adds one. */
@Route(PeopleView.ROUTE)
@PageTitle("People · Portier")
public final class PeopleView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.PEOPLE;

    private final transient PersonService people;
    private final SignedInUser me = CurrentUser.require();
    private final TextField search = ListPages.search("Name, email or phone");
    private final Grid<Person> grid = ListPages.grid();
    private final EntityDialogs<Person> dialogs;
    private final boolean canEdit;

    private final transient DeviceService devices;
    private final transient GroupService groups;
    private final ZoneId zone;

    @Inject
    PeopleView(PersonService people, Authorization authorization, DeviceService devices,
            AccountService accounts, GroupService groups, BulkChanges bulk, LockService locks, SiteService sites) {
        this.people = people;
        this.groups = groups;
        this.devices = devices;
        this.zone = ZoneId.of(accounts.current(me).timeZone());
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        dialogs = new EntityDialogs<>(PeopleView.class, id -> people.get(me, id), this::dialog,
                canEdit ? null : "Adding a person needs the Manager role");
        setSizeFull();

        grid.addColumn(Person::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(Person::email).setHeader("Email").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(p -> PhoneNumbers.display(p.phone())).setHeader("Phone").setAutoWidth(true);
        grid.addColumn(Person::notes).setHeader("Notes").setFlexGrow(2);
        grid.setItems(q -> people.list(me, search.getValue(), Paging.of(q)).stream(), q -> people.count(me, search.getValue()));
        grid.addItemClickListener(e -> navigate(e.getItem().id()));
        search.addValueChangeListener(e -> refresh());

        // Bulk change: grant or revoke for the people ticked in the list, with a preview first.
        Button bulkChange = canEdit ? BulkSelection.attach(grid, Person::id, ids -> new BulkChangeDialog(bulk, locks, sites, groups, me, ids,
                List.of(), ids.size() == 1 ? "1 person" : ids.size() + " people", zone, () -> BulkSelection.done(grid))) : null;
        add(ListPages.header("People", new CsvActions(CsvKind.PEOPLE, grid.getDataProvider()::refreshAll), bulkChange,
                        canEdit ? ListPages.addButton("Add person", () -> navigate(EntityDialogs.NEW)) : null),
                ListPages.filters(search), grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    private Dialog dialog(Person person) {
        PersonForm form = new PersonForm(people.phoneCountry(me).orElse(null));
        if (person == null) {
            form.edit(new PersonDraft("", "", "", ""));
            return new FormDialog<>("New person", form, draft -> people.create(me, draft).name() + " was added", this::refresh);
        }
        form.edit(new PersonDraft(person.name(), person.email(), person.phone(), person.notes()));
        FormDialog<PersonDraft> dialog = new FormDialog<>(person.name(), form,
                draft -> people.update(me, person.id(), draft).name() + " was saved", this::refresh);
        dialog.add(GroupsOfMember.of(groups, me, GroupKind.PEOPLE, person.id()));
        Button phones = new Button("Phones…",
                e -> new DevicesDialog(devices, me, person.id(), person.name(), zone, canEdit).open());
        phones.getStyle().set("margin-inline-end", "auto");
        dialog.getFooter().addComponentAsFirst(phones);
        // Every lock they may open, and why (the access page); the dialog closes as the page changes.
        Button access = new Button("Access…", e -> {
            dialog.close();
            com.vaadin.flow.component.UI.getCurrent().navigate(dev.portier.web.ui.Routes.personAccess(person.id()));
        });
        dialog.getFooter().addComponentAtIndex(1, access);
        if (!canEdit) {
            return dialog.lookOnly();
        }
        return dialog.withDelete("Delete " + person.name() + "?",
                "Their cards stay, unassigned. Someone with grants, revoked ones included, cannot be deleted: "
                        + "the grants keep the history of who had access.",
                () -> {
                    people.delete(me, person.id());
                    return person.name() + " was deleted";
                }, this::refresh);
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(PeopleView.class, id);
    }
}
