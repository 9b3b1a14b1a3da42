package dev.portier.web.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-wide settings: the Lumo theme from the prebuilt bundle, no custom frontend code, Portier's icon. */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@Meta(name = "referrer", content = "no-referrer")
public final class AppShell implements AppShellConfigurator {

    /** Served from META-INF/resources; without a link browsers ask for /favicon.ico and get a 404 on every page. */
    public static final String ICON = "icons/portier.svg";

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", ICON, "any");
    }
}
