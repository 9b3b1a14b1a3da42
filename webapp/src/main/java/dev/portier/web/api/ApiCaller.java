package dev.portier.web.api;

import dev.portier.identity.accounts.SignedInUser;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The API token behind a request, as the services' caller. Set by {@link BearerAuthentication}. */
record ApiCaller(SignedInUser user) implements Principal {

    @Override
    public String getName() {
        return user.displayName();
    }

    /** The caller of a request that passed {@link BearerAuthentication}. */
    static SignedInUser of(SecurityContext security) {
        if (security.getUserPrincipal() instanceof ApiCaller caller) {
            return caller.user();
        }
        // Only reachable if a resource were mounted outside /api/v1, where authentication runs.
        throw new NotAuthorizedException("Bearer");
    }

    SecurityContext securityContext(boolean secure) {
        return CallerContext.of(this, secure);
    }
}
