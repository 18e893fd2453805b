-- Case cards a front end sent with buttons (SPEC §6, issue 9). When a case moves past what
-- a card's buttons act on, the change queues an edit through the outbox that redraws the
-- card without buttons, saying what happened, and forgets the card.
-- `version` is the case version the card showed; `concerns` what its buttons act on
-- (comma-separated codes of domain::case::Concern); `prompt` marks a card that asked for
-- a typed reply.
CREATE TABLE case_cards (
    messenger TEXT NOT NULL,
    chat_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    version BIGINT NOT NULL,
    concerns TEXT NOT NULL,
    prompt BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (messenger, chat_id, message_id)
);
CREATE INDEX case_cards_by_case ON case_cards (case_id);
