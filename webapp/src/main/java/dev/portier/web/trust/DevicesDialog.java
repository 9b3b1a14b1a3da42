package dev.portier.web.trust;

import dev.portier.drivers.trust.Device;
import dev.portier.drivers.trust.DeviceService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.VaadinRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.time.Times;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * A person's phones: who registered when, last seen, blocked or not; a manager issues a one-time
 * enrolment code (text and QR code) for a new phone, or blocks a lost one (its keys are revoked at once).
 */
public final class DevicesDialog extends Dialog {

    private final transient DeviceService devices;
    private final SignedInUser me;
    private final String personId;
    private final ZoneId zone;
    private final boolean canEdit;
    private final Grid<Device> grid = new Grid<>();
    private final VerticalLayout code = new VerticalLayout();

    public DevicesDialog(DeviceService devices, SignedInUser me, String personId, String personName, ZoneId zone, boolean canEdit) {
        this.devices = devices;
        this.me = me;
        this.personId = personId;
        this.zone = zone;
        this.canEdit = canEdit;
        setHeaderTitle("Phones of " + personName);
        setWidth("760px");
        grid.addColumn(Device::name).setHeader("Phone").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(d -> d.state() == Device.DeviceState.ACTIVE ? "Active" : "Blocked").setHeader("State").setAutoWidth(true);
        grid.addColumn(d -> Times.format(d.createdAt(), zone)).setHeader("Registered").setAutoWidth(true);
        grid.addColumn(d -> d.lastSeenAt() == null ? "Never" : Times.format(d.lastSeenAt(), zone)).setHeader("Last seen").setAutoWidth(true);
        if (canEdit) {
            grid.addComponentColumn(this::blockButton).setAutoWidth(true);
        }
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No phone registered yet");
        code.setPadding(false);
        VerticalLayout content = new VerticalLayout(grid, code);
        content.setPadding(false);
        add(content);
        if (canEdit) {
            Button newCode = new Button("New enrolment code", e -> showNewCode());
            newCode.addThemeVariants(ButtonVariant.PRIMARY);
            getFooter().add(newCode);
        }
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    private Button blockButton(Device device) {
        Button block = new Button("Block", e -> {
            ConfirmDialog confirm = new ConfirmDialog("Block " + device.name() + "?",
                    "The phone gets no keys any more, and the keys it holds are revoked now: every lock they open gets a new "
                            + "revocation list with the next phone sync. This cannot be undone; the person can register again "
                            + "with a new code.", "Block", ok -> {
                        devices.block(me, device.id());
                        FormErrors.success(device.name() + " was blocked");
                        refresh();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        block.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.SMALL);
        block.setVisible(device.state() == Device.DeviceState.ACTIVE);
        return block;
    }

    private void showNewCode() {
        DeviceService.EnrolmentCode created = devices.newEnrolmentCode(me, personId);
        String link = "portier://enrol?server=" + URLEncoder.encode(server(), StandardCharsets.UTF_8) + "&code=" + created.code();
        Span text = new Span(created.code());
        text.getStyle().set("font-family", "monospace").set("font-size", "1.6em").set("letter-spacing", "0.1em");
        text.setId("enrolment-code");
        Image qr = new Image(QrCodes.pngDataUrl(link, 220), "QR code of the enrolment code " + created.code());
        qr.setWidth("220px");
        code.removeAll();
        code.add(new Paragraph("Scan the QR code with the phone, or type the code into the app. It works once, until "
                + Times.format(created.expiresAt(), zone) + "."), text, qr);
    }

    private static String server() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null || request.getHeader("Host") == null) {
            return "";
        }
        return (request.isSecure() ? "https://" : "http://") + request.getHeader("Host");
    }

    private void refresh() {
        grid.setItems(devices.list(me, personId));
    }
}
