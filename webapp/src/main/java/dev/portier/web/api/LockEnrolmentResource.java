package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.trust.LockEnrolments;
import io.swagger.v3.oas.annotations.Operation;
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
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/locks/{lockId}/enrolment}: a lock's generic enrolment through its connection's driver: the
 * inputs the driver declares, and enrolling with their values.
 */
@Path("v1/locks/{lockId}/enrolment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Locks")
@Singleton
public final class LockEnrolmentResource {

    private final LockEnrolments enrolments;

    @Inject
    LockEnrolmentResource(LockEnrolments enrolments) {
        this.enrolments = enrolments;
    }

    @GET
    @Path("inputs")
    @Operation(operationId = "getLockEnrolmentInputs", summary = "What the lock's driver needs to enrol it",
            description = "Asked of the connection's running driver (503 when it does not run). A lock without a connection "
                    + "or decommissioned is a 409.")
    public EnrolmentInputResponse.Inputs inputs(@Context SecurityContext security, @PathParam("lockId") String lockId) {
        return EnrolmentInputResponse.Inputs.of(enrolments.inputs(ApiCaller.of(security), lockId));
    }

    @POST
    @Operation(operationId = "enrolLockWithInputs", summary = "Enrol the lock through its driver with the inputs' values",
            description = "Needs MANAGER. A pending lock becomes ACTIVE; enrolling again replaces the enrolment. A missing "
                    + "required input, or one the driver refuses, is a 400 whose field is the input's key. The answer "
                    + "describes the material the driver returned (name, visibility, media type, expiry), never its content.")
    @ApiResponse(responseCode = "200", description = "Enrolled")
    public LockEnrolments.Enrolment enrol(@Context SecurityContext security, @PathParam("lockId") String lockId,
            EnrolmentRequest body) {
        return enrolments.enrol(ApiCaller.of(security), lockId, ApiInputException.required(body).inputs());
    }
}
