-- Duplicates beyond the exact text: the canonical form of each document's URL (CanonicalURL), the
-- document a near-duplicate from another outlet repeats (its events are the original's; its outlet
-- is added to their clusters), and the LSH band keys of each body's MinHash signature (shingle.go),
-- by which a new article finds its near-duplicates without comparing it to every stored one.
ALTER TABLE documents ADD COLUMN canonical_url TEXT;
ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
CREATE INDEX documents_canonical_url ON documents(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX documents_duplicate_of ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE shingle_bands (
  key     INTEGER NOT NULL,
  doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE INDEX shingle_bands_doc ON shingle_bands(doc_id);

-- 0 until the documents stored before this migration have their URL and bands keyed (NewStore does it).
ALTER TABLE news_state ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
