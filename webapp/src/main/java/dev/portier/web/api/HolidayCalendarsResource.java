package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /api/v1/holiday-calendars}: the account's holiday calendars and their holidays, through
 * {@link HolidayService}. A site observes one calendar ({@code holidayCalendarId} on the site); a grant
 * whose schedule says {@code holidays closed} (or holiday hours) follows it.
 */
@Path("v1/holiday-calendars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Holiday calendars", description = "Public holidays (one-off or yearly, or imported from an .ics file) that sites observe")
@Singleton
public final class HolidayCalendarsResource {

    private final HolidayService holidays;

    @Inject
    HolidayCalendarsResource(HolidayService holidays) {
        this.holidays = holidays;
    }

    @GET
    @Operation(operationId = "listHolidayCalendars", summary = "List holiday calendars by name")
    public Page<HolidayCalendarResponse> list(@Context SecurityContext security, @BeanParam PageParameters paging) {
        List<HolidayCalendarResponse> all = holidays.calendars(ApiCaller.of(security)).stream().map(HolidayCalendarResponse::of).toList();
        return page(all, paging.toPageRequest());
    }

    @POST
    @Operation(operationId = "createHolidayCalendar", summary = "Create a holiday calendar")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = HolidayCalendarResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, HolidayCalendarRequest body) {
        HolidayCalendarResponse created = HolidayCalendarResponse.of(
                holidays.createCalendar(ApiCaller.of(security), ApiInputException.required(body).name()));
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getHolidayCalendar", summary = "Get a holiday calendar")
    public HolidayCalendarResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return HolidayCalendarResponse.of(holidays.calendar(ApiCaller.of(security), id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateHolidayCalendar", summary = "Rename a holiday calendar")
    public HolidayCalendarResponse update(@Context SecurityContext security, @PathParam("id") String id, HolidayCalendarRequest body) {
        return HolidayCalendarResponse.of(holidays.renameCalendar(ApiCaller.of(security), id, ApiInputException.required(body).name()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteHolidayCalendar", summary = "Delete a holiday calendar and its holidays",
            description = "Sites that observed it observe no holidays from now on; grants on them are synced to vendors again.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        holidays.deleteCalendar(ApiCaller.of(security), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/holidays")
    @Operation(operationId = "listHolidays", summary = "List a calendar's holidays by date")
    public Page<HolidayResponse> holidays(@Context SecurityContext security, @PathParam("id") String id, @BeanParam PageParameters paging) {
        List<HolidayResponse> all = holidays.holidays(ApiCaller.of(security), id).stream().map(HolidayResponse::of).toList();
        return page(all, paging.toPageRequest());
    }

    @POST
    @Path("{id}/holidays")
    @Operation(operationId = "createHoliday", summary = "Add a holiday (one date, or yearly)")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = HolidayResponse.class)))
    public Response addHoliday(@Context SecurityContext security, @Context UriInfo uri, @PathParam("id") String id, HolidayRequest body) {
        HolidayResponse created = HolidayResponse.of(holidays.addHoliday(ApiCaller.of(security), id, ApiInputException.required(body).toDraft()));
        return Created.at(uri, created.id(), created);
    }

    @DELETE
    @Path("{id}/holidays/{holidayId}")
    @Operation(operationId = "deleteHoliday", summary = "Remove a holiday")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response deleteHoliday(@Context SecurityContext security, @PathParam("id") String id, @PathParam("holidayId") String holidayId) {
        holidays.deleteHoliday(ApiCaller.of(security), id, holidayId);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/holidays/import")
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN})
    @Operation(operationId = "importHolidays", summary = "Import holidays from an iCalendar (.ics) file",
            description = "Each VEVENT an all-day event (DTSTART;VALUE=DATE, optional DTEND for several days), its SUMMARY the "
                    + "name; RRULE:FREQ=YEARLY makes it yearly. A file Portier cannot read is refused (400) and imports nothing; "
                    + "holidays the calendar already has (same name and date) are skipped.")
    @RequestBody(required = true, content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string",
            example = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\n"
                    + "DTSTART;VALUE=DATE:20260517\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Constitution Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")))
    public HolidayImportResponse importIcs(@Context SecurityContext security, @PathParam("id") String id, String body) {
        SignedInUser who = ApiCaller.of(security);
        return new HolidayImportResponse(holidays.importIcs(who, id, body));
    }

    private static <T> Page<T> page(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = Math.min(from + request.limit(), all.size());
        return Page.of(all.subList(from, to), all.size(), request);
    }
}
