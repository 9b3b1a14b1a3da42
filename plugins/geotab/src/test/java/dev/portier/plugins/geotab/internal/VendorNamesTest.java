package dev.portier.plugins.geotab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.EndBookCondition;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.ReservationPrivilege;
import dev.portier.plugin.api.VehiclePermission;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every typed value is spelt as the Keyless NFC document writes it. */
class VendorNamesTest {

    @Test
    void vehicle_permissions_and_commands_use_the_documents_names() {
        assertThat(Arrays.stream(VehiclePermission.values()).map(VendorNames::of))
                .containsExactly("Lock", "Unlock", "IgnitionEnable", "IgnitionInhibit", "CheckIn", "CheckOut", "Locate");
        assertThat(Arrays.stream(CommandType.values()).map(VendorNames::of))
                .containsExactly("Lock", "Unlock", "CheckIn", "CheckOut", "IgnitionEnable", "IgnitionInhibit", "Locate");
    }

    @Test
    void privileges_and_end_book_conditions_use_the_documents_names() {
        assertThat(VendorNames.of(ReservationPrivilege.RESET_AT_END_OF_BOOKING)).isEqualTo("ResetAtEndOfBooking");
        assertThat(VendorNames.of(EndBookCondition.IGNITION_OFF)).isEqualTo("IgnitionOff");
    }

    @Test
    void sets_become_sorted_lists_so_the_same_set_makes_the_same_body() {
        assertThat(VendorNames.sorted(Set.of(VehiclePermission.UNLOCK, VehiclePermission.LOCK, VehiclePermission.LOCATE),
                VendorNames::of)).containsExactly("Locate", "Lock", "Unlock");
    }
}
