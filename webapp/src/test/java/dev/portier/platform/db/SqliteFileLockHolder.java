package dev.portier.platform.db;

import java.nio.file.Path;

/** A second process for {@link SqliteFileLockTest}: holds the database's lock until its stdin closes or it is killed. */
public final class SqliteFileLockHolder {

    private SqliteFileLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (SqliteFileLock lock = SqliteFileLock.acquire(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our stdin
            }
        }
    }
}
