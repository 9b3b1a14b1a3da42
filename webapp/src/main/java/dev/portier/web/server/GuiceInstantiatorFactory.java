package dev.portier.web.server;

import com.google.inject.Injector;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.di.InstantiatorFactory;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.stream.Stream;

/**
 * Lets Guice build Portier's views, layouts and listeners, so they take services by constructor
 * injection. Registered through {@code META-INF/services}; the injector is a servlet-context attribute.
 */
public final class GuiceInstantiatorFactory implements InstantiatorFactory {

    @Override
    public Instantiator createInstantitor(VaadinService service) {
        Injector injector = service.getContext().getAttribute(Injector.class);
        if (injector == null) {
            throw new IllegalStateException("No Guice injector in the servlet context: start Portier through PortierServer");
        }
        return new GuiceInstantiator(service, injector);
    }

    private static final class GuiceInstantiator extends DefaultInstantiator {
        private static final String OWN_PACKAGE = "dev.portier.";
        private final transient Injector injector;

        GuiceInstantiator(VaadinService service, Injector injector) {
            super(service);
            this.injector = injector;
        }

        @Override
        public Stream<VaadinServiceInitListener> getServiceInitListeners() {
            return Stream.concat(super.getServiceInitListeners(),
                    Stream.of(injector.getInstance(PortierServiceInitListener.class)));
        }

        @Override
        public <T> T getOrCreate(Class<T> type) {
            // Vaadin's own classes keep Vaadin's construction rules.
            return type.getName().startsWith(OWN_PACKAGE) ? injector.getInstance(type) : super.getOrCreate(type);
        }
    }
}
