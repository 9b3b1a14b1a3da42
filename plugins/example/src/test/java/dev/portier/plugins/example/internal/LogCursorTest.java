package dev.portier.plugins.example.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LogCursorTest {

    @Test
    void the_first_cursor_and_unreadable_ones_start_at_the_beginning() {
        assertThat(LogCursor.parse(null).after()).isZero();
        assertThat(LogCursor.parse("no cursor of ours").after()).isZero();
        assertThat(LogCursor.parse("17~2")).isEqualTo(new LogCursor(17, 2));
        assertThat(new LogCursor(17, 2).format()).isEqualTo("17~2");
        assertThat(new LogCursor(17, 0).format()).isEqualTo("17");
    }

    @Test
    void a_contiguous_page_moves_to_its_last_entry_and_a_full_one_asks_for_more() {
        LogCursor.Step step = new LogCursor(3, 0).next(numbers(6, 4, 5), true);
        assertThat(step.cursor()).isEqualTo(new LogCursor(6, 0));
        assertThat(step.more()).isTrue();
        assertThat(new LogCursor(6, 0).next(numbers(), false).cursor()).isEqualTo(new LogCursor(6, 0));
    }

    @Test
    void a_gap_holds_the_cursor_below_it_without_asking_for_more_then_is_given_up() {
        LogCursor cursor = new LogCursor(0, 0);
        for (int pull = 1; pull < LogCursor.GAP_PATIENCE; pull++) {
            LogCursor.Step step = cursor.next(numbers(1, 3), true);
            assertThat(step.cursor()).isEqualTo(new LogCursor(1, pull));
            assertThat(step.more()).isFalse();
            cursor = step.cursor();
        }
        assertThat(cursor.next(numbers(3), false).cursor()).isEqualTo(new LogCursor(3, 0));
    }

    @Test
    void progress_past_one_gap_restarts_the_patience_for_the_next() {
        assertThat(new LogCursor(1, 3).next(numbers(2, 3, 5), false).cursor()).isEqualTo(new LogCursor(3, 1));
    }

    private static TreeSet<Long> numbers(long... numbers) {
        TreeSet<Long> set = new TreeSet<>();
        for (long number : numbers) {
            set.add(number);
        }
        return set;
    }
}
