package dev.portier.web.reservations;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationCard;
import dev.portier.domain.reservations.ReservationService;
import dev.portier.drivers.vehicles.OnlineCheckIns;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ValidationException;
import dev.portier.web.ui.FormErrors;
import java.time.ZoneId;
import java.util.stream.Collectors;

/**
 * What Portier can know about the keys on a vehicle: the stored keys it created at the vendor (the
 * bookings holding the vehicle, with their ends and cards) — the vendor keeps the device in sync with
 * them, Portier cannot read the device — and whether the vehicle may ask online for other cards
 * (Geotab's "Disable Online CheckIn"), which MANAGERs change here.
 */
final class VehicleKeysPanel extends VerticalLayout {

    static final String STORED_ONLY = "Online CheckIn is disabled: only the stored keys below open this vehicle. A card "
            + "without one is refused at the vehicle, which does not ask Portier.";
    static final String ONLINE_TOO = "Online CheckIn is allowed: a card without a stored key may still get a key on the spot "
            + "when a booking or grant allows it now (the vehicle asks Portier over its network).";

    private final SignedInUser me;
    private final OnlineCheckIns onlineCheckIns;
    private final Paragraph explanation = new Paragraph();

    VehicleKeysPanel(SignedInUser me, Lock vehicle, ZoneId zone, ReservationService reservations, OnlineCheckIns onlineCheckIns,
            boolean canEdit) {
        this.me = me;
        this.onlineCheckIns = onlineCheckIns;
        setPadding(false);
        setId("vehicle-keys");
        Checkbox disabled = new Checkbox("Disable Online CheckIn (only stored keys open)");
        disabled.setId("disable-online-check-in");
        disabled.setReadOnly(!canEdit);
        OnlineCheckIns.Setting setting = onlineCheckIns.get(me, vehicle.id());
        disabled.setValue(setting.disabled());
        explain(setting);
        disabled.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                explain(onlineCheckIns.set(me, vehicle.id(), e.getValue()));
            } catch (ValidationException refused) {
                FormErrors.error(refused.getMessage());
                disabled.setValue(e.getOldValue());
            }
        });

        Paragraph sync = new Paragraph("Stored keys Portier created for this vehicle. The vendor's service brings them onto "
                + "the vehicle and keeps them in sync itself (Geotab: the GO device reports diagnostics 3407/3408 to the "
                + "Keyless Service); Portier cannot read what the device holds.");
        sync.addClassNames("text-s", "text-secondary");
        Grid<Reservation> keys = new Grid<>();
        keys.setId("vehicle-stored-keys");
        keys.setAllRowsVisible(true);
        keys.addColumn(Reservation::vendorKeyId).setHeader("Stored key").setAutoWidth(true);
        keys.addColumn(r -> Times.format(r.beginAt(), zone)).setHeader("Begins").setAutoWidth(true);
        keys.addColumn(r -> Times.format(r.endAt(), zone)).setHeader("Ends").setAutoWidth(true);
        keys.addColumn(Reservation::personName).setHeader("Booking of").setAutoWidth(true);
        keys.addColumn(r -> r.cards().stream().map(ReservationCard::serialNumber).collect(Collectors.joining(", ")))
                .setHeader("Cards").setFlexGrow(1);
        keys.setItems(reservations.storedKeys(me, vehicle.id()));
        keys.setEmptyStateText("No stored key that has not ended");
        add(new H3("Keys on the vehicle"), disabled, explanation, sync, keys);
    }

    private void explain(OnlineCheckIns.Setting setting) {
        explanation.setText((setting.disabled() ? STORED_ONLY : ONLINE_TOO)
                + (setting.applied() ? "" : " The vehicle's driver has not been told yet; it is told as soon as it runs."));
    }
}
