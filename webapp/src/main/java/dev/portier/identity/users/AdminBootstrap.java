package dev.portier.identity.users;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.config.PortierConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first account and OWNER from {@code PORTIER_ADMIN_EMAIL} / {@code PORTIER_ADMIN_PASSWORD}
 * when nobody has set Portier up yet; does nothing afterwards (the variables may stay set).
 */
@Singleton
public final class AdminBootstrap implements LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final PortierConfig config;
    private final SetupService setup;

    @Inject
    AdminBootstrap(PortierConfig config, SetupService setup) {
        this.config = config;
        this.setup = setup;
    }

    @Override
    public void start() {
        config.admin().ifPresent(admin -> {
            if (setup.isSetUp()) {
                return;
            }
            String name = admin.email().substring(0, admin.email().indexOf('@'));
            try {
                setup.setUp(new SetupService.FirstOwner(admin.accountName(), "UTC", name, admin.email(), admin.password()));
                log.info("Created account '{}' with owner {} from PORTIER_ADMIN_EMAIL", admin.accountName(), admin.email());
            } catch (SetupService.AlreadySetUpException e) {
                log.info("Portier was set up meanwhile; PORTIER_ADMIN_EMAIL ignored");
            }
        });
    }
}
