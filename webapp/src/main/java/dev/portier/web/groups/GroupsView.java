package dev.portier.web.groups;

import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.identity.security.CurrentUser;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.web.ui.Routes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * People groups ("Cleaning staff") and lock groups ("Common doors"): grants name them once, and their
 * members get (and lose) access with them. Members are picked with multi-select pickers.
 */
@Route(Routes.GROUPS)
@PageTitle("Groups · Portier")
public final class GroupsView extends VerticalLayout {

    private final transient GroupService groups;
    private final transient PersonService people;
    private final transient LockService locks;
    private final SignedInUser me = CurrentUser.require();
    private final boolean canEdit;

    private final transient dev.portier.access.whatif.WhatIfs whatIfs;
    private final java.time.ZoneId zone;

    @Inject
    GroupsView(GroupService groups, PersonService people, LockService locks, Authorization authorization,
            dev.portier.access.whatif.WhatIfs whatIfs, dev.portier.identity.accounts.AccountService accounts) {
        this.groups = groups;
        this.whatIfs = whatIfs;
        this.zone = java.time.ZoneId.of(accounts.current(me).timeZone());
        this.people = people;
        this.locks = locks;
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        setWidthFull();
        // Two sections one above the other (not a TabSheet: axe finds its vaadin-tabs without required tab children).
        add(ListPages.header("Groups"), new H3("People groups"), list(GroupKind.PEOPLE), new H3("Lock groups"), list(GroupKind.LOCKS));
    }

