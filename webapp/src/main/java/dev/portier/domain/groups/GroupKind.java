package dev.portier.domain.groups;

/** People groups ("Cleaning staff") have people as members; lock groups ("Common doors", zones) have locks. */
public enum GroupKind {
    PEOPLE("people_groups", "people_group_members", "person_id", "People group", "person"),
    LOCKS("lock_groups", "lock_group_members", "lock_id", "Lock group", "lock");

    final String table;
    final String members;
    final String memberColumn;
    private final String label;
    private final String memberLabel;

    GroupKind(String table, String members, String memberColumn, String label, String memberLabel) {
        this.table = table;
        this.members = members;
        this.memberColumn = memberColumn;
        this.label = label;
        this.memberLabel = memberLabel;
    }

    /** "People group" or "Lock group". */
    public String label() {
        return label;
    }

    /** "person" or "lock". */
    public String memberLabel() {
        return memberLabel;
    }
}
