-- The documents that report a cluster's event, one row each, instead of a JSON list in the cluster's row:
-- every report that joined a cluster rewrote its whole list (some 13 bytes a document, 800 KB in the
-- largest cluster of a 57,000-article ingest), which made bulk ingest quadratic in the cluster's size.
-- Now joining adds a row, and asking whether a document reports a cluster is a primary-key lookup.
CREATE TABLE cluster_documents (
  cluster_id  TEXT NOT NULL,
  doc_id      TEXT NOT NULL,
  PRIMARY KEY (cluster_id, doc_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO cluster_documents (cluster_id, doc_id)
  SELECT c.id, j.value FROM clusters c, json_each(c.documents) j WHERE j.type = 'text';

ALTER TABLE clusters DROP COLUMN documents;
