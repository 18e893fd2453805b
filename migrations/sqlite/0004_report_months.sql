-- The п.10 figures of each month as its summary was made after it closed, so a later
-- summary's 12-month dynamics reads twelve rows instead of re-reading the archive. A
-- month's figures are cut at its end, so they no longer change once it is over.
CREATE TABLE report_months (
    month TEXT PRIMARY KEY,
    on_time BIGINT NOT NULL,
    late BIGINT NOT NULL,
    overdue BIGINT NOT NULL,
    computed_at BIGINT NOT NULL
);
