-- MAX as a second messenger (issue 12). A person may have a Telegram id, a MAX user id or
-- both; `messenger` is the one they chose in /settings, `last_messenger` the one they last
-- wrote from (both NULL until known). Notices go to the chosen one, else the last used.
ALTER TABLE people ADD COLUMN max_id BIGINT NULL;
CREATE UNIQUE INDEX people_by_max_id ON people (max_id);
ALTER TABLE people ADD COLUMN messenger TEXT NULL;
ALTER TABLE people ADD COLUMN last_messenger TEXT NULL;

-- Each outbox row is for one messenger; `chat_id` is a Telegram chat or a MAX user id.
ALTER TABLE outbox ADD COLUMN messenger TEXT NOT NULL DEFAULT 'telegram';
