-- News feeds (RSS, Atom, JSON Feed) that are polled for new articles, and the items seen in each, so
-- that an item is fetched and ingested once. Times are RFC 3339 UTC with whole seconds, so that they
-- compare as text. every_seconds is the polling interval; after errors the next poll backs off.
CREATE TABLE feeds (
  id             TEXT PRIMARY KEY,
  url            TEXT NOT NULL UNIQUE,
  outlet         TEXT NOT NULL DEFAULT '',
  every_seconds  INTEGER NOT NULL CHECK (every_seconds BETWEEN 60 AND 604800),
  etag           TEXT NOT NULL DEFAULT '',
  last_modified  TEXT NOT NULL DEFAULT '',
  last_polled    TEXT NOT NULL DEFAULT '',
  last_success   TEXT NOT NULL DEFAULT '',
  last_error     TEXT NOT NULL DEFAULT '',
  errors_in_row  INTEGER NOT NULL DEFAULT 0,
  next_poll      TEXT NOT NULL,
  items_seen     INTEGER NOT NULL DEFAULT 0,
  items_stored   INTEGER NOT NULL DEFAULT 0,
  created        TEXT NOT NULL
);
CREATE INDEX feeds_next_poll ON feeds(next_poll);

CREATE TABLE feed_items (
  feed_id  TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  item_id  TEXT NOT NULL,
  url      TEXT NOT NULL DEFAULT '',
  seen_at  TEXT NOT NULL,
  -- the document the item was stored as; empty when it failed (error says why)
  doc_id   TEXT NOT NULL DEFAULT '',
  error    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (feed_id, item_id)
);
