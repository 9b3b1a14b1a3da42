package dev.portier.web.identity;

import dev.portier.web.ui.Routes;
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.RequiresRole;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ValidationException;
import java.time.ZoneId;

/** OWNER only: who belongs to the account, with which role; add, change role, remove. */
@Route(UsersView.ROUTE)
@PageTitle("Users & roles · Portier")
@RequiresRole(Role.OWNER)
public final class UsersView extends VerticalLayout {

    public static final String ROUTE = Routes.USERS;

    private final transient UserService users;
    private final SignedInUser me = CurrentUser.require();
    private final Grid<Member> grid = new Grid<>();

    @Inject
    UsersView(UserService users, AccountService accounts) {
        this.users = users;
        ZoneId zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();

        Button add = new Button("Add user", VaadinIcon.PLUS.create(), e -> new AddUserDialog(users, me, this::refresh).open());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Users & roles"), add);
        toolbar.setWidthFull();
        toolbar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);

        grid.addColumn(Member::displayName).setHeader("Name").setSortable(true).setAutoWidth(true);
        grid.addColumn(Member::email).setHeader("Email").setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(this::roleSelect).setHeader("Role").setAutoWidth(true);
        grid.addColumn(m -> Times.format(m.memberSince(), zone)).setHeader("Member since").setAutoWidth(true);
        grid.addComponentColumn(this::removeButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        add(toolbar, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.members(me));
    }

    private Select<Role> roleSelect(Member member) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setItemLabelGenerator(Role::label);
        select.setValue(member.role());
        select.setAriaLabel("Role of " + member.email());
        select.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                Member changed = users.changeRole(me, member.userId(), e.getValue());
                FormErrors.success(changed.email() + " is now " + changed.role().label());
            } catch (ValidationException ex) {
                FormErrors.error(ex.getMessage());
            }
            refresh();
        });
        return select;
    }

    private Button removeButton(Member member) {
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> confirmRemoval(member));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove " + member.email());
        remove.setTooltipText("Remove from this account");
        return remove;
    }

    private void confirmRemoval(Member member) {
        ConfirmDialog dialog = new ConfirmDialog("Remove " + member.displayName() + "?",
                member.email() + " will no longer be able to open this account. Their user stays, "
                        + "with any other accounts they belong to.",
                "Remove", e -> {
                    try {
                        users.removeMember(me, member.userId());
                        FormErrors.success(member.email() + " was removed");
                    } catch (ValidationException ex) {
                        FormErrors.error(ex.getMessage());
                    }
                    refresh();
                });
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.open();
    }
}
