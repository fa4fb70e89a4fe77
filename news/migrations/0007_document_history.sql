-- The language of each document (BCP 47 primary subtag: "en", "ru"), from a "Language:" header line or
-- guessed from the text; and the history of what editors did to documents: each deletion, merge (the
-- document became another report of into_id) and restore, with the raw text and metadata the
-- document had, so that a deletion or merge can be undone by reading the raw text again.
ALTER TABLE documents ADD COLUMN language TEXT;

CREATE TABLE document_history (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  action    TEXT NOT NULL CHECK (action IN ('delete', 'merge', 'restore')),
  doc_id    TEXT NOT NULL,
  into_id   TEXT NOT NULL DEFAULT '',
  raw       TEXT NOT NULL,
  format    TEXT NOT NULL DEFAULT '',
  -- title, outlet, published, url, language, duplicate_of, counts: as JSON (news.HistoryMeta)
  metadata  TEXT NOT NULL,
  editor    TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX document_history_doc ON document_history(doc_id, seq);
