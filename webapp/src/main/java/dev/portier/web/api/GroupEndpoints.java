package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** What {@code /api/v1/people-groups} and {@code /api/v1/lock-groups} do, for either kind of group. */
@Singleton
final class GroupEndpoints {

    private final GroupService groups;
    private final PersonService people;
    private final LockService locks;

    @Inject
    GroupEndpoints(GroupService groups, PersonService people, LockService locks) {
        this.groups = groups;
        this.people = people;
        this.locks = locks;
    }

    List<GroupResponse> list(SignedInUser who, GroupKind kind) {
        return groups.list(who, kind).stream().map(GroupResponse::of).toList();
    }

    Response create(SignedInUser who, UriInfo uri, GroupKind kind, GroupRequest body) {
        GroupResponse created = GroupResponse.of(groups.create(who, kind, ApiInputException.required(body).name()));
        return Created.at(uri, created.id(), created);
    }

    GroupResponse get(SignedInUser who, GroupKind kind, String id) {
        return GroupResponse.of(groups.get(who, kind, id));
    }

    GroupResponse rename(SignedInUser who, GroupKind kind, String id, GroupRequest body) {
        return GroupResponse.of(groups.rename(who, kind, id, ApiInputException.required(body).name()));
    }

    Response delete(SignedInUser who, GroupKind kind, String id) {
        groups.delete(who, kind, id);
        return Response.noContent().build();
    }

    List<MemberResponse> members(SignedInUser who, GroupKind kind, String id) {
        return groups.members(who, kind, id).stream().map(member -> new MemberResponse(member,
                kind == GroupKind.PEOPLE ? people.get(who, member).name() : locks.get(who, member).name())).toList();
    }

    List<MemberResponse> add(SignedInUser who, GroupKind kind, String id, MembersRequest body) {
        groups.addMembers(who, kind, id, ApiInputException.required(body).ids());
        return members(who, kind, id);
    }

    List<MemberResponse> remove(SignedInUser who, GroupKind kind, String id, List<String> ids) {
        groups.removeMembers(who, kind, id, ids);
        return members(who, kind, id);
    }
}
