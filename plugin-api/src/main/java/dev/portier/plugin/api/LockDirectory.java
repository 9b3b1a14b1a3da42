package dev.portier.plugin.api;

import java.util.List;
import java.util.Optional;

/** The locks that belong to the driver's connection. Blocks briefly on the database. */
public interface LockDirectory {

    List<LockRef> all();

    Optional<LockRef> byVendorReference(String vendorReference);

    Optional<LockRef> byId(String lockId);
}
