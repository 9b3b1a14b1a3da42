package dev.portier.plugins.tapkey;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A Tapkey physical lock id (TLCP lock id): a 2-byte little-endian length, then the id's bytes. Tapkey
 * writes it in standard Base64 in JSON bodies ({@code BAASNL/7}), in URL-safe Base64 without padding in
 * URLs ({@code BAASNL_7}), and shows it to people as dashed hex of the id without the length
 * ({@code 12-34-BF-FB}). One physical lock keeps this id across unbinding and rebinding, while its
 * bound-lock id changes, so Portier keys Tapkey locks on it. Immutable.
 */
public final class PhysicalLockId {

    private final byte[] id;

    private PhysicalLockId(byte[] id) {
        this.id = id;
    }

    /** The lock whose id bytes (without the length prefix) are {@code id}. */
    public static PhysicalLockId of(byte[] id) {
        if (id.length == 0 || id.length > 0xFFFF) {
            throw new IllegalArgumentException("A physical lock id has 1 to 65535 bytes, not " + id.length);
        }
        return new PhysicalLockId(id.clone());
    }

    /** Reads the JSON form (standard Base64) or the URL form (URL-safe, padding optional). */
    public static PhysicalLockId parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String text = encoded.trim();
        byte[] bytes;
        try {
            String standard = text.replace('-', '+').replace('_', '/').replace("=", "");
            bytes = Base64.getDecoder().decode(pad(standard));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a Base64 physical lock id: " + shorten(text), e);
        }
        if (bytes.length < 3) {
            throw new IllegalArgumentException("A physical lock id has a 2-byte length and at least one byte: " + shorten(text));
        }
        int length = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8;
        if (length != bytes.length - 2) {
            throw new IllegalArgumentException("The physical lock id " + shorten(text) + " announces " + length
                    + " bytes but carries " + (bytes.length - 2));
        }
        return new PhysicalLockId(Arrays.copyOfRange(bytes, 2, bytes.length));
    }

    /** The standard Base64 of length and id, as in JSON bodies: the value Portier keys the lock on. */
    public String base64() {
        return Base64.getEncoder().encodeToString(withLength());
    }

    /** URL-safe Base64 without padding, for URL paths and query values. */
    public String urlForm() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(withLength());
    }

    /** Dashed upper-case hex of the id without its length, as people see it: {@code 12-34-BF-FB}. */
    public String humanForm() {
        String hex = HexFormat.of().formatHex(id).toUpperCase(Locale.ROOT);
        StringBuilder dashed = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                dashed.append('-');
            }
            dashed.append(hex, i, i + 2);
        }
        return dashed.toString();
    }

    private byte[] withLength() {
        byte[] bytes = new byte[id.length + 2];
        bytes[0] = (byte) (id.length & 0xFF);
        bytes[1] = (byte) (id.length >>> 8);
        System.arraycopy(id, 0, bytes, 2, id.length);
        return bytes;
    }

    private static String pad(String text) {
        return text + "=".repeat((4 - text.length() % 4) % 4);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhysicalLockId that && Arrays.equals(id, that.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return humanForm();
    }
}
