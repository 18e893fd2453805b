-- Candidate posts (issue 13): messages of watched chats and VK communities offered to the
-- curators. No author data is kept: the link leads to the post. Keep in step with the other
-- backend's file.
CREATE TABLE candidates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'telegram' or 'vk'; where to answer when the bot publishes.
    source TEXT NOT NULL,
    link TEXT NOT NULL UNIQUE,
    chat_id BIGINT NULL,
    message_id BIGINT NULL,
    -- The chat's or the community's title.
    place TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    -- The signal it matched, or empty for a watched chat.
    reason TEXT NOT NULL,
    topic TEXT NULL,
    location TEXT NULL,
    importance TEXT NULL,
    unit TEXT NULL,
    -- A case registered for the same post, and an earlier case it may repeat (п.15).
    same_case BIGINT NULL REFERENCES cases (id),
    repeat_of BIGINT NULL REFERENCES cases (id),
    -- 'card', 'urgent' or 'digest', going out at deliver_at; released once queued.
    slot TEXT NOT NULL,
    deliver_at BIGINT NOT NULL,
    released BOOLEAN NOT NULL DEFAULT FALSE,
    -- 'new', 'registered' or 'skipped'.
    status TEXT NOT NULL DEFAULT 'new',
    case_id BIGINT NULL REFERENCES cases (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX candidates_unreleased ON candidates (released, deliver_at);
CREATE INDEX candidates_by_slot ON candidates (slot, deliver_at);
