-- Issue #20 (holiday calendars). An account's calendars of public holidays, their dates (one-off, or
-- yearly on a month and day), and which calendar a site observes. A grant chooses in its schedule text
-- how holidays apply ("holidays closed", "holidays 09:00-13:00"); the dates are looked up in the site's
-- zone by the access decision.
CREATE TABLE holiday_calendars (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name        VARCHAR(100) NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX holiday_calendars_account_name ON holiday_calendars (account_id, name);

-- on_date is an ISO date (2026-05-17) for a one-off holiday; month and day are set instead for a yearly one.
CREATE TABLE holidays (
    id           VARCHAR(36) PRIMARY KEY,
    account_id   VARCHAR(36) NOT NULL REFERENCES accounts (id),
    calendar_id  VARCHAR(36) NOT NULL REFERENCES holiday_calendars (id),
    name         VARCHAR(100) NOT NULL,
    on_date      VARCHAR(10),
    month        INTEGER,
    day          INTEGER,
    created_at   BIGINT NOT NULL
);
CREATE INDEX holidays_calendar ON holidays (calendar_id);

-- A site observes at most one calendar; the row goes with the site.
CREATE TABLE site_holiday_calendars (
    site_id      VARCHAR(36) PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    account_id   VARCHAR(36) NOT NULL REFERENCES accounts (id),
    calendar_id  VARCHAR(36) NOT NULL REFERENCES holiday_calendars (id)
);
CREATE INDEX site_holiday_calendars_calendar ON site_holiday_calendars (calendar_id);
