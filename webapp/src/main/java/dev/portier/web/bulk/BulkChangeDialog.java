package dev.portier.web.bulk;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.portier.access.bulk.BulkAction;
import dev.portier.access.bulk.BulkChange;
import dev.portier.access.bulk.BulkChangeRun;
import dev.portier.access.bulk.BulkChanges;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Pickers;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/**
 * A bulk change for the people or cards selected in a list: grant a lock or site, revoke their grants on one (or
 * all), or add the people to a people group. "Preview" shows the what-if of the whole change; "Apply" runs exactly that change, and stays disabled until
 * the current choices were previewed. A long one runs in the background with a progress bar.
 */
public final class BulkChangeDialog extends Dialog {

    static final String LOCK = "One lock";
    static final String SITE = "Whole site";
    static final String ALL = "All their grants";
    private static final int POLL_MS = 500;

    private final transient BulkChanges bulk;
    private final SignedInUser who;
    private final List<String> personIds;
    private final List<String> cardIds;
    private final ZoneId zone;
    private final Runnable afterApply;

    final RadioButtonGroup<BulkAction> action = new RadioButtonGroup<>("Change", BulkAction.values());
    final RadioButtonGroup<String> targetKind = new RadioButtonGroup<>("On");
    final ComboBox<Lock> lock;
    final ComboBox<Site> site;
    final CheckboxGroup<Permission> permissions = new CheckboxGroup<>("Permissions", Permission.values());
    final RadioButtonGroup<Delivery> delivery = new RadioButtonGroup<>("Delivery", Delivery.values());
    final TextField reason = new TextField("Reason");
    final ComboBox<Group> group = new ComboBox<>("People group");
    final Paragraph problem = new Paragraph();
    final VerticalLayout preview = new VerticalLayout();
    final ProgressBar progress = new ProgressBar();
    final Button previewButton = new Button("Preview", e -> preview());
    final Button apply = new Button("Apply", e -> apply());
    private Registration polling;

    /** @param groups the people groups to offer "Add to group" with; null for cards, which do not join groups */
    public BulkChangeDialog(BulkChanges bulk, LockService locks, SiteService sites, GroupService groups, SignedInUser who,
            List<String> personIds, List<String> cardIds, String selected, ZoneId zone, Runnable afterApply) {
        this.bulk = bulk;
        this.who = who;
        this.personIds = List.copyOf(personIds);
        this.cardIds = List.copyOf(cardIds);
        this.zone = zone;
        this.afterApply = afterApply;
        setHeaderTitle("Bulk change · " + selected);
        addClassName("bulk-change-dialog");
        setWidth("40rem");
        lock = Pickers.locks(locks, who, "Lock");
        site = Pickers.sites(sites, who, "Site");
        action.setItems(groups == null ? List.of(BulkAction.GRANT, BulkAction.REVOKE) : List.of(BulkAction.values()));
        action.setItemLabelGenerator(BulkAction::label);
        if (groups != null) {
            group.setItems(groups.list(who, GroupKind.PEOPLE));
            group.setItemLabelGenerator(Group::name);
        }
        action.setValue(BulkAction.GRANT);
        permissions.setItemLabelGenerator(Permission::label);
        permissions.setValue(EnumSet.of(Permission.UNLOCK, Permission.LOCK));
        delivery.setItemLabelGenerator(Delivery::label);
        delivery.setValue(Delivery.PRE_ISSUED);
        targetKind.setItems(LOCK, SITE);
        targetKind.setValue(LOCK);
        problem.addClassName("text-error");
        problem.setVisible(false);
        progress.setVisible(false);
        preview.setPadding(false);
        preview.addClassName("bulk-preview");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        action.addValueChangeListener(e -> {
            targetKind.setItems(e.getValue() == BulkAction.REVOKE ? List.of(LOCK, SITE, ALL) : List.of(LOCK, SITE));
            targetKind.setValue(LOCK);
            showChoices();
        });
        targetKind.addValueChangeListener(e -> showChoices());
        // Apply runs what was previewed: any change of the choices asks for a new preview.
        action.addValueChangeListener(e -> staleness());
        targetKind.addValueChangeListener(e -> staleness());
        lock.addValueChangeListener(e -> staleness());
        site.addValueChangeListener(e -> staleness());
        permissions.addValueChangeListener(e -> staleness());
        delivery.addValueChangeListener(e -> staleness());
        reason.addValueChangeListener(e -> staleness());
        group.addValueChangeListener(e -> staleness());
        add(new VerticalLayout(action, targetKind, lock, site, group, permissions, delivery, reason, problem, progress, preview));
        getFooter().add(new Button("Cancel", e -> close()), previewButton, apply);
        showChoices();
    }

    private void showChoices() {
        boolean grant = action.getValue() == BulkAction.GRANT;
        boolean joining = action.getValue() == BulkAction.ADD_TO_GROUP;
        targetKind.setVisible(!joining);
        group.setVisible(joining);
        lock.setVisible(!joining && LOCK.equals(targetKind.getValue()));
        site.setVisible(!joining && SITE.equals(targetKind.getValue()));
        permissions.setVisible(grant);
        delivery.setVisible(grant);
        reason.setVisible(action.getValue() == BulkAction.REVOKE);
    }

