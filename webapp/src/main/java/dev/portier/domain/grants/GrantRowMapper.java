package dev.portier.domain.grants;

import static dev.portier.platform.db.EpochColumns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a grant row joined with its subject's and target's names (see {@link GrantService#SELECT}). */
final class GrantRowMapper implements RowMapper<Grant> {

    @Override
    public Grant map(ResultSet rs, StatementContext ctx) throws SQLException {
        String schedule = rs.getString("schedule");
        return new Grant(rs.getString("id"), rs.getString("account_id"), rs.getString("person_id"), rs.getString("person_name"),
                rs.getString("card_id"), rs.getString("card_serial"), rs.getString("lock_id"), rs.getString("lock_name"),
                rs.getString("site_id"), rs.getString("site_name"), instant(rs, "valid_from"), instant(rs, "valid_until"),
                schedule == null ? null : WeeklySchedule.parse(schedule), permissions(rs.getString("permissions")),
                Delivery.valueOf(rs.getString("delivery")), rs.getInt("on_demand_minutes"), GrantState.valueOf(rs.getString("state")),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                rs.getString("revoke_reason"), rs.getString("group_grant_id"));
    }

    static Set<Permission> permissions(String stored) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).map(Permission::valueOf).forEach(set::add);
        return set;
    }

    static String store(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

}
