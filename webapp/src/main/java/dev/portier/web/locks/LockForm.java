package dev.portier.web.locks;

import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockState;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.drivers.connections.Connection;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Pickers;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.TextRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Site, name, kind and state of a lock, and the driver and vendor reference once a plugin manages it;
 * a lock of a connection takes the connection's driver.
 */
public final class LockForm extends DraftForm<LockDraft> {

    final ComboBox<Site> site;
    final TextField name = new TextField("Name");
    final Select<LockKind> kind = new Select<>();
    final Select<LockState> state = new Select<>();
    final TextField driverId = new TextField("Driver");
    final TextField vendorReference = new TextField("Vendor reference");
    final Select<Connection> connection = new Select<>();

    public LockForm(SiteService sites, SignedInUser who, List<Connection> connections) {
        connection.setLabel("Connection");
        connection.setEmptySelectionAllowed(true);
        connection.setEmptySelectionCaption("None");
        connection.setItems(connections);
        connection.setItemLabelGenerator(c -> c == null ? "None" : c.name() + " (" + c.driverId() + ")");
        connection.setHelperText("The configured driver instance that manages this lock; its driver becomes the lock's driver");
        site = Pickers.sites(sites, who, "Site");
        name.setMaxLength(100);
        kind.setLabel("Kind");
        kind.setItems(LockKind.values());
        kind.setItemLabelGenerator(LockKind::label);
        state.setLabel("State");
        state.setItems(LockState.values());
        state.setItemLabelGenerator(LockState::label);
        driverId.setHelperText("The plugin that talks to this lock, like geotab; empty until one does");
        driverId.setMaxLength(64);
        vendorReference.setHelperText("The vendor's id for it: serial number, lock id …");
        vendorReference.setMaxLength(200);

        binder.forField(site).asRequired("Choose a site")
                .bind(d -> d.siteId() == null ? null : sites.get(who, d.siteId()), Validators.notWritten());
        binder.forField(name).withValidator(Validators.of(v -> TextRules.validateName(v, "a lock name", 100)))
                .bind(LockDraft::name, Validators.notWritten());
        binder.forField(kind).asRequired("Choose what kind of lock this is").bind(LockDraft::kind, Validators.notWritten());
        binder.forField(state).asRequired("Choose a state").bind(LockDraft::state, Validators.notWritten());
        binder.forField(driverId).bind(d -> d.driverId() == null ? "" : d.driverId(), Validators.notWritten());
        binder.forField(vendorReference).bind(d -> d.vendorReference() == null ? "" : d.vendorReference(), Validators.notWritten());
        binder.forField(connection).bind(d -> connections.stream()
                .filter(c -> Objects.equals(c.id(), d.connectionId())).findFirst().orElse(null), Validators.notWritten());
        add(name, site, kind, state, connection, driverId, vendorReference);
    }

    @Override
    protected LockDraft draft() {
        return new LockDraft(site.getValue().id(), name.getValue(), kind.getValue(), driverId.getValue(),
                vendorReference.getValue(), state.getValue(), connection.getValue() == null ? null : connection.getValue().id());
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        return Map.of("siteId", site, "name", name, "kind", kind, "state", state, "driverId", driverId,
                "vendorReference", vendorReference, "connectionId", connection);
    }
}
