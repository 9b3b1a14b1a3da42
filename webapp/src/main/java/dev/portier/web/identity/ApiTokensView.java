package dev.portier.web.identity;

import dev.portier.web.ui.Routes;
import dev.portier.identity.apitokens.ApiToken;
import dev.portier.identity.apitokens.ApiTokenService;
import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.RequiresRole;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.time.Times;
import java.time.ZoneId;

/** MANAGER and up: the account's API tokens, newest first; create one, revoke one. */
@Route(ApiTokensView.ROUTE)
@PageTitle("API tokens · Portier")
@RequiresRole(Role.MANAGER)
public final class ApiTokensView extends VerticalLayout {

    public static final String ROUTE = Routes.API_TOKENS;

    private final transient ApiTokenService tokens;
    private final SignedInUser me = CurrentUser.require();
    private final Grid<ApiToken> grid = new Grid<>();

    @Inject
    ApiTokensView(ApiTokenService tokens, AccountService accounts) {
        this.tokens = tokens;
        ZoneId zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();

        Button create = new Button("New token", VaadinIcon.PLUS.create(),
                e -> new NewApiTokenDialog(tokens, me, grid.getDataProvider()::refreshAll).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout toolbar = new HorizontalLayout(new H2("API tokens"), create);
        toolbar.setWidthFull();
        toolbar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        Paragraph about = new Paragraph("Scripts and integrations call the REST API under /api/v1 with the header "
                + "Authorization: Bearer <token>. A token acts as Viewer or Manager, never above the current role of the "
                + "person who created it. The API is described at /api/openapi.json.");

        grid.addColumn(ApiToken::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(t -> t.role().label()).setHeader("Acts as").setAutoWidth(true);
        grid.addColumn(t -> t.secretHint() + "…").setHeader("Token").setAutoWidth(true);
        grid.addColumn(t -> Times.format(t.createdAt(), zone)).setHeader("Created").setAutoWidth(true);
        grid.addColumn(ApiToken::createdBy).setHeader("Created by").setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "Never" : Times.format(t.lastUsedAt(), zone))
                .setHeader("Last used").setAutoWidth(true);
        grid.addColumn(ApiToken::stateLabel).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        grid.setSizeFull();
        grid.setItems(query -> tokens.list(me, new PageRequest(query.getOffset(), query.getLimit())).stream(),
                query -> tokens.count(me));
        add(toolbar, about, grid);
    }

    private com.vaadin.flow.component.Component revokeButton(ApiToken token) {
        if (token.isRevoked()) {
            return new Span();
        }
        Button revoke = new Button("Revoke", e -> confirmRevocation(token));
        revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.setAriaLabel("Revoke " + token.name());
        return revoke;
    }

    private void confirmRevocation(ApiToken token) {
        ConfirmDialog dialog = new ConfirmDialog("Revoke " + token.name() + "?",
                "Every request with this token is refused from now on. This cannot be undone: "
                        + "create a new token if it is needed again.",
                "Revoke", e -> {
                    tokens.revoke(me, token.id());
                    FormErrors.success(token.name() + " was revoked");
                    grid.getDataProvider().refreshAll();
                });
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.open();
    }
}
