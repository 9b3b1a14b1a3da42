package dev.portier.platform.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The master key kept in {@code <data dir>/master.key} when {@code PORTIER_MASTER_KEY} is not set:
 * base64 text of 32 random bytes, created on first start readable by its owner only. A file that
 * group or others can read is refused rather than silently tightened, because the key may already
 * have been copied: the operator has to decide.
 */
final class MasterKeyFile {

    static final String FILE_NAME = "master.key";

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;
    private final SecureRandom random;

    MasterKeyFile(Path dataDir, SecureRandom random) {
        this.file = dataDir.resolve(FILE_NAME);
        this.random = random;
    }

    Path path() {
        return file;
    }

    /** Reads the key, or creates it when the file does not exist yet. */
    byte[] readOrCreate() throws IOException {
        if (!Files.exists(file)) {
            try {
                return create();
            } catch (FileAlreadyExistsException raced) {
                // Another process created it between the check and the write: read theirs.
            }
        }
        return read();
    }

    private byte[] create() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[MasterKey.LENGTH];
        random.nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (supportsPosix()) {
            // The permissions are set at creation, so the key is never readable by others, not even briefly.
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"));
            Files.createFile(file, ownerOnly);
            Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        } else {
            Files.write(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        }
        return key;
    }

    private byte[] read() throws IOException {
        if (supportsPosix()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new IOException("The master key file " + file.toAbsolutePath() + " is accessible by group or others ("
                        + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + file.toAbsolutePath());
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("The master key file " + file.toAbsolutePath() + " does not hold base64 text");
        }
        if (key.length != MasterKey.LENGTH) {
            throw new IOException("The master key file " + file.toAbsolutePath() + " must hold " + MasterKey.LENGTH
                    + " bytes (base64), but holds " + key.length);
        }
        return key;
    }

    private boolean supportsPosix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
