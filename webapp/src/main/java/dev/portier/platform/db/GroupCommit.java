package dev.portier.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Group commit of rows that concurrent requests each must see durable before they answer (an
 * on-demand key before it is handed to the phone): one writer thread takes every row waiting, writes
 * them with one transaction and one commit, and each caller returns once its own row is durable. The
 * guarantee is that of committing alone; the disk's flush is shared. When a batch fails, its rows are
 * written again one by one, so a row that cannot be written fails only its own caller. The thread ends
 * after a few idle seconds and starts again with the next row.
 *
 * @param <T> one caller's rows
 */
public final class GroupCommit<T> {

    private static final int MAX_BATCH = 256;
    private static final long IDLE_SECONDS = 5;
    private static final long WAIT_SECONDS = 30;

    private record Pending<T>(T rows, CompletableFuture<Void> done) {
    }

    private final String name;
    private final Consumer<List<T>> writer;
    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private boolean running;

    /**
     * @param name   the writer thread's name
     * @param writer writes the given rows in one transaction (committed when it returns) or throws, writing none
     */
    public GroupCommit(String name, Consumer<List<T>> writer) {
        this.name = name;
        this.writer = writer;
    }

    /** Returns once {@code rows} are committed; throws what writing them alone threw. */
    public void submit(T rows) {
        Pending<T> pending = new Pending<>(rows, new CompletableFuture<>());
        queue.add(pending);
        ensureRunning();
        try {
            pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Not written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Not written within " + WAIT_SECONDS + " s; it may or may not be stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while written; it may or may not be stored", e);
        }
    }

    private synchronized void ensureRunning() {
        if (!running) {
            running = true;
            Thread.ofPlatform().name(name).daemon().start(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Pending<T> first;
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
            List<Pending<T>> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
        }
    }

    private void write(List<Pending<T>> batch) {
        try {
            writer.accept(batch.stream().map(Pending::rows).toList());
            batch.forEach(pending -> pending.done().complete(null));
            return;
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
        }
        for (Pending<T> pending : batch) {
            try {
                writer.accept(List.of(pending.rows()));
                pending.done().complete(null);
            } catch (RuntimeException | Error e) {
                pending.done().completeExceptionally(e);
            }
        }
    }
}
