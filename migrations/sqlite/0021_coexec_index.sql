-- Co-executors' unit rows, for an executor's list (issue 15): without it the list read every
-- unit row of the unit, closed cases included.
CREATE INDEX case_units_coexec ON case_units (unit_id, status) WHERE responsible = FALSE;
