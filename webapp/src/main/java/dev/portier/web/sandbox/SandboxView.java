package dev.portier.web.sandbox;

import dev.portier.web.ui.Routes;
import dev.portier.drivers.sandbox.SandboxService;
import com.google.inject.Inject;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.Role;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxInput;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.drivers.sandbox.SandboxService.SandboxConnection;
import dev.portier.drivers.sandbox.SandboxService.SandboxLock;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.RequiresRole;
import dev.portier.identity.accounts.SignedInUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * MANAGER and up: try a connection in sandbox mode without vendor hardware. Pick a running connection
 * whose driver offers sandbox actions; each action is a small form generated from its inputs (text,
 * one of the connection's locks, a choice) and shows the transcript of its last run. A run blocks the
 * request like "Test connection" does (on a driver worker, at most the driver time limit), with the
 * button disabled and Vaadin's loading indicator showing meanwhile.
 */
@Route(SandboxView.ROUTE)
@PageTitle("Sandbox · Portier")
@RequiresRole(Role.MANAGER)
public final class SandboxView extends VerticalLayout {

    public static final String ROUTE = Routes.SANDBOX;

    private final transient SandboxService sandbox;
    private final SignedInUser me = CurrentUser.require();
    private final VerticalLayout actions = new VerticalLayout();
    /** The cards shown, by action id, with the action each was built from. */
    private final Map<String, Map.Entry<SandboxAction, Component>> cards = new LinkedHashMap<>();

    @Inject
    SandboxView(SandboxService sandbox) {
        this.sandbox = sandbox;
        setSizeFull();
        add(new H2("Sandbox"), new Paragraph("Try a connection without vendor hardware: tap simulated cards, take "
                + "simulated devices offline, look at what is stored on them. Only connections in sandbox mode offer actions."));
        List<SandboxConnection> offered = sandbox.connections(me);
        if (offered.isEmpty()) {
            add(new Paragraph("No running connection offers sandbox actions. Add a connection in sandbox mode "
                    + "(for example a Geotab Keyless connection with mode \"sandbox\") and give it locks."));
            return;
        }
        Select<SandboxConnection> picker = new Select<>();
        picker.setLabel("Connection");
        picker.setItems(offered);
        picker.setItemLabelGenerator(c -> c.connection().name());
        picker.addValueChangeListener(e -> show(e.getValue()));
        actions.setPadding(false);
        add(picker, actions);
        picker.setValue(offered.getFirst());
    }

    private void show(SandboxConnection connection) {
        actions.removeAll();
        cards.clear();
        if (connection == null) {
            return;
        }
        List<SandboxLock> locks = sandbox.locks(me, connection.connection().id());
        for (SandboxAction action : connection.actions()) {
            Component card = actionCard(connection, action, locks);
            cards.put(action.id(), Map.entry(action, card));
            actions.add(card);
        }
    }

    /**
     * After an action ran, the others may offer new choices (a phone just registered): their cards are
     * rebuilt when their inputs changed; the card that ran keeps its transcript.
     */
    private void refreshOthers(SandboxConnection connection, String ranActionId) {
        sandbox.connections(me).stream().filter(c -> c.connection().id().equals(connection.connection().id())).findFirst()
                .ifPresent(fresh -> {
                    List<SandboxLock> locks = sandbox.locks(me, fresh.connection().id());
                    for (SandboxAction action : fresh.actions()) {
                        Map.Entry<SandboxAction, Component> shown = cards.get(action.id());
                        if (action.id().equals(ranActionId) || shown == null || shown.getKey().equals(action)) {
                            continue;
                        }
                        Component card = actionCard(fresh, action, locks);
                        actions.replace(shown.getValue(), card);
                        cards.put(action.id(), Map.entry(action, card));
                    }
                });
    }

    private Component actionCard(SandboxConnection connection, SandboxAction action, List<SandboxLock> locks) {
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        HorizontalLayout form = new HorizontalLayout();
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        for (SandboxInput input : action.inputs()) {
            Component field = switch (input.kind()) {
                case TEXT -> {
                    TextField text = new TextField(input.label());
                    text.setValue(input.defaultValue() == null ? "" : input.defaultValue());
                    values.put(input.name(), text::getValue);
                    yield text;
                }
                case LOCK -> {
                    ComboBox<SandboxLock> lock = new ComboBox<>(input.label());
                    lock.setItems(locks);
                    lock.setItemLabelGenerator(l -> l.name() + " (" + l.vendorReference() + ")");
                    lock.setWidth("18em");
                    if (!locks.isEmpty()) {
                        lock.setValue(locks.getFirst());
                    }
                    values.put(input.name(), () -> lock.getValue() == null ? null : lock.getValue().id());
                    yield lock;
                }
                case CHOICE -> {
                    Select<String> choice = new Select<>();
                    choice.setLabel(input.label());
                    choice.setItems(input.choices());
                    choice.setValue(input.defaultValue());
                    choice.setWidth("14em");
                    values.put(input.name(), choice::getValue);
                    yield choice;
                }
            };
            form.add(field);
        }
        Pre transcript = new Pre();
        transcript.addClassName("sandbox-transcript");
        transcript.setVisible(false);
        // Long lines (JSON answers, key ids) wrap instead of running out of the card.
        transcript.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
        Span verdict = new Span();
        Button run = new Button(action.label(), VaadinIcon.PLAY.create());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setDisableOnClick(true);
        run.addClickListener(e -> {
            try {
                Map<String, String> given = new LinkedHashMap<>();
                values.forEach((name, value) -> given.put(name, value.get()));
                SandboxOutcome outcome = sandbox.run(me, connection.connection().id(), action.id(), given);
                verdict.setText(outcome.succeeded() ? "Done" : "Did not work");
                transcript.setText(String.join("\n", outcome.transcript()));
                transcript.setVisible(true);
                if (outcome.succeeded()) {
                    refreshOthers(connection, action.id());
                }
            } finally {
                run.setEnabled(true);
            }
        });
        form.add(run);
        Div card = new Div(new H3(action.label()), new Paragraph(action.description()), form, verdict, transcript);
        card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        return card;
    }
}
