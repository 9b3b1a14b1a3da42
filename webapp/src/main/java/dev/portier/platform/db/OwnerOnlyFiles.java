package dev.portier.platform.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Database files readable and writable by Portier's user alone (0600): they hold every account's
 * data and sealed secrets. SQLite gives its {@code -wal}, {@code -shm} and {@code -journal} files the
 * mode of the database file, so creating that one owner-only first is enough for new installs; files
 * left more open by an earlier version are tightened at start. Backups use {@link #create(Path)}.
 * On file systems without POSIX permissions (Windows) nothing is changed.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final List<String> SQLITE_COMPANIONS = List.of("", "-wal", "-shm", "-journal");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code file} empty and owner-only, or tightens it when it exists. */
    public static void create(Path file) throws IOException {
        if (!posix(file)) {
            Files.createFile(file);
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            tighten(file);
            return;
        }
        // The umask may have taken bits away, never added any; set exactly rw------- anyway.
        Files.setPosixFilePermissions(file, OWNER_ONLY);
    }

    /** The SQLite database {@code file}: created owner-only when missing; it and its companions tightened when present. */
    static void prepareSqlite(Path file) throws IOException {
        if (Files.notExists(file)) {
            create(file);
        }
        for (String suffix : SQLITE_COMPANIONS) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion)) {
                tighten(companion);
            }
        }
    }

    private static void tighten(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
