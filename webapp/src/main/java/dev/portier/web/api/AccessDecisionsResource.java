package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Subject;
import dev.portier.platform.db.SqlText;
import dev.portier.domain.grants.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;

/**
 * {@code POST /api/v1/access-decisions}: asks Portier's one access decision ({@link AccessDecisions})
 * and answers what the explain view shows. Asking changes nothing, so VIEWER tokens may ask.
 */
@Path("v1/access-decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access decisions", description = "May this person or card open this lock at this instant, and why")
@Singleton
public final class AccessDecisionsResource {

    private final AccessDecisions decisions;
    private final Clock clock;

    @Inject
    AccessDecisionsResource(AccessDecisions decisions, Clock clock) {
        this.decisions = decisions;
        this.clock = clock;
    }

    @POST
    @Operation(operationId = "decideAccess", summary = "Decide and explain: allowed by which grant, or denied and why")
    public AccessDecisionResponse decide(@Context SecurityContext security, AccessDecisionRequest body) {
        AccessDecisionRequest question = ApiInputException.required(body);
        boolean person = !SqlText.isBlank(question.personId());
        if (person == !SqlText.isBlank(question.cardId())) {
            throw new ApiInputException("subject", "Give either personId or cardId");
        }
        if (SqlText.isBlank(question.lockId())) {
            throw new ApiInputException("lockId", "Give the lockId");
        }
        Subject subject = person ? new Subject.Person(question.personId()) : new Subject.Card(question.cardId());
        return AccessDecisionResponse.of(decisions.explain(ApiCaller.of(security), subject, question.lockId(),
                question.permission() == null ? Permission.UNLOCK : question.permission(),
                question.at() == null ? clock.instant() : question.at()));
    }
}
