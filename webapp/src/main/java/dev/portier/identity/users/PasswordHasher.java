package dev.portier.identity.users;

import com.google.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, so the parameters travel with each hash and
 * can be raised later: {@link #needsRehash} tells when a stored hash is weaker than today's.
 *
 * <p>Defaults are OWASP's minimum for Argon2id: 19 MiB of memory, 2 iterations, parallelism 1.
 */
@Singleton
public final class PasswordHasher {

    public record Parameters(int memoryKiB, int iterations, int parallelism) {
        public static final Parameters OWASP_MINIMUM = new Parameters(19 * 1024, 2, 1);

        boolean weakerThan(Parameters other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public PasswordHasher() {
        this(Parameters.OWASP_MINIMUM);
    }

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
        this.dummyHash = hash("portier-timing-equaliser");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, parameters, HASH_BYTES);
        return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; a malformed hash never matches. */
    public boolean verify(String password, String encoded) {
        Parsed parsed = Parsed.of(encoded);
        if (parsed == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.parameters, parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** Spends the same time as a real verification, for sign-ins with an unknown email. */
    public void verifyNothing(String password) {
        verify(password, dummyHash);
    }

    public boolean needsRehash(String encoded) {
        Parsed parsed = Parsed.of(encoded);
        return parsed == null || parsed.parameters.weakerThan(parameters);
    }

    private static byte[] derive(String password, byte[] salt, Parameters p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private record Parsed(Parameters parameters, byte[] salt, byte[] hash) {
        static Parsed of(String encoded) {
            if (encoded == null) {
                return null;
            }
            String[] parts = encoded.split("\\$");
            // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                if (m <= 0 || t <= 0 || p <= 0) {
                    return null;
                }
                return new Parsed(new Parameters(m, t, p), B64D.decode(parts[4]), B64D.decode(parts[5]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
