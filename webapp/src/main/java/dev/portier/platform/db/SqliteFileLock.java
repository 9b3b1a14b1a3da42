package dev.portier.platform.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One Portier process per SQLite database. Two processes on one data directory would each run the
 * schedulers, drivers and vendor subscriptions, and SQLite cannot tell them apart; so the first holds
 * an exclusive lock on {@code <database>.lock} (with its process id inside) while it runs, and a
 * second refuses to start, saying which process holds it. The operating system releases the lock when
 * the holder exits, however it exits (kill -9 too), so a stale lock file never blocks a start.
 */
final class SqliteFileLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private SqliteFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws DatabaseInUseException another process (or another server in this one) runs on {@code database} */
    static SqliteFileLock acquire(Path database) throws IOException {
        Path path = lockFile(database);
        FileChannel channel = open(path);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new DatabaseInUseException(database, holder(path));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new SqliteFileLock(channel, lock);
    }

    static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    private static FileChannel open(Path path) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(path, options);
        }
    }

    private static String holder(Path path) {
        try {
            String pid = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,10}") ? pid : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another Portier runs on this SQLite database; this one must not start. */
    static final class DatabaseInUseException extends IllegalStateException {
        DatabaseInUseException(Path database, String pid) {
            super("Another Portier " + (pid == null ? "process" : "(process " + pid + ")") + " is already running on the SQLite "
                    + "database " + database.toAbsolutePath() + " (it holds " + lockFile(database).getFileName() + "). "
                    + "Stop it first: on SQLite one Portier runs per data directory; several instances need PostgreSQL "
                    + "(PORTIER_DB_URL=jdbc:postgresql://…).");
        }
    }
}
