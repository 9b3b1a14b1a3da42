package dev.portier.web.reservations;

import dev.portier.drivers.vehicles.ReservationVendor;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.Span;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.accounts.SignedInUser;
import java.util.Optional;

/**
 * How full a vehicle's stored-key memory is ("Stored keys 3 of 4 · card serials 12 of 2024"). The
 * driver is asked on a background thread (it may take seconds) while the page shows "Asking …"; the
 * answer arrives by polling, so no push connection is needed.
 */
final class CapacityLabel extends Span {

    private static final int POLL_MS = 300;

    private final transient ReservationVendor vendor;
    private final SignedInUser who;
    private int asked;

    CapacityLabel(ReservationVendor vendor, SignedInUser who) {
        this.vendor = vendor;
        this.who = who;
        setId("capacity");
        addClassNames("text-s", "text-secondary");
    }

    /** Asks for the vehicle's capacity now; {@code null} clears the label. */
    void show(String lockId) {
        int question = ++asked;
        if (lockId == null) {
            setText("");
            return;
        }
        setText("Asking the vehicle's vendor how many keys it holds …");
        UI ui = UI.getCurrent();
        ui.setPollInterval(POLL_MS);
        Thread.ofVirtual().name("reservation-capacity").start(() -> {
            String text;
            try {
                text = describe(vendor.capacity(who, lockId));
            } catch (RuntimeException e) {
                text = "Capacity unknown: " + e.getMessage();
            }
            String answer = text;
            try {
                ui.access(() -> {
                    if (question == asked) {
                        setText(answer);
                        ui.setPollInterval(-1);
                    }
                });
            } catch (UIDetachedException e) {
                // The person left the page; nobody waits for the answer.
            }
        });
    }

    static String describe(Optional<DriverCallResult<ReservationSync.Capacity>> capacity) {
        if (capacity.isEmpty()) {
            return "No vendor limit: this vehicle's reservations stay in Portier";
        }
        return switch (capacity.get()) {
            case DriverCallResult.Succeeded<ReservationSync.Capacity> ok -> ok.value() == null ? "Capacity unknown"
                    : "Stored keys " + ok.value().activeKeys() + " of " + ok.value().maxActiveKeys() + " · card serials "
                    + ok.value().cardSerials() + " of " + ok.value().maxCardSerials();
            case DriverCallResult.Failed<ReservationSync.Capacity> failed -> "Capacity unknown: " + failed.message();
        };
    }
}
