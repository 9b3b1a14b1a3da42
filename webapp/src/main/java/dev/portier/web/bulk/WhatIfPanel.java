package dev.portier.web.bulk;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import dev.portier.access.whatif.PairChange;
import dev.portier.access.whatif.WhatIfDiff;
import dev.portier.platform.time.Times;
import java.time.ZoneId;
import java.util.List;

/** A what-if shown before saving: the counts, the vendor limits it would hit, and who gains and loses which lock. */
public final class WhatIfPanel extends Div {

    static final int SHOWN = 50;

    public WhatIfPanel(WhatIfDiff diff, ZoneId zone) {
        addClassName("what-if");
        Paragraph summary = new Paragraph(diff.summary());
        summary.addClassName("what-if-summary");
        add(summary);
        for (String warning : diff.warnings()) {
            Paragraph line = new Paragraph("⚠ " + warning);
            line.addClassNames("what-if-warning", "text-error");
            add(line);
        }
        section("Gain access", "what-if-gained", diff.gained(), zone);
        section("Lose access", "what-if-lost", diff.lost(), zone);
    }

    private void section(String title, String className, List<PairChange> pairs, ZoneId zone) {
        if (pairs.isEmpty()) {
            return;
        }
        UnorderedList list = new UnorderedList();
        list.addClassName(className);
        pairs.stream().limit(SHOWN).forEach(p -> list.add(new ListItem(p.subjectName() + " → " + p.lockName() + " (at "
                + Times.format(p.at(), zone) + (p.preIssuedKey() ? "; key" : "") + ")")));
        if (pairs.size() > SHOWN) {
            list.add(new ListItem("… and " + (pairs.size() - SHOWN) + " more"));
        }
        add(new H4(title + " (" + pairs.size() + ")"), list);
    }
}
