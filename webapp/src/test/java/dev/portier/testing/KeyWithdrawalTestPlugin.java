package dev.portier.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A test plugin whose driver "withdrawal-test" enrols locks without input, issues keys (to devices, and
 * to cards when the connection's setting {@code cards} is true), publishes plain revocation lists, and
 * records every {@code KeyIssuing.withdraw} as an event {@value #WITHDRAWN} on the lock (detail
 * {@code keyId}), so a test sees over the events API that the host withdrew a revoked key.
 */
public final class KeyWithdrawalTestPlugin {

    public static final String DRIVER_ID = "withdrawal-test";
    public static final String WITHDRAWN = "KEY_WITHDRAWN";

    private static final String FACTORY = """
            package test.withdrawal;

            import dev.portier.plugin.api.*;
            import java.nio.charset.StandardCharsets;
            import java.time.Instant;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("withdrawal-test", "Withdrawal test driver", "Test", "Keys whose withdrawal is logged");
                }
                public Class<? extends LockDriver> driverType() {
                    return Driver.class;
                }
                public List<ConfigProperty> configuration() {
                    return List.of(ConfigProperty.optional("cards", ConfigType.BOOLEAN, "Cards", "Issues keys to cards too", "false"));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new Driver(context, "true".equals(configuration.values().get("cards")));
                }

                public static final class Driver implements LockDriver, LockEnrolment, KeyIssuing, RevocationPublishing {
                    private final DriverContext context;
                    private final boolean cards;

                    Driver(DriverContext context, boolean cards) {
                        this.context = context;
                        this.cards = cards;
                    }

                    public void initialize() {
                        context.reportStatus(DriverStatus.online());
                    }

                    public void dispose() {
                    }

                    public List<ConfigProperty> enrolmentInputs() {
                        return List.of();
                    }

                    public EnrolmentResult enrol(EnrolmentRequest request) {
                        String reference = request.lock().vendorReference();
                        return new EnrolmentResult(reference == null ? request.lock().lockId() : reference, List.of());
                    }

                    public Set<HolderKind> holders() {
                        return cards ? Set.of(HolderKind.DEVICE, HolderKind.CARD) : Set.of(HolderKind.DEVICE);
                    }

                    public IssuedKey issue(KeyRequest request) {
                        String holder = switch (request.holder()) {
                            case KeyHolder.Device device -> "device:" + device.deviceId();
                            case KeyHolder.Card card -> "card:" + card.serial();
                        };
                        byte[] credential = (request.keyId() + "|" + request.lock().lockId() + "|" + holder).getBytes(StandardCharsets.UTF_8);
                        return new IssuedKey(request.keyId(), "test-plain", credential, request.notBefore(), request.notAfter());
                    }

                    public void withdraw(KeyWithdrawal withdrawal) {
                        context.events().record(new LockEvent(withdrawal.lock().lockId(), null, context.clock().instant(),
                                "KEY_WITHDRAWN", Map.of("keyId", withdrawal.keyId())));
                    }

                    public SignedRevocationList publish(LockRef lock, long version, Instant minIssuedAt, List<RevokedKey> revoked) {
                        StringBuilder text = new StringBuilder(lock.lockId() + "|" + version);
                        revoked.forEach(key -> text.append('|').append(key.keyId()));
                        return new SignedRevocationList(version, text.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            """;

    private KeyWithdrawalTestPlugin() {
    }

    /** Writes the plugin jar into {@code dataDir}/plugins. */
    public static void install(Path dataDir) throws IOException {
        PluginJars.plugin("withdrawal-test-plugin").extension("test.withdrawal.Factory", FACTORY).writeTo(dataDir.resolve("plugins"));
    }
}
