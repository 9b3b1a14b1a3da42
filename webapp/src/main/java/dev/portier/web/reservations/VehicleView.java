package dev.portier.web.reservations;

import dev.portier.drivers.vehicles.ReservationVendor;
import dev.portier.web.ui.Routes;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationCard;
import dev.portier.domain.reservations.ReservationFilter;
import dev.portier.domain.reservations.SentCommand;
import dev.portier.drivers.vehicles.LockCommandService;
import dev.portier.drivers.vehicles.OnlineCheckIns;
import dev.portier.domain.reservations.ReservationService;
import com.google.inject.Inject;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ConflictException;
import java.time.ZoneId;
import java.util.stream.Collectors;

/**
 * One vehicle (or any lock) at {@code /vehicles/{lockId}}: its bookings, the stored-key capacity at its
 * vendor, the stored keys Portier created there and the online CheckIn setting, and the commands sent
 * to it with their status. MANAGERs and OWNERs get a button per command
 * when the lock's driver takes commands; VIEWERs see the history only.
 */
@Route(VehicleView.ROUTE)
@PageTitle("Vehicle · Portier")
public final class VehicleView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.VEHICLES;

    private final SignedInUser me = CurrentUser.require();
    private final transient ReservationService reservations;
    private final transient LockService locks;
    private final transient LockCommandService commands;
    private final transient OnlineCheckIns onlineCheckIns;
    private final ReservationContext context;
    private final boolean canEdit;

    @Inject
    VehicleView(ReservationService reservations, LockService locks, PersonService people, CardService cards,
            LockCommandService commands, ReservationVendor vendor, AccountService accounts, Authorization authorization,
            OnlineCheckIns onlineCheckIns) {
        this.reservations = reservations;
        this.onlineCheckIns = onlineCheckIns;
        this.locks = locks;
        this.commands = commands;
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        context = new ReservationContext(reservations, vendor, locks, people, cards, me, ZoneId.of(accounts.current(me).timeZone()), canEdit);
    }

    @Override
    public void setParameter(BeforeEvent event, String lockId) {
        Lock lock;
        try {
            lock = locks.get(me, lockId);
        } catch (dev.portier.platform.validation.NotFoundException e) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        render(lock);
    }

    private void render(Lock lock) {
        removeAll();
        ZoneId zone = ZoneId.of(lock.siteTimeZone());
        Paragraph facts = new Paragraph(lock.kind().label() + " at " + lock.siteName()
                + (lock.vendorReference() == null ? "" : " · vendor reference " + lock.vendorReference())
                + (lock.driverId() == null ? " · no driver" : " · driver " + lock.driverId()) + " · times in " + zone.getId());
        facts.addClassNames("text-secondary");
        Anchor timeline = new Anchor("locks/" + lock.id() + "/timeline", "Timeline");
        add(ListPages.header(lock.name(), timeline), facts);

        if (lock.kind() == LockKind.VEHICLE) {
            ReservationDialogs dialogs = new ReservationDialogs(context, () -> render(lock));
            CapacityLabel capacity = new CapacityLabel(context.vendor(), me);
            add(ListPages.header("Reservations", canEdit ? ListPages.addButton("Book this vehicle",
                    () -> dialogs.create(lock.id(), null).open()) : null), capacity, bookings(lock, zone, dialogs));
            capacity.show(lock.id());
            add(new VehicleKeysPanel(me, lock, zone, reservations, onlineCheckIns, canEdit));
        }

        Grid<SentCommand> sent = commandGrid(lock, zone);
        add(new H3("Commands"));
        if (commands.takesCommands(me, lock.id())) {
            if (canEdit) {
                add(commandButtons(lock, sent));
            }
        } else {
            Paragraph none = new Paragraph("This lock's connection does not run a driver that takes commands.");
            none.addClassNames("text-secondary");
            add(none);
        }
        add(sent);
    }

    private Grid<Reservation> bookings(Lock lock, ZoneId zone, ReservationDialogs dialogs) {
        Grid<Reservation> grid = ListPages.grid();
        grid.setId("vehicle-reservations");
        grid.setHeight("18em");
        ReservationFilter filter = new ReservationFilter(lock.id(), null, null, null, null);
        grid.addComponentColumn(r -> ReservationBadges.state(r.state())).setHeader("State").setWidth("9em").setFlexGrow(0);
        grid.addColumn(r -> Times.format(r.beginAt(), zone)).setHeader("Begin").setAutoWidth(true);
        grid.addColumn(r -> Times.format(r.endAt(), zone)).setHeader("End").setAutoWidth(true);
        grid.addColumn(Reservation::personName).setHeader("Person").setAutoWidth(true);
        grid.addColumn(r -> r.cards().stream().map(ReservationCard::serialNumber).collect(Collectors.joining(", ")))
                .setHeader("Cards").setFlexGrow(1);
        grid.addColumn(r -> r.vendorKeyId() == null ? "" : r.vendorKeyId()).setHeader("Stored key").setAutoWidth(true);
        grid.setItems(q -> reservations.list(me, filter, Paging.of(q)).stream(), q -> reservations.count(me, filter));
        grid.addItemClickListener(e -> dialogs.open(reservations.get(me, e.getItem().id())).open());
        return grid;
    }

    private Grid<SentCommand> commandGrid(Lock lock, ZoneId zone) {
        Grid<SentCommand> grid = ListPages.grid();
        grid.setId("lock-commands");
        grid.setHeight("18em");
        grid.addColumn(c -> Times.format(c.requestedAt(), zone)).setHeader("Sent").setAutoWidth(true);
        grid.addColumn(c -> VehicleWords.command(c.type())).setHeader("Command").setAutoWidth(true);
        grid.addComponentColumn(c -> statusBadge(c.status())).setHeader("Status").setWidth("9em").setFlexGrow(0);
        grid.addColumn(c -> c.message() == null ? "" : c.message()).setHeader("Message").setFlexGrow(1)
                .setTooltipGenerator(c -> c.message() == null ? "" : c.message());
        grid.addColumn(c -> c.options().getOrDefault(LockCommandService.VIRTUAL_KEY_ID, "")).setHeader("Key").setAutoWidth(true);
        grid.addColumn(SentCommand::requestedBy).setHeader("By").setAutoWidth(true);
        grid.setItems(q -> commands.list(me, lock.id(), Paging.of(q)).stream(), q -> commands.count(me, lock.id()));
        grid.setEmptyStateText("No commands sent yet");
        return grid;
    }

    /** A button per command; the driver is called on a worker with the time limit, and the answer lands in the grid. */
    private HorizontalLayout commandButtons(Lock lock, Grid<SentCommand> sent) {
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.setWrap(true);
        buttons.setAlignItems(FlexComponent.Alignment.CENTER);
        for (CommandType type : CommandType.values()) {
            Button button = new Button(VehicleWords.command(type));
            button.addClickListener(e -> {
                if (VehicleWords.needsConfirmation(type)) {
                    ConfirmDialog confirm = new ConfirmDialog(VehicleWords.question(type, lock.name()),
                            "The command goes to the vehicle at once.", VehicleWords.command(type), yes -> send(lock, type, sent));
                    confirm.setCancelable(true);
                    confirm.addCancelListener(no -> button.setEnabled(true));
                    confirm.addConfirmListener(yes -> button.setEnabled(true));
                    confirm.open();
                } else {
                    send(lock, type, sent);
                    button.setEnabled(true);
                }
            });
            button.setDisableOnClick(true);
            buttons.add(button);
        }
        return buttons;
    }

    private void send(Lock lock, CommandType type, Grid<SentCommand> sent) {
        try {
            SentCommand answer = commands.send(me, lock.id(), type);
            String text = VehicleWords.command(type) + ": " + answer.status().name().toLowerCase()
                    + (answer.message() == null ? "" : " — " + answer.message());
            if (answer.status() == CommandStatus.FAILED) {
                FormErrors.error(text);
            } else {
                FormErrors.success(text);
            }
        } catch (ConflictException refused) {
            FormErrors.error(refused.getMessage());
        }
        sent.getDataProvider().refreshAll();
    }

    static Badge statusBadge(CommandStatus status) {
        Badge badge = new Badge(switch (status) {
            case ACCEPTED -> "Accepted";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
        });
        badge.addThemeVariants(switch (status) {
            case ACCEPTED -> BadgeVariant.CONTRAST;
            case COMPLETED -> BadgeVariant.SUCCESS;
            case FAILED -> BadgeVariant.ERROR;
        });
        return badge;
    }
}
