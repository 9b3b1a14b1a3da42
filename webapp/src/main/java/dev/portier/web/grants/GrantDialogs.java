package dev.portier.web.grants;

import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantCalendar;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantState;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.sync.ScheduleFits;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.portier.web.ui.FormDialog;
import dev.portier.platform.time.Times;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The dialogs of the grants page: a new grant, and one grant with its history, where it stands at
 * grant-syncing vendors, revocation and calendar export.
 */
final class GrantDialogs {

    private final GrantService grants;
    private final GroupGrantService groupGrants;
    private final GrantSyncs syncs;
    private final ScheduleFits fits;
    private final GrantContext context;
    private final Clock clock;
    private final boolean canEdit;
    private final Runnable refresh;
    private dev.portier.access.whatif.WhatIfs whatIfs;

    GrantDialogs(GrantService grants, GroupGrantService groupGrants, GrantSyncs syncs, ScheduleFits fits, GrantContext context,
            Clock clock, boolean canEdit, Runnable refresh) {
        this.grants = grants;
        this.groupGrants = groupGrants;
        this.fits = fits;
        this.syncs = syncs;
        this.context = context;
        this.clock = clock;
        this.canEdit = canEdit;
        this.refresh = refresh;
    }

    /** Adds "Preview changes" (the what-if) to the grant dialogs. */
    void previewWith(dev.portier.access.whatif.WhatIfs rehearsals) {
        this.whatIfs = rehearsals;
    }

    Dialog create() {
        GrantForm form = new GrantForm(context);
        form.edit(GrantForm.newDraft());
        FormDialog<GroupGrantDraft> dialog = new FormDialog<>("New grant", form,
                draft -> GrantForm.grouped(draft)
                        ? "Group grant " + groupGrants.create(context.who(), draft).name() + " was added"
                        : "Grant for " + grants.create(context.who(), GrantForm.plain(draft)).subjectLabel() + " was added", refresh)
                .warnBeforeSave(this::scheduleWarnings);
        previewButton(dialog, form, draft -> GrantForm.grouped(draft) ? groupGrants.create(context.who(), draft)
                : grants.create(context.who(), GrantForm.plain(draft)));
        return dialog;
    }

    /** "Preview changes": the what-if of saving the form as it is now. */
    private void previewButton(FormDialog<GroupGrantDraft> dialog, GrantForm form,
            com.vaadin.flow.function.SerializableFunction<GroupGrantDraft, Object> change) {
        if (whatIfs == null) {
            return;
        }
        Button preview = new Button("Preview changes", VaadinIcon.EYE.create(),
                e -> form.validDraft().ifPresent(draft -> showWhatIf(() -> change.apply(draft), form.zone())));
        preview.addClassName("preview-changes");
        preview.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        dialog.getFooter().addComponentAsFirst(preview);
    }

    private void showWhatIf(java.util.function.Supplier<?> change, ZoneId zone) {
        dev.portier.access.whatif.WhatIfDiff diff;
        try {
            diff = whatIfs.of(context.who(), change);
        } catch (dev.portier.platform.validation.ValidationException | dev.portier.platform.validation.NotFoundException
                | dev.portier.platform.validation.ConflictException | dev.portier.identity.accounts.ForbiddenException e) {
            dev.portier.web.ui.FormErrors.error(e.getMessage());
            return;
        }
        Dialog shown = new Dialog();
        shown.setHeaderTitle("What saving would change");
        shown.addClassName("what-if-dialog");
        shown.setWidth("min(36em, 100vw)");
        shown.add(new dev.portier.web.bulk.WhatIfPanel(diff, zone));
        shown.getFooter().add(new Button("Close", e -> shown.close()));
        shown.open();
    }

