package dev.portier.web.dashboard;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.sync.VendorSync;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.Routes;
import java.util.List;

/** Grants a vendor refused for good, each with a link to the grant (its dialog says more); hidden when there are none. */
final class FailedSyncs extends VerticalLayout {

    private static final int SHOWN = 10;

    FailedSyncs(GrantSyncs syncs, GrantService grants, SignedInUser user) {
        setPadding(false);
        int count = syncs.countFailed(user);
        setVisible(count > 0);
        if (count == 0) {
            return;
        }
        add(new H3("Grants a vendor refused (" + count + ")"));
        List<VendorSync> failed = syncs.failed(user, SHOWN);
        for (VendorSync sync : failed) {
            Grant grant = grants.get(user, sync.grantId());
            Span reason = new Span(" at " + sync.lockName() + ": " + sync.lastError());
            add(new Paragraph(Routes.link("Grant for " + grant.subjectLabel() + " → " + grant.targetLabel(),
                    Routes.item(Routes.GRANTS, sync.grantId())), reason));
        }
        if (count > failed.size()) {
            add(new Paragraph("… and " + (count - failed.size()) + " more."));
        }
    }
}
