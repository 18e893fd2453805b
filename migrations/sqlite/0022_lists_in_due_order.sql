-- A person's list in due order straight from an index, stopping at the page's end (issue
-- 15): per unit and state for executors and deputies, per state for the curator (only the
-- curator's states, so no plan reads a unit's cases through it). The unit one begins with the
-- columns of `cases_open_by_unit`, which it replaces; `cases_open_by_state` served the lists
-- alone.
CREATE INDEX cases_open_by_unit_due ON cases (responsible_unit, state, next_due_at, number)
    WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_state_due ON cases (state, next_due_at, number)
    WHERE closed_at IS NULL AND state IN ('registered', 'returned', 'with_curator');
DROP INDEX cases_open_by_unit;
DROP INDEX cases_open_by_state;
-- `/overdue` in due order, ties by number, without a sort.
DROP INDEX cases_open_by_due;
CREATE INDEX cases_open_by_due ON cases (next_due_at, number) WHERE closed_at IS NULL;
