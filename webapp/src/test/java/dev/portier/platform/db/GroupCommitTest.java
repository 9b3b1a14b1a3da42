package dev.portier.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent callers share commits, each returns only after its own rows were written, and a bad row fails only its caller. */
class GroupCommitTest {

    @Test
    void concurrentCallersShareBatchesAndEachReturnsAfterItsRowsAreWritten() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer> commits = new GroupCommit<>("test-writer", rows -> {
            if (batches.isEmpty()) {
                firstBatchHeld.countDown();
                await(release); // while the first commit "waits for the disk", the others queue up
            }
            batches.add(rows);
            written.addAll(rows);
        });
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = callers.submit(() -> {
                commits.submit(0);
                assertThat(written).contains(0);
            });
            firstBatchHeld.await();
            List<Future<?>> rest = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int row = i;
                rest.add(callers.submit(() -> {
                    commits.submit(row);
                    assertThat(written).contains(row);
                }));
            }
            Thread.sleep(200);
            assertThat(written).isEmpty();
            release.countDown();
            first.get();
            for (Future<?> f : rest) {
                f.get();
            }
        }
        assertThat(written).hasSize(21).doesNotHaveDuplicates();
        assertThat(batches.size()).isLessThan(21);
    }

    @Test
    void aRowThatCannotBeWrittenFailsOnlyItsOwnCaller() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String> commits = new GroupCommit<>("test-writer", rows -> {
            if (rows.contains("bad")) {
                throw new IllegalArgumentException("bad row");
            }
            written.addAll(rows);
        });
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> good = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String row = "good-" + i;
                good.add(callers.submit(() -> commits.submit(row)));
            }
            Future<?> bad = callers.submit(() -> commits.submit("bad"));
            for (Future<?> f : good) {
                f.get();
            }
            assertThatThrownBy(bad::get).hasRootCauseInstanceOf(IllegalArgumentException.class);
        }
        assertThat(written).hasSize(10).doesNotContain("bad");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
