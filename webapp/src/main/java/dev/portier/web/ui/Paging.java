package dev.portier.web.ui;

import com.vaadin.flow.data.provider.Query;
import dev.portier.platform.db.PageRequest;

/** Turns the page a lazy grid or combo box asks for into the services' {@link PageRequest}. */
public final class Paging {

    private Paging() {
    }

    public static PageRequest of(Query<?, ?> query) {
        return new PageRequest(query.getOffset(), Math.max(1, Math.min(query.getLimit(), PageRequest.MAX_LIMIT)));
    }
}
