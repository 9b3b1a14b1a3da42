package dev.portier.web.access;

import dev.portier.drivers.sync.GrantSyncs;

import dev.portier.web.ui.Routes;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Subject;
import com.google.inject.Inject;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.web.grants.GrantFields;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.Pickers;
import dev.portier.platform.validation.NotFoundException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * "May this person or card open this lock at this moment, and why?" — answered by the one access
 * decision ({@link AccessDecisions#explain}), the same that doors, phones and vendor check-ins ask.
 */
@Route(ExplainView.ROUTE)
@PageTitle("Explain access · Portier")
public final class ExplainView extends VerticalLayout {

    public static final String ROUTE = Routes.EXPLAIN;
    private static final String PERSON = "Person";
    private static final String CARD = "Card";

    private final transient AccessDecisions decisions;
    private final transient Clock clock;
    private final SignedInUser me = CurrentUser.require();
    private final RadioButtonGroup<String> subjectKind = new RadioButtonGroup<>("Who", PERSON, CARD);
    private final ComboBox<Person> person;
    private final ComboBox<Card> card;
    private final ComboBox<Lock> lock;
    private final Select<Permission> permission = new Select<>();
    private final DateTimePicker at = GrantFields.dateTime("At");
    private final DecisionPanel result;
    private final ZoneId accountZone;
    private boolean atChosen;
    /** To the access page: every lock the chosen person or card may open this week. */
    private final com.vaadin.flow.component.html.Anchor allLocks = Routes.link("Every lock they may open this week", "");

    @Inject
    ExplainView(AccessDecisions decisions, PersonService people, CardService cards, LockService locks, AccountService accounts,
            Clock clock, GrantSyncs syncs) {
        this.decisions = decisions;
        this.result = new DecisionPanel(syncs, me);
        this.clock = clock;
        accountZone = ZoneId.of(accounts.current(me).timeZone());
        person = Pickers.people(people, me, "Person");
        card = Pickers.cards(cards, me, "Card");
        lock = Pickers.locks(locks, me, "Lock");
        permission.setLabel("To");
        permission.setItems(Permission.values());
        permission.setItemLabelGenerator(Permission::label);
        permission.setValue(Permission.UNLOCK);
        subjectKind.setValue(PERSON);
        at.setValue(now(accountZone));

        subjectKind.addValueChangeListener(e -> explain());
        person.addValueChangeListener(e -> explain());
        card.addValueChangeListener(e -> explain());
        permission.addValueChangeListener(e -> explain());
        lock.addValueChangeListener(e -> {
            if (!atChosen) {
                at.setValue(now(zone()));
            }
            explain();
        });
        at.addValueChangeListener(e -> {
            atChosen |= e.isFromClient();
            explain();
        });

        FormLayout inputs = new FormLayout(subjectKind, person, card, lock, permission, at);
        inputs.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        inputs.setMaxWidth("52em");
        Paragraph intro = new Paragraph("Asks the same access decision the locks get: which grant lets them in, or why none does.");
        intro.addClassNames("text-secondary");
        allLocks.setId("all-locks-link");
        add(new H2("Explain access"), intro, inputs, allLocks, result);
        explain();
    }

    private void explain() {
        boolean byPerson = PERSON.equals(subjectKind.getValue());
        person.setVisible(byPerson);
        card.setVisible(!byPerson);
        at.setHelperText("In " + zone().getId() + (lock.getValue() == null ? ", the account's time zone" : ", the lock's site time zone"));
        Subject subject = byPerson ? (person.getValue() == null ? null : new Subject.Person(person.getValue().id()))
                : (card.getValue() == null ? null : new Subject.Card(card.getValue().id()));
        allLocks.setVisible(subject != null);
        if (subject != null) {
            allLocks.setHref(byPerson ? Routes.personAccess(subject.id()) : Routes.cardAccess(subject.id()));
        }
        if (subject == null || lock.getValue() == null || at.getValue() == null || permission.getValue() == null) {
            result.clear("Choose " + (byPerson ? "a person" : "a card") + ", a lock and a moment.");
            return;
        }
        try {
            result.show(decisions.explain(me, subject, lock.getValue().id(), permission.getValue(), at.getValue().atZone(zone()).toInstant()));
        } catch (NotFoundException e) {
            result.clear("That person, card or lock no longer exists.");
        }
    }

    private ZoneId zone() {
        return lock.getValue() == null ? accountZone : ZoneId.of(lock.getValue().siteTimeZone());
    }

    private LocalDateTime now(ZoneId zone) {
        return LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES);
    }
}
