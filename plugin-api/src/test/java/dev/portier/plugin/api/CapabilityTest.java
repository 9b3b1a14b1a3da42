package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapabilityTest {

    interface Bare extends LockDriver {
    }

    abstract static class Commanding implements LockDriver, RemoteCommands, PluginHttpEndpoints {
    }

    /** Capabilities are inherited like the interfaces they are. */
    abstract static class CommandingAndPulling extends Commanding implements EventPulling {
    }

    @Test
    void a_driver_without_capability_interfaces_has_none() {
        assertThat(Capability.of(Bare.class)).isEmpty();
    }

    @Test
    void capabilities_are_the_interfaces_the_driver_type_implements_including_inherited_ones() {
        assertThat(Capability.of(Commanding.class)).containsExactly(Capability.REMOTE_COMMANDS, Capability.HTTP_ENDPOINTS);
        assertThat(Capability.of(CommandingAndPulling.class))
                .containsExactly(Capability.EVENT_PULLING, Capability.REMOTE_COMMANDS, Capability.HTTP_ENDPOINTS);
    }

    @Test
    void every_capability_interface_is_found_on_itself() {
        for (Capability capability : Capability.values()) {
            assertThat(Capability.of(capability.type())).containsExactly(capability);
        }
    }

    @Test
    void the_answer_cannot_be_changed() {
        assertThatThrownBy(() -> Capability.of(Commanding.class).add(Capability.SANDBOX))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
