package dev.portier.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.validation.ValidationException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ?offset=&limit=&cursor=} of the lists that grow: offset paging as {@link PageParameters}, or keyset
 * paging by the opaque {@code cursor} of the previous page's {@code next_cursor} (not both).
 */
public final class CursorPageParameters {

    // Public so that swagger-core sees them as query parameters of the operation.
    @QueryParam("offset")
    @Parameter(description = "Rows to skip (not with cursor)", schema = @Schema(implementation = Integer.class, minimum = "0",
            defaultValue = "0"))
    public String offset;

    @QueryParam("limit")
    @Parameter(description = "Rows to return", schema = @Schema(implementation = Integer.class, minimum = "1",
            maximum = "" + PageRequest.MAX_LIMIT, defaultValue = "" + PageParameters.DEFAULT_LIMIT))
    public String limit;

    @QueryParam(Cursor.PARAMETER)
    @Parameter(description = "The next_cursor of the previous page, unchanged: the rows after it, even when rows were "
            + "added meanwhile (no repeats, no skips). Opaque; not with offset.", schema = @Schema(type = "string", maxLength = 1000))
    public String cursor;

    PageRequest toPageRequest() {
        PageParameters plain = new PageParameters();
        plain.offset = offset;
        plain.limit = limit;
        return plain.toPageRequest();
    }

    boolean byCursor() {
        return cursor != null && !cursor.isBlank();
    }

    /**
     * A page of a keyset-paged list: {@code fetch} is asked for one row more than the limit (to know whether
     * another page follows) after the cursor's key (null for the first page).
     */
    <R, T> Page<T> page(String kind, int keySize, int total, java.util.function.BiFunction<List<JsonNode>, Integer, List<R>> fetchAfter,
            Function<R, Object[]> keyOf, Function<R, T> toItem, Function<PageRequest, List<R>> fetchOffset) {
        PageRequest request = toPageRequest();
        List<R> rows;
        boolean more;
        if (byCursor()) {
            if (offset != null && !offset.isBlank()) {
                throw ValidationException.of("offset", "Send either offset or cursor, not both");
            }
            rows = fetchAfter.apply(Cursor.decode(cursor, kind, keySize), request.limit() + 1);
            more = rows.size() > request.limit();
            rows = more ? rows.subList(0, request.limit()) : rows;
        } else {
            rows = fetchOffset.apply(request);
            more = rows.size() == request.limit() && request.offset() + rows.size() < total;
        }
        String next = more && !rows.isEmpty() ? Cursor.encode(kind, keyOf.apply(rows.get(rows.size() - 1))) : null;
        return new Page<>(rows.stream().map(toItem).toList(), total, byCursor() ? null : request.offset(), request.limit(), next);
    }
}
