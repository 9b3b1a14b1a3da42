package dev.portier.web.grants;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.portier.domain.cards.Card;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.people.Person;
import dev.portier.domain.sites.Site;
import dev.portier.web.ui.DraftForm;
import dev.portier.web.ui.Pickers;
import dev.portier.web.ui.Validators;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * Who (a person or a card) may do what (permissions) where (one lock or a whole site) and when
 * (validity dates in the target site's time zone, weekly windows), and how keys are delivered.
 */
final class GrantForm extends DraftForm<GrantDraft> {

    static final String PERSON = "Person";
    static final String CARD = "Card";
    static final String LOCK = "One lock";
    static final String SITE = "Whole site";

    final RadioButtonGroup<String> subjectKind = new RadioButtonGroup<>("Subject", PERSON, CARD);
    final ComboBox<Person> person;
    final ComboBox<Card> card;
    final RadioButtonGroup<String> targetKind = new RadioButtonGroup<>("Target", LOCK, SITE);
    final ComboBox<Lock> lock;
    final ComboBox<Site> site;
    final DateTimePicker validFrom = GrantFields.dateTime("Valid from");
    final DateTimePicker validUntil = GrantFields.dateTime("Valid until");
    final ScheduleEditor schedule = new ScheduleEditor();
    final CheckboxGroup<Permission> permissions = new CheckboxGroup<>("Permissions", Permission.values());
    final RadioButtonGroup<Delivery> delivery = new RadioButtonGroup<>("Delivery", Delivery.values());
    final IntegerField onDemandMinutes = new IntegerField("On-demand key lasts (minutes)");
    private final GrantContext context;

    GrantForm(GrantContext context) {
        this.context = context;
        person = Pickers.people(context.people(), context.who(), "Person");
        card = Pickers.cards(context.cards(), context.who(), "Card");
        lock = Pickers.locks(context.locks(), context.who(), "Lock");
        site = Pickers.sites(context.sites(), context.who(), "Site");
        permissions.setItemLabelGenerator(Permission::label);
        delivery.setItemLabelGenerator(Delivery::label);
        // No setMin/setMax: the field's own range check would show an empty message; the binder's says why.
        onDemandMinutes.setStepButtonsVisible(true);
        subjectKind.addValueChangeListener(e -> showChoices());
        targetKind.addValueChangeListener(e -> showChoices());
        delivery.addValueChangeListener(e -> showChoices());
        lock.addValueChangeListener(e -> showZone());
        site.addValueChangeListener(e -> showZone());
        bind();
        add(subjectKind, targetKind, person, lock, card, site, validFrom, validUntil, schedule, permissions, delivery, onDemandMinutes);
        setColspan(schedule, 2);
        showChoices();
    }

    private void bind() {
        GrantContext c = context;
        binder.forField(subjectKind).bind(d -> d.cardId() != null ? CARD : PERSON, Validators.notWritten());
        binder.forField(person).withValidator(v -> v != null || !subjectKind.getValue().equals(PERSON), "Choose a person")
                .bind(d -> d.personId() == null ? null : c.people().get(c.who(), d.personId()), Validators.notWritten());
        binder.forField(card).withValidator(v -> v != null || !subjectKind.getValue().equals(CARD), "Choose a card")
                .bind(d -> d.cardId() == null ? null : c.cards().get(c.who(), d.cardId()), Validators.notWritten());
        binder.forField(targetKind).bind(d -> d.siteId() != null ? SITE : LOCK, Validators.notWritten());
        binder.forField(lock).withValidator(v -> v != null || !targetKind.getValue().equals(LOCK), "Choose a lock")
                .bind(d -> d.lockId() == null ? null : c.locks().get(c.who(), d.lockId()), Validators.notWritten());
        binder.forField(site).withValidator(v -> v != null || !targetKind.getValue().equals(SITE), "Choose a site")
                .bind(d -> d.siteId() == null ? null : c.sites().get(c.who(), d.siteId()), Validators.notWritten());
        binder.forField(validFrom).bind(d -> local(d.validFrom(), c.zoneOf(d.lockId(), d.siteId())), Validators.notWritten());
        binder.forField(validUntil)
                .withValidator(v -> v == null || validFrom.getValue() == null || v.isAfter(validFrom.getValue()),
                        "Valid until must be after valid from")
                .bind(d -> local(d.validUntil(), c.zoneOf(d.lockId(), d.siteId())), Validators.notWritten());
        binder.forField(schedule).withValidator(Validators.of(v -> schedule.problem()))
                .bind(d -> d.schedule() == null ? "" : d.schedule(), Validators.notWritten());
        binder.forField(permissions).withValidator(v -> !v.isEmpty(), "Choose at least one permission")
                .bind(GrantDraft::permissions, Validators.notWritten());
        binder.forField(delivery).asRequired("Choose how keys are delivered").bind(GrantDraft::delivery, Validators.notWritten());
        binder.forField(onDemandMinutes)
                .withValidator(v -> delivery.getValue() != Delivery.ON_DEMAND
                        || v != null && v >= 1 && v <= GrantService.MAX_ON_DEMAND_MINUTES,
                        "An on-demand key lasts between 1 and " + GrantService.MAX_ON_DEMAND_MINUTES + " minutes")
                .bind(GrantDraft::onDemandMinutes, Validators.notWritten());
    }

    /** The defaults of a new grant: a person on one lock, any time, unlock and lock, pre-issued keys. */
    static GrantDraft newDraft() {
        return new GrantDraft(null, null, null, null, null, null, "", EnumSet.of(Permission.UNLOCK, Permission.LOCK),
                Delivery.PRE_ISSUED, GrantService.DEFAULT_ON_DEMAND_MINUTES);
    }

    /** The draft when every field is valid (showing the errors otherwise): what "Preview changes" rehearses. */
    java.util.Optional<GrantDraft> validDraft() {
        return binder.validate().isOk() ? java.util.Optional.of(draft()) : java.util.Optional.empty();
    }

    @Override
    protected GrantDraft draft() {
        boolean byPerson = subjectKind.getValue().equals(PERSON);
        boolean onLock = targetKind.getValue().equals(LOCK);
        ZoneId zone = zone();
        return new GrantDraft(byPerson ? person.getValue().id() : null, byPerson ? null : card.getValue().id(),
                onLock ? lock.getValue().id() : null, onLock ? null : site.getValue().id(),
                instant(validFrom.getValue(), zone), instant(validUntil.getValue(), zone), schedule.getValue(),
                EnumSet.copyOf(permissions.getValue()), delivery.getValue(),
                delivery.getValue() == Delivery.ON_DEMAND ? onDemandMinutes.getValue() : GrantService.DEFAULT_ON_DEMAND_MINUTES);
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        return Map.of("subject", subjectKind.getValue().equals(PERSON) ? person : card,
                "target", targetKind.getValue().equals(LOCK) ? lock : site,
                "validFrom", validFrom, "validUntil", validUntil, "schedule", schedule, "permissions", permissions,
                "delivery", delivery, "onDemandMinutes", onDemandMinutes);
    }

    /** The chosen target's time zone; the account's until one is chosen. */
    ZoneId zone() {
        boolean onLock = LOCK.equals(targetKind.getValue());
        return Optional.ofNullable(onLock ? Optional.ofNullable(lock.getValue()).map(Lock::siteTimeZone).orElse(null)
                        : Optional.ofNullable(site.getValue()).map(Site::timeZone).orElse(null))
                .map(ZoneId::of).orElse(context.accountZone());
    }

    private void showChoices() {
        person.setVisible(PERSON.equals(subjectKind.getValue()));
        card.setVisible(CARD.equals(subjectKind.getValue()));
        lock.setVisible(LOCK.equals(targetKind.getValue()));
        site.setVisible(SITE.equals(targetKind.getValue()));
        onDemandMinutes.setVisible(delivery.getValue() == Delivery.ON_DEMAND);
        showZone();
    }

    private void showZone() {
        boolean targetChosen = LOCK.equals(targetKind.getValue()) ? lock.getValue() != null : site.getValue() != null;
        String hint = zone().getId() + (targetChosen ? " time (the site's)" : " time (the account's, until you choose a target)")
                + "; empty means open";
        validFrom.setHelperText(hint);
        validUntil.setHelperText(hint);
    }

    private static LocalDateTime local(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }

    private static Instant instant(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toInstant();
    }
}
