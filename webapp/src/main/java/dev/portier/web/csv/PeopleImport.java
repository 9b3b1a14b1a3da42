package dev.portier.web.csv;

import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Handle;

/**
 * People from CSV: columns name, email, phone, notes and groups (a file needs name and at least one of email
 * and phone). Each row must pass {@link PersonService#validate}; an email may appear once in the
 * file and must not belong to someone the account already has. {@code groups} names people groups separated
 * by ";" ("Cleaning staff; Tenants, floor 3" is two — names may hold commas); a group is created on first use,
 * and grants naming it reach the new members in the import's transaction.
 */
final class PeopleImport implements RowImporter<PeopleImport.Row> {

    /** A person to insert, with the names of the people groups they join. */
    record Row(PersonDraft person, List<String> groups) {
    }

    private final GroupService groups;
    private final String actor;
    private final List<Runnable> afterCommit = new ArrayList<>();

    PeopleImport(GroupService groups, String actor) {
        this.groups = groups;
        this.actor = actor;
    }

    @Override
    public CsvKind kind() {
        return CsvKind.PEOPLE;
    }

    @Override
    public List<RowError> checkColumns(CsvTable table) {
        List<RowError> errors = new ArrayList<>();
        if (!table.hasColumn("name")) {
            errors.add(new RowError(1, "name", "The column name is missing"));
        }
        if (!table.hasColumn("email") && !table.hasColumn("phone")) {
            errors.add(new RowError(1, "email", "The file needs an email column, a phone column or both"));
        }
        return errors;
    }

    @Override
    public Checked<Row> check(Handle h, String accountId, List<CsvTable.Row> rows, IntConsumer rowsDone) {
        List<Line<Row>> valid = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> lineOfEmail = new HashMap<>();
        Map<String, Integer> lineOfPhone = new HashMap<>();
        int done = 0;
        for (CsvTable.Row row : rows) {
            boolean ok = true;
            String email = row.get("email");
            if (email != null && EmailAddress.validate(email).isEmpty()) {
                Integer first = lineOfEmail.putIfAbsent(EmailAddress.normalize(email), row.line());
                if (first != null) {
                    errors.add(new RowError(row.line(), "email", "The email " + EmailAddress.normalize(email)
                            + " is also on line " + first));
                    ok = false;
                }
            }
            try {
                PersonDraft clean = PersonService.validate(new PersonDraft(row.get("name"), email, row.get("phone"), row.get("notes")));
                if (clean.phone() != null) {
                    Integer first = lineOfPhone.putIfAbsent(clean.phone(), row.line());
                    if (first != null) {
                        errors.add(new RowError(row.line(), "phone", "The phone number " + clean.phone() + " is also on line " + first));
                        ok = false;
                    }
                }
                List<String> groupNames = new ArrayList<>();
                String cell = row.get("groups");
                if (cell != null) {
                    for (String name : cell.split(";")) {
                        if (!name.isBlank()) {
                            try {
                                String valid1 = GroupService.validName(name);
                                if (groupNames.stream().noneMatch(valid1::equalsIgnoreCase)) {
                                    groupNames.add(valid1);
                                }
                            } catch (ValidationException e) {
                                errors.add(new RowError(row.line(), "groups", "Group \"" + name.strip() + "\": " + e.getMessage()));
                                ok = false;
                            }
                        }
                    }
                }
                if (ok) {
                    valid.add(new Line<>(row.line(), new Row(clean, groupNames)));
                }
            } catch (ValidationException e) {
                e.fieldErrors().forEach((field, message) -> errors.add(new RowError(row.line(), columnOf(field), message)));
            }
            rowsDone.accept(++done);
        }
        ExistingRows.peopleByEmail(h, accountId, lineOfEmail.keySet()).forEach((email, person) ->
                errors.add(new RowError(lineOfEmail.get(email), "email", person.name() + " already has the email " + email)));
        ExistingRows.peopleByPhone(h, accountId, lineOfPhone.keySet()).forEach((phone, name) ->
                errors.add(new RowError(lineOfPhone.get(phone), "phone", name + " already has the phone number " + phone)));
        return new Checked<>(valid, errors);
    }

    @Override
    public void insert(Handle h, String accountId, Row row, Instant at) {
        Person person = PersonService.insert(h, accountId, row.person(), at);
        if (!row.groups().isEmpty()) {
            List<String> ids = row.groups().stream().map(name -> GroupService.findByName(h, accountId, GroupKind.PEOPLE, name)
                    .orElseGet(() -> groups.insert(h, accountId, GroupKind.PEOPLE, name)).id()).toList();
            afterCommit.addAll(groups.setGroupsOf(h, accountId, actor, GroupKind.PEOPLE, person.id(), ids));
        }
    }

    @Override
    public void afterCommit() {
        afterCommit.forEach(Runnable::run);
    }

    @Override
    public String columnOf(String field) {
        return field;
    }
}
