package dev.portier.web.csv;

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
 * People from CSV: columns name, email, phone, notes (a file needs name and at least one of email
 * and phone). Each row must pass {@link PersonService#validate}; an email may appear once in the
 * file and must not belong to someone the account already has.
 */
final class PeopleImport implements RowImporter<PersonDraft> {

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
    public Checked<PersonDraft> check(Handle h, String accountId, List<CsvTable.Row> rows, IntConsumer rowsDone) {
        List<Line<PersonDraft>> valid = new ArrayList<>();
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
                if (ok) {
                    valid.add(new Line<>(row.line(), clean));
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
    public void insert(Handle h, String accountId, PersonDraft draft, Instant at) {
        PersonService.insert(h, accountId, draft, at);
    }

    @Override
    public String columnOf(String field) {
        return field;
    }
}
