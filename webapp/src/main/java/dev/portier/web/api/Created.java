package dev.portier.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** 201 with the new resource's address in {@code Location} and its representation in the body. */
final class Created {

    private Created() {
    }

    static Response at(UriInfo uri, String id, Object body) {
        return Response.created(uri.getAbsolutePathBuilder().path(id).build()).entity(body).build();
    }
}
