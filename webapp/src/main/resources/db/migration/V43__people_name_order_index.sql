-- Issue #18 (people grid with 100,000 people): the People list orders by (name, id) within an account.
-- With id in the index the order needs no sort step and the page can be read from the index alone
-- (SQLite: OFFSET 99,950 of 100,000 fell from ~90 ms to ~10 ms); it replaces the (account_id, name) index
-- it extends.
CREATE INDEX people_account_name_id ON people (account_id, name, id);
DROP INDEX people_account_name;
