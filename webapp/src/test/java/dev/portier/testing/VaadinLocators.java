package dev.portier.testing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Playwright locators that find Vaadin components the way a person does: by label and visible text. */
public final class VaadinLocators {

    private VaadinLocators() {
    }

    /** A text, email or password field by its exact label (Vaadin slots a real input with that name). */
    public static Locator field(Page page, String label) {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
    }

    public static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A field's error message (not its copy in the live region that screen readers hear). */
    public static Locator fieldError(Page page, String message) {
        return page.locator("[slot=error-message]", new Page.LocatorOptions().setHasText(message));
    }

    /** Grids recycle row elements: only the visible ones are rows. */
    public static Locator visible(Locator locator) {
        return locator.filter(new Locator.FilterOptions().setVisible(true));
    }
}
