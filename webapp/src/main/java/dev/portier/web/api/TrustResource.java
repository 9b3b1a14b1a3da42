package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.drivers.trust.Device;
import dev.portier.drivers.trust.DeviceService;
import dev.portier.drivers.trust.LockEnrolments;
import dev.portier.drivers.trust.RevocationExposure;
import dev.portier.drivers.trust.RevocationLists;
import dev.portier.platform.validation.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/trust}: phones, lock enrolment, revocation lists and what revoked keys can still open. */
@Path("v1/trust")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Trust service", description = "Device enrolment codes, devices, lock enrolment, revocation lists and exposure")
@Singleton
public final class TrustResource {

    private final DeviceService devices;
    private final LockEnrolments enrolments;
    private final RevocationLists lists;
    private final RevocationExposure exposure;

    @Inject
    TrustResource(DeviceService devices, LockEnrolments enrolments, RevocationLists lists, RevocationExposure exposure) {
        this.devices = devices;
        this.enrolments = enrolments;
        this.lists = lists;
        this.exposure = exposure;
    }

    public record CodeRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String personId) {
    }

    public record EnrolRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String lockId,
            @Schema(description = "What the lock supplied, e.g. publicKey (base64url); in sandbox mode none is needed")
            Map<String, String> inputs) {
    }

    @POST
    @Path("device-enrolment-codes")
    @Operation(operationId = "createDeviceEnrolmentCode", summary = "A one-time code (24 h) with which one phone of the person registers")
    @ApiResponse(responseCode = "201", description = "Created; the code is shown only now")
    public Response newCode(@Context SecurityContext security, CodeRequest body) {
        CodeRequest request = ApiInputException.required(body);
        if (request.personId() == null || request.personId().isBlank()) {
            throw new ApiInputException("personId", "personId is required");
        }
        DeviceService.EnrolmentCode code = devices.newEnrolmentCode(ApiCaller.of(security), request.personId());
        return Response.status(Response.Status.CREATED).entity(code).build();
    }

    @GET
    @Path("devices")
    @Operation(operationId = "listDevices", summary = "A person's phones")
    public List<Device> devices(@Context SecurityContext security,
            @QueryParam("personId") @Parameter(description = "Whose phones", required = true) String personId) {
        if (personId == null || personId.isBlank()) {
            throw new ApiInputException("personId", "personId is required");
        }
        return devices.list(ApiCaller.of(security), personId);
    }

    @POST
    @Path("devices/{id}/block")
    @Operation(operationId = "blockDevice", summary = "Block a phone: its token stops working and its keys are revoked at once")
    public Device block(@Context SecurityContext security, @PathParam("id") String id) {
        return devices.block(ApiCaller.of(security), id);
    }

    @POST
    @Path("lock-enrolments")
    @Operation(operationId = "enrolLock", summary = "Give a lock its identity through its connection's driver")
    public LockEnrolments.Enrolment enrol(@Context SecurityContext security, EnrolRequest body) {
        EnrolRequest request = ApiInputException.required(body);
        if (request.lockId() == null || request.lockId().isBlank()) {
            throw new ApiInputException("lockId", "lockId is required");
        }
        return enrolments.enrol(ApiCaller.of(security), request.lockId(), request.inputs());
    }

    @GET
    @Path("lock-enrolments/{lockId}")
    @Operation(operationId = "getLockEnrolment", summary = "A lock's enrolment")
    public LockEnrolments.Enrolment enrolment(@Context SecurityContext security, @PathParam("lockId") String lockId) {
        return enrolments.get(ApiCaller.of(security), lockId).orElseThrow(() -> new NotFoundException("enrolment"));
    }

    @GET
    @Path("revocation-lists/{lockId}")
    @Operation(operationId = "getRevocationList", summary = "A lock's current revocation list and the version it confirmed")
    public RevocationLists.LockList revocationList(@Context SecurityContext security, @PathParam("lockId") String lockId) {
        SignedInUser who = ApiCaller.of(security);
        enrolments.get(who, lockId);
        return lists.find(who.accountId(), lockId).orElseThrow(() -> new NotFoundException("revocation list"));
    }

    @GET
    @Path("revocation-exposure")
    @Operation(operationId = "revocationExposure",
            summary = "Revoked keys not expired yet: confirmed by their lock or still exposed until when")
    public Page<RevocationExposure.ExposedKey> exposure(@Context SecurityContext security,
            @QueryParam("unconfirmedOnly") @Parameter(description = "Only keys their lock has not confirmed") boolean unconfirmedOnly,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        return Page.of(exposure.list(who, unconfirmedOnly, page), exposure.count(who, unconfirmedOnly), page);
    }
}
