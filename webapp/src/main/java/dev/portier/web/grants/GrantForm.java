package dev.portier.web.grants;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import com.vaadin.flow.component.textfield.TextField;
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
 * Who (a person, a card or a people group) may do what (permissions) where (one lock, a whole site or a lock
 * group) and when (validity dates in the target site's time zone, weekly windows), and how keys are delivered.
 * Naming a group makes a group grant, which has a name and one member grant per member.
 */
final class GrantForm extends DraftForm<GroupGrantDraft> {

    static final String PERSON = "Person";
    static final String CARD = "Card";
    static final String LOCK = "One lock";
    static final String SITE = "Whole site";
    static final String PEOPLE_GROUP = "People group";
    static final String LOCK_GROUP = "Lock group";

    final RadioButtonGroup<String> subjectKind = new RadioButtonGroup<>("Subject", PERSON, CARD, PEOPLE_GROUP);
    final ComboBox<Person> person;
    final ComboBox<Card> card;
    final ComboBox<Group> peopleGroup = new ComboBox<>("People group");
    final RadioButtonGroup<String> targetKind = new RadioButtonGroup<>("Target", LOCK, SITE, LOCK_GROUP);
    final ComboBox<Lock> lock;
    final ComboBox<Site> site;
    final ComboBox<Group> lockGroup = new ComboBox<>("Lock group");
    final TextField name = new TextField("Name of the group grant");
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
        peopleGroup.setItems(context.groups().list(context.who(), GroupKind.PEOPLE));
        peopleGroup.setItemLabelGenerator(g -> g.name() + " (" + g.memberCount() + ")");
        lockGroup.setItems(context.groups().list(context.who(), GroupKind.LOCKS));
        lockGroup.setItemLabelGenerator(g -> g.name() + " (" + g.memberCount() + ")");
        name.setMaxLength(100);
        name.setHelperText("Shown in lists and in Explain, e.g. Cleaning weekdays");
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
        add(subjectKind, targetKind, person, lock, card, site, peopleGroup, lockGroup, name, validFrom, validUntil, schedule, permissions, delivery, onDemandMinutes);
        setColspan(schedule, 2);
        showChoices();
    }

    private void bind() {
        GrantContext c = context;
        binder.forField(subjectKind).bind(d -> d.peopleGroupId() != null ? PEOPLE_GROUP : d.cardId() != null ? CARD : PERSON,
                Validators.notWritten());
        binder.forField(peopleGroup).withValidator(v -> v != null || !subjectKind.getValue().equals(PEOPLE_GROUP), "Choose a people group")
                .bind(d -> d.peopleGroupId() == null ? null : c.groups().get(c.who(), GroupKind.PEOPLE, d.peopleGroupId()),
                        Validators.notWritten());
        binder.forField(lockGroup).withValidator(v -> v != null || !targetKind.getValue().equals(LOCK_GROUP), "Choose a lock group")
                .bind(d -> d.lockGroupId() == null ? null : c.groups().get(c.who(), GroupKind.LOCKS, d.lockGroupId()),
                        Validators.notWritten());
        binder.forField(name).withValidator(v -> !grouped() || !v.isBlank(), "Enter a name for the group grant")
                .bind(d -> d.name() == null ? "" : d.name(), Validators.notWritten());
        binder.forField(person).withValidator(v -> v != null || !subjectKind.getValue().equals(PERSON), "Choose a person")
                .bind(d -> d.personId() == null ? null : c.people().get(c.who(), d.personId()), Validators.notWritten());
        binder.forField(card).withValidator(v -> v != null || !subjectKind.getValue().equals(CARD), "Choose a card")
                .bind(d -> d.cardId() == null ? null : c.cards().get(c.who(), d.cardId()), Validators.notWritten());
        binder.forField(targetKind).bind(d -> d.lockGroupId() != null ? LOCK_GROUP : d.siteId() != null ? SITE : LOCK,
                Validators.notWritten());
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
                .bind(GroupGrantDraft::permissions, Validators.notWritten());
        binder.forField(delivery).asRequired("Choose how keys are delivered").bind(GroupGrantDraft::delivery, Validators.notWritten());
        binder.forField(onDemandMinutes)
                .withValidator(v -> delivery.getValue() != Delivery.ON_DEMAND
                        || v != null && v >= 1 && v <= GrantService.MAX_ON_DEMAND_MINUTES,
                        "An on-demand key lasts between 1 and " + GrantService.MAX_ON_DEMAND_MINUTES + " minutes")
                .bind(GroupGrantDraft::onDemandMinutes, Validators.notWritten());
    }

    /** Whether a people group or a lock group is chosen: the form then makes a group grant. */
    boolean grouped() {
        return PEOPLE_GROUP.equals(subjectKind.getValue()) || LOCK_GROUP.equals(targetKind.getValue());
    }

    /** A grant's draft in the form's terms (no name, no group). */
    static GroupGrantDraft of(GrantDraft d) {
        return new GroupGrantDraft(null, d.personId(), d.cardId(), null, d.lockId(), d.siteId(), null, d.validFrom(), d.validUntil(),
                d.schedule(), d.permissions(), d.delivery(), d.onDemandMinutes());
    }

    /** The form's draft as an ordinary grant's (when no group is chosen). */
    static GrantDraft plain(GroupGrantDraft d) {
        return new GrantDraft(d.personId(), d.cardId(), d.lockId(), d.siteId(), d.validFrom(), d.validUntil(), d.schedule(),
                d.permissions(), d.delivery(), d.onDemandMinutes());
    }

    static boolean grouped(GroupGrantDraft d) {
        return d.peopleGroupId() != null || d.lockGroupId() != null;
    }

    /** The defaults of a new grant: a person on one lock, any time, unlock and lock, pre-issued keys. */
    static GroupGrantDraft newDraft() {
        return of(new GrantDraft(null, null, null, null, null, null, "", EnumSet.of(Permission.UNLOCK, Permission.LOCK),
                Delivery.PRE_ISSUED, GrantService.DEFAULT_ON_DEMAND_MINUTES));
    }

    /** The draft when every field is valid (showing the errors otherwise): what "Preview changes" rehearses. */
    java.util.Optional<GroupGrantDraft> validDraft() {
        return binder.validate().isOk() ? java.util.Optional.of(draft()) : java.util.Optional.empty();
    }

    @Override
    protected GroupGrantDraft draft() {
        String subject = subjectKind.getValue();
        String target = targetKind.getValue();
        ZoneId zone = zone();
        return new GroupGrantDraft(grouped() ? name.getValue() : null,
                subject.equals(PERSON) ? person.getValue().id() : null, subject.equals(CARD) ? card.getValue().id() : null,
                subject.equals(PEOPLE_GROUP) ? peopleGroup.getValue().id() : null,
                target.equals(LOCK) ? lock.getValue().id() : null, target.equals(SITE) ? site.getValue().id() : null,
                target.equals(LOCK_GROUP) ? lockGroup.getValue().id() : null,
                instant(validFrom.getValue(), zone), instant(validUntil.getValue(), zone), schedule.getValue(),
                EnumSet.copyOf(permissions.getValue()), delivery.getValue(),
                delivery.getValue() == Delivery.ON_DEMAND ? onDemandMinutes.getValue() : GrantService.DEFAULT_ON_DEMAND_MINUTES);
    }

    @Override
    protected Map<String, ? extends HasValidation> fieldsByName() {
        String subject = subjectKind.getValue();
        String target = targetKind.getValue();
        return Map.of("subject", subject.equals(PERSON) ? person : subject.equals(CARD) ? card : peopleGroup,
                "target", target.equals(LOCK) ? lock : target.equals(SITE) ? site : lockGroup, "name", name,
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
        peopleGroup.setVisible(PEOPLE_GROUP.equals(subjectKind.getValue()));
        lock.setVisible(LOCK.equals(targetKind.getValue()));
        site.setVisible(SITE.equals(targetKind.getValue()));
        lockGroup.setVisible(LOCK_GROUP.equals(targetKind.getValue()));
        name.setVisible(grouped());
        onDemandMinutes.setVisible(delivery.getValue() == Delivery.ON_DEMAND);
        showZone();
    }

    private void showZone() {
        boolean targetChosen = LOCK.equals(targetKind.getValue()) ? lock.getValue() != null
                : SITE.equals(targetKind.getValue()) && site.getValue() != null;
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