    private VerticalLayout list(GroupKind kind) {
        Grid<Group> grid = ListPages.grid();
        grid.setAllRowsVisible(true);
        grid.addColumn(Group::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(Group::memberCount).setHeader(kind == GroupKind.PEOPLE ? "People" : "Locks").setAutoWidth(true);
        Runnable refresh = () -> grid.setItems(groups.list(me, kind));
        refresh.run();
        grid.addItemClickListener(e -> dialog(kind, e.getItem(), refresh).open());
        Button add = canEdit ? ListPages.addButton("Add " + kind.label().toLowerCase(), () -> dialog(kind, null, refresh).open()) : null;
        Paragraph hint = new Paragraph(kind == GroupKind.PEOPLE
                ? "A grant for a people group gives each member the same access; who joins gets it, who leaves loses it at once."
                : "A grant on a lock group opens each of its locks; a lock added to the group is covered at once.");
        hint.addClassNames("text-secondary", "text-s");
        VerticalLayout layout = new VerticalLayout(add == null ? hint : new VerticalLayout(hint, add), grid);
        layout.setPadding(false);
        layout.setWidthFull();
        return layout;
    }

    private Dialog dialog(GroupKind kind, Group group, Runnable refresh) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(group == null ? "New " + kind.label().toLowerCase() : group.name());
        dialog.setWidth("40em");
        TextField name = new TextField("Name");
        name.setMaxLength(GroupService.MAX_NAME);
        name.setWidthFull();
        name.setValue(group == null ? "" : group.name());
        VerticalLayout body = new VerticalLayout(name);
        body.setPadding(false);
        dialog.add(body);
        MembersPicker<?> members = kind == GroupKind.PEOPLE
                ? new MembersPicker<>(peoplePicker(), Person::id, group == null ? List.of() : currentPeople(group))
                : new MembersPicker<>(lockPicker(), Lock::id, group == null ? List.of() : currentLocks(group));
        body.add(members.box);
        if (!canEdit) {
            name.setReadOnly(true);
            members.box.setReadOnly(true);
            dialog.getFooter().add(new Button("Close", e -> dialog.close()));
            return dialog;
        }
        Button save = new Button("Save", e -> {
            try {
                Group saved = group == null ? groups.create(me, kind, name.getValue())
                        : group.name().equals(name.getValue().strip()) ? group : groups.rename(me, kind, group.id(), name.getValue());
                Set<String> chosen = members.chosenIds();
                Set<String> before = members.initialIds();
                List<String> added = chosen.stream().filter(id -> !before.contains(id)).toList();
                List<String> removed = before.stream().filter(id -> !chosen.contains(id)).toList();
                if (!added.isEmpty()) {
                    groups.addMembers(me, kind, saved.id(), added);
                }
                if (!removed.isEmpty()) {
                    groups.removeMembers(me, kind, saved.id(), removed);
                }
                dialog.close();
                refresh.run();
                Notification.show(kind.label() + " " + saved.name() + " was saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ValidationException | ConflictException ex) {
                String field = ex instanceof ValidationException v ? v.firstField() : ((ConflictException) ex).field();
                if ("members".equals(field)) {
                    members.box.setErrorMessage(ex.getMessage());
                    members.box.setInvalid(true);
                } else {
                    name.setErrorMessage(ex.getMessage());
                    name.setInvalid(true);
                }
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        if (group != null) {
            // What-if of the membership change the form holds now: who gains and loses which lock through the group's grants.
            Button preview = new Button("Preview changes", e -> {
                Set<String> chosen = members.chosenIds();
                Set<String> before = members.initialIds();
                List<String> added = chosen.stream().filter(id -> !before.contains(id)).toList();
                List<String> removed = before.stream().filter(id -> !chosen.contains(id)).toList();
                Dialog shown = new Dialog();
                shown.setHeaderTitle("What saving would change");
                shown.addClassName("what-if-dialog");
                shown.add(new dev.portier.web.bulk.WhatIfPanel(whatIfs.of(me, () -> {
                    if (!added.isEmpty()) {
                        groups.addMembers(me, kind, group.id(), added);
                    }
                    if (!removed.isEmpty()) {
                        groups.removeMembers(me, kind, group.id(), removed);
                    }
                    return null;
                }), zone));
                shown.getFooter().add(new Button("Close", c -> shown.close()));
                shown.open();
            });
            preview.addClassName("preview-changes");
            preview.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            dialog.getFooter().add(preview);
        }
        if (group != null) {
            Button delete = new Button("Delete", e -> {
                try {
                    groups.delete(me, kind, group.id());
                    dialog.close();
                    refresh.run();
                    Notification.show(kind.label() + " " + group.name() + " was deleted");
                } catch (ConflictException ex) {
                    Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.getStyle().set("margin-inline-end", "auto");
            dialog.getFooter().add(delete);
        }
        dialog.getFooter().add(cancel, save);
        return dialog;
    }

    private MultiSelectComboBox<Person> peoplePicker() {
        MultiSelectComboBox<Person> box = new MultiSelectComboBox<>("Members");
        box.setItems(q -> people.list(me, q.getFilter().orElse(""), Paging.of(q)).stream(),
                q -> people.count(me, q.getFilter().orElse("")));
        box.setItemLabelGenerator(Person::label);
        return box;
    }

    private MultiSelectComboBox<Lock> lockPicker() {
        MultiSelectComboBox<Lock> box = new MultiSelectComboBox<>("Locks");
        box.setItems(q -> locks.list(me, new LockFilter(q.getFilter().orElse(""), null, null, null), Paging.of(q)).stream(),
                q -> locks.count(me, new LockFilter(q.getFilter().orElse(""), null, null, null)));
        box.setItemLabelGenerator(l -> l.name() + " · " + l.siteName());
        return box;
    }

    private List<Person> currentPeople(Group group) {
        return groups.members(me, GroupKind.PEOPLE, group.id()).stream().map(id -> people.get(me, id)).toList();
    }

    private List<Lock> currentLocks(Group group) {
        return groups.members(me, GroupKind.LOCKS, group.id()).stream().map(id -> locks.get(me, id)).toList();
    }

    /** A multi-select picker of members, with the ids it started with. */
    private static final class MembersPicker<T> {
        final MultiSelectComboBox<T> box;
        private final Function<T, String> id;
        private final Set<String> initial = new HashSet<>();

        MembersPicker(MultiSelectComboBox<T> box, Function<T, String> id, List<T> current) {
            this.box = box;
            this.id = id;
            box.setWidthFull();
            box.setPlaceholder("Type to search");
            box.setClearButtonVisible(true);
            current.forEach(member -> initial.add(id.apply(member)));
            box.setValue(new ArrayList<>(current));
        }

        Set<String> chosenIds() {
            Set<String> ids = new HashSet<>();
            box.getValue().forEach(member -> ids.add(id.apply(member)));
            return ids;
        }

        Set<String> initialIds() {
            return initial;
        }
    }
}
