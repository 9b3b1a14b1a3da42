package dev.portier.web.api;

import dev.portier.platform.db.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a list: the rows, how many match in all, and the slice asked for. */
@Schema(description = "One page of a list: items, the total number that match, and the offset and limit used")
public record Page<T>(List<T> items, int total, int offset, int limit) {

    static <T> Page<T> of(List<T> items, int total, PageRequest request) {
        return new Page<>(items, total, request.offset(), request.limit());
    }
}