    Dialog open(Grant grant) {
        GrantForm form = new GrantForm(context);
        // A grant stays one person's or card's on one lock or site: groups are for new (group) grants.
        form.subjectKind.setItems(GrantForm.PERSON, GrantForm.CARD);
        form.targetKind.setItems(GrantForm.LOCK, GrantForm.SITE);
        form.edit(GrantForm.of(new GrantDraft(grant.personId(), grant.cardId(), grant.lockId(), grant.siteId(), grant.validFrom(),
                grant.validUntil(), grant.scheduleIfAny().map(WeeklySchedule::format).orElse(""), grant.permissions(),
                grant.delivery(), grant.onDemandMinutes())));
        GrantStatus status = grant.status(clock.instant());
        FormDialog<GroupGrantDraft> dialog = new FormDialog<>("Grant · " + status.label(), form,
                draft -> "Grant for " + grants.update(context.who(), grant.id(), GrantForm.plain(draft)).subjectLabel() + " was saved",
                refresh).warnBeforeSave(this::scheduleWarnings);
        if (grant.isMemberGrant()) {
            GroupGrant group = groupGrants.get(context.who(), grant.groupGrantId());
            Paragraph part = new Paragraph("Part of group grant '" + group.name() + "' (" + group.subjectLabel() + " → "
                    + group.targetLabel() + "): change or revoke it there, or change the group's members.");
            part.setId("member-grant-note");
            dialog.add(part, dev.portier.web.ui.Routes.link("Open the group grant",
                    dev.portier.web.ui.Routes.item(dev.portier.web.ui.Routes.GRANTS, group.id())));
        }
        ZoneId zone = context.zoneOf(grant.lockId(), grant.siteId());
        dialog.add(history(grant, zone), new GrantSyncPanel(syncs, context.who(), grant.id(), zone));
        if (grant.state() != GrantState.REVOKED) {
            dialog.getFooter().addComponentAsFirst(calendar(grant));
        }
        if (!canEdit || status == GrantStatus.REVOKED || grant.isMemberGrant()) {
            return dialog.lookOnly();
        }
        previewButton(dialog, form, draft -> grants.update(context.who(), grant.id(), GrantForm.plain(draft)));
        Button revoke = new Button("Revoke…", VaadinIcon.BAN.create(), e -> {
            RevokeDialog revoking = new RevokeDialog(grants, context, grant, revoked -> {
                dialog.close();
                refresh.run();
            });
            if (whatIfs != null) {
                // Who loses what, shown before the revocation is confirmed.
                revoking.add(new dev.portier.web.bulk.WhatIfPanel(whatIfs.of(context.who(),
                        () -> grants.revoke(context.who(), grant.id(), "What-if")), zone));
            }
            revoking.open();
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        dialog.getFooter().addComponentAsFirst(revoke);
        return dialog;
    }

    /** Locks of a grant-syncing vendor that cannot enforce the draft's schedule exactly, and what they will enforce. */
    private java.util.List<String> scheduleWarnings(GroupGrantDraft draft) {
        if (GrantForm.grouped(draft)) {
            return java.util.List.of();
        }
        return fits.mismatches(context.who(), GrantForm.plain(draft)).stream().map(ScheduleFits::describe).toList();
    }

    /** A group grant: its terms (changed for all its member grants at once) and its member grants. */
    Dialog openGroup(GroupGrant group) {
        GrantForm form = new GrantForm(context);
        form.edit(new GroupGrantDraft(group.name(), group.personId(), group.cardId(), group.peopleGroupId(), group.lockId(),
                group.siteId(), group.lockGroupId(), group.validFrom(), group.validUntil(),
                group.schedule() == null ? "" : group.schedule().format(), group.permissions(), group.delivery(),
                group.onDemandMinutes()));
        GrantStatus status = group.status(clock.instant());
        FormDialog<GroupGrantDraft> dialog = new FormDialog<>("Group grant · " + status.label(), form,
                draft -> "Group grant " + groupGrants.update(context.who(), group.id(), draft).name() + " was saved", refresh);
        com.vaadin.flow.component.grid.Grid<Grant> members = new com.vaadin.flow.component.grid.Grid<>();
        members.addColumn(Grant::subjectLabel).setHeader("Member").setAutoWidth(true);
        members.addColumn(Grant::targetLabel).setHeader("Lock or site").setAutoWidth(true);
        members.addColumn(g -> g.status(clock.instant()).label()).setHeader("Status").setAutoWidth(true);
        members.setItems(groupGrants.memberGrants(context.who(), group.id()));
        members.setAllRowsVisible(true);
        members.setId("member-grants");
        dialog.add(new Paragraph(group.memberGrants() + " active member grant(s): one per member and lock, each synced to its "
                + "lock's vendor like any grant."), members);
        if (!canEdit || status == GrantStatus.REVOKED) {
            return dialog.lookOnly();
        }
        previewButton(dialog, form, draft -> groupGrants.update(context.who(), group.id(), draft));
        Button revoke = new Button("Revoke…", VaadinIcon.BAN.create(), e -> revokeGroup(group, dialog).open());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        dialog.getFooter().addComponentAsFirst(revoke);
        return dialog;
    }

    private Dialog revokeGroup(GroupGrant group, Dialog parent) {
        Dialog confirm = new Dialog();
        confirm.setHeaderTitle("Revoke this group grant?");
        com.vaadin.flow.component.textfield.TextArea reason = new com.vaadin.flow.component.textfield.TextArea("Reason");
        reason.setMaxLength(500);
        reason.setWidthFull();
        confirm.add(new Paragraph("Every member loses the access it gives at once (" + group.memberGrants()
                + " member grant(s)); it stays in the list as revoked."), reason);
        if (whatIfs != null) {
            // Who loses what, shown before the revocation is confirmed.
            confirm.add(new dev.portier.web.bulk.WhatIfPanel(whatIfs.of(context.who(),
                    () -> groupGrants.revoke(context.who(), group.id(), "What-if")), context.accountZone()));
        }
        Button revoke = new Button("Revoke", e -> {
            try {
                groupGrants.revoke(context.who(), group.id(), reason.getValue());
                dev.portier.web.ui.FormErrors.success("Group grant " + group.name() + " was revoked");
                confirm.close();
                parent.close();
                refresh.run();
            } catch (dev.portier.platform.validation.ValidationException ex) {
                reason.setErrorMessage(ex.getMessage());
                reason.setInvalid(true);
            }
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.getFooter().add(new Button("Cancel", e -> confirm.close()), revoke);
        return confirm;
    }

    private static Paragraph history(Grant grant, ZoneId zone) {
        String text = "Created by " + grant.createdBy() + " on " + Times.format(grant.createdAt(), zone) + ".";
        if (grant.state() == GrantState.REVOKED) {
            text += " Revoked by " + grant.revokedBy() + " on " + Times.format(grant.revokedAt(), zone) + ": " + grant.revokeReason();
        }
        Paragraph history = new Paragraph(text);
        history.addClassNames("text-s", "text-secondary");
        return history;
    }

    /**
     * The grant's times as an iCalendar file ({@link GrantCalendar}, as the API's
     * schedule.ics), written when it is downloaded.
     */
    private Anchor calendar(Grant grant) {
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] ics = grants.iCalendar(context.who(), grant.id()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(ics), "grant-schedule.ics",
                    GrantCalendar.MEDIA_TYPE, ics.length);
        }), "");
        Button label = new Button("iCalendar", VaadinIcon.CALENDAR.create());
        label.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        label.setTooltipText("Download when this grant opens, as an iCalendar file");
        download.add(label);
        return download;
    }
}
