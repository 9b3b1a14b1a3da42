package dev.portier.web.reservations;

import dev.portier.web.ui.Routes;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationCard;
import dev.portier.domain.reservations.ReservationDraft;
import dev.portier.domain.reservations.ReservationState;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.function.SerializableSupplier;
import dev.portier.web.ui.FormDialog;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.VendorException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Collectors;

/** The dialogs of the reservation pages: a new booking, and one booking with its history, check-in, completion and cancel. */
final class ReservationDialogs implements Serializable {

    private final ReservationContext context;
    private final Runnable refresh;

    ReservationDialogs(ReservationContext context, Runnable refresh) {
        this.context = context;
        this.refresh = refresh;
    }

    /** A new booking, of {@code lockId} (or a vehicle still to choose) from {@code from} (or a time still to enter). */
    Dialog create(String lockId, Instant from) {
        ReservationForm form = new ReservationForm(context);
        form.edit(ReservationForm.newDraft(lockId, from));
        form.capacity.show(lockId);
        return new FormDialog<>("New reservation", form, draft -> {
            Reservation made = context.reservations().create(context.who(), draft);
            return "Reservation of " + made.lockName() + " for " + made.personName() + " was added"
                    + (made.vendorKeyId() == null ? "" : " and stored at the vendor");
        }, refresh);
    }

    Dialog open(Reservation r) {
        ReservationForm form = new ReservationForm(context);
        form.edit(new ReservationDraft(r.lockId(), r.personId(), r.cards().stream().map(ReservationCard::id).toList(), r.beginAt(),
                r.endAt(), r.permissions(), r.privileges(), r.endBookConditions()));
        form.capacity.show(r.lockId());
        FormDialog<ReservationDraft> dialog = new FormDialog<>("Reservation · " + r.state().label(), form,
                draft -> "Reservation of " + context.reservations().update(context.who(), r.id(), draft).lockName() + " was saved",
                refresh);
        dialog.add(history(r, ZoneId.of(r.timeZone())));
        Anchor vehiclePage = Routes.link("Vehicle page", Routes.item(Routes.VEHICLES, r.lockId()));
        dialog.getFooter().addComponentAsFirst(vehiclePage);
        boolean changeable = context.canEdit() && r.state() == ReservationState.SCHEDULED
                && r.vendorState() != Reservation.VendorState.STORING;
        if (!changeable) {
            dialog.lookOnly();
        }
        if (!context.canEdit() || !r.state().holdsVehicle()) {
            return dialog;
        }
        if (r.state() == ReservationState.SCHEDULED) {
            dialog.getFooter().addComponentAsFirst(action("Check in", dialog, () -> context.reservations().checkIn(context.who(), r.id()),
                    "checked in"));
        } else {
            dialog.getFooter().addComponentAsFirst(action("Complete", dialog, () -> context.reservations().complete(context.who(), r.id()),
                    "completed"));
        }
        Button cancel = new Button("Cancel reservation…", VaadinIcon.BAN.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog("Cancel this reservation?", r.vendorKeyId() == null
                    ? "The vehicle becomes free for others." : "Its stored key " + r.vendorKeyId() + " is removed at the vendor first.",
                    "Cancel reservation", ok -> run(dialog, () -> context.reservations().cancel(context.who(), r.id()), "cancelled"));
            confirm.setConfirmButtonTheme("error primary");
            confirm.setCancelable(true);
            confirm.setCancelText("Keep it");
            confirm.open();
        });
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        dialog.getFooter().addComponentAsFirst(cancel);
        return dialog;
    }

    private Button action(String label, Dialog dialog, SerializableSupplier<Reservation> call, String done) {
        Button button = new Button(label, e -> run(dialog, call, done));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    /** Runs a state change; a refusal (a vendor that failed, a state that moved meanwhile) keeps the dialog open and says why. */
    private void run(Dialog dialog, SerializableSupplier<Reservation> call, String done) {
        try {
            Reservation after = call.get();
            FormErrors.success("Reservation of " + after.lockName() + " was " + done);
            dialog.close();
            refresh.run();
        } catch (VendorException | ConflictException e) {
            FormErrors.error(e.getMessage());
        }
    }

    private static Paragraph history(Reservation r, ZoneId zone) {
        String text = "Booked by " + r.createdBy() + " on " + Times.format(r.createdAt(), zone) + ". "
                + (r.vendorKeyId() == null ? "Not stored at a vendor." : "Stored at the vendor as " + r.vendorKeyId() + ".");
        if (!r.cards().isEmpty()) {
            text += " Cards: " + r.cards().stream().map(ReservationCard::serialNumber).collect(Collectors.joining(", ")) + ".";
        }
        if (r.state() == ReservationState.CANCELLED) {
            text += " Cancelled by " + r.cancelledBy() + " on " + Times.format(r.cancelledAt(), zone) + ".";
        }
        Paragraph history = new Paragraph(text);
        history.addClassNames("text-s", "text-secondary");
        return history;
    }
}
