package dev.portier.drivers.connections;

import dev.portier.platform.db.Database;
import dev.portier.plugin.api.LockDirectory;
import dev.portier.plugin.api.LockRef;
import java.util.List;
import java.util.Optional;

/** The locks of one connection (locks whose {@code connection_id} is it), read fresh on every call. */
final class ConnectionLocks implements LockDirectory {

    private static final String SELECT = "SELECT l.id, l.vendor_reference, l.name, s.time_zone FROM locks l "
            + "JOIN sites s ON s.id = l.site_id WHERE l.connection_id = :connectionId AND l.account_id = :accountId ";

    private final String accountId;
    private final String connectionId;
    private final Database database;

    ConnectionLocks(String accountId, String connectionId, Database database) {
        this.accountId = accountId;
        this.connectionId = connectionId;
        this.database = database;
    }

    @Override
    public List<LockRef> all() {
        return query("ORDER BY l.name, l.id", null, null);
    }

    @Override
    public Optional<LockRef> byVendorReference(String vendorReference) {
        return query("AND l.vendor_reference = :value", "value", vendorReference).stream().findFirst();
    }

    @Override
    public Optional<LockRef> byId(String lockId) {
        return query("AND l.id = :value", "value", lockId).stream().findFirst();
    }

    private List<LockRef> query(String rest, String name, String value) {
        return database.jdbi().withHandle(h -> {
            var query = h.createQuery(SELECT + rest).bind("connectionId", connectionId).bind("accountId", accountId);
            if (name != null) {
                query.bind(name, value);
            }
            return query.map((rs, ctx) -> new LockRef(rs.getString("id"), rs.getString("vendor_reference"),
                    rs.getString("name"), rs.getString("time_zone"))).list();
        });
    }
}
