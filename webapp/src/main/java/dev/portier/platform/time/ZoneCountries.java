package dev.portier.platform.time;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The country a time zone belongs to ("Europe/Oslo" → "NO"), from the tz database's {@code zone.tab} shipped
 * as a resource. Zones of no one country (UTC, Etc/GMT+1) have none. Immutable; any thread.
 */
public final class ZoneCountries {

    private static final Map<String, String> COUNTRIES = load();

    private ZoneCountries() {
    }

    /** The ISO 3166 alpha-2 code of the zone's country, if the zone belongs to one. */
    public static Optional<String> of(ZoneId zone) {
        return zone == null ? Optional.empty() : Optional.ofNullable(COUNTRIES.get(zone.normalized().getId()));
    }

    private static Map<String, String> load() {
        Map<String, String> countries = new HashMap<>();
        try (InputStream in = ZoneCountries.class.getResourceAsStream("zone-countries.tsv")) {
            if (in == null) {
                throw new IllegalStateException("zone-countries.tsv is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("#") && line.contains("\t")) {
                    String[] parts = line.split("\t");
                    countries.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(countries);
    }
}
