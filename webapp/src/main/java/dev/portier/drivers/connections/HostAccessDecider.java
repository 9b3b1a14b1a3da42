package dev.portier.drivers.connections;

import java.time.Instant;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.access.GrantVerdict;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.DenialReason;
import dev.portier.platform.db.Database;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.AccessDecider;
import dev.portier.platform.validation.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The core's access decision as a connection's driver asks it, within the connection's account. A
 * phone number is resolved to the one person who has it, a card serial to the account's card with
 * that serial; an unknown lock, person, card or permission is a denial with reason NO_GRANT, never an
 * exception, so a driver can answer the lock at once.
 */
final class HostAccessDecider implements AccessDecider {

    private static final AccessAnswer NO_GRANT = new AccessAnswer(false, null, null, null, null,
            List.of(dev.portier.plugin.api.DenialReason.NO_GRANT));

    private final String accountId;
    private final AccessDecisions decisions;
    private final PersonService people;
    private final Database database;

    HostAccessDecider(String accountId, AccessDecisions decisions, PersonService people, Database database) {
        this.accountId = accountId;
        this.decisions = decisions;
        this.people = people;
        this.database = database;
    }

    @Override
    public AccessAnswer decide(AccessQuestion question) {
        return answer(question, false);
    }

    /** Only grants delivering keys on demand (and running bookings) answer an on-demand request. */
    @Override
    public AccessAnswer decideOnDemand(AccessQuestion question) {
        return answer(question, true);
    }

    private AccessAnswer answer(AccessQuestion question, boolean onDemand) {
        if (question == null || question.subject() == null || question.lockId() == null || question.at() == null) {
            return NO_GRANT;
        }
        Optional<dev.portier.access.Subject> subject = subject(question.subject());
        Optional<Permission> permission = permission(question.permission());
        if (subject.isEmpty() || permission.isEmpty()) {
            return NO_GRANT;
        }
        Decision decision;
        try {
            decision = decisions.decide(accountId, subject.get(), question.lockId(), permission.get(), question.at());
        } catch (NotFoundException e) {
            return NO_GRANT;
        }
        if (decision.allowed() && decision.grant() == null) {
            // Allowed by a booking: no grant to name; a key may last until the booking ends.
            return new AccessAnswer(true, null, decision.reservation().reservationId(), decision.openUntil(),
                    Duration.between(question.at(), decision.openUntil()), List.of());
        }
        if (!decision.allowed()) {
            return new AccessAnswer(false, null, null, null, null,
                    decision.reasons().stream().map(r -> dev.portier.plugin.api.DenialReason.valueOf(r.name())).toList());
        }
        Optional<Grant> allowing = onDemand
                ? decision.considered().stream().filter(GrantVerdict::allows).map(GrantVerdict::grant)
                        .filter(g -> g.delivery() == Delivery.ON_DEMAND).findFirst()
                : Optional.of(decision.grant());
        if (allowing.isEmpty()) {
            return new AccessAnswer(false, null, null, null, null, List.of(dev.portier.plugin.api.DenialReason.NO_ON_DEMAND_GRANT));
        }
        Grant grant = allowing.get();
        Instant openUntil = grant == decision.grant() ? decision.openUntil()
                : AccessDecisions.openUntil(grant, question.at(), decision.zone(), decision.holidays()::isHoliday);
        return new AccessAnswer(true, grant.id(), null, openUntil, Duration.ofMinutes(grant.onDemandMinutes()), List.of());
    }

    // The SPI's Subject (a nested type of AccessDecider) shadows the core's, hence the qualified names.
    private Optional<dev.portier.access.Subject> subject(AccessDecider.Subject asked) {
        if (asked.personId() != null) {
            return Optional.of(new dev.portier.access.Subject.Person(asked.personId()));
        }
        if (asked.cardId() != null) {
            return Optional.of(new dev.portier.access.Subject.Card(asked.cardId()));
        }
        if (asked.phone() != null) {
            return people.findByPhone(accountId, asked.phone()).map(p -> new dev.portier.access.Subject.Person(p.id()));
        }
        if (asked.cardSerial() != null) {
            // Serials are stored in upper case without separators; drivers may report them otherwise.
            String serial = asked.cardSerial().replaceAll("[\\s:-]", "").toUpperCase(Locale.ROOT);
            return database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT id FROM cards WHERE account_id = :accountId AND serial_number = :serial")
                    .bind("accountId", accountId).bind("serial", serial).mapTo(String.class).findOne())
                    .map(dev.portier.access.Subject.Card::new);
        }
        return Optional.empty();
    }

    /** The SPI's permissions are the core's, by name. */
    private static Optional<Permission> permission(dev.portier.plugin.api.Permission asked) {
        return asked == null ? Optional.empty() : Optional.of(Permission.valueOf(asked.name()));
    }
}
