package dev.portier.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.Subject;
import dev.portier.domain.DomainModule;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.users.SetupService;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.DatabaseModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.web.server.CoreModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The one access decision with groups (issue #20): {@link BenchData}'s 100,000 grants, 10,000 people and 1,000 locks,
 * plus 1,000 groups — 800 people groups of 10 people and 200 lock groups of 10 locks, 10,000 memberships — and one
 * group grant per people group (half on a lock group, half on a whole site), materialised through the real
 * {@link GroupService} and {@link GroupGrantService} as about 44,000 member grants. Beside it, as in
 * {@link AccessDecisionBenchmark}, a raw primary-key lookup of a grant through the same pool and Jdbi.
 *
 * <p>Decisions cycle through 4,096 (person, lock) pairs: half a group member on a lock of their group's grant
 * (allowed or refused by the group grant's schedule), a quarter from direct grants, a quarter at random.
 * Holidays (issue #20 item 2) are added to this benchmark by the holidays work; without them it measures groups only.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dguice_bytecode_gen_option=DISABLED", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class GroupAccessDecisionBenchmark {

    static final int PEOPLE_GROUPS = 800;
    static final int LOCK_GROUPS = 200;
    static final int MEMBERS = 10;
    private static final int PAIRS = 4096;
    private static final Instant AT = Instant.parse("2026-11-25T09:30:00Z");
    private static final String[] SCHEDULES = {null, "MO-FR 07:00-18:00", "MO-FR 06:00-09:00", "SA,SU 10:00-14:00"};

    private Path dir;
    private Lifecycle lifecycle;
    private AccessDecisions decisions;
    private Jdbi jdbi;
    private String accountId;
    private final String[] people = new String[PAIRS];
    private final String[] locks = new String[PAIRS];
    private final String[] grants = new String[PAIRS];
    private int next;

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("portier-bench");
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new CoreModule(PortierConfig.forDataDir(dir), Clock.systemUTC()), new DatabaseModule(), new DomainModule());
        lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        SignedInUser owner = injector.getInstance(SetupService.class).setUp(new SetupService.FirstOwner("Bench", "Europe/Oslo",
                "Bench Owner", "bench@example.com", "bench password 1"));
        accountId = owner.accountId();
        jdbi = injector.getInstance(Database.class).jdbi();
        decisions = injector.getInstance(AccessDecisions.class);

        long started = System.nanoTime();
        Random random = new Random(42);
        BenchData data = BenchData.build(jdbi, accountId, AT, random);
        GroupService groups = injector.getInstance(GroupService.class);
        GroupGrantService groupGrants = injector.getInstance(GroupGrantService.class);
        List<List<String>> lockGroupLocks = new ArrayList<>();
        List<String> lockGroupIds = new ArrayList<>();
        for (int g = 0; g < LOCK_GROUPS; g++) {
            String id = groups.create(owner, GroupKind.LOCKS, "Zone " + g).id();
            List<String> members = new ArrayList<>();
            while (members.size() < MEMBERS) {
                String lock = data.lockIds.get(random.nextInt(data.lockIds.size()));
                if (!members.contains(lock)) {
                    members.add(lock);
                }
            }
            groups.addMembers(owner, GroupKind.LOCKS, id, members);
            lockGroupIds.add(id);
            lockGroupLocks.add(members);
        }
        List<String[]> groupPairs = new ArrayList<>();
        for (int g = 0; g < PEOPLE_GROUPS; g++) {
            String id = groups.create(owner, GroupKind.PEOPLE, "Team " + g).id();
            List<String> members = new ArrayList<>();
            while (members.size() < MEMBERS) {
                String person = data.personIds.get(random.nextInt(data.personIds.size()));
                if (!members.contains(person)) {
                    members.add(person);
                }
            }
            groups.addMembers(owner, GroupKind.PEOPLE, id, members);
            String schedule = SCHEDULES[g % SCHEDULES.length];
            if (g % 2 == 0) {
                int zone = g / 2 % LOCK_GROUPS;
                groupGrants.create(owner, new GroupGrantDraft("Team " + g + " zone", null, null, id, null, null, lockGroupIds.get(zone),
                        null, null, schedule, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
                for (String person : members) {
                    groupPairs.add(new String[] {person, lockGroupLocks.get(zone).get(random.nextInt(MEMBERS))});
                }
            } else {
                int site = random.nextInt(data.siteIds.size());
                groupGrants.create(owner, new GroupGrantDraft("Team " + g + " site", null, null, id, null, data.siteIds.get(site), null,
                        null, null, schedule, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
                for (int l = 0; l < data.lockIds.size(); l++) {
                    if (data.lockSiteIds.get(l).equals(data.siteIds.get(site))) {
                        groupPairs.add(new String[] {members.get(random.nextInt(MEMBERS)), data.lockIds.get(l)});
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < PAIRS; i++) {
            String[] pair;
            if (i % 2 == 0) {
                pair = groupPairs.get(random.nextInt(groupPairs.size()));
            } else if (i % 4 == 1) {
                pair = data.grantedPairs.get(random.nextInt(data.grantedPairs.size()));
            } else {
                pair = new String[] {data.personIds.get(random.nextInt(data.personIds.size())),
                        data.lockIds.get(random.nextInt(data.lockIds.size()))};
            }
            people[i] = pair[0];
            locks[i] = pair[1];
            grants[i] = data.grantIds.get(random.nextInt(data.grantIds.size()));
        }
        long allowed = Stream.iterate(0, i -> i + 1).limit(PAIRS)
                .filter(i -> decisions.decide(accountId, new Subject.Person(people[i]), locks[i], Permission.UNLOCK, AT).allowed())
                .count();
        long viaGroups = Stream.iterate(0, i -> i + 1).limit(PAIRS)
                .filter(i -> decisions.decide(accountId, new Subject.Person(people[i]), locks[i], Permission.UNLOCK, AT).allowingGrant()
                        .map(g -> g.groupGrantId() != null).orElse(false))
                .count();
        Map<String, Object> counts = jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM grants) AS grants, "
                + "(SELECT COUNT(*) FROM grants WHERE group_grant_id IS NOT NULL) AS members, "
                + "(SELECT COUNT(*) FROM people_group_members) + (SELECT COUNT(*) FROM lock_group_members) AS memberships")
                .mapToMap().one());
        System.out.printf("%nBench data: %s grants (%s member grants), %d groups, %s memberships, built in %d ms; "
                        + "%d of %d pairs allowed, %d by a group grant%n", counts.get("grants"), counts.get("members"),
                PEOPLE_GROUPS + LOCK_GROUPS, counts.get("memberships"), (System.nanoTime() - started) / 1_000_000, allowed, PAIRS,
                viaGroups);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        lifecycle.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision decideThroughput() {
        return decide();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Decision decideLatency() {
        return decide();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Map<String, Object> primaryKeyLookupThroughput() {
        return primaryKeyLookup();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Map<String, Object> primaryKeyLookupLatency() {
        return primaryKeyLookup();
    }

    /** Runs this benchmark alone and appends its row ({@link BenchRowFile}); {@code bench/suite.tsv} lists it. */
    public static void main(String[] args) throws Exception {
        java.util.Collection<org.openjdk.jmh.results.RunResult> results = new org.openjdk.jmh.runner.Runner(
                new org.openjdk.jmh.runner.options.OptionsBuilder().include(GroupAccessDecisionBenchmark.class.getName() + "\\.").build())
                .run();
        double decide = AccessDecisionBenchmark.score(results, "decideThroughput");
        double lookup = AccessDecisionBenchmark.score(results, "primaryKeyLookupThroughput");
        var latency = AccessDecisionBenchmark.statistics(results, "decideLatency");
        var lookupLatency = AccessDecisionBenchmark.statistics(results, "primaryKeyLookupLatency");
        double ratio = decide / lookup;
        double p99 = latency.getPercentile(99);
        BenchRowFile.append("access decision with groups, 100k grants + 1k groups, 10k memberships",
                BenchRowFile.rate(decide, "decisions/s"),
                "primary-key lookup " + BenchRowFile.rate(lookup, "lookups/s") + " (p50 " + BenchRowFile.micros(lookupLatency.getPercentile(50))
                        + ", p99 " + BenchRowFile.micros(lookupLatency.getPercentile(99)) + ")",
                ratio, BenchRowFile.micros(latency.getPercentile(50)), BenchRowFile.micros(p99),
                "≥ 0.5× primary-key lookup; p99 ≤ 200 µs", ratio >= 0.5 && p99 <= 200);
    }

    private Decision decide() {
        int i = next++ & (PAIRS - 1);
        return decisions.decide(accountId, new Subject.Person(people[i]), locks[i], Permission.UNLOCK, AT);
    }

    private Map<String, Object> primaryKeyLookup() {
        String id = grants[next++ & (PAIRS - 1)];
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM grants WHERE id = :id").bind("id", id).mapToMap().one());
    }
}
