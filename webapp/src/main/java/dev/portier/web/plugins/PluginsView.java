package dev.portier.web.plugins;

import dev.portier.web.ui.Routes;
import dev.portier.drivers.plugins.DriverCalls;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.plugins.InstalledPlugin;
import dev.portier.drivers.plugins.LoadedDriverFactory;
import dev.portier.drivers.plugins.PluginStatus;
import com.google.inject.Inject;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.PluginApi;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.time.Times;
import java.time.ZoneId;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every member: the plugins this Portier found at start-up, whether each started, and if not, why;
 * the drivers each offers with their capabilities; the last call into a plugin that failed.
 */
@Route(PluginsView.ROUTE)
@PageTitle("Plugins · Portier")
public final class PluginsView extends VerticalLayout {

    public static final String ROUTE = Routes.PLUGINS;

    private final transient DriverCalls calls;
    private final ZoneId zone;

    @Inject
    PluginsView(DriverFactories factories, DriverCalls calls, PortierConfig config, AccountService accounts) {
        this.calls = calls;
        SignedInUser me = CurrentUser.require();
        this.zone = ZoneId.of(accounts.current(me).timeZone());
        add(new H2("Plugins"), new Paragraph("Portier loads plugin jars at start-up from "
                + config.dataDir().resolve("plugins").toAbsolutePath().normalize()
                + " and from the plugins bundled with it. This Portier implements plugin API " + PluginApi.VERSION
                + "; a plugin that needs another version is not started."));
        if (factories.plugins().isEmpty()) {
            add(new Paragraph("No plugins are installed. Copy a plugin jar into the plugins directory and restart Portier."));
        }
        factories.plugins().forEach(plugin -> add(card(plugin)));
    }

    private Component card(InstalledPlugin plugin) {
        HorizontalLayout title = new HorizontalLayout(new H3(plugin.id() + (plugin.version().isEmpty() ? "" : " " + plugin.version())),
                badge(plugin.status()));
        title.setAlignItems(FlexComponent.Alignment.CENTER);
        Section card = new Section(title);
        card.setAriaLabel("Plugin " + plugin.id());
        card.addClassNames("border", "border-contrast-10", "rounded-m", "p-m", "w-full", "box-border");
        card.add(new Paragraph(facts(plugin)));
        plugin.problem().ifPresent(problem -> {
            Paragraph error = new Paragraph(problem);
            error.addClassNames("text-error");
            card.add(error);
        });
        // A plugin that did not start already shows why; later failures belong to started ones.
        calls.lastFailure(plugin.id()).filter(f -> plugin.status() == PluginStatus.STARTED).ifPresent(failure -> {
            Paragraph last = new Paragraph("Last failed call, " + Times.format(failure.at(), zone) + ": " + failure.message());
            last.addClassNames("text-error");
            card.add(last);
        });
        if (!plugin.drivers().isEmpty()) {
            UnorderedList drivers = new UnorderedList();
            plugin.drivers().forEach(driver -> drivers.add(new ListItem(new Span(driver.descriptor().displayName()
                    + " (" + driver.id() + ", " + driver.descriptor().vendor() + "): "
                    + capabilities(driver)))));
            card.add(drivers);
        } else if (plugin.status() == PluginStatus.STARTED) {
            card.add(new Paragraph("Offers no drivers."));
        }
        return card;
    }

    private static String facts(InstalledPlugin plugin) {
        StringBuilder facts = new StringBuilder();
        if (!plugin.provider().isEmpty()) {
            facts.append("By ").append(plugin.provider()).append(" · ");
        }
        if (!plugin.requires().isEmpty()) {
            facts.append("Requires plugin API ").append(plugin.requires()).append(" · ");
        }
        return facts.append("From ").append(plugin.source()).toString();
    }

    private static String capabilities(LoadedDriverFactory driver) {
        if (driver.capabilities().isEmpty()) {
            return "no optional capabilities";
        }
        return driver.capabilities().stream().sorted().map(PluginsView::label).collect(Collectors.joining(", "));
    }

    static String label(Capability capability) {
        String words = capability.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return capability == Capability.HTTP_ENDPOINTS ? "HTTP endpoints" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Badge badge(PluginStatus status) {
        Badge badge = new Badge(status.label());
        badge.addThemeVariants(switch (status) {
            case STARTED -> BadgeVariant.SUCCESS;
            case FAILED, INCOMPATIBLE -> BadgeVariant.ERROR;
            case DISABLED -> BadgeVariant.CONTRAST;
        });
        return badge;
    }
}
