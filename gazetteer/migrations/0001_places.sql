-- The gazetteer: one feature table of places, their names, and the history of every change.

CREATE TABLE places (
  fid          INTEGER PRIMARY KEY AUTOINCREMENT,
  geom         GEOMETRY,
  id           TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  parent       TEXT,
  country      TEXT,
  population   INTEGER NOT NULL DEFAULT 0,
  geonames_id  INTEGER,
  wikidata     TEXT,
  precision_km REAL,
  source       TEXT,
  notes        TEXT,
  origin       TEXT NOT NULL,
  -- every name as JSON, so GIS users opening the file see them; place_names is the searchable copy
  names        TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  created      TEXT NOT NULL,
  updated      TEXT NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0
);
-- gpkg:features places geom GEOMETRY 4326 Gazetteer places: curated regional entries and the world background

CREATE INDEX places_kind ON places(kind);
CREATE INDEX places_geonames ON places(geonames_id);

CREATE TABLE place_names (
  place_fid INTEGER NOT NULL REFERENCES places(fid) ON DELETE CASCADE,
  ord       INTEGER NOT NULL,
  text      TEXT NOT NULL,
  lang      TEXT NOT NULL,
  script    TEXT NOT NULL DEFAULT '',
  usage     TEXT NOT NULL,
  norm      TEXT NOT NULL,
  PRIMARY KEY (place_fid, ord)
);
CREATE INDEX place_names_norm ON place_names(norm);

CREATE TABLE place_history (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  place_id TEXT NOT NULL,
  version  INTEGER NOT NULL,
  action   TEXT NOT NULL,
  author   TEXT NOT NULL,
  at       TEXT NOT NULL,
  before   TEXT,
  after    TEXT
);
CREATE INDEX place_history_place ON place_history(place_id, version);

-- One row: bumped on every change to the gazetteer, so caches and the name index know when to refresh.
CREATE TABLE gazetteer_state (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  version INTEGER NOT NULL
);
INSERT INTO gazetteer_state (one, version) VALUES (1, 1);
