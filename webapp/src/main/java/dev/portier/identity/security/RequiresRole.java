package dev.portier.identity.security;

import dev.portier.identity.accounts.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a view needs in the current account. Views without it are open to every member.
 * Checked by the {@link NavigationGuard} on the server for every navigation, typed URLs included.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiresRole {
    Role value();
}
