package dev.portier.web.shell;

import com.vaadin.flow.component.UI;

/**
 * Repairs, in the browser, two ARIA attributes that Vaadin's own components put where ARIA does not allow them
 * (axe-core's critical {@code aria-allowed-attr}): a required {@code vaadin-select} marks its value button
 * ({@code role="button"}) {@code aria-required}, and a required {@code vaadin-date-time-picker} marks its host
 * ({@code role="group"}) so; the date and time inputs inside carry their own. The attribute is removed wherever
 * it appears, now and later (dialogs, re-renders); the asterisk and the "Enter …" messages stay. To drop once
 * Vaadin no longer does this (AccessibilityBrowserIT tells).
 */
final class AriaRepairs {

    private static final String SCRIPT = """
            if (!window.portierAriaRepairs) {
              window.portierAriaRepairs = true;
              const misplaced = 'vaadin-select-value-button[aria-required], vaadin-date-time-picker[aria-required]';
              const repair = root => {
                if (root.nodeType !== 1) return;
                if (root.matches(misplaced)) root.removeAttribute('aria-required');
                root.querySelectorAll(misplaced).forEach(e => e.removeAttribute('aria-required'));
              };
              new MutationObserver(changes => changes.forEach(c => {
                if (c.type === 'attributes') repair(c.target); else c.addedNodes.forEach(repair);
              })).observe(document.documentElement, { subtree: true, childList: true, attributes: true,
                  attributeFilter: ['aria-required'] });
              repair(document.documentElement);
            }""";

    private AriaRepairs() {
    }

    static void install(UI ui) {
        ui.getPage().executeJs(SCRIPT);
    }
}
