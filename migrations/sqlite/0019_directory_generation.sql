-- The directory's generation (issue 15): a counter every change of a unit's or a person's
-- name bumps, by triggers, so every writer (the file, invites, admin commands, another
-- process) invalidates the front ends' cache of names without having to remember it.
CREATE TABLE directory_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO directory_generation (id, value) VALUES (1, 0);

CREATE TRIGGER units_named AFTER INSERT ON units
BEGIN UPDATE directory_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER units_renamed AFTER UPDATE OF name ON units
BEGIN UPDATE directory_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER units_removed AFTER DELETE ON units
BEGIN UPDATE directory_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER people_named AFTER INSERT ON people
BEGIN UPDATE directory_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER people_renamed AFTER UPDATE OF name ON people
BEGIN UPDATE directory_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER people_removed AFTER DELETE ON people
BEGIN UPDATE directory_generation SET value = value + 1 WHERE id = 1; END;
