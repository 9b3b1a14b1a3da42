package dev.portier.web.reservations;

import dev.portier.domain.reservations.ReservationDraft;
import dev.portier.domain.reservations.ReservationTerms;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.web.grants.GrantFields;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Paging;
import dev.portier.web.ui.Pickers;
import dev.portier.web.ui.Validators;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A booking: the vehicle (with its stored-key capacity, asked of its driver as soon as it is chosen),
 * the person and any active tap cards, begin and end in the vehicle's site time zone, and the vendor's
 * permissions, privileges and end-book conditions.
 */
final class ReservationForm extends DraftForm<ReservationDraft> {

    final ComboBox<Lock> vehicle = new ComboBox<>("Vehicle");
    final ComboBox<Person> person;
    final MultiSelectComboBox<Card> cards = new MultiSelectComboBox<>("Tap cards");
    final DateTimePicker begin = GrantFields.dateTime("Begin");
    final DateTimePicker end = GrantFields.dateTime("End");
    final CheckboxGroup<String> permissions = new CheckboxGroup<>("Permissions", ReservationTerms.PERMISSIONS);
    final CheckboxGroup<String> privileges = new CheckboxGroup<>("Privileges", ReservationTerms.PRIVILEGES);
    final CheckboxGroup<String> endBookConditions = new CheckboxGroup<>("End-book conditions", ReservationTerms.END_BOOK_CONDITIONS);
    final CapacityLabel capacity;
    private final ReservationContext context;

    ReservationForm(ReservationContext context) {
        this.context = context;
        SignedInUser who = context.who();
        LockService locks = context.locks();
        vehicle.setItems(q -> locks.list(who, vehicles(q.getFilter().orElse("")), Paging.of(q)).stream(),
                q -> locks.count(who, vehicles(q.getFilter().orElse(""))));
        vehicle.setItemLabelGenerator(l -> l.name() + " · " + l.siteName());
        vehicle.setClearButtonVisible(true);
        vehicle.setPlaceholder("Type to search");
        person = Pickers.people(context.people(), who, "Person");
        CardService cardService = context.cards();
        cards.setItems(q -> cardService.list(who, q.getFilter().orElse(""), Paging.of(q)).stream(),
                q -> cardService.count(who, q.getFilter().orElse("")));
        cards.setItemLabelGenerator(Pickers::cardLabel);
        cards.setHelperText("Any of the account's active cards; the person's own cards open the vehicle anyway");
        capacity = new CapacityLabel(context.vendor(), who);
        vehicle.addValueChangeListener(e -> {
            capacity.show(e.getValue() == null ? null : e.getValue().id());
            showZone();
        });
        permissions.setItemLabelGenerator(VehicleWords::term);
        privileges.setItemLabelGenerator(VehicleWords::term);
        endBookConditions.setItemLabelGenerator(VehicleWords::term);
        bind();
        add(vehicle, person, capacity, cards, begin, end, permissions, privileges, endBookConditions);
        setColspan(capacity, 2);
        setColspan(cards, 2);
        setColspan(permissions, 2);
        showZone();
    }

    private void bind() {
        ReservationContext c = context;
        binder.forField(vehicle).asRequired("Choose a vehicle")
                .bind(d -> d.lockId() == null ? null : c.locks().get(c.who(), d.lockId()), Validators.notWritten());
        binder.forField(person).asRequired("Choose a person")
                .bind(d -> d.personId() == null ? null : c.people().get(c.who(), d.personId()), Validators.notWritten());
        binder.forField(cards).withValidator(v -> v.stream().allMatch(card -> card.state() == CardState.ACTIVE),
                        "Lost and retired cards open nothing; remove them")
                .bind(d -> new LinkedHashSet<>(d.cardIds().stream().map(id -> c.cards().get(c.who(), id)).toList()),
                        Validators.notWritten());
        binder.forField(begin).asRequired("Enter when the reservation begins")
                .bind(d -> local(d.begin(), zoneOf(d.lockId())), Validators.notWritten());
        binder.forField(end).asRequired("Enter when the reservation ends")
                .withValidator(v -> begin.getValue() == null || v.isAfter(begin.getValue()), "The end must be after the begin")
                .bind(d -> local(d.end(), zoneOf(d.lockId())), Validators.notWritten());
        binder.forField(permissions).withValidator(v -> !v.isEmpty(), "Choose at least one permission")
                .bind(ReservationDraft::permissions, Validators.notWritten());
        binder.forField(privileges).bind(ReservationDraft::privileges, Validators.notWritten());
        binder.forField(endBookConditions).bind(ReservationDraft::endBookConditions, Validators.notWritten());
    }

    /** A new booking's defaults: the given vehicle (or none), from {@code from} for two hours, the usual permissions. */
    static ReservationDraft newDraft(String lockId, Instant from) {
        return new ReservationDraft(lockId, null, List.of(), from, from == null ? null : from.plusSeconds(2 * 3600),
                ReservationTerms.DEFAULT_PERMISSIONS, Set.of(), Set.of("IgnitionOff"));
    }

    @Override
    protected ReservationDraft draft() {
        ZoneId zone = zone();
        return new ReservationDraft(vehicle.getValue().id(), person.getValue().id(), cards.getValue().stream().map(Card::id).toList(),
                begin.getValue().atZone(zone).toInstant(), end.getValue().atZone(zone).toInstant(),
                new LinkedHashSet<>(permissions.getValue()), new LinkedHashSet<>(privileges.getValue()),
                new LinkedHashSet<>(endBookConditions.getValue()));
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        return Map.of("lockId", vehicle, "personId", person, "cardIds", cards, "begin", begin, "end", end,
                "permissions", permissions, "privileges", privileges, "endBookConditions", endBookConditions);
    }

    /** The chosen vehicle's site time zone; the account's until one is chosen. */
    ZoneId zone() {
        return vehicle.getValue() == null ? context.accountZone() : ZoneId.of(vehicle.getValue().siteTimeZone());
    }

    private ZoneId zoneOf(String lockId) {
        return lockId == null ? context.accountZone() : ZoneId.of(context.locks().get(context.who(), lockId).siteTimeZone());
    }

    private void showZone() {
        String hint = zone().getId() + (vehicle.getValue() == null ? " time (the account's, until you choose a vehicle)"
                : " time (the vehicle's site)");
        begin.setHelperText(hint);
        end.setHelperText(hint);
    }

    private static LockFilter vehicles(String search) {
        return new LockFilter(search, null, LockKind.VEHICLE, null);
    }

    private static LocalDateTime local(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }
}
