package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The REST API as one Jersey application, served under {@code /api}. Guice builds the resources and
 * the authentication filter (they take services by constructor injection) and Jersey is handed the
 * instances; everything Jersey would otherwise discover on the class path is switched off, so what
 * is registered here is all there is.
 */
@Singleton
public final class ApiApplication {

    /** Every resource under {@code /api/v1}; the OpenAPI document is generated from exactly these. */
    static final List<Class<?>> RESOURCES = List.of(SitesResource.class, LocksResource.class, PeopleResource.class,
            CardsResource.class, GrantsResource.class, AccessDecisionsResource.class, LockEventsResource.class,
            EventsResource.class, ReservationsResource.class, LockCommandsResource.class, TrustResource.class,
            MobileResource.class, LockEnrolmentResource.class, ConnectionsResource.class, WebhooksResource.class,
            HolidayCalendarsResource.class, PeopleGroupsResource.class, LockGroupsResource.class, GroupGrantsResource.class,
            WhatIfResource.class, BulkChangesResource.class);

    // Jersey warns about every resource registered as an instance, wrongly (eclipse-ee4j/jersey#3700);
    // held here because java.util.logging keeps loggers, and so their levels, only weakly.
    private static final java.util.logging.Logger MISLEADING_WARNINGS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        MISLEADING_WARNINGS.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Injector injector;

    @Inject
    ApiApplication(Injector injector) {
        this.injector = injector;
    }

    /** The servlet to mount at {@code /api/*}. */
    public HttpServlet servlet() {
        return new ServletContainer(resourceConfig());
    }

    ResourceConfig resourceConfig() {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("portier-api");
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Errors carry a JSON body; never let the container swap it for its HTML error page.
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new ApiJson());
        config.register(new ApiExceptionMapper());
        config.register(new EnumParameters());
        config.register(injector.getInstance(BearerAuthentication.class));
        config.register(injector.getInstance(DeviceAuthentication.class));
        config.register(injector.getInstance(RateLimit.class));
        config.register(new RequestBodyLimit());
        config.register(injector.getInstance(IdempotencyFilter.class));
        config.register(new RouteTemplate());
        config.register(new NoNulInQuery());
        RESOURCES.forEach(resource -> config.register(injector.getInstance(resource)));
        config.register(new OpenApiDocument(RESOURCES));
        return config;
    }
}
