package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.trust.DeviceService;
import dev.portier.drivers.trust.MobileService;
import dev.portier.drivers.trust.MobileService.KeySync;
import dev.portier.drivers.trust.MobileService.MobileKey;
import dev.portier.drivers.trust.MobileService.MobileList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import dev.portier.domain.events.BatchResult;
import dev.portier.domain.events.EventLog;
import dev.portier.plugin.api.LockEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/mobile}: the API phones use. A phone registers once with a one-time enrolment code and
 * its public keys, then uses its device token. Every call is idempotent: repeating it after a lost answer
 * changes nothing more.
 */
@Path(DeviceAuthentication.MOBILE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mobile", description = "For phones: registration with an enrolment code, then keys, revocation lists and "
        + "lock reports with the device token")
@Singleton
public final class MobileResource {

    private final DeviceService devices;
    private final MobileService mobile;
    private final EventLog events;

    @Inject
    MobileResource(DeviceService devices, MobileService mobile, EventLog events) {
        this.devices = devices;
        this.mobile = mobile;
        this.events = events;
    }

    public record LockLogEntry(@Schema(description = "The lock's own sequence number, from 1", requiredMode = Schema.RequiredMode.REQUIRED)
            Long entryNumber, @Schema(description = "The lock's clock", requiredMode = Schema.RequiredMode.REQUIRED) Instant occurredAt,
            @Schema(example = "UNLOCKED", requiredMode = Schema.RequiredMode.REQUIRED) String type, Map<String, String> details) {
    }

    public record EventUpload(@Schema(description = "At most 1,000 entries of one lock's log", requiredMode = Schema.RequiredMode.REQUIRED)
            List<LockLogEntry> events) {
    }

    public record RegisterRequest(
            @Schema(example = "KX7D-2MQP-9TRA", requiredMode = Schema.RequiredMode.REQUIRED) String enrolmentCode,
            @Schema(example = "Olivia's iPhone", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
            @Schema(description = "Raw Ed25519 public key, base64url", requiredMode = Schema.RequiredMode.REQUIRED) String signingKey,
            @Schema(description = "Raw X25519 public key, base64url", requiredMode = Schema.RequiredMode.REQUIRED) String encryptionKey) {
    }

    public record ListsResponse(List<MobileList> lists) {
    }

    public record VersionReport(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Long version) {
    }

    public record OnDemandRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String lockId,
            @Schema(description = "The ON_DEMAND grant to use; the best allowing one when absent") String grantId) {
    }

    @POST
    @Path("devices")
    @Operation(operationId = "registerDevice", summary = "Register a phone with a one-time enrolment code",
            description = "Retrying with the same code and keys answers the same device with a fresh token.")
    @ApiResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = DeviceService.Registration.class)))
    public Response register(RegisterRequest body) {
        RegisterRequest request = ApiInputException.required(body);
        DeviceService.Registration registration = devices.register(request.enrolmentCode(), request.name(), request.signingKey(),
                request.encryptionKey());
        return Response.status(Response.Status.CREATED).entity(registration).build();
    }

    @GET
    @Path("keys")
    @Operation(operationId = "syncKeys", summary = "This phone's keys (sealed to its encryption key), keys to delete, "
            + "and the identities of the locks they open")
    public KeySync keys(@Context SecurityContext security) {
        return mobile.keys(DeviceAuthentication.DevicePrincipal.of(security));
    }

    @GET
    @Path("revocation-lists")
    @Operation(operationId = "revocationLists", summary = "Signed revocation lists of the locks this phone's person may meet")
    public ListsResponse lists(@Context SecurityContext security) {
        return new ListsResponse(mobile.lists(DeviceAuthentication.DevicePrincipal.of(security)));
    }

    @POST
    @Path("locks/{lockId}/revocation-list-version")
    @Operation(operationId = "reportRevocationListVersion", summary = "The revocation list version a lock told this phone")
    @ApiResponse(responseCode = "204", description = "Recorded (the highest version wins)")
    public Response reportVersion(@Context SecurityContext security, @PathParam("lockId") String lockId, VersionReport body) {
        VersionReport report = ApiInputException.required(body);
        if (report.version() == null) {
            throw new ApiInputException("version", "version is required");
        }
        mobile.reportListVersion(DeviceAuthentication.DevicePrincipal.of(security), lockId, report.version());
        return Response.noContent().build();
    }

    @POST
    @Path("on-demand-keys")
    @Operation(operationId = "requestOnDemandKey", summary = "A key of an ON_DEMAND grant's duration, valid from now")
    @ApiResponse(responseCode = "201", description = "Issued", content = @Content(schema = @Schema(implementation = MobileKey.class)))
    @ApiResponse(responseCode = "403", description = "Not allowed now; reasons say why")
    public Response onDemand(@Context SecurityContext security, OnDemandRequest body) {
        OnDemandRequest request = ApiInputException.required(body);
        if (request.lockId() == null || request.lockId().isBlank()) {
            throw new ApiInputException("lockId", "lockId is required");
        }
        try {
            MobileKey key = mobile.onDemandKey(DeviceAuthentication.DevicePrincipal.of(security), request.lockId(), request.grantId());
            return Response.status(Response.Status.CREATED).entity(key).build();
        } catch (MobileService.OnDemandRefused refused) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(new Refusal(refused.getMessage(), refused.reasons())).build();
        }
    }

    @POST
    @Path("locks/{lockId}/events")
    @Operation(operationId = "uploadLockEvents", summary = "Entries of a lock's log the phone collected at the lock",
            description = "Idempotent per (lock, entry number): entries already received count as duplicates. All or nothing.")
    public BatchResult uploadEvents(@Context SecurityContext security, @PathParam("lockId") String lockId, EventUpload body) {
        EventUpload upload = ApiInputException.required(body);
        if (upload.events() == null) {
            throw new ApiInputException("events", "events is required (a list, possibly empty)");
        }
        List<LockEvent> batch = new ArrayList<>();
        for (LockLogEntry entry : upload.events()) {
            if (entry == null) {
                throw new ApiInputException("events", "An entry of events is null");
            }
            batch.add(new LockEvent(lockId, entry.entryNumber(), entry.occurredAt(), entry.type(), entry.details()));
        }
        return events.recordAll(DeviceAuthentication.DevicePrincipal.of(security).accountId(), lockId, "mobile", batch);
    }

    public record Refusal(String error, List<String> reasons) {
    }
}
