package dev.portier.web.groups;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.Routes;
import java.util.List;
import java.util.stream.Collectors;

/** The groups a person or lock belongs to, for their dialogs ("Groups: Cleaning staff, Tenants"), with a link to manage them. */
public final class GroupsOfMember {

    private GroupsOfMember() {
    }

    public static Paragraph of(GroupService groups, SignedInUser who, GroupKind kind, String memberId) {
        List<Group> of = groups.groupsOf(who, kind, memberId);
        String names = of.isEmpty() ? "none" : of.stream().map(Group::name).collect(Collectors.joining(", "));
        Paragraph paragraph = new Paragraph(new Span((kind == GroupKind.PEOPLE ? "People groups: " : "Lock groups: ") + names + ". "),
                new Anchor(Routes.GROUPS, "Manage groups"));
        paragraph.setId("member-groups");
        paragraph.addClassNames("text-s", "text-secondary");
        return paragraph;
    }
}
