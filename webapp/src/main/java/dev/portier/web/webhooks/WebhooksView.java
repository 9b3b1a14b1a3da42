package dev.portier.web.webhooks;

import com.google.inject.Inject;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.RequiresRole;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.time.Times;
import dev.portier.platform.webhooks.WebhookDelivery;
import dev.portier.platform.webhooks.WebhookEndpoint;
import dev.portier.platform.webhooks.WebhookEndpoints;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Routes;
import java.time.ZoneId;
import java.util.stream.Collectors;

/**
 * MANAGER and up: the account's webhook endpoints with their status; add, change, rotate the secret, delete; and the
 * selected endpoint's delivery log with replay and a test event.
 */
@Route(WebhooksView.ROUTE)
@PageTitle("Webhooks · Portier")
@RequiresRole(Role.MANAGER)
public final class WebhooksView extends VerticalLayout {

    public static final String ROUTE = Routes.WEBHOOKS;
    private static final int LOG_SIZE = 100;

    private final transient WebhookEndpoints webhooks;
    private final SignedInUser me = CurrentUser.require();
    private final Actor actor = Audited.by(me);
    private final ZoneId zone;
    private final Grid<WebhookEndpoint> endpoints = new Grid<>();
    private final Grid<WebhookDelivery> log = new Grid<>();
    private final H3 logTitle = new H3();
    private final Button test = new Button("Send test event", VaadinIcon.PAPERPLANE.create());
    private final Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create());

    @Inject
    WebhooksView(WebhookEndpoints webhooks, AccountService accounts) {
        this.webhooks = webhooks;
        this.zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();

        Button create = new Button("New webhook", VaadinIcon.PLUS.create(),
                e -> new WebhookDialog(webhooks, me.accountId(), actor, null, this::reload).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Webhooks"), create);
        toolbar.setWidthFull();
        toolbar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        Paragraph about = new Paragraph("Portier posts the events an endpoint subscribes to as JSON, signed per the Standard "
                + "Webhooks specification, and retries failed deliveries for about a day and a half. An endpoint that fails "
                + "for five days is disabled until it is enabled again.");

        endpoints.addColumn(WebhookEndpoint::url).setHeader("Address").setFlexGrow(1);
        endpoints.addColumn(e -> e.events().stream().sorted().map(WebhookEventType::wireName).collect(Collectors.joining(", ")))
                .setHeader("Events").setFlexGrow(1);
        endpoints.addColumn(e -> e.enabled() ? "Yes" : "No").setHeader("Enabled").setAutoWidth(true);
        endpoints.addColumn(e -> switch (e.status()) {
            case HEALTHY -> "Healthy";
            case FAILING -> "Failing (" + e.consecutiveFailures() + " in a row)";
            case DISABLED -> "Disabled after failing";
        }).setHeader("Status").setAutoWidth(true);
        endpoints.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        endpoints.setAllRowsVisible(true);
        endpoints.asSingleSelect().addValueChangeListener(e -> showLog(e.getValue()));

        log.addClassName("webhook-deliveries");
        log.addColumn(d -> Times.format(d.createdAt(), zone)).setHeader("Created").setAutoWidth(true);
        log.addColumn(WebhookDelivery::type).setHeader("Event").setAutoWidth(true);
        log.addColumn(d -> switch (d.state()) {
            case PENDING -> "Pending";
            case SUCCEEDED -> "Delivered";
            case FAILED -> "Failed";
        }).setHeader("Status").setAutoWidth(true);
        log.addColumn(d -> d.lastStatusCode() == null ? "—" : d.lastStatusCode().toString()).setHeader("Response").setAutoWidth(true);
        log.addColumn(d -> d.lastLatencyMs() == null ? "—" : d.lastLatencyMs() + " ms").setHeader("Latency").setAutoWidth(true);
        log.addColumn(WebhookDelivery::attempts).setHeader("Attempts").setAutoWidth(true);
        log.addColumn(d -> d.nextAttemptAt() == null ? "—" : Times.format(d.nextAttemptAt(), zone)).setHeader("Next try")
                .setAutoWidth(true);
        log.addColumn(d -> d.lastError() == null ? "" : d.lastError()).setHeader("Last error").setFlexGrow(1);
        log.addComponentColumn(this::replayButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        log.setSizeFull();

        test.addClickListener(e -> selected().ifPresent(endpoint -> {
            webhooks.sendTest(me.accountId(), endpoint.id());
            FormErrors.success("A webhook.test event is on its way to " + endpoint.url());
            showLog(endpoint);
        }));
        refresh.addClickListener(e -> showLog(selected().orElse(null)));
        HorizontalLayout logBar = new HorizontalLayout(logTitle, test, refresh);
        logBar.setAlignItems(FlexComponent.Alignment.BASELINE);

        add(toolbar, about, endpoints, logBar, log);
        reload();
        webhooks.list(me.accountId()).stream().findFirst().ifPresent(endpoints::select);
        showLog(selected().orElse(null));
    }

    private java.util.Optional<WebhookEndpoint> selected() {
        return endpoints.asSingleSelect().getOptionalValue();
    }

    private void reload() {
        String selectedId = selected().map(WebhookEndpoint::id).orElse(null);
        var all = webhooks.list(me.accountId());
        endpoints.setItems(all);
        all.stream().filter(e -> e.id().equals(selectedId)).findFirst().or(() -> all.stream().findFirst())
                .ifPresent(endpoints::select);
    }

    private void showLog(WebhookEndpoint endpoint) {
        boolean any = endpoint != null;
        logTitle.setText(any ? "Deliveries to " + endpoint.url() : "Deliveries");
        test.setEnabled(any);
        refresh.setEnabled(any);
        log.setItems(any ? webhooks.deliveries(me.accountId(), endpoint.id(), LOG_SIZE) : java.util.List.of());
    }

    private Component actions(WebhookEndpoint endpoint) {
        Button edit = new Button("Edit", e -> new WebhookDialog(webhooks, me.accountId(), actor, endpoint, this::reload).open());
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button rotate = new Button("Rotate secret", e -> confirmRotation(endpoint));
        rotate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button("Delete", e -> confirmDeletion(endpoint));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + endpoint.url());
        return new HorizontalLayout(edit, rotate, delete);
    }

    private Component replayButton(WebhookDelivery delivery) {
        Button replay = new Button("Replay", e -> selected().ifPresent(endpoint -> {
            webhooks.replay(me.accountId(), endpoint.id(), delivery.id());
            FormErrors.success("The " + delivery.type() + " event is sent again");
            showLog(endpoint);
        }));
        replay.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return replay;
    }

    private void confirmRotation(WebhookEndpoint endpoint) {
        ConfirmDialog dialog = new ConfirmDialog("Rotate the secret of " + endpoint.url() + "?",
                "A new secret signs from now on; the current one keeps signing beside it for 24 hours, so the receiver "
                        + "can switch without losing an event.",
                "Rotate", e -> {
                    new SecretDialog("New signing secret", webhooks.rotateSecret(me.accountId(), actor, endpoint.id())).open();
                    reload();
                });
        dialog.setCancelable(true);
        dialog.open();
    }

    private void confirmDeletion(WebhookEndpoint endpoint) {
        ConfirmDialog dialog = new ConfirmDialog("Delete the webhook to " + endpoint.url() + "?",
                "Events are no longer sent there, and its delivery log goes with it.", "Delete", e -> {
                    webhooks.delete(me.accountId(), actor, endpoint.id());
                    FormErrors.success("The webhook was deleted");
                    reload();
                    showLog(selected().orElse(null));
                });
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.open();
    }
}
