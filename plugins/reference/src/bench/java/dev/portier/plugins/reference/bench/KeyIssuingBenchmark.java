package dev.portier.plugins.reference.bench;

import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugin.api.RevocationPublishing.SignedRevocationList;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.Signer;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.reference.ReferenceLocksFactory;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the reference driver adds to a raw Ed25519 signature: issuing a key (CBOR payload, COSE_Sign1,
 * Sig_structure, one signature) beside a raw BouncyCastle signature of a message of the same size, and
 * building and signing a 10,000-entry revocation list beside a raw signature of a message as long as
 * that list's payload. The driver signs through a BouncyCastle {@link Signer}, as the host's does.
 * Single-threaded; throughput and sample-time percentiles.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
public class KeyIssuingBenchmark {

    private static final int REQUESTS = 1024;
    private static final int LIST_ENTRIES = 10_000;
    private static final LockRef LOCK = new LockRef("lock-0001", "", "Front door", "Europe/Berlin");
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final Schedule WORKING_HOURS = new Schedule(ZoneId.of("Europe/Berlin"), List.of(new Schedule.Window(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(18, 0))), null);

    private TestDriverContext context;
    private ReferenceDriver driver;
    private final BouncyCastleSigner rawSigner = new BouncyCastleSigner();
    private final List<KeyRequest> requests = new ArrayList<>();
    private final List<RevokedKey> revoked = new ArrayList<>();
    private byte[] keySizedMessage;
    private byte[] listSizedMessage;
    private int next;

    @Setup
    public void setUp() {
        context = TestDriverContext.of(Map.of("mode", "sandbox"));
        BouncyCastleSigner signer = new BouncyCastleSigner();
        driver = (ReferenceDriver) new ReferenceLocksFactory().create(context.configuration(), new SignerOverride(context, signer));
        byte[] holder = new BouncyCastleSigner().publicKey("device");
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(new KeyRequest("key-" + String.format("%08d", i), LOCK, new KeyHolder.Device("device", holder), START,
                    START.plus(Duration.ofDays(7)), i % 4 == 0 ? WORKING_HOURS : null, Set.of(Permission.UNLOCK),
                    START.plusMillis(i)));
        }
        for (int i = 0; i < LIST_ENTRIES; i++) {
            revoked.add(new RevokedKey("key-" + String.format("%08d", i * 7 % LIST_ENTRIES) + "-" + i,
                    START.plus(Duration.ofHours(i % 168))));
        }
        keySizedMessage = new byte[driver.issue(requests.getFirst()).credential().length - 64];
        listSizedMessage = new byte[driver.publish(LOCK, 1, START, revoked).payload().length - 64];
        new SecureRandom().nextBytes(keySizedMessage);
        new SecureRandom().nextBytes(listSizedMessage);
    }

    @TearDown
    public void tearDown() {
        context.close();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] rawSignatureOfAKeySizedMessage() {
        return rawSigner.sign("issuing", keySizedMessage);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public IssuedKey issueKey() {
        KeyRequest request = requests.get(next++ & (REQUESTS - 1));
        return driver.issue(request);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] rawSignatureOfAListSizedMessage() {
        return rawSigner.sign("issuing", listSizedMessage);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SignedRevocationList publishRevocationListOf10000() {
        return driver.publish(LOCK, ++next, START, revoked);
    }

    /** Ed25519 with BouncyCastle's lightweight API and one key per name, as the host's signer. */
    static final class BouncyCastleSigner implements Signer {
        private final Map<String, Ed25519PrivateKeyParameters> keys = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public byte[] publicKey(String keyName) {
            return key(keyName).generatePublicKey().getEncoded();
        }

        @Override
        public byte[] sign(String keyName, byte[] data) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key(keyName));
            signer.update(data, 0, data.length);
            return signer.generateSignature();
        }

        private Ed25519PrivateKeyParameters key(String keyName) {
            return keys.computeIfAbsent(keyName, name -> new Ed25519PrivateKeyParameters(new SecureRandom()));
        }
    }
}
