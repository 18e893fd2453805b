-- Answers the bot publishes under the source post (issue 13, п.12). The row is the intent,
-- written before anything is posted, and then the result: a crash or a second press never
-- posts the same approved draft twice, and a post that went out is never lost. Keep in step
-- with the other backend's file.
CREATE TABLE publications (
    -- 'pub:<case>:<draft event>': one publication per approved draft.
    key TEXT PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    -- 'telegram' or 'vk'.
    target TEXT NOT NULL,
    -- 'pending' until the post is confirmed, then 'posted' with its link.
    state TEXT NOT NULL,
    url TEXT NULL,
    started_at BIGINT NOT NULL
);
