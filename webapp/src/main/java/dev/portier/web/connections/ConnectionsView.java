package dev.portier.web.connections;

import dev.portier.web.ui.Routes;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import com.google.inject.Inject;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.pulling.EventPulls;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.ui.FormDialog;
import dev.portier.web.ui.ListPages;
import java.time.ZoneId;
import dev.portier.drivers.connections.ConnectionCertificates;
import dev.portier.drivers.discovery.LockDiscoveries;
import dev.portier.platform.time.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The account's connections with their drivers' status; {@code /connections/{id}} opens one,
 * {@code /connections/new} adds one. MANAGERs and OWNERs change and test them, everyone sees them.
 */
@Route(ConnectionsView.ROUTE)
@PageTitle("Connections · Portier")
public final class ConnectionsView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.CONNECTIONS;

    private final transient ConnectionService connections;
    private final transient DriverFactories factories;
    private final transient EventPulls pulls;
    private final transient ConnectionCertificates certificates;
    private final transient LockDiscoveries discoveries;
    private final Clock clock;
    private final ZoneId zone;
    private final SignedInUser me = CurrentUser.require();
    private final Grid<Connection> grid = ListPages.grid();
    private final EntityDialogs<Connection> dialogs;
    private final boolean canEdit;

    @Inject
    ConnectionsView(ConnectionService connections, DriverFactories factories, Authorization authorization, EventPulls pulls,
            AccountService accounts, ConnectionCertificates certificates, LockDiscoveries discoveries, Clock clock) {
        this.connections = connections;
        this.discoveries = discoveries;
        this.certificates = certificates;
        this.clock = clock;
        this.factories = factories;
        this.pulls = pulls;
        zone = ZoneId.of(accounts.current(me).timeZone());
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        dialogs = new EntityDialogs<>(ConnectionsView.class, id -> connections.get(me, id), this::dialog,
                canEdit ? null : "Adding a connection needs the Manager role");
        setSizeFull();

        grid.addColumn(Connection::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(c -> factories.byId(c.driverId()).map(f -> f.descriptor().displayName()).orElse(c.driverId()))
                .setHeader("Driver").setAutoWidth(true);
        grid.addComponentColumn(c -> statusOf(connections.status(me, c.id()))).setHeader("Status").setFlexGrow(2);
        grid.addComponentColumn(c -> pullsOf(c).orElseGet(HorizontalLayout::new)).setHeader("Events pulled").setFlexGrow(2);
        grid.setItems(q -> connections.list(me, q.getOffset(), q.getLimit()).stream(), q -> connections.count(me));
        grid.addItemClickListener(e -> navigate(e.getItem().id()));

        add(ListPages.header("Connections", canEdit ? ListPages.addButton("Add connection", () -> navigate(EntityDialogs.NEW)) : null),
                grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    /** The status as a badge (online, offline, unknown) followed by its detail and message. */
    static HorizontalLayout statusOf(DriverStatus status) {
        Badge badge = new Badge(switch (status.state()) {
            case ONLINE -> "Online";
            case OFFLINE -> "Offline";
            case UNKNOWN -> "Unknown";
        });
        badge.addThemeVariants(switch (status.state()) {
            case ONLINE -> BadgeVariant.SUCCESS;
            case OFFLINE -> BadgeVariant.ERROR;
            case UNKNOWN -> BadgeVariant.CONTRAST;
        });
        HorizontalLayout layout = new HorizontalLayout(badge);
        layout.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        String words = (status.detail() == StatusDetail.NONE ? "" : detail(status.detail()))
                + (status.message().isBlank() ? "" : (status.detail() == StatusDetail.NONE ? "" : ": ") + status.message());
        if (!words.isBlank()) {
            layout.add(new Span(words));
        }
        return layout;
    }

    private static String detail(StatusDetail detail) {
        String words = detail.name().replace('_', ' ').toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private Dialog dialog(Connection connection) {
        ConnectionForm form = new ConnectionForm(factories.all());
        if (connection == null) {
            form.edit(new ConnectionDraft("", null, Map.of()), java.util.Set.of(), false);
            return withCheck(new FormDialog<>("New connection", form,
                    draft -> "Connection " + connections.create(me, draft).name() + " was added", this::refresh), form, null);
        }
        form.edit(new ConnectionDraft(connection.name(), connection.driverId(), connection.settings()),
                connection.storedSecrets(), true);
        HorizontalLayout status = statusOf(connections.status(me, connection.id()));
        HorizontalLayout testRow = new HorizontalLayout(status);
        testRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (canEdit) {
            Button test = new Button("Test connection", VaadinIcon.CONNECT.create());
            test.addClickListener(e -> {
                // Tests what is saved: the driver runs with the stored settings, not with unsaved edits.
                // The status is the row's last component (the button comes first): replacing index 0 replaced the button.
                testRow.replace(testRow.getComponentAt(testRow.getComponentCount() - 1),
                        statusOf(connections.test(me, connection.id())));
                refresh();
            });
            testRow.addComponentAsFirst(test);
        }
        form.add(testRow, 2);
        factories.byId(connection.driverId()).filter(f -> f.capabilities().contains(Capability.HTTP_ENDPOINTS))
                .ifPresent(f -> form.add(EndpointAddress.field(f.pluginId(), connection.id()), 2));
        pullsOf(connection).ifPresent(pullRow -> form.add(pullRow, 2));
        certificates.of(me, connection.id()).forEach(certificate -> form.add(certificateRow(certificate), 2));
        if (discoveries.discovers(me, connection.id())) {
            form.add(discoveryRow(connection), 2);
        }
        FormDialog<ConnectionDraft> dialog = new FormDialog<>(connection.name(), form,
                draft -> "Connection " + connections.update(me, connection.id(), draft).name() + " was saved", this::refresh);
        if (!canEdit) {
            return dialog.lookOnly();
        }
        return withCheck(dialog, form, connection.id()).withDelete("Delete " + connection.name() + "?",
                "Its driver stops and its stored secrets are deleted. A connection that locks still use cannot be deleted.",
                () -> {
                    connections.delete(me, connection.id());
                    return "Connection " + connection.name() + " was deleted";
                }, this::refresh);
    }

    /** "Check settings": the driver's verdict on what is typed (nothing is saved), shown by the form. */
    private FormDialog<ConnectionDraft> withCheck(FormDialog<ConnectionDraft> dialog, ConnectionForm form, String connectionId) {
        Button check = new Button("Check settings", VaadinIcon.CHECK_CIRCLE_O.create(), e -> {
            try {
                form.showCheck(connections.check(me, connectionId, form.typed()));
            } catch (ValidationException problem) {
                form.showErrors(problem);
            } catch (ConflictException problem) {
                form.showErrors(problem);
            }
        });
        dialog.getFooter().addComponentAsFirst(check);
        return dialog;
    }

    /** How the vendor's locks were last imported, and (for managers) "Sync locks now", which runs in the background. */
    private HorizontalLayout discoveryRow(Connection connection) {
        Span text = new Span(discoveryText(connection));
        text.addClassName("lock-discovery");
        HorizontalLayout row = new HorizontalLayout();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (canEdit) {
            Button sync = new Button("Sync locks now", VaadinIcon.REFRESH.create(), e -> {
                discoveries.requestNow(me, connection.id());
                text.setText("Asking the vendor for its locks… (reopen the connection to see the result)");
            });
            row.add(sync);
        }
        row.add(text);
        return row;
    }

    private String discoveryText(Connection connection) {
        return discoveries.status(me, connection.id()).map(status -> {
            StringBuilder words = new StringBuilder();
            if (status.running()) {
                words.append("Asking the vendor for its locks now. ");
            }
            if (status.lastSuccessAt() != null) {
                words.append("Locks at the vendor: ").append(status.locksFound()).append(", imported ")
                        .append(Times.format(status.lastSuccessAt(), zone)).append('.');
                if (status.missing() > 0) {
                    words.append(' ').append(status.missing()).append(" lock(s) no longer at the vendor (kept, marked).");
                }
            }
            if (status.lastError() != null) {
                words.append(" The last attempt (").append(Times.format(status.lastAttemptAt(), zone)).append(") failed: ")
                        .append(status.lastError());
            }
            return words.toString().strip();
        }).orElse("The vendor's locks are imported in the background shortly after the connection starts.");
    }

    /** A certificate the connection hands every phone, with its expiry: renewing it means uploading the new one here. */
    private Span certificateRow(ConnectionCertificates.Certificate certificate) {
        Instant now = clock.instant();
        long days = certificate.daysLeft(now);
        Span row = new Span("Certificate on phones: " + certificate.subject() + ", issued by " + certificate.issuer() + " — "
                + (certificate.expired(now) ? "expired on " + Times.format(certificate.notAfter(), zone)
                        + ": phones can no longer open this connection's locks"
                        : "valid until " + Times.format(certificate.notAfter(), zone) + " (" + days + " days)"));
        row.addClassName("connection-certificate");
        if (days < 30) {
            row.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        return row;
    }

    private Optional<HorizontalLayout> pullsOf(Connection connection) {
        return PullStatusText.of(pulls.status(me, connection.id()), pulls.pulls(me, connection.id()), zone);
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(ConnectionsView.class, id);
    }
}
