-- A notice may take several messages (a card, then the draft's files). Delivery records how
-- many went out, so a retry after a failed part resumes there instead of repeating the card.
ALTER TABLE outbox ADD COLUMN parts_sent BIGINT NOT NULL DEFAULT 0;
