package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.holidays.HolidayCalendar;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/sites}: the account's sites, through {@link SiteService}. */
@Path("v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sites", description = "Properties, buildings and depots; their time zone runs the schedules of grants on them")
@Singleton
public final class SitesResource {

    private final SiteService sites;
    private final HolidayService holidays;

    @Inject
    SitesResource(SiteService sites, HolidayService holidays) {
        this.sites = sites;
        this.holidays = holidays;
    }

    @GET
    @Operation(operationId = "listSites", summary = "List sites by name")
    public Page<SiteResponse> list(@Context SecurityContext security,
            @QueryParam("search") @Parameter(description = "Part of the name or address") String search,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        List<Site> found = sites.list(who, search, page);
        Map<String, String> calendars = holidays.calendarIdsOf(who, found.stream().map(Site::id).toList());
        return Page.of(found.stream().map(s -> SiteResponse.of(s, calendars.get(s.id()))).toList(), sites.count(who, search), page);
    }

    @POST
    @Operation(operationId = "createSite", summary = "Create a site")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SiteResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, SiteRequest body) {
        SignedInUser who = ApiCaller.of(security);
        SiteRequest request = ApiInputException.required(body);
        if (request.holidayCalendarId() != null) {
            holidays.requireCalendar(who, request.holidayCalendarId());
        }
        Site site = sites.create(who, request.toDraft());
        if (request.holidayCalendarId() != null) {
            holidays.assign(who, site.id(), request.holidayCalendarId());
        }
        SiteResponse created = SiteResponse.of(site, request.holidayCalendarId());
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSite", summary = "Get a site")
    public SiteResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = ApiCaller.of(security);
        return SiteResponse.of(sites.get(who, id), holidays.calendarOfSite(who, id).map(HolidayCalendar::id).orElse(null));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateSite", summary = "Change a site (every field)",
            description = "A change of time zone or holiday calendar takes effect in the access decision at once; grants on the site "
                    + "whose schedule observes holidays are synced to vendors again.")
    public SiteResponse update(@Context SecurityContext security, @PathParam("id") String id, SiteRequest body) {
        SignedInUser who = ApiCaller.of(security);
        SiteRequest request = ApiInputException.required(body);
        if (request.holidayCalendarId() != null) {
            holidays.requireCalendar(who, request.holidayCalendarId());
        }
        Site site = sites.update(who, id, request.toDraft());
        holidays.assign(who, id, request.holidayCalendarId());
        return SiteResponse.of(site, request.holidayCalendarId());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteSite", summary = "Delete a site without locks or grants")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        sites.delete(ApiCaller.of(security), id);
        return Response.noContent().build();
    }
}
