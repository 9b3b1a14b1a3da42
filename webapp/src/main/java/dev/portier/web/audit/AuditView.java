package dev.portier.web.audit;

import dev.portier.web.ui.DateFields;
import dev.portier.web.ui.Routes;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import com.google.inject.Inject;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.time.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The account's audit log: newest first, loaded page by page from the database, with filters. */
@Route(AuditView.ROUTE)
@PageTitle("Audit log · Portier")
public final class AuditView extends VerticalLayout {

    public static final String ROUTE = Routes.AUDIT;

    private final Select<AuditAction> action = new Select<>();
    private final TextField text = new TextField();
    private final Checkbox signIns = new Checkbox("Show sign-ins");
    private final DatePicker from = DateFields.date("From");
    private final DatePicker until = DateFields.date("Until");
    private final Grid<AuditEntry> grid = new Grid<>();
    private final ZoneId zone;

    @Inject
    AuditView(AuditLog audit, AccountService accounts, Authorization authorization) {
        SignedInUser me = CurrentUser.require();
        authorization.require(me, Role.VIEWER);
        String accountId = me.accountId();
        zone = ZoneId.of(accounts.current(me).timeZone());
        setSizeFull();

        action.setLabel("Action");
        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(a -> a == null ? "All actions" : a.label());
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption("All actions");
        text.setLabel("Search");
        text.setPlaceholder("Who, target or details");
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setMaxLength(200);
        text.setClearButtonVisible(true);
        from.setClearButtonVisible(true);
        until.setClearButtonVisible(true);
        signIns.setTooltipText("Successful sign-ins and sign-outs; failed sign-ins are always shown");
        HorizontalLayout filters = new HorizontalLayout(action, text, from, until, signIns);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> Times.format(e.occurredAt(), zone)).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(e -> e.action().label()).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditEntry::target).setHeader("Target").setAutoWidth(true);
        grid.addColumn(AuditEntry::details).setHeader("Details").setFlexGrow(1);
        grid.setSizeFull();
        grid.setItems(
                query -> audit.page(accountId, filter(), query.getOffset(), query.getLimit()).stream(),
                query -> audit.count(accountId, filter()));

        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        text.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        until.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        signIns.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(new H2("Audit log"), filters, grid);
    }

    private AuditFilter filter() {
        return new AuditFilter(action.getValue(), text.getValue(), startOf(from.getValue()),
                until.getValue() == null ? null : startOf(until.getValue().plusDays(1)), !signIns.getValue());
    }

    private Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }
}