    private void staleness() {
        apply.setEnabled(false);
        preview.removeAll();
    }

    BulkChange change() {
        String lockId = LOCK.equals(targetKind.getValue()) && lock.getValue() != null ? lock.getValue().id() : null;
        String siteId = SITE.equals(targetKind.getValue()) && site.getValue() != null ? site.getValue().id() : null;
        return switch (action.getValue()) {
            case GRANT -> BulkChange.grant(personIds, cardIds, lockId, siteId, permissions.getValue(), delivery.getValue());
            case REVOKE -> BulkChange.revoke(personIds, cardIds, lockId, siteId, reason.getValue());
            case ADD_TO_GROUP -> BulkChange.addToGroup(personIds, group.getValue() == null ? null : group.getValue().id());
        };
    }

    private void preview() {
        staleness();
        problem.setVisible(false);
        if (action.getValue() == BulkAction.ADD_TO_GROUP) {
            if (group.getValue() == null) {
                show("Choose a people group");
                return;
            }
        } else if (!LOCK.equals(targetKind.getValue()) || lock.getValue() != null) {
            if (SITE.equals(targetKind.getValue()) && site.getValue() == null) {
                show("Choose a site");
                return;
            }
        } else {
            show("Choose a lock");
            return;
        }
        // Off the UI thread: a preview of hundreds of people rehearses hundreds of grants and decides thousands of pairs.
        BulkChange change = change();
        UI ui = UI.getCurrent();
        previewButton.setEnabled(false);
        progress.setIndeterminate(true);
        progress.setVisible(true);
        ui.setPollInterval(POLL_MS);
        Thread.ofVirtual().name("bulk-preview").start(() -> {
            Object outcome;
            try {
                outcome = bulk.preview(who, change);
            } catch (RuntimeException e) {
                outcome = e;
            }
            Object shown = outcome;
            try {
                ui.access(() -> previewed(ui, change, shown));
            } catch (UIDetachedException e) {
                // the page was left meanwhile
            }
        });
    }

    private void previewed(UI ui, BulkChange previewedChange, Object outcome) {
        ui.setPollInterval(-1);
        progress.setVisible(false);
        progress.setIndeterminate(false);
        previewButton.setEnabled(true);
        if (outcome instanceof RuntimeException e) {
            if (expected(e)) {
                show(e.getMessage());
            } else {
                show("The preview failed: " + e.getMessage());
            }
            return;
        }
        if (!previewedChange.equals(change())) {
            return; // the choices changed meanwhile: preview again
        }
        preview.add(new WhatIfPanel((dev.portier.access.whatif.WhatIfDiff) outcome, zone));
        apply.setEnabled(true);
    }

    private void apply() {
        apply.setEnabled(false);
        previewButton.setEnabled(false);
        BulkChangeRun run;
        try {
            run = bulk.apply(who, change());
        } catch (RuntimeException e) {
            previewButton.setEnabled(true);
            show(e);
            return;
        }
        if (run.state() != BulkChangeRun.State.RUNNING) {
            finish(run);
            return;
        }
        progress.setVisible(true);
        progress.setValue(0);
        UI ui = UI.getCurrent();
        ui.setPollInterval(POLL_MS);
        polling = ui.addPollListener(e -> follow(ui, run.id()));
    }

    private void follow(UI ui, String id) {
        BulkChangeRun run = bulk.get(who, id);
        progress.setValue(run.subjects() == 0 ? 1 : (double) run.done() / run.subjects());
        if (run.state() == BulkChangeRun.State.RUNNING) {
            return;
        }
        polling.remove();
        try {
            ui.setPollInterval(-1);
        } catch (UIDetachedException ignored) {
            // the page was left meanwhile
        }
        finish(run);
    }

    private void finish(BulkChangeRun run) {
        progress.setVisible(false);
        if (run.state() == BulkChangeRun.State.FAILED) {
            previewButton.setEnabled(true);
            show("Nothing was changed: " + run.error());
            return;
        }
        FormErrors.success(run.summary() + ": " + switch (run.action()) {
            case GRANT -> run.grantsChanged() + " grant(s) created";
            case REVOKE -> run.grantsChanged() + " grant(s) revoked";
            case ADD_TO_GROUP -> run.grantsChanged() + " people added";
        });
        close();
        afterApply.run();
    }

    private void show(RuntimeException e) {
        if (expected(e)) {
            show(e.getMessage());
            return;
        }
        throw e;
    }

    /** What the services say about bad input or a missing role, as a message for people. */
    private static boolean expected(RuntimeException e) {
        return e instanceof ValidationException || e instanceof NotFoundException || e instanceof ForbiddenException
                || e instanceof ConflictException;
    }

    private void show(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }
}
