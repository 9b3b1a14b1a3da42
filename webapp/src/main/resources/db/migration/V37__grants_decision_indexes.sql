-- Issue #18 (access decision): a decision looks up a subject's grants on one lock or its site. With the
-- lock and site beside the subject in the index, the grants of the subject on other locks are passed
-- over in the index instead of being read from the table one by one.
CREATE INDEX grants_person_place ON grants (person_id, lock_id, site_id);
CREATE INDEX grants_card_place ON grants (card_id, lock_id, site_id);
DROP INDEX grants_person;
DROP INDEX grants_card;
