-- Issue #18 (access decision): a decision looks up a subject's grants on one lock or its site. With the
-- account, lock and site beside the subject in the index (two equal columns, so SQLite prefers it to any
-- index on the account alone, e.g. grants_account_keyset of issue #17), the grants of the subject on other locks are passed
-- over in the index instead of being read from the table one by one.
CREATE INDEX grants_person_place ON grants (person_id, account_id, lock_id, site_id);
CREATE INDEX grants_card_place ON grants (card_id, account_id, lock_id, site_id);
DROP INDEX grants_person;
DROP INDEX grants_card;
