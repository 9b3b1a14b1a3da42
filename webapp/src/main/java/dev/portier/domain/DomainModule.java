package dev.portier.domain;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.events.LogOfLock;
import dev.portier.domain.grants.GrantChangeParticipant;
import dev.portier.domain.grants.GrantListener;
import dev.portier.domain.grants.GrantReferences;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.groups.GroupMemberships;
import dev.portier.domain.groups.MembershipParticipant;
import dev.portier.domain.cards.CardHolders;
import dev.portier.domain.cards.CardListener;
import dev.portier.domain.people.PersonReferences;
import dev.portier.domain.locks.LockReferences;
import dev.portier.domain.reservations.BookingReferences;

/**
 * The domain's extension points — who listens to grant and card changes, who writes along with a grant
 * change, who refers to locks and people — with the domain packages' own contributions. Higher layers
 * add theirs (the trust service, grant sync, vehicles).
 */
public final class DomainModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), GrantListener.class);
        Multibinder.newSetBinder(binder(), GrantChangeParticipant.class);
        Multibinder.newSetBinder(binder(), CardListener.class);
        Multibinder<LockReferences> references = Multibinder.newSetBinder(binder(), LockReferences.class);
        references.addBinding().to(GrantReferences.class);
        references.addBinding().to(LogOfLock.class);
        references.addBinding().to(BookingReferences.class);
        references.addBinding().to(GroupMemberships.class);
        Multibinder<PersonReferences> people = Multibinder.newSetBinder(binder(), PersonReferences.class);
        people.addBinding().to(GrantReferences.class);
        people.addBinding().to(BookingReferences.class);
        people.addBinding().to(CardHolders.class);
        people.addBinding().to(GroupMemberships.class);
        Multibinder.newSetBinder(binder(), MembershipParticipant.class).addBinding().to(GroupGrantService.class);
    }
}
