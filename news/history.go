package news

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The actions the document history records.
const (
	ActionDelete  = "delete"  // the document was removed with its mentions and events
	ActionMerge   = "merge"   // the document became another report of another one
	ActionRestore = "restore" // a deletion or merge was undone
)

// HistoryMeta is what a document was when an editor deleted or merged it.
type HistoryMeta struct {
	Title              string    `json:"title,omitempty"`
	Outlet             string    `json:"outlet,omitempty"`
	OutletName         string    `json:"outlet_name,omitempty"`
	Published          string    `json:"published,omitempty"`
	PublishedPrecision Precision `json:"published_precision"`
	URL                string    `json:"url,omitempty"`
	Language           string    `json:"language,omitempty"`
	DuplicateOf        string    `json:"duplicate_of,omitempty"`
	Hash               string    `json:"hash"`
	Mentions           int       `json:"mentions"`
	Events             int       `json:"events"`
}

// HistoryEntry is one thing an editor did to a document.
type HistoryEntry struct {
	Seq    int64  `json:"seq"`
	Action string `json:"action"`
	Doc    string `json:"doc"`
	// Into is the document a merge made this one a report of; for a
	// deletion, the report of it that took its place as the original.
	Into   string      `json:"into,omitempty"`
	Meta   HistoryMeta `json:"metadata"`
	Editor string      `json:"editor"`
	At     time.Time   `json:"at"`
	// Restorable is true for the latest deletion or merge of a document,
	// which Ingester.Restore undoes.
	Restorable bool `json:"restorable"`
	// Raw and Format are the stored text and the format it was read as;
	// History leaves them out.
	Raw    string `json:"-"`
	Format string `json:"-"`
}

// Delete removes a document with its mentions and events, rebuilds the
// clusters its events were in, and records the deletion with the raw text
// and metadata in the history, in one transaction: Ingester.Restore reads
// it again. A document that others are reports of cannot be deleted alone
// (ErrConflict): Ingester.Delete makes one of them the original first.
func (s *Store) Delete(ctx context.Context, id, editor string, places Places) error {
	return s.deleteReplacing(ctx, id, editor, places, nil)
}

// deleteReplacing is Delete; next, when not nil, is the oldest report of
// the document read again, which takes the document's place in the same
// transaction: stored with its own mentions and events, and the original
// of the other reports.
func (s *Store) deleteReplacing(ctx context.Context, id, editor string, places Places, next *Parsed) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := historyRow(ctx, tx, id)
		if err != nil {
			return err
		}
		reports, err := reportsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		into := ""
		switch {
		case next == nil && len(reports) > 0:
			return fmt.Errorf("%w: %d other documents are reports of %q", ErrConflict, len(reports), id)
		case next != nil && (len(reports) == 0 || reports[0] != next.Article.ID):
			return fmt.Errorf("%w: the reports of %q changed meanwhile; try again", ErrConflict, id)
		case next != nil:
			into = next.Article.ID
		}
		if err := s.record(ctx, tx, ActionDelete, d, into, editor); err != nil {
			return err
		}
		if err := deleteDocument(ctx, tx, id, places); err != nil {
			return err
		}
		if next == nil {
			return nil
		}
		if _, _, err := s.save(ctx, tx, next, places, false); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ?`, into, id); err != nil {
			return fmt.Errorf("news: delete document: %w", err)
		}
		theirs, err := clustersOf(ctx, tx, into)
		if err != nil {
			return err
		}
		for _, c := range theirs {
			if err := refreshSources(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	})
}

// Delete removes a stored document as Store.Delete does. When other
// documents are reports of it (copies of the story from other outlets,
// stored without events of their own), the oldest of them is read again
// and becomes the original in the same transaction, so deleting one copy
// of a wire story does not take the story off the map.
func (in *Ingester) Delete(ctx context.Context, id, editor string) error {
	reports, err := in.Store.ReportsOf(ctx, id)
	if err != nil {
		return err
	}
	var next *Parsed
	if len(reports) > 0 {
		if next, err = in.reread(ctx, reports[0]); err != nil {
			return err
		}
	}
	return in.Store.deleteReplacing(ctx, id, editor, in.Geoparser(), next)
}

// reportOf returns the document id is a report of, or "" for an original.
func (s *Store) reportOf(ctx context.Context, id string) (string, error) {
	var orig string
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(duplicate_of, '') FROM documents WHERE id = ?`, id).Scan(&orig)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	if err != nil {
		return "", fmt.Errorf("news: read document %s: %w", id, err)
	}
	return orig, nil
}

