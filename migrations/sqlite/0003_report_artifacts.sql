-- The monthly summary (п.20) is built once per month and language and kept here, so
-- delivery sends these files instead of rebuilding the report for every recipient.
-- kind: message (HTML), text, chart (PNG), workbook (XLSX).
CREATE TABLE report_artifacts (
    month TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    built_at BIGINT NOT NULL,
    PRIMARY KEY (month, lang, kind)
);

-- What a messenger answered for an uploaded artifact (Telegram's file_id), reused for the
-- next recipients instead of uploading the same bytes again.
CREATE TABLE report_uploads (
    month TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    messenger TEXT NOT NULL,
    file_id TEXT NOT NULL,
    PRIMARY KEY (month, lang, kind, messenger)
);
