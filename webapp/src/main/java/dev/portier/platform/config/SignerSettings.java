package dev.portier.platform.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the keys drivers sign with live. {@link #SOFTWARE} (the default): Ed25519 keys the host creates
 * and keeps sealed with the master key. {@code PORTIER_SIGNER=pkcs11}: the keys named in {@code keys}
 * (default "issuing") are ECDSA P-256 keys on a PKCS#11 token, reached through the JDK's SunPKCS11
 * provider; their private keys never leave the token. Other key names stay in software.
 *
 * @param pkcs11 the token's settings; {@code null} for {@link #SOFTWARE}
 */
public record SignerSettings(Pkcs11 pkcs11) {

    public static final String SIGNER = "PORTIER_SIGNER";
    public static final String LIBRARY = "PORTIER_PKCS11_LIBRARY";
    public static final String SLOT = "PORTIER_PKCS11_SLOT";
    public static final String SLOT_INDEX = "PORTIER_PKCS11_SLOT_INDEX";
    public static final String PIN = "PORTIER_PKCS11_PIN";
    public static final String PIN_FILE = "PORTIER_PKCS11_PIN_FILE";
    public static final String KEY_LABEL = "PORTIER_PKCS11_KEY_LABEL";
    public static final String KEYS = "PORTIER_PKCS11_KEYS";
    /** Every setting this record reads, for the loader's list of known names. */
    public static final List<String> NAMES = List.of(SIGNER, LIBRARY, SLOT, SLOT_INDEX, PIN, PIN_FILE, KEY_LABEL, KEYS);

    public static final SignerSettings SOFTWARE = new SignerSettings(null);
    /** The token key serving a host key: {key} is the host key's name, {connection} the connection's id. */
    public static final String DEFAULT_KEY_LABEL = "portier-{key}";

    /**
     * A PKCS#11 token.
     *
     * @param library   the token's PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so)
     * @param slot      the slot id, or {@code null} to use {@code slotIndex}
     * @param slotIndex the index in the module's slot list (0 when there is one token)
     * @param pin       the user PIN
     * @param keyLabel  the label of the token key (its certificate's alias) serving a host key; see {@link #DEFAULT_KEY_LABEL}
     * @param keys      the host key names served by the token
     */
    public record Pkcs11(Path library, Long slot, int slotIndex, char[] pin, String keyLabel, Set<String> keys) {
        public Pkcs11 {
            pin = pin.clone();
            keys = Set.copyOf(keys);
        }

        /** The label of the token key serving host key {@code keyName} of connection {@code connectionId}. */
        public String labelOf(String connectionId, String keyName) {
            return keyLabel.replace("{key}", keyName).replace("{connection}", connectionId);
        }

        /** The PIN never appears in logs. */
        @Override
        public String toString() {
            return "Pkcs11[library=" + library + ", " + (slot != null ? "slot=" + slot : "slotIndex=" + slotIndex) + ", keyLabel="
                    + keyLabel + ", keys=" + keys + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pkcs11 that && library.equals(that.library) && java.util.Objects.equals(slot, that.slot)
                    && slotIndex == that.slotIndex && Arrays.equals(pin, that.pin) && keyLabel.equals(that.keyLabel) && keys.equals(that.keys);
        }

        @Override
        public int hashCode() {
            return library.hashCode();
        }
    }

    /** Reads the settings; every problem is added to {@code problems} naming its variable. */
    static SignerSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        String kind = trimmed(env, SIGNER);
        if (kind == null || kind.equalsIgnoreCase("software")) {
            for (String name : NAMES.subList(1, NAMES.size())) {
                if (trimmed(env, name) != null) {
                    problems.add(name + " only applies with " + SIGNER + "=pkcs11");
                }
            }
            return SOFTWARE;
        }
        if (!kind.equalsIgnoreCase("pkcs11")) {
            problems.add(SIGNER + " must be software or pkcs11, was '" + kind + "'");
            return SOFTWARE;
        }
        int before = problems.size();
        Path library = null;
        String rawLibrary = trimmed(env, LIBRARY);
        if (rawLibrary == null) {
            problems.add(LIBRARY + " is required with " + SIGNER + "=pkcs11 (the token's PKCS#11 module, e.g. "
                    + "/usr/lib/softhsm/libsofthsm2.so)");
        } else {
            try {
                library = Path.of(rawLibrary);
                if (!Files.isReadable(library)) {
                    problems.add(LIBRARY + " names no readable file: " + rawLibrary);
                }
            } catch (InvalidPathException e) {
                problems.add(LIBRARY + " is not a valid path: " + e.getMessage());
            }
        }
        Long slot = null;
        String rawSlot = trimmed(env, SLOT);
        if (rawSlot != null) {
            try {
                slot = Long.parseLong(rawSlot);
            } catch (NumberFormatException e) {
                problems.add(SLOT + " must be a slot id (a whole number), was '" + rawSlot + "'");
            }
        }
        int slotIndex = 0;
        String rawIndex = trimmed(env, SLOT_INDEX);
        if (rawIndex != null) {
            if (slot != null) {
                problems.add("Give " + SLOT + " or " + SLOT_INDEX + ", not both");
            }
            try {
                slotIndex = Integer.parseInt(rawIndex);
                if (slotIndex < 0) {
                    problems.add(SLOT_INDEX + " must be 0 or more, was " + rawIndex);
                }
            } catch (NumberFormatException e) {
                problems.add(SLOT_INDEX + " must be a whole number, was '" + rawIndex + "'");
            }
        }
        char[] pin = pin(env, problems);
        String label = trimmed(env, KEY_LABEL);
        if (label == null) {
            label = DEFAULT_KEY_LABEL;
        }
        Set<String> keys = new LinkedHashSet<>();
        String rawKeys = trimmed(env, KEYS);
        for (String name : (rawKeys == null ? "issuing" : rawKeys).split(",")) {
            if (!name.isBlank()) {
                if (!name.strip().matches("[A-Za-z0-9._-]{1,60}")) {
                    problems.add(KEYS + " lists host key names (letters, digits, '.', '_', '-'), not '" + name.strip() + "'");
                }
                keys.add(name.strip());
            }
        }
        if (keys.isEmpty()) {
            problems.add(KEYS + " names no key");
        }
        if (problems.size() > before) {
            return SOFTWARE;
        }
        return new SignerSettings(new Pkcs11(library, slot, slotIndex, pin, label, keys));
    }

    /** From {@code PORTIER_PKCS11_PIN}, or the first line of {@code PORTIER_PKCS11_PIN_FILE}; never both. */
    private static char[] pin(Map<String, String> env, List<String> problems) {
        String pin = env.get(PIN);
        String file = trimmed(env, PIN_FILE);
        if (pin != null && !pin.isEmpty() && file != null) {
            problems.add("Give " + PIN + " or " + PIN_FILE + ", not both");
            return new char[0];
        }
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.getFirst().isEmpty()) {
                    problems.add(PIN_FILE + " is empty: " + file);
                    return new char[0];
                }
                return lines.getFirst().toCharArray();
            } catch (IOException | InvalidPathException e) {
                problems.add(PIN_FILE + " cannot be read: " + file);
                return new char[0];
            }
        }
        if (pin == null || pin.isEmpty()) {
            problems.add(PIN + " or " + PIN_FILE + " is required with " + SIGNER + "=pkcs11 (the token's user PIN)");
            return new char[0];
        }
        return pin.toCharArray();
    }

    private static String trimmed(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
