package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portier.platform.db.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a list: the rows, how many match in all, and the slice asked for. Lists that grow (events,
 * a lock's timeline, grants) also page by keyset: {@code next_cursor} is present while there are more rows,
 * and {@code ?cursor=} asks for the page after it ({@code offset} is then null).
 */
@Schema(description = "One page of a list: items, the total number that match, the offset (null when paged by cursor) "
        + "and limit used, and — on lists that page by cursor — next_cursor for the next page (absent on the last page)")
public record Page<T>(List<T> items, int total,
        @Schema(nullable = true, description = "Rows skipped; null when the page was asked for by cursor") Integer offset,
        int limit,
        @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(nullable = true, description = "Pass as ?cursor= for the next page; absent on the last page and on lists "
                + "without cursor paging") String nextCursor) {

    static <T> Page<T> of(List<T> items, int total, PageRequest request) {
        return new Page<>(items, total, request.offset(), request.limit(), null);
    }
}
