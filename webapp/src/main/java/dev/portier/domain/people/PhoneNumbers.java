package dev.portier.domain.people;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers in E.164, parsed and normalised with libphonenumber: "+47 123 45 678" becomes
 * "+4712345678". A number without + and a country code is read in a given country (the account's or its
 * sites', see {@link PersonService#phoneCountry}): "912 34 567" in Norway is "+4791234567". A number is
 * accepted when its length is possible for its country, so test and new ranges are not refused.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern TRUNK_ZERO = Pattern.compile("^(\\+\\d{1,3})[\\s.-]*\\(\\s*0\\s*\\)");

    private PhoneNumbers() {
    }

    /** The E.164 form, or empty when {@code raw} is not a possible international number. */
    public static Optional<String> normalize(String raw) {
        return normalize(raw, null);
    }

    /**
     * The E.164 form, or empty when {@code raw} is not a possible number: international, or — when
     * {@code country} (ISO 3166 alpha-2) is given — a national number of that country.
     */
    public static Optional<String> normalize(String raw, String country) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        boolean national = !text.startsWith("+");
        if (national && (country == null || !UTIL.getSupportedRegions().contains(country))) {
            return Optional.empty();
        }
        // "+47 (0)91 23 45 67": the bracketed trunk zero is dialled only at home. libphonenumber drops it for
        // countries that have one (UK, Germany) but keeps it as a digit for those that don't (Norway), which
        // misreads the number; it never belongs to the international form, so it goes before parsing.
        text = TRUNK_ZERO.matcher(text).replaceFirst("$1 ");
        try {
            PhoneNumber number = UTIL.parse(text, national ? country : "ZZ");
            // A number read in an assumed country must be a real one there ("12345" is no Norwegian number);
            // an international one need only be possible, so that test and new ranges are not refused.
            if (national ? !UTIL.isValidNumber(number) : !UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> validate(String raw) {
        return validate(raw, null);
    }

    /** Empty when {@code raw} is a possible number (national ones read in {@code country}), else what to type. */
    public static Optional<String> validate(String raw, String country) {
        if (normalize(raw, country).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(country == null
                ? "Enter an international phone number starting with + and the country code, like +47 123 45 678"
                : "Enter a phone number of " + countryName(country) + ", or + and the country code, like +47 123 45 678");
    }

    /** What the phone field tells: in which country a number without + is read. */
    public static String hint(String country) {
        return country == null ? "International, with + and the country code: +47 123 45 678"
                : "Numbers without + are read as " + countryName(country) + " (+" + UTIL.getCountryCodeForRegion(country) + ")";
    }

    private static String countryName(String country) {
        return java.util.Locale.of("", country).getDisplayCountry(java.util.Locale.ENGLISH);
    }

    /** A readable form for people, e.g. "+47 12 34 56 78". */
    public static String display(String e164) {
        if (e164 == null) {
            return "";
        }
        try {
            return UTIL.format(UTIL.parse(e164, "ZZ"), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
