package dev.portier.web.api;

import dev.portier.drivers.vehicles.ReservationVendor;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.domain.reservations.ReservationFilter;
import dev.portier.domain.reservations.ReservationService;
import dev.portier.domain.reservations.ReservationState;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.InstantRange;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.VendorException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/v1/reservations}: vehicle bookings, through {@link ReservationService}. Bookings of one
 * vehicle never overlap (409); a limit of the vehicle's vendor (stored keys, card serials) is a 400
 * naming the rule; a vendor that fails is a 502. Bookings are cancelled, never deleted.
 */
@Path("v1/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reservations", description = "Vehicle bookings: a person and tap cards, begin and end, stored as vendor keys "
        + "when the vehicle's driver keeps them")
@Singleton
public final class ReservationsResource {

    private final ReservationService reservations;
    private final ReservationVendor vendor;

    @Inject
    ReservationsResource(ReservationService reservations, ReservationVendor vendor) {
        this.vendor = vendor;
        this.reservations = reservations;
    }

    @GET
    @Operation(operationId = "listReservations", summary = "List reservations in order of begin")
    public Page<ReservationResponse> list(@Context SecurityContext security,
            @QueryParam("lockId") @Parameter(description = "Only bookings of this vehicle") String lockId,
            @QueryParam("personId") @Parameter(description = "Only bookings of this person") String personId,
            @QueryParam("state") @Parameter(description = "Only bookings in this state") ReservationState state,
            @QueryParam("from") @Parameter(description = "Only bookings ending after this instant", example = "2026-05-01T00:00:00Z")
            String from,
            @QueryParam("to") @Parameter(description = "Only bookings beginning before this instant", example = "2026-05-08T00:00:00Z")
            String to,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        ReservationFilter filter = new ReservationFilter(lockId, personId, state, instant("from", from), instant("to", to));
        return Page.of(reservations.list(who, filter, page).stream().map(ReservationResponse::of).toList(),
                reservations.count(who, filter), page);
    }

    @POST
    @Operation(operationId = "createReservation", summary = "Book a vehicle (and store the key at its vendor)")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ReservationResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, ReservationRequest body) {
        ReservationResponse created = ReservationResponse.of(reservations.create(ApiCaller.of(security),
                ApiInputException.required(body).toDraft()));
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("capacity")
    @Operation(operationId = "reservationCapacity", summary = "How full a vehicle's stored-key memory is at its vendor now")
    public CapacityResponse capacity(@Context SecurityContext security,
            @QueryParam("lockId") @Parameter(description = "The vehicle", required = true) String lockId) {
        if (lockId == null || lockId.isBlank()) {
            throw ValidationException.of("lockId", "Name the vehicle: ?lockId=…");
        }
        return vendor.capacity(ApiCaller.of(security), lockId).map(result -> switch (result) {
            case DriverCallResult.Succeeded<ReservationSync.Capacity> ok -> new CapacityResponse(lockId, true,
                    ok.value().activeKeys(), ok.value().maxActiveKeys(), ok.value().cardSerials(), ok.value().maxCardSerials());
            case DriverCallResult.Failed<ReservationSync.Capacity> failed -> throw new VendorException(failed.message());
        }).orElse(new CapacityResponse(lockId, false, null, null, null, null));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getReservation", summary = "Get a reservation")
    public ReservationResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return ReservationResponse.of(reservations.get(ApiCaller.of(security), id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateReservation", summary = "Change a scheduled reservation (every field)")
    public ReservationResponse update(@Context SecurityContext security, @PathParam("id") String id, ReservationRequest body) {
        return ReservationResponse.of(reservations.update(ApiCaller.of(security), id, ApiInputException.required(body).toDraft()));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelReservation", summary = "Cancel a reservation: its stored key is removed at the vendor "
            + "first (502 and nothing changed when that fails); cancelling again changes nothing")
    public ReservationResponse cancel(@Context SecurityContext security, @PathParam("id") String id) {
        return ReservationResponse.of(reservations.cancel(ApiCaller.of(security), id));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value.strip());
            InstantRange.problem(field, instant).ifPresent(message -> {
                throw ValidationException.of(field, message);
            });
            return instant;
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, field + " must be an ISO-8601 instant like " + ApiJson.INSTANT_EXAMPLE);
        }
    }
}
