package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.trust.DeviceCaller;
import dev.portier.drivers.trust.DeviceService;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * The mobile API ({@code /api/v1/mobile}) is for enrolled phones: {@code Authorization: Bearer <device
 * token>}, except registering a phone, which presents its one-time enrolment code instead. A blocked
 * device's token stops working at once.
 */
@Singleton
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class DeviceAuthentication implements ContainerRequestFilter {

    static final String MOBILE = "v1/mobile";
    private static final String SCHEME = "Bearer ";

    private final DeviceService devices;

    @Inject
    DeviceAuthentication(DeviceService devices) {
        this.devices = devices;
    }

    static boolean isMobile(String path) {
        return path.equals(MOBILE) || path.startsWith(MOBILE + "/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isMobile(path) || path.equals(MOBILE + "/devices") && "POST".equals(request.getMethod())) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<DeviceCaller> caller = header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? Optional.empty() : devices.authenticate(header.substring(SCHEME.length()).strip());
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED,
                            "Send the device token of an enrolled, unblocked phone: Authorization: Bearer <device token>", null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Portier mobile\"").build());
            return;
        }
        request.setSecurityContext(CallerContext.of(new DevicePrincipal(caller.get()), request.getSecurityContext().isSecure()));
    }

    /** The phone behind a mobile request. */
    record DevicePrincipal(DeviceCaller caller) implements Principal {
        @Override
        public String getName() {
            return "device " + caller.deviceId();
        }

        static DeviceCaller of(SecurityContext security) {
            if (security.getUserPrincipal() instanceof DevicePrincipal device) {
                return device.caller();
            }
            throw new NotAuthorizedException("Bearer");
        }
    }
}
