package dev.portier.web.api;

import dev.portier.identity.accounts.Role;
import dev.portier.identity.apitokens.ApiTokenService;
import dev.portier.platform.db.Database;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import java.util.List;
import java.util.stream.Collectors;

/** Set-up shared by the API tests: the admin as a caller, tokens, and a fingerprint of the stored data. */
final class ApiFixtures {

    /** Everything an API call could write (the tokens' last-use times aside). */
    private static final List<String> TABLES = List.of("sites", "locks", "people", "cards", "grants", "audit_entries", "accounts");

    private ApiFixtures() {
    }

    /** The owner of account "Portier" on a {@link RunningServer#withAdmin} server. */
    static SignedInUser admin(RunningServer server) {
        SignInResult.SignedIn ok = (SignInResult.SignedIn) server.get(SignInService.class)
                .signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        return new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(), ok.accounts().getFirst().accountId());
    }

    static String token(RunningServer server, SignedInUser creator, Role role, String name) {
        return server.get(ApiTokenService.class).create(creator, name, role).secret();
    }

    /** Every row of every table the API writes to, as text: equal before and after means nothing was written. */
    static String storedData(RunningServer server) {
        return server.get(Database.class).jdbi().withHandle(h -> TABLES.stream()
                .map(table -> table + h.createQuery("SELECT * FROM " + table + " ORDER BY id").mapToMap().list())
                .collect(Collectors.joining("\n")));
    }
}
