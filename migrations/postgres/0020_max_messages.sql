-- MAX names messages by string ids (`mid`); case cards (0015) and the card notices in the
-- outbox name them by number. Each MAX card message the bot records gets a number here,
-- and an edit of a left-behind card finds its `mid` again.
CREATE TABLE max_messages (
    id BIGSERIAL PRIMARY KEY,
    mid TEXT NOT NULL UNIQUE
);
