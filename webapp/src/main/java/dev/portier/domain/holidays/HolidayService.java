package dev.portier.domain.holidays;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Holiday calendars of the signed-in user's account, their holidays, and which calendar each site
 * observes: VIEWERs read, MANAGERs and OWNERs change. Every change that alters what a site observes tells
 * the {@link HolidayListener}s in the same transaction, so vendors get the grants on those sites again.
 */
@Singleton
public final class HolidayService {

    public static final int MAX_HOLIDAYS_PER_CALENDAR = 2000;
    private static final String HOLIDAY_COLUMNS = "h.id, h.calendar_id, h.name, h.on_date, h.month, h.day";

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<HolidayListener> listeners;

    @Inject
    HolidayService(Database database, Authorization authorization, AuditLog audit, Clock clock, Set<HolidayListener> listeners) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.listeners = listeners;
    }

    public List<HolidayCalendar> calendars(SignedInUser who) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id, account_id, name, created_at FROM holiday_calendars "
                        + "WHERE account_id = :accountId ORDER BY name, id")
                .bind("accountId", who.accountId()).map(CALENDAR).list());
    }

    public HolidayCalendar calendar(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    public HolidayCalendar createCalendar(SignedInUser who, String name) {
        authorization.require(who, Role.MANAGER);
        validateName("name", name, "a calendar name");
        String id = Ids.newId();
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO holiday_calendars (id, account_id, name, created_at) VALUES (:id, :accountId, :name, :at)")
                    .bind("id", id).bind("accountId", who.accountId()).bind("name", name.strip()).bind("at", clock.instant()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Holiday calendar " + name.strip(), null);
            return find(h, who.accountId(), id);
        });
    }

    public HolidayCalendar renameCalendar(SignedInUser who, String id, String name) {
        authorization.require(who, Role.MANAGER);
        validateName("name", name, "a calendar name");
        return database.jdbi().inTransaction(h -> {
            HolidayCalendar before = find(h, who.accountId(), id);
            h.createUpdate("UPDATE holiday_calendars SET name = :name WHERE id = :id AND account_id = :accountId")
                    .bind("name", name.strip()).bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Holiday calendar " + name.strip(),
                    before.name().equals(name.strip()) ? null : "renamed from " + before.name());
            return find(h, who.accountId(), id);
        });
    }

    /** Deletes the calendar with its holidays; the sites that observed it observe none from now on. */
    public void deleteCalendar(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            HolidayCalendar calendar = find(h, who.accountId(), id);
            Set<String> sites = sitesObserving(h, id);
            h.createUpdate("DELETE FROM site_holiday_calendars WHERE calendar_id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            h.createUpdate("DELETE FROM holidays WHERE calendar_id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            h.createUpdate("DELETE FROM holiday_calendars WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Holiday calendar " + calendar.name(),
                    sites.isEmpty() ? null : sites.size() + " site(s) observe no holidays now");
            changed(h, who.accountId(), sites);
        });
    }

    public List<Holiday> holidays(SignedInUser who, String calendarId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            find(h, who.accountId(), calendarId);
            return holidaysOf(h, calendarId);
        });
    }

    public Holiday addHoliday(SignedInUser who, String calendarId, HolidayDraft draft) {
        authorization.require(who, Role.MANAGER);
        validate(draft);
        return database.jdbi().inTransaction(h -> {
            HolidayCalendar calendar = find(h, who.accountId(), calendarId);
            Holiday holiday = insert(h, who.accountId(), calendarId, draft, clock.instant());
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Holiday " + holiday.name(),
                    holiday.when() + " in " + calendar.name());
            changed(h, who.accountId(), sitesObserving(h, calendarId));
            return holiday;
        });
    }

    public void deleteHoliday(SignedInUser who, String calendarId, String holidayId) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            HolidayCalendar calendar = find(h, who.accountId(), calendarId);
            Holiday holiday = holidaysOf(h, calendarId).stream().filter(x -> x.id().equals(holidayId)).findFirst()
                    .orElseThrow(() -> new NotFoundException("holiday"));
            h.createUpdate("DELETE FROM holidays WHERE id = :id AND calendar_id = :calendarId AND account_id = :accountId")
                    .bind("id", holidayId).bind("calendarId", calendarId).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Holiday " + holiday.name(),
                    holiday.when() + " in " + calendar.name());
            changed(h, who.accountId(), sitesObserving(h, calendarId));
        });
    }

    /**
     * Imports the holidays of an iCalendar file into the calendar: all or none (a file Portier cannot read
     * changes nothing). Holidays the calendar already has (same name and date) are skipped.
     *
     * @return how many holidays were added
     */
    public int importIcs(SignedInUser who, String calendarId, String icsText) {
        authorization.require(who, Role.MANAGER);
        List<HolidayDraft> drafts = IcsHolidays.read(icsText);
        drafts.forEach(HolidayService::validate);
        return database.jdbi().inTransaction(h -> {
            HolidayCalendar calendar = find(h, who.accountId(), calendarId);
            List<Holiday> existing = holidaysOf(h, calendarId);
            Set<String> known = new HashSet<>();
            existing.forEach(x -> known.add(key(x.name(), x.date(), x.yearly())));
            int added = 0;
            for (HolidayDraft draft : drafts) {
                String name = draft.name().strip();
                LocalDate date = draft.yearly() ? null : draft.date();
                MonthDay yearly = draft.yearly() ? MonthDay.from(draft.date()) : null;
                if (known.add(key(name, date, yearly))) {
                    insert(h, who.accountId(), calendarId, draft, clock.instant());
                    added++;
                }
            }
            if (existing.size() + added > MAX_HOLIDAYS_PER_CALENDAR) {
                throw ValidationException.of("file", "A calendar has at most " + MAX_HOLIDAYS_PER_CALENDAR + " holidays");
            }
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.IMPORTED, "Holiday calendar " + calendar.name(),
                    added + " holiday(s) from an .ics file");
            changed(h, who.accountId(), sitesObserving(h, calendarId));
            return added;
        });
    }

    /** The calendar the site observes, if any. */
    public Optional<HolidayCalendar> calendarOfSite(SignedInUser who, String siteId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            SiteService.find(h, who.accountId(), siteId);
            return h.createQuery("SELECT c.id, c.account_id, c.name, c.created_at FROM site_holiday_calendars s "
                            + "JOIN holiday_calendars c ON c.id = s.calendar_id WHERE s.site_id = :siteId AND s.account_id = :accountId")
                    .bind("siteId", siteId).bind("accountId", who.accountId()).map(CALENDAR).findOne();
        });
    }

    /** Checks that {@code calendarId} names a calendar of the account: a bad reference in a request otherwise. */
    public void requireCalendar(SignedInUser who, String calendarId) {
        authorization.require(who, Role.VIEWER);
        database.jdbi().useHandle(h -> findFor(h, who.accountId(), calendarId, "holidayCalendarId"));
    }

    /** The calendar id each of the sites observes (sites without one are left out). */
    public java.util.Map<String, String> calendarIdsOf(SignedInUser who, java.util.Collection<String> siteIds) {
        authorization.require(who, Role.VIEWER);
        if (siteIds.isEmpty()) {
            return java.util.Map.of();
        }
        return database.jdbi().withHandle(h -> h.createQuery("SELECT site_id, calendar_id FROM site_holiday_calendars "
                        + "WHERE account_id = :accountId AND site_id IN (<siteIds>)")
                .bind("accountId", who.accountId()).bindList("siteIds", List.copyOf(siteIds))
                .map((rs, ctx) -> java.util.Map.entry(rs.getString("site_id"), rs.getString("calendar_id"))).list().stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
    }

    /** Which calendar the site observes; {@code calendarId} null: none. */
    public void assign(SignedInUser who, String siteId, String calendarId) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Site site = SiteService.find(h, who.accountId(), siteId);
            HolidayCalendar calendar = calendarId == null ? null : findFor(h, who.accountId(), calendarId, "holidayCalendarId");
            Optional<String> before = h.createQuery("SELECT calendar_id FROM site_holiday_calendars WHERE site_id = :siteId AND account_id = :accountId")
                    .bind("siteId", siteId).bind("accountId", who.accountId()).mapTo(String.class).findOne();
            if (before.equals(Optional.ofNullable(calendarId))) {
                return;
            }
            h.createUpdate("DELETE FROM site_holiday_calendars WHERE site_id = :siteId AND account_id = :accountId")
                    .bind("siteId", siteId).bind("accountId", who.accountId()).execute();
            if (calendar != null) {
                h.createUpdate("INSERT INTO site_holiday_calendars (site_id, account_id, calendar_id) VALUES (:siteId, :accountId, :calendarId)")
                        .bind("siteId", siteId).bind("accountId", who.accountId()).bind("calendarId", calendarId).execute();
            }
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Site " + site.name(),
                    calendar == null ? "observes no holidays" : "observes the holidays of " + calendar.name());
            changed(h, who.accountId(), Set.of(siteId));
        });
    }

    /**
     * The holidays the site observes, in one indexed query (the access decision asks this for grants whose
     * schedule observes holidays). Unknown sites observe none.
     */
    public static SiteHolidays forSite(Handle h, String accountId, String siteId) {
        List<Row> rows = h.createQuery("SELECT s.calendar_id, c.name AS calendar_name, " + HOLIDAY_COLUMNS + " FROM site_holiday_calendars s "
                        + "JOIN holiday_calendars c ON c.id = s.calendar_id LEFT JOIN holidays h ON h.calendar_id = s.calendar_id "
                        + "WHERE s.site_id = :siteId AND s.account_id = :accountId")
                .bind("siteId", siteId).bind("accountId", accountId)
                .map((rs, ctx) -> new Row(rs.getString("calendar_id"), rs.getString("calendar_name"),
                        rs.getString("id") == null ? null : holidayRow(rs, ctx)))
                .list();
        if (rows.isEmpty()) {
            return SiteHolidays.NONE;
        }
        return new SiteHolidays(rows.getFirst().calendarId(), rows.getFirst().calendarName(),
                rows.stream().map(Row::holiday).filter(x -> x != null).toList());
    }

    /** {@link #forSite(Handle, String, String)} for the host's own work (no signed-in user). */
    public SiteHolidays observedAt(String accountId, String siteId) {
        return database.jdbi().withHandle(h -> forSite(h, accountId, siteId));
    }

    private record Row(String calendarId, String calendarName, Holiday holiday) {
    }

    private void changed(Handle h, String accountId, Set<String> siteIds) {
        if (!siteIds.isEmpty()) {
            listeners.forEach(listener -> listener.holidaysChanged(h, accountId, siteIds));
        }
    }

    private static Set<String> sitesObserving(Handle h, String calendarId) {
        return new LinkedHashSet<>(h.createQuery("SELECT site_id FROM site_holiday_calendars WHERE calendar_id = :id")
                .bind("id", calendarId).mapTo(String.class).list());
    }

    private static Holiday insert(Handle h, String accountId, String calendarId, HolidayDraft draft, Instant at) {
        String id = Ids.newId();
        MonthDay yearly = draft.yearly() ? MonthDay.from(draft.date()) : null;
        h.createUpdate("INSERT INTO holidays (id, account_id, calendar_id, name, on_date, month, day, created_at) "
                        + "VALUES (:id, :accountId, :calendarId, :name, :onDate, :month, :day, :at)")
                .bind("id", id).bind("accountId", accountId).bind("calendarId", calendarId).bind("name", draft.name().strip())
                .bind("onDate", draft.yearly() ? null : draft.date().toString())
                .bind("month", yearly == null ? null : yearly.getMonthValue())
                .bind("day", yearly == null ? null : yearly.getDayOfMonth())
                .bind("at", at).execute();
        return new Holiday(id, calendarId, draft.name().strip(), draft.yearly() ? null : draft.date(), yearly);
    }

    private static List<Holiday> holidaysOf(Handle h, String calendarId) {
        return h.createQuery("SELECT " + HOLIDAY_COLUMNS + " FROM holidays h WHERE h.calendar_id = :calendarId "
                        + "ORDER BY COALESCE(h.on_date, ''), h.month, h.day, h.name, h.id")
                .bind("calendarId", calendarId).map(HOLIDAY).list();
    }

    private static HolidayCalendar find(Handle h, String accountId, String id) {
        return findFor(h, accountId, id, null);
    }

    /** The account's calendar; another account's or unknown: not found (with a field: a bad reference in a request). */
    private static HolidayCalendar findFor(Handle h, String accountId, String id, String field) {
        return h.createQuery("SELECT id, account_id, name, created_at FROM holiday_calendars WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).map(CALENDAR).findOne()
                .orElseThrow(() -> field == null ? new NotFoundException("holiday calendar")
                        : ValidationException.of(field, "No such holiday calendar in this account"));
    }

    private static final RowMapper<HolidayCalendar> CALENDAR = HolidayService::calendarRow;
    private static final RowMapper<Holiday> HOLIDAY = HolidayService::holidayRow;

    private static HolidayCalendar calendarRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new HolidayCalendar(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static Holiday holidayRow(ResultSet rs, StatementContext ctx) throws SQLException {
        String onDate = rs.getString("on_date");
        MonthDay yearly = onDate == null ? MonthDay.of(rs.getInt("month"), rs.getInt("day")) : null;
        return new Holiday(rs.getString("id"), rs.getString("calendar_id"), rs.getString("name"),
                onDate == null ? null : LocalDate.parse(onDate), yearly);
    }

    private static void validate(HolidayDraft draft) {
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(draft.name(), "a holiday name", 100));
        if (draft.date() == null) {
            problems.add("date", "Enter the holiday's date, like 2026-05-17");
        } else if (draft.date().getYear() < 1900 || draft.date().getYear() > 2200) {
            problems.add("date", "Enter a date between the years 1900 and 2200");
        }
        problems.throwIfAny();
    }

    private static void validateName(String field, String name, String what) {
        new ValidationException.Collector().check(field, TextRules.validateName(name, what, 100)).throwIfAny();
    }

    private static String key(String name, LocalDate date, MonthDay yearly) {
        return name + "|" + date + "|" + yearly;
    }
}
