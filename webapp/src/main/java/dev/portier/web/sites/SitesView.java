package dev.portier.web.sites;

import dev.portier.web.ui.Routes;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.domain.holidays.HolidayCalendar;
import dev.portier.domain.holidays.HolidayService;
import com.google.inject.Inject;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.ui.FormDialog;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;

/** The account's sites; {@code /sites/{id}} opens one, {@code /sites/new} adds one. */
@Route(SitesView.ROUTE)
@PageTitle("Sites · Portier")
public final class SitesView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.SITES;

    private final transient SiteService sites;
    private final transient HolidayService holidays;
    private final SignedInUser me = CurrentUser.require();
    private final TextField search = ListPages.search("Name or address");
    private final Grid<Site> grid = ListPages.grid();
    private final EntityDialogs<Site> dialogs;
    private final boolean canEdit;
    private final String accountZone;

    @Inject
    SitesView(SiteService sites, HolidayService holidays, AccountService accounts, Authorization authorization) {
        this.sites = sites;
        this.holidays = holidays;
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        accountZone = accounts.current(me).timeZone();
        dialogs = new EntityDialogs<>(SitesView.class, id -> sites.get(me, id), this::dialog,
                canEdit ? null : "Adding a site needs the Manager role");
        setSizeFull();

        grid.addColumn(Site::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(Site::address).setHeader("Address").setFlexGrow(2);
        grid.addColumn(Site::timeZone).setHeader("Time zone").setAutoWidth(true);
        grid.setItems(q -> sites.list(me, search.getValue(), Paging.of(q)).stream(), q -> sites.count(me, search.getValue()));
        grid.addItemClickListener(e -> navigate(e.getItem().id()));
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        add(ListPages.header("Sites", canEdit ? ListPages.addButton("Add site", () -> navigate(EntityDialogs.NEW)) : null),
                ListPages.filters(search), grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    private Dialog dialog(Site site) {
        SiteForm form = new SiteForm();
        if (site == null) {
            form.edit(new SiteDraft("", "", accountZone));
            form.calendars(holidays.calendars(me), null);
            return new FormDialog<>("New site", form, draft -> {
                Site created = sites.create(me, draft);
                if (form.calendarId() != null) {
                    holidays.assign(me, created.id(), form.calendarId());
                }
                return "Site " + created.name() + " was added";
            }, this::refresh);
        }
        form.edit(new SiteDraft(site.name(), site.address(), site.timeZone()));
        form.calendars(holidays.calendars(me), holidays.calendarOfSite(me, site.id()).map(HolidayCalendar::id).orElse(null));
        FormDialog<SiteDraft> dialog = new FormDialog<>(site.name(), form, draft -> {
            Site saved = sites.update(me, site.id(), draft);
            holidays.assign(me, site.id(), form.calendarId());
            return "Site " + saved.name() + " was saved";
        }, this::refresh);
        if (!canEdit) {
            return dialog.lookOnly();
        }
        return dialog.withDelete("Delete " + site.name() + "?", "Only a site without locks and grants can be deleted.",
                () -> {
                    sites.delete(me, site.id());
                    return "Site " + site.name() + " was deleted";
                }, this::refresh);
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(SitesView.class, id);
    }
}
