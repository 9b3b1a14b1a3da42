package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.tapkey.TapkeyFixture.Started;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bound locks as Portier locks, keyed on the physical lock id across unbinding and rebinding. */
class LockDiscoveryTest {

    private final TapkeyFixture tapkey = new TapkeyFixture();
    private final Started started = tapkey.start();

    @AfterEach
    void stop() {
        started.close();
        tapkey.close();
    }

    @Test
    void bound_locks_are_discovered_with_their_facts_in_order() {
        assertThat(started.driver().discover()).extracting(DiscoveredLock::vendorReference)
                .containsExactly("BAASNL/7", "AwAArBI=");
        DiscoveredLock door = started.driver().discover().getFirst();
        assertThat(door.name()).isEqualTo("Front door");
        assertThat(door.displayReference()).isEqualTo("12-34-BF-FB");
        assertThat(door.model()).isEqualTo("TK.Td30");
        assertThat(door.facts().keySet()).containsExactly("Physical lock id", "Lock type", "Time restrictions", "Revocation list",
                "Tapkey bound lock id");
        assertThat(door.facts()).containsEntry("Time restrictions", "Supported").containsEntry("Revocation list",
                "issued 0, the lock has seen 0");
    }

    @Test
    void an_unbound_lock_disappears_and_a_rebound_one_keeps_its_reference_under_a_new_bound_lock_id() {
        tapkey.simulator.world().unbindLock(TapkeyFixture.DOOR);
        assertThat(started.driver().discover()).extracting(DiscoveredLock::vendorReference).containsExactly("AwAArBI=");

        String rebound = tapkey.simulator.world().bindLock(TapkeyFixture.OWNER, "Front door", TapkeyFixture.DOOR, "TK.Td30", true);
        assertThat(rebound).isNotEqualTo(tapkey.doorId);
        assertThat(started.driver().discover()).extracting(DiscoveredLock::vendorReference).contains("BAASNL/7");
        SyncedGrant synced = started.driver().push(new GrantSnapshot("grant-1", TapkeyFixture.DOOR_LOCK,
                new Grantee.Person("p", "Ada", "ada@example.com", null), TestDriverContext.START, null, null, Set.of(Permission.UNLOCK), null));
        assertThat(tapkey.simulator.world().grant(synced.vendorReference()).orElseThrow().boundLockId()).isEqualTo(rebound);
    }
}