// querier is a database, a connection or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ReportsOf lists the documents that are reports of document id
// (duplicate_of id), the first stored first.
func (s *Store) ReportsOf(ctx context.Context, id string) ([]string, error) {
	return reportsOf(ctx, s.db, id)
}

func reportsOf(ctx context.Context, q querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM documents WHERE duplicate_of = ? ORDER BY ingested, fid`, id)
	if err != nil {
		return nil, fmt.Errorf("news: reports of %s: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("news: reports of %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Merge makes document id another report of document into, as a
// near-duplicate from another outlet is stored: flagged duplicate_of into
// (or the document into itself repeats), its own mentions and events
// removed, and its outlet, perspective and id added to the clusters of
// into's events. The merge is recorded with the raw text and metadata in
// the history, in the same transaction. A document that others repeat, or
// that repeats another already, cannot be merged (ErrConflict).
func (s *Store) Merge(ctx context.Context, id, into, editor string, places Places) (string, error) {
	if into == id {
		return "", &ValidationError{"into", "a document cannot be merged into itself"}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := historyRow(ctx, tx, id)
		if err != nil {
			return err
		}
		target, err := historyRow(ctx, tx, into)
		if errors.Is(err, ErrNotFound) {
			return &ValidationError{"into", fmt.Sprintf("no document %q is stored", into)}
		}
		if err != nil {
			return err
		}
		if target.meta.DuplicateOf != "" {
			into = target.meta.DuplicateOf // the original of the story
		}
		switch {
		case into == id:
			return &ValidationError{"into", "that document is a report of this one"}
		case d.meta.DuplicateOf != "":
			return fmt.Errorf("%w: document %q is another report of %q already", ErrConflict, id, d.meta.DuplicateOf)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE duplicate_of = ?`, id).Scan(&n); err != nil {
			return fmt.Errorf("news: merge: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("%w: %d other documents are reports of %q; merge them first", ErrConflict, n, id)
		}
		if err := s.record(ctx, tx, ActionMerge, d, into, editor); err != nil {
			return err
		}
		own, err := clustersOf(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM events WHERE doc_id = ?`, `DELETE FROM mentions WHERE doc_id = ?`,
			`UPDATE documents SET mention_count = 0, event_count = 0 WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("news: merge: %w", err)
			}
		}
		for _, c := range own {
			if err := rebuildCluster(ctx, tx, c, places.Within); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = ? WHERE id = ?`, into, id); err != nil {
			return fmt.Errorf("news: merge: %w", err)
		}
		theirs, err := clustersOf(ctx, tx, into)
		if err != nil {
			return err
		}
		for _, c := range theirs {
			if err := refreshSources(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	return into, err
}

// LastChange returns the latest history entry of document id, with its raw
// text; ErrNotFound when the history has none.
func (s *Store) LastChange(ctx context.Context, id string) (HistoryEntry, error) {
	return lastChange(ctx, s.db, id)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func lastChange(ctx context.Context, q queryRower, id string) (HistoryEntry, error) {
	var e HistoryEntry
	var meta, at string
	err := q.QueryRowContext(ctx, `SELECT seq, action, doc_id, into_id, raw, format, metadata, editor, at
		FROM document_history WHERE doc_id = ? ORDER BY seq DESC LIMIT 1`, id).
		Scan(&e.Seq, &e.Action, &e.Doc, &e.Into, &e.Raw, &e.Format, &meta, &e.Editor, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("%w: no deletion or merge of document %q is recorded", ErrNotFound, id)
	}
	if err != nil {
		return e, fmt.Errorf("news: history: %w", err)
	}
	_ = json.Unmarshal([]byte(meta), &e.Meta)
	e.At, _ = time.Parse(time.RFC3339, at)
	e.Restorable = e.Action != ActionRestore
	return e, nil
}

// History lists the latest limit entries of the document history, newest
// first, without the raw texts.
func (s *Store) History(ctx context.Context, limit int) ([]HistoryEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT h.seq, h.action, h.doc_id, h.into_id, h.metadata, h.editor, h.at,
		h.action <> 'restore' AND h.seq = (SELECT max(seq) FROM document_history WHERE doc_id = h.doc_id)
		FROM document_history h ORDER BY h.seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("news: history: %w", err)
	}
	defer rows.Close()
	out := []HistoryEntry{}
	for rows.Next() {
		var e HistoryEntry
		var meta, at string
		if err := rows.Scan(&e.Seq, &e.Action, &e.Doc, &e.Into, &meta, &e.Editor, &at, &e.Restorable); err != nil {
			return nil, fmt.Errorf("news: history: %w", err)
		}
		_ = json.Unmarshal([]byte(meta), &e.Meta)
		e.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// restore stores p, the document entry deleted or merged, read again, and
// records the restore, in one transaction. The entry must still be the
// document's latest (ErrConflict otherwise): a merged document must still
// be the report it was made, a deleted one must not be stored again since.
func (s *Store) restore(ctx context.Context, p *Parsed, e HistoryEntry, editor string, places Places) (reportOf string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		last, err := lastChange(ctx, tx, e.Doc)
		if err != nil {
			return err
		}
		if last.Seq != e.Seq || !last.Restorable {
			return fmt.Errorf("%w: document %q changed meanwhile; reload the history", ErrConflict, e.Doc)
		}
		cur, err := historyRow(ctx, tx, e.Doc)
		switch {
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		case e.Action == ActionDelete && err == nil:
			return fmt.Errorf("%w: a document %q is stored again since it was deleted", ErrConflict, e.Doc)
		case e.Action == ActionMerge && (err != nil || cur.meta.DuplicateOf != e.Into):
			return fmt.Errorf("%w: document %q is no longer a report of %q", ErrConflict, e.Doc, e.Into)
		}
		var id string
		switch err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ? AND id <> ?`, p.Article.Hash, e.Doc).Scan(&id); {
		case err == nil:
			return fmt.Errorf("%w: the same text is stored as document %q", ErrConflict, id)
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("news: restore: %w", err)
		}
		if e.Action == ActionMerge {
			theirs, err := clustersOf(ctx, tx, e.Into)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, e.Doc); err != nil {
				return fmt.Errorf("news: restore: %w", err)
			}
			for _, c := range theirs {
				if err := refreshSources(ctx, tx, c); err != nil {
					return err
				}
			}
		}
		// A report comes back a report of its original; a document whose
		// report took its place when it was deleted, a report of that one.
		reportOf = ""
		orig := e.Meta.DuplicateOf
		if e.Action == ActionDelete && e.Into != "" {
			orig = e.Into
		}
		if orig != "" {
			if o, err := historyRow(ctx, tx, orig); err == nil {
				reportOf = orig
				if o.meta.DuplicateOf != "" {
					reportOf = o.meta.DuplicateOf
				}
			}
		}
		if reportOf != "" {
			err = s.saveReport(ctx, tx, p, reportOf, places)
		} else {
			_, _, err = s.save(ctx, tx, p, places, false)
		}
		if err != nil {
			return err
		}
		return s.record(ctx, tx, ActionRestore, docRow{id: e.Doc, raw: e.Raw, format: e.Format, meta: e.Meta}, "", editor)
	})
	return reportOf, err
}

