-- п.19 by hand (issue 9): deficiency notices the curator or a coordinator sent the
-- controller about a unit, with a text and optionally a case. Counted in the monthly
-- summary beside the automatic ones (escalating deadlines that ran out).
CREATE TABLE deficiency_notices (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    case_id INTEGER NULL REFERENCES cases (id),
    author_id INTEGER NOT NULL REFERENCES people (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX deficiency_notices_by_time ON deficiency_notices (created_at);
