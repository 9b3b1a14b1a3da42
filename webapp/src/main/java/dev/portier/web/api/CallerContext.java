package dev.portier.web.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context an authentication filter sets: who calls, by bearer token. Roles are never asked
 * of it — the services check them fresh on every call ({@code Authorization}).
 */
final class CallerContext {

    private CallerContext() {
    }

    static SecurityContext of(Principal caller, boolean secure) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }
}
