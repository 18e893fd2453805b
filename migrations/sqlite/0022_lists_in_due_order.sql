-- A person's list in due order straight from an index, stopping at the page's end (issue
-- 15): per unit and state for executors and deputies, per state for the curator. They
-- begin with the columns of the two they replace, which serve every other query those did.
CREATE INDEX cases_open_by_unit_due ON cases (responsible_unit, state, next_due_at, number)
    WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_state_due ON cases (state, next_due_at, number)
    WHERE closed_at IS NULL;
DROP INDEX cases_open_by_unit;
DROP INDEX cases_open_by_state;
-- `/overdue` in due order, ties by number, without a sort.
DROP INDEX cases_open_by_due;
CREATE INDEX cases_open_by_due ON cases (next_due_at, number) WHERE closed_at IS NULL;
