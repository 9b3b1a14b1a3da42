package dev.portier.web.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-wide settings: the Lumo theme from the prebuilt bundle, no custom frontend code. */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@Meta(name = "referrer", content = "no-referrer")
public final class AppShell implements AppShellConfigurator {
}
