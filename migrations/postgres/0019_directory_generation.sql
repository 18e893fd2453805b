-- The directory's generation (issue 15): a counter every change of a unit's or a person's
-- name bumps, by triggers, so every writer (the file, invites, admin commands, another
-- replica) invalidates the front ends' cache of names without having to remember it.
CREATE TABLE directory_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO directory_generation (id, value) VALUES (1, 0);

CREATE FUNCTION bump_directory_generation() RETURNS trigger AS $$
BEGIN
    UPDATE directory_generation SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER units_names AFTER INSERT OR DELETE OR UPDATE OF name ON units
    FOR EACH STATEMENT EXECUTE PROCEDURE bump_directory_generation();
CREATE TRIGGER people_names AFTER INSERT OR DELETE OR UPDATE OF name ON people
    FOR EACH STATEMENT EXECUTE PROCEDURE bump_directory_generation();
