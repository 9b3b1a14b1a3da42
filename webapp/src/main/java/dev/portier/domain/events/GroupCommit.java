package dev.portier.domain.events;

import dev.portier.plugin.api.LockEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for single events. Vendor callbacks record one event per request (Unloc asks
 * check-access hundreds of times a second), and each commit waits for the disk; SQLite also lets one
 * writer in at a time, and a waiting writer sleeps in steps of up to 100 ms. So one writer thread takes
 * every event waiting, writes them in one transaction and commits once; each caller returns when its
 * own event is durable — the guarantee is unchanged, the fsync is shared. The thread ends after a few
 * idle seconds and starts again with the next event.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 500;
    private static final long IDLE_SECONDS = 5;
    private static final long WAIT_SECONDS = 30;

    /** Writes a batch in one transaction; answers each event's outcome, in order. */
    interface Writer {
        List<Outcome> write(List<Pending> batch);
    }

    /** One event's outcome: its result, or why it alone was refused (e.g. a lock of another account). */
    record Outcome(RecordResult result, RuntimeException refusal) {
        static Outcome of(RecordResult result) {
            return new Outcome(result, null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal);
        }
    }

    record Pending(String accountId, String connectionId, String source, LockEvent event,
            CompletableFuture<RecordResult> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Writer writer;
    private boolean running;

    GroupCommit(Writer writer) {
        this.writer = writer;
    }

    RecordResult submit(String accountId, String connectionId, String source, LockEvent event) {
        Pending pending = new Pending(accountId, connectionId, source, event, new CompletableFuture<>());
        queue.add(pending);
        ensureRunning();
        try {
            return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("The event was not written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The event log did not write within " + WAIT_SECONDS + " s; the event may not be stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the event was written; it may not be stored", e);
        }
    }

    private synchronized void ensureRunning() {
        if (!running) {
            running = true;
            Thread.ofPlatform().name("event-log-writer").daemon().start(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Pending first;
            try {
                first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                synchronized (this) {
                    if (queue.isEmpty()) {
                        running = false;
                        return;
                    }
                }
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Outcome> outcomes = writer.write(batch);
            for (int i = 0; i < batch.size(); i++) {
                Outcome outcome = outcomes.get(i);
                if (outcome.refusal() == null) {
                    batch.get(i).done().complete(outcome.result());
                } else {
                    batch.get(i).done().completeExceptionally(outcome.refusal());
                }
            }
        } catch (RuntimeException | Error e) {
            log.warn("Writing {} event(s) failed; none of them is stored", batch.size(), e);
            batch.forEach(pending -> pending.done().completeExceptionally(e));
        }
    }
}
