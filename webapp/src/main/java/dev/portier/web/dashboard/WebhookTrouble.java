package dev.portier.web.dashboard;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.portier.platform.time.Times;
import dev.portier.platform.webhooks.WebhookEndpoint;
import dev.portier.web.ui.Routes;
import java.time.ZoneId;
import java.util.List;

/** Webhook endpoints that keep failing or were disabled for it, with a link to the webhooks page; hidden when there are none. */
final class WebhookTrouble extends VerticalLayout {

    WebhookTrouble(List<WebhookEndpoint> troubled, ZoneId zone) {
        setPadding(false);
        addClassName("webhook-trouble");
        setVisible(!troubled.isEmpty());
        if (troubled.isEmpty()) {
            return;
        }
        add(new H3("Webhooks failing (" + troubled.size() + ")"));
        for (WebhookEndpoint endpoint : troubled) {
            String since = endpoint.failingSince() == null ? "" : " since " + Times.format(endpoint.failingSince(), zone);
            String state = endpoint.status() == WebhookEndpoint.Status.DISABLED
                    ? ": disabled after failing" + since + "; nothing is sent until it is enabled again"
                    : ": " + endpoint.consecutiveFailures() + " failed attempts in a row" + since + "; Portier keeps retrying";
            add(new Paragraph(Routes.link(endpoint.url(), Routes.WEBHOOKS), new Span(state)));
        }
    }
}