// docRow is a stored document as the history keeps it.
type docRow struct {
	id, raw, format string
	meta            HistoryMeta
}

func historyRow(ctx context.Context, tx *sql.Tx, id string) (docRow, error) {
	d := docRow{id: id}
	m := &d.meta
	err := tx.QueryRowContext(ctx, `SELECT raw, coalesce(format, ''), coalesce(title, ''), coalesce(outlet, ''),
		coalesce(outlet_name, ''), coalesce(published, ''), published_precision, coalesce(url, ''),
		coalesce(language, ''), coalesce(duplicate_of, ''), hash, mention_count, event_count
		FROM documents WHERE id = ?`, id).Scan(&d.raw, &d.format, &m.Title, &m.Outlet, &m.OutletName, &m.Published,
		&m.PublishedPrecision, &m.URL, &m.Language, &m.DuplicateOf, &m.Hash, &m.Mentions, &m.Events)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	if err != nil {
		return d, fmt.Errorf("news: read document %s: %w", id, err)
	}
	return d, nil
}

// record adds an entry to the document history.
func (s *Store) record(ctx context.Context, tx *sql.Tx, action string, d docRow, into, editor string) error {
	meta, err := json.Marshal(d.meta)
	if err != nil {
		return fmt.Errorf("news: history: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO document_history (action, doc_id, into_id, raw, format, metadata, editor, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, action, d.id, into, d.raw, d.format, string(meta), editor,
		s.now().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("news: history: %w", err)
	}
	return nil
}

// clustersOf lists the clusters of a document's events.
func clustersOf(ctx context.Context, tx *sql.Tx, doc string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT cluster_id FROM events WHERE doc_id = ? AND cluster_id IS NOT NULL
		ORDER BY cluster_id`, doc)
	if err != nil {
		return nil, fmt.Errorf("news: clusters of %s: %w", doc, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("news: clusters of %s: %w", doc, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// refreshSources recomputes who reports a cluster's event: the documents,
// outlets and perspectives of its events, and of the documents that are
// reports of those documents (duplicate_of).
func refreshSources(ctx context.Context, tx *sql.Tx, cluster string) error {
	rows, err := tx.QueryContext(ctx, `SELECT doc_id, coalesce(outlet, ''), coalesce(perspective, '') FROM events
		WHERE cluster_id = ?
		UNION SELECT id, coalesce(outlet, ''), coalesce(perspective, '') FROM documents
		WHERE duplicate_of IN (SELECT doc_id FROM events WHERE cluster_id = ?)`, cluster, cluster)
	if err != nil {
		return fmt.Errorf("news: cluster sources: %w", err)
	}
	var docs, outlets []string
	persp := map[string]bool{}
	for rows.Next() {
		var d, o, p string
		if err := rows.Scan(&d, &o, &p); err != nil {
			rows.Close()
			return fmt.Errorf("news: cluster sources: %w", err)
		}
		docs = insertSorted(docs, d)
		if o != "" {
			outlets = insertSorted(outlets, o)
		}
		if p != "" {
			persp[p] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("news: cluster sources: %w", err)
	}
	var ps []string
	for _, p := range Perspectives {
		if persp[string(p)] {
			ps = append(ps, string(p))
		}
	}
	outletsJSON, _ := json.Marshal(nonNil(outlets))
	perspJSON, _ := json.Marshal(nonNil(ps))
	if _, err := tx.ExecContext(ctx, `UPDATE clusters SET outlets = ?, perspectives = ? WHERE id = ?`,
		string(outletsJSON), string(perspJSON), cluster); err != nil {
		return fmt.Errorf("news: cluster sources: %w", err)
	}
	return setReports(ctx, tx, cluster, docs)
}

// Restore undoes the latest deletion or merge of document id: its raw
// text, as the history kept it, is read and analysed again and stored as
// it was first (a report of the same document, when it was one before it
// was deleted), and the restore is recorded as editor's.
func (in *Ingester) Restore(ctx context.Context, id, editor string) (IngestResult, error) {
	e, err := in.Store.LastChange(ctx, id)
	if err != nil {
		return IngestResult{}, err
	}
	if !e.Restorable {
		return IngestResult{}, fmt.Errorf("%w: document %q is restored already", ErrConflict, id)
	}
	a, err := in.Read(id, []byte(e.Raw), e.Format == FormatRaw)
	if err != nil {
		return IngestResult{}, fmt.Errorf("news: re-read %s: %w", id, err)
	}
	// An outlet the article does not name (a feed's) was given when it was stored.
	if a.Outlet == nil && e.Meta.Outlet != "" && in.Outlets != nil {
		if o, ok := in.Outlets.ByID(e.Meta.Outlet); ok {
			a.Outlet, a.OutletName = o, o.Name
		}
	}
	p := in.Analyse(a)
	reportOf, err := in.Store.restore(ctx, p, e, editor, in.Geoparser())
	if err != nil {
		return IngestResult{}, err
	}
	if reportOf != "" {
		return IngestResult{ID: id, Stored: true, Duplicate: DuplicateNear, DuplicateOf: reportOf,
			Outlet: a.OutletName}, nil
	}
	return summarise(p, true), nil
}
