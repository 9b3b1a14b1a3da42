package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.trust.DeviceService;
import dev.portier.drivers.trust.LockEnrolments;
import dev.portier.drivers.trust.LockReports;
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
@Tag(name = "Mobile", description = "For phones: registration with an enrolment code, then keys, revocation lists, "
        + "credential material, lock reports and installer enrolment with the device token")
@Singleton
public final class MobileResource {

    /** Who may enrol from a phone, said once for both operations. */
    static final String ENROL_RULE = "Only for a lock waiting for its first enrolment (PENDING_ENROLMENT, never enrolled), "
            + "and only when a grant lets this phone's person UNLOCK the lock now: a manager gives the installer a grant "
            + "on the new lock. Enrolling again, or enrolling any other lock, is done in the back office (REST or UI).";

    private final DeviceService devices;
    private final MobileService mobile;
    private final EventLog events;
    private final LockReports reports;

    @Inject
    MobileResource(DeviceService devices, MobileService mobile, EventLog events, LockReports reports) {
        this.devices = devices;
        this.mobile = mobile;
        this.events = events;
        this.reports = reports;
    }

    public record LockLogEntry(@Schema(description = "The lock's own sequence number, from 1; when given, must match the signed entry")
            Long entryNumber, @Schema(description = "The lock's clock; when given, must match the signed entry") Instant occurredAt,
            @Schema(example = "UNLOCKED", description = "When given, must match the signed entry") String type,
            @Schema(description = "When given, must match the signed entry") Map<String, String> details,
            @Schema(description = "The entry as the lock signed it: a COSE_Sign1 (EdDSA) by the lock's enrolled identity key over "
                    + "{\"typ\": \"log\", \"lock\", \"n\", \"t\" (epoch ms), \"type\", \"det\"}, base64url. Portier reads the "
                    + "entry from it.", requiredMode = Schema.RequiredMode.REQUIRED) String signed) {
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

    @Schema(name = "PhoneMaterial", description = "A piece of material a driver published for phones")
    public record MaterialItem(@Schema(description = "The connection whose driver published it") String connectionId,
            @Schema(description = "The lock it is for; null for material of the whole connection", nullable = true) String lockId,
            @Schema(description = "The driver's name for it, unique per connection and lock", example = "intermediate-certificate")
            String name,
            @Schema(example = "application/x-pem-file") String mediaType,
            @Schema(description = "When it stops being valid; null when it does not expire", nullable = true) Instant expiresAt,
            @Schema(description = "When the driver last published it") Instant publishedAt,
            @Schema(description = "The content, base64 (standard alphabet, padded)", format = "byte") String content) {

        static MaterialItem of(MobileService.MobileMaterial material) {
            return new MaterialItem(material.connectionId(), material.lockId(), material.name(), material.mediaType(),
                    material.expiresAt(), material.publishedAt(), material.content());
        }
    }

    public record MaterialResponse(List<MaterialItem> material) {
    }

    public record VersionReport(@Schema(description = "When given, must match the signed confirmation") Long version,
            @Schema(description = "The lock's confirmation: a COSE_Sign1 (EdDSA) by the lock's enrolled identity key over "
                    + "{\"typ\": \"list\", \"lock\", \"ver\"}, base64url", requiredMode = Schema.RequiredMode.REQUIRED) String signed) {
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

    @GET
    @Path("material")
    @Operation(operationId = "phoneMaterial", summary = "Credential material drivers published for this phone",
            description = "The material of each lock this phone's person holds a grant in force for (on the lock or its "
                    + "site; a schedule does not matter), and the connection-wide material of those locks' connections. "
                    + "Expired material and decommissioned locks are left out. Fetch it with the keys: once a grant ends "
                    + "or is revoked, the material it brought is no longer in the answer, and the phone should delete what "
                    + "it no longer gets.")
    public MaterialResponse material(@Context SecurityContext security) {
        return new MaterialResponse(mobile.material(DeviceAuthentication.DevicePrincipal.of(security)).stream()
                .map(MaterialItem::of).toList());
    }

    @GET
    @Path("locks/{lockId}/enrolment/inputs")
    @Operation(operationId = "phoneLockEnrolmentInputs", summary = "What the lock's driver needs to enrol it from this phone",
            description = ENROL_RULE)
    @ApiResponse(responseCode = "403", description = "The phone's person has no grant that opens the lock now")
    @ApiResponse(responseCode = "409", description = "The lock is not waiting for its first enrolment")
    public EnrolmentInputResponse.Inputs enrolmentInputs(@Context SecurityContext security, @PathParam("lockId") String lockId) {
        return EnrolmentInputResponse.Inputs.of(mobile.enrolmentInputs(DeviceAuthentication.DevicePrincipal.of(security), lockId));
    }

    @POST
    @Path("locks/{lockId}/enrolment")
    @Operation(operationId = "phoneEnrolLock", summary = "Enrol a lock from the installer's phone with the inputs' values",
            description = ENROL_RULE + " A missing or refused input is a 400 whose field is the input's key. The answer "
                    + "describes the material the driver returned, never its content.")
    @ApiResponse(responseCode = "200", description = "Enrolled: the lock is ACTIVE")
    @ApiResponse(responseCode = "403", description = "The phone's person has no grant that opens the lock now")
    @ApiResponse(responseCode = "409", description = "The lock is not waiting for its first enrolment")
    public LockEnrolments.Enrolment enrol(@Context SecurityContext security, @PathParam("lockId") String lockId,
            EnrolmentRequest body) {
        return mobile.enrol(DeviceAuthentication.DevicePrincipal.of(security), lockId, ApiInputException.required(body).inputs());
    }

    @POST
    @Path("locks/{lockId}/revocation-list-version")
    @Operation(operationId = "reportRevocationListVersion", summary = "The revocation list version a lock told this phone")
    @ApiResponse(responseCode = "204", description = "Recorded (the highest version wins)")
    @ApiResponse(responseCode = "400", description = "Not signed by the lock's enrolled identity key, or not what it signed; nothing changes")
    public Response reportVersion(@Context SecurityContext security, @PathParam("lockId") String lockId, VersionReport body) {
        VersionReport report = ApiInputException.required(body);
        dev.portier.drivers.trust.DeviceCaller device = DeviceAuthentication.DevicePrincipal.of(security);
        long version = reports.confirmedVersion(device.accountId(), lockId, signed(report.signed(), "signed"));
        if (report.version() != null && report.version() != version) {
            throw new ApiInputException("version", "The lock signed version " + version + ", not " + report.version());
        }
        mobile.reportListVersion(device, lockId, version);
        return Response.noContent().build();
    }

    /** The base64url bytes of a lock's signature, or {@code null} when none was sent (refused by {@link LockReports}). */
    private static byte[] signed(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return dev.portier.drivers.trust.Base64Url.decode(text, field);
        } catch (IllegalArgumentException e) {
            throw new ApiInputException(field, e.getMessage());
        }
    }

    @POST
    @Path("on-demand-keys")
    @Operation(operationId = "requestOnDemandKey", summary = "A key of an ON_DEMAND grant's duration, valid from now")
    @ApiResponse(responseCode = "201", description = "Issued", content = @Content(schema = @Schema(implementation = MobileKey.class)))
    @ApiResponse(responseCode = "403", description = "Not allowed now: a problem (code forbidden) with the extra member "
            + "reasons, a list of the denial reasons")
    public Response onDemand(@Context SecurityContext security, OnDemandRequest body) {
        OnDemandRequest request = ApiInputException.required(body);
        if (request.lockId() == null || request.lockId().isBlank()) {
            throw new ApiInputException("lockId", "lockId is required");
        }
        try {
            MobileKey key = mobile.onDemandKey(DeviceAuthentication.DevicePrincipal.of(security), request.lockId(), request.grantId());
            return Response.status(Response.Status.CREATED).entity(key).build();
        } catch (MobileService.OnDemandRefused refused) {
            ApiError problem = ApiError.of(Problem.FORBIDDEN, 403, refused.getMessage(), null);
            return Response.status(Response.Status.FORBIDDEN).type(ApiError.MEDIA)
                    .entity(new Refusal(problem.type(), problem.title(), problem.status(), problem.detail(), problem.code(),
                            problem.error(), refused.reasons())).build();
        }
    }

    @POST
    @Path("locks/{lockId}/events")
    @Operation(operationId = "uploadLockEvents", summary = "Entries of a lock's log the phone collected at the lock",
            description = "Idempotent per (lock, entry number): entries already received count as duplicates. All or nothing. "
                    + "Every entry must be signed by the lock's enrolled identity key; Portier checks all of them before it stores "
                    + "any, and reads each entry from what the lock signed.")
    @ApiResponse(responseCode = "400", description = "An entry is not signed by the lock, or not what it signed; nothing is stored")
    public BatchResult uploadEvents(@Context SecurityContext security, @PathParam("lockId") String lockId, EventUpload body) {
        EventUpload upload = ApiInputException.required(body);
        if (upload.events() == null) {
            throw new ApiInputException("events", "events is required (a list, possibly empty)");
        }
        List<LockReports.Upload> uploads = new ArrayList<>();
        for (int i = 0; i < upload.events().size(); i++) {
            LockLogEntry entry = upload.events().get(i);
            if (entry == null) {
                throw new ApiInputException("events", "An entry of events is null");
            }
            uploads.add(new LockReports.Upload(signed(entry.signed(), "events[" + i + "].signed"), entry.entryNumber(),
                    entry.occurredAt(), entry.type(), entry.details()));
        }
        String accountId = DeviceAuthentication.DevicePrincipal.of(security).accountId();
        List<LockEvent> batch = reports.entries(accountId, lockId, uploads);
        return events.recordAll(accountId, lockId, "mobile", batch);
    }

    /** A refused on-demand key: problem details with the denial reasons as an extension member. */
    public record Refusal(String type, String title, int status, String detail, String code, String error, List<String> reasons) {
    }
}
