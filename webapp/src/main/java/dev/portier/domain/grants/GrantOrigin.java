package dev.portier.domain.grants;

/**
 * Where a member grant comes from: its group grant's name and the people group and/or lock group it
 * names (null when the group grant names a person, card, lock or site directly).
 */
public record GrantOrigin(String groupGrantId, String grantName, String peopleGroupName, String lockGroupName) {

    /** "grant 'Cleaning weekdays' via group Cleaning staff on lock group Common doors". */
    public String describe() {
        StringBuilder text = new StringBuilder("grant '").append(grantName).append('\'');
        if (peopleGroupName != null) {
            text.append(" via group ").append(peopleGroupName);
        }
        if (lockGroupName != null) {
            text.append(peopleGroupName != null ? " on" : " via").append(" lock group ").append(lockGroupName);
        }
        return text.toString();
    }
}
