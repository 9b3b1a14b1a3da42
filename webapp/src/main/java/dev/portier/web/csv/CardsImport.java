package dev.portier.web.csv;

import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Cards from CSV: columns card_type, serial_number (required), person_email, label, state
 * (optional; state defaults to ACTIVE). Each row must pass {@link CardService#validate}; a serial
 * number may appear once in the file and must be new to the account; a person_email must name a
 * person of the account, to whom the card is then assigned.
 */
final class CardsImport implements RowImporter<CardDraft> {

    private static final Map<String, String> COLUMNS = Map.of("cardType", "card_type", "serialNumber", "serial_number",
            "personId", "person_email", "label", "label", "state", "state");

    @Override
    public CsvKind kind() {
        return CsvKind.CARDS;
    }

    @Override
    public List<RowError> checkColumns(CsvTable table) {
        return List.of("card_type", "serial_number").stream().filter(c -> !table.hasColumn(c))
                .map(c -> new RowError(1, c, "The column " + c + " is missing")).toList();
    }

    @Override
    public Checked<CardDraft> check(Handle h, String accountId, List<CsvTable.Row> rows, IntConsumer rowsDone) {
        List<RowError> errors = new ArrayList<>();
        Map<Integer, CardDraft> cleanByLine = new LinkedHashMap<>();
        Map<Integer, String> personEmailByLine = new HashMap<>();
        Map<String, Integer> lineOfSerial = new HashMap<>();
        int done = 0;
        for (CsvTable.Row row : rows) {
            Map<String, String> problems = new LinkedHashMap<>();
            CardType type = parse(CardType.class, row.get("card_type"), problems, "card_type");
            CardState state = parse(CardState.class, row.get("state"), problems, "state");
            String serial = type == null ? null : type.normalize(row.get("serial_number")).orElse(null);
            if (serial != null) {
                Integer first = lineOfSerial.putIfAbsent(serial, row.line());
                if (first != null) {
                    problems.put("serial_number", "The serial number " + serial + " is also on line " + first);
                }
            }
            String personEmail = row.get("person_email");
            if (personEmail != null) {
                EmailAddress.validate(personEmail).ifPresentOrElse(message -> problems.put("person_email", message),
                        () -> personEmailByLine.put(row.line(), EmailAddress.normalize(personEmail)));
            }
            try {
                CardDraft clean = CardService.validate(new CardDraft(type, row.get("serial_number"), null, row.get("label"), state));
                if (problems.isEmpty()) {
                    cleanByLine.put(row.line(), clean);
                }
            } catch (ValidationException e) {
                e.fieldErrors().forEach((field, message) -> problems.putIfAbsent(columnOf(field), message));
            }
            problems.forEach((column, message) -> errors.add(new RowError(row.line(), column, message)));
            rowsDone.accept(++done);
        }
        ExistingRows.cardSerials(h, accountId, lineOfSerial.keySet()).forEach(serial ->
                errors.add(new RowError(lineOfSerial.get(serial), "serial_number", "A card with serial number " + serial
                        + " already exists")));
        Map<String, ExistingRows.Person> people = ExistingRows.peopleByEmail(h, accountId, personEmailByLine.values());
        List<Line<CardDraft>> valid = new ArrayList<>();
        personEmailByLine.forEach((line, email) -> {
            if (!people.containsKey(email)) {
                errors.add(new RowError(line, "person_email", "No person of this account has the email " + email));
            }
        });
        cleanByLine.forEach((line, clean) -> {
            ExistingRows.Person person = people.get(personEmailByLine.get(line));
            valid.add(new Line<>(line, person == null ? clean
                    : new CardDraft(clean.cardType(), clean.serialNumber(), person.id(), clean.label(), clean.state())));
        });
        return new Checked<>(valid, errors);
    }

    @Override
    public void insert(Handle h, String accountId, CardDraft draft, Instant at) {
        CardService.insert(h, accountId, draft, at);
    }

    @Override
    public String columnOf(String field) {
        return COLUMNS.getOrDefault(field, field);
    }

    /** An enum constant by name ("GEOTAB_TAPCARD", "geotab tapcard"); blank gives null, unknown a problem. */
    private static <E extends Enum<E>> E parse(Class<E> type, String raw, Map<String, String> problems, String column) {
        if (raw == null) {
            return null;
        }
        String name = raw.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            problems.put(column, "\"" + raw.strip() + "\" is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }
    }
}
