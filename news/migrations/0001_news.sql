-- News: documents, the place mentions found in them, the events they report, and clusters of
-- reports of the same event. mentions and events are GeoPackage feature tables, so QGIS shows them.

CREATE TABLE documents (
  fid                 INTEGER PRIMARY KEY AUTOINCREMENT,
  id                  TEXT NOT NULL UNIQUE,
  hash                TEXT NOT NULL UNIQUE,
  title               TEXT,
  author              TEXT,
  outlet              TEXT,
  outlet_name         TEXT,
  perspective         TEXT,
  published           TEXT,
  published_precision INTEGER NOT NULL DEFAULT 0,
  url                 TEXT,
  dateline            TEXT,
  first_published_by  TEXT,
  format              TEXT,
  body                TEXT NOT NULL,
  raw                 TEXT NOT NULL,
  naming              TEXT NOT NULL,
  gazetteer_version   INTEGER NOT NULL,
  ingested            TEXT NOT NULL,
  mention_count       INTEGER NOT NULL DEFAULT 0,
  event_count         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mentions (
  fid         INTEGER PRIMARY KEY AUTOINCREMENT,
  geom        GEOMETRY,
  doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  surface     TEXT NOT NULL,
  place_id    TEXT,
  name        TEXT,
  kind        TEXT,
  name_usage  TEXT,
  usages      TEXT,
  score       REAL NOT NULL,
  rule        TEXT NOT NULL,
  form        TEXT,
  candidates  TEXT NOT NULL,
  built_from  TEXT,
  UNIQUE (doc_id, start)
);
-- gpkg:features mentions geom GEOMETRY 4326 Every place name found in the documents, at the place it was resolved to
CREATE INDEX mentions_place ON mentions(place_id);

CREATE TABLE events (
  fid             INTEGER PRIMARY KEY AUTOINCREMENT,
  geom            POINT,
  id              TEXT NOT NULL UNIQUE,
  doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  event_date      TEXT,
  date_end        TEXT,
  time_precision  INTEGER NOT NULL,
  date_inherited  INTEGER NOT NULL DEFAULT 0,
  event_type      TEXT NOT NULL,
  sub_event_type  TEXT NOT NULL,
  actor1          TEXT,
  actor2          TEXT,
  place_id        TEXT,
  place_name      TEXT,
  place_kind      TEXT,
  geo_precision   INTEGER NOT NULL,
  sentence        TEXT NOT NULL,
  sentence_start  INTEGER NOT NULL,
  sentence_end    INTEGER NOT NULL,
  confidence      REAL NOT NULL,
  rule            TEXT NOT NULL,
  outlet          TEXT,
  perspective     TEXT,
  cluster_id      TEXT,
  -- the whole event as JSON, so nothing extraction found is lost to the columns above
  detail          TEXT NOT NULL
);
-- gpkg:features events geom POINT 4326 Events reported in the documents, at the representative point of their place
CREATE INDEX events_date ON events(event_date, date_end);
CREATE INDEX events_type ON events(sub_event_type, event_date);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_place ON events(place_id);
CREATE INDEX events_doc ON events(doc_id);

CREATE TABLE clusters (
  id              TEXT PRIMARY KEY,
  event_type      TEXT NOT NULL,
  sub_event_type  TEXT NOT NULL,
  actor1          TEXT,
  place_id        TEXT,
  date            TEXT,
  date_end        TEXT,
  time_precision  INTEGER NOT NULL,
  size            INTEGER NOT NULL,
  outlets         TEXT NOT NULL,
  perspectives    TEXT NOT NULL,
  documents       TEXT NOT NULL,
  confidence      REAL NOT NULL
);
CREATE INDEX clusters_type_place ON clusters(sub_event_type, place_id, date);

-- One row: bumped on every change to documents, mentions or events; caches key on it.
CREATE TABLE news_state (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  version INTEGER NOT NULL
);
INSERT INTO news_state (one, version) VALUES (1, 1);
