package dev.portier.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portier.plugin.api.EventPulling.PulledEvents;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.StatusDetail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EVENT_PULLING over real HTTP: one numbered log for all doors, read after a cursor, page by page. */
class DoorLogPullingTest {

    @Test
    void the_first_pull_reads_the_log_of_the_connections_doors_and_the_next_starts_after_it() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.logByHand("front door", "UNLOCKED");
            controller.simulator.logByHand("garage", "UNLOCKED");
            controller.simulator.logByHand("back", "DOOR_FORCED");

            PulledEvents first = controller.driver.pull(null);
            assertThat(first.events()).extracting(LockEvent::lockId, LockEvent::entryNumber, LockEvent::type)
                    .containsExactly(tuple("lock-front", 1L, "UNLOCKED"),
                            tuple("lock-back", 3L, "DOOR_FORCED"));
            assertThat(first.events().getFirst().details()).containsEntry("door", "front door");
            assertThat(first.more()).isFalse();

            controller.simulator.logByHand("front door", "LOCKED");
            PulledEvents second = controller.driver.pull(first.nextCursor());
            assertThat(second.events()).extracting(LockEvent::entryNumber).containsExactly(4L);
            assertThat(controller.driver.pull(second.nextCursor()).events()).isEmpty();
        }
    }

    @Test
    void a_full_page_asks_for_more_until_the_log_is_read() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            for (int entry = 0; entry < 250; entry++) {
                controller.simulator.logByHand("front door", entry % 2 == 0 ? "UNLOCKED" : "LOCKED");
            }
            List<LockEvent> read = new ArrayList<>();
            List<Boolean> more = new ArrayList<>();
            String cursor = null;
            do {
                PulledEvents page = controller.driver.pull(cursor);
                read.addAll(page.events());
                more.add(page.more());
                cursor = page.nextCursor();
            } while (more.getLast());

            assertThat(more).containsExactly(true, true, false);
            assertThat(read).extracting(LockEvent::entryNumber).doesNotHaveDuplicates().hasSize(250);
        }
    }

    @Test
    void entries_in_any_order_move_the_cursor_past_all_of_them() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.deliverOutOfOrder(true);
            for (int entry = 0; entry < 5; entry++) {
                controller.simulator.logByHand("back", "UNLOCKED");
            }
            PulledEvents page = controller.driver.pull(null);

            assertThat(page.events()).extracting(LockEvent::entryNumber).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
            assertThat(controller.driver.pull(page.nextCursor()).events()).isEmpty();
        }
    }

    @Test
    void a_late_entry_behind_a_gap_is_still_delivered() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.logByHand("front door", "UNLOCKED");
            long late = controller.simulator.logByHand("front door", "LOCKED");
            controller.simulator.logByHand("front door", "UNLOCKED");
            controller.simulator.withhold(late);

            PulledEvents beforeGapCloses = controller.driver.pull(null);
            assertThat(beforeGapCloses.events()).extracting(LockEvent::entryNumber).containsExactly(1L, 3L);
            assertThat(beforeGapCloses.more()).as("the same page again would not help").isFalse();

            controller.simulator.release(late);
            PulledEvents afterwards = controller.driver.pull(beforeGapCloses.nextCursor());
            assertThat(afterwards.events()).extracting(LockEvent::entryNumber).contains(2L);
            assertThat(controller.driver.pull(afterwards.nextCursor()).events()).isEmpty();
        }
    }

    @Test
    void a_gap_that_never_closes_is_given_up_after_a_few_pulls() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.logByHand("front door", "UNLOCKED");
            controller.simulator.withhold(controller.simulator.logByHand("front door", "LOCKED"));
            controller.simulator.logByHand("front door", "UNLOCKED");

            String cursor = null;
            int pulls = 0;
            PulledEvents page;
            do {
                page = controller.driver.pull(cursor);
                cursor = page.nextCursor();
                pulls++;
            } while (!page.events().isEmpty() && pulls < 10);

            assertThat(pulls).as("pulls until the lost entry is given up").isEqualTo(6);
        }
    }

    @Test
    void a_failing_controller_throws_so_the_host_backs_off_and_retries_the_same_cursor() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.logByHand("front door", "UNLOCKED");
            controller.simulator.failNext("/log", 1);

            assertThatThrownBy(() -> controller.driver.pull(null)).hasMessageContaining("503");
            assertThat(controller.context.lastStatus()).get().extracting(status -> status.detail())
                    .isEqualTo(StatusDetail.COMMUNICATION_ERROR);
            assertThat(controller.driver.pull(null).events()).hasSize(1);
        }
    }

    @Test
    void the_host_pulls_at_the_poll_interval() {
        try (ControllerFixture controller = ControllerFixture.start(Map.of("pollInterval", "30"))) {
            assertThat(controller.driver.pullInterval()).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
