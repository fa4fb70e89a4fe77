package news

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The kinds of duplicate SaveBatch recognises.
const (
	DuplicateText = "text" // the same bytes are stored
	DuplicateURL  = "url"  // a document with the same canonical URL is stored
	DuplicateNear = "near" // a near-identical body is stored (see NearDuplicate)
)

// Saved says what storing one parsed document did.
type Saved struct {
	// ID is the document the text is stored under: its own id when stored,
	// the stored document it duplicates when not.
	ID     string
	Stored bool
	// Duplicate is the kind of duplicate it is, or "".
	Duplicate string
	// DuplicateOf is set for a near-duplicate from another outlet: stored
	// (Stored true), without events of its own, as another report of this
	// document's events.
	DuplicateOf string
}

// SaveBatch stores new documents in one transaction, each as Save does,
// unless it duplicates a stored one or one earlier in the batch: the same
// text (by hash), the same page (by canonical URL; a document stored again
// under its own id replaces itself), or a near-identical body. A
// near-duplicate from the same outlet (or when the outlets are not known)
// is skipped; one from another outlet is stored flagged duplicate_of the
// original, with its outlet added to the clusters of the original's events
// as another source, and with no events of its own. All checks run inside
// the transaction, so concurrent batches cannot store one text twice.
func (s *Store) SaveBatch(ctx context.Context, ps []*Parsed, places Places) ([]Saved, error) {
	return s.saveBatch(ctx, s.db, ps, places, false)
}

// saveBatch is SaveBatch on db; bulk writes the spatial index rows itself
// (see Bulk).
func (s *Store) saveBatch(ctx context.Context, db txBeginner, ps []*Parsed, places Places, bulk bool) ([]Saved, error) {
	out := make([]Saved, len(ps))
	err := versionedTx(ctx, db, func(tx *sql.Tx) error {
		// One cluster writer for the batch: a cluster many of its reports
		// join is written once, at the end.
		cw, err := s.clusterWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer cw.close()
		w := &txWriter{clusters: cw}
		if bulk {
			if w.index, err = suspendIndexTriggers(ctx, tx); err != nil {
				return err
			}
		}
		for i, p := range ps {
			r, err := s.saveNew(ctx, tx, w, p, places)
			if err != nil {
				return fmt.Errorf("%s: %w", p.Article.ID, err)
			}
			out[i] = r
		}
		if err := cw.flush(ctx); err != nil {
			return err
		}
		if w.index != nil {
			return w.index.restore(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) saveNew(ctx context.Context, tx *sql.Tx, w *txWriter, p *Parsed, places Places) (Saved, error) {
	a := p.Article
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ?`, a.Hash).Scan(&id)
	switch {
	case err == nil:
		return Saved{ID: id, Duplicate: DuplicateText}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Saved{}, fmt.Errorf("news: look up hash: %w", err)
	}
	if u := CanonicalURL(a.URL); u != "" {
		err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE canonical_url = ? AND id <> ? ORDER BY fid LIMIT 1`,
			u, a.ID).Scan(&id)
		switch {
		case err == nil:
			return Saved{ID: id, Duplicate: DuplicateURL}, nil
		case !errors.Is(err, sql.ErrNoRows):
			return Saved{}, fmt.Errorf("news: look up url: %w", err)
		}
	}
	if p.Signature.Shingles == nil {
		p.Signature = SignatureOf(a.Body)
	}
	near, err := nearDuplicates(ctx, tx, a.ID, p.Signature)
	if err != nil {
		return Saved{}, err
	}
	if len(near) > 0 {
		mine := outletKey(a.OutletID(), a.OutletName)
		for _, n := range near {
			if n.outlet == mine {
				return Saved{ID: n.id, Duplicate: DuplicateNear}, nil
			}
		}
		orig := near[0].original()
		// The report joins the stored clusters of the original: write the staged ones.
		if err := w.clusters.flush(ctx); err != nil {
			return Saved{}, err
		}
		if err := s.saveReport(ctx, tx, p, orig, places); err != nil {
			return Saved{}, err
		}
		return Saved{ID: a.ID, Stored: true, Duplicate: DuplicateNear, DuplicateOf: orig}, nil
	}
	if _, _, err := s.saveWith(ctx, tx, w, p, places, false); err != nil {
		return Saved{}, err
	}
	return Saved{ID: a.ID, Stored: true}, nil
}

// outletKey is what two documents compare to tell whether one outlet
// published both: the registry id, else the name as given; "" (unknown)
// equals only "".
func outletKey(id, name string) string {
	if id != "" {
		return id
	}
	return strings.ToLower(strings.TrimSpace(name))
}

type nearDoc struct {
	id, outlet, duplicateOf string
	similarity              float64
}

// original is the first report of the story: what a copy of a copy repeats.
func (n nearDoc) original() string {
	if n.duplicateOf != "" {
		return n.duplicateOf
	}
	return n.id
}

// nearDuplicates lists the stored documents (other than id) whose body is a
// near-duplicate of one with signature sig, most similar first.
func nearDuplicates(ctx context.Context, tx *sql.Tx, id string, sig Signature) ([]nearDoc, error) {
	if len(sig.Bands) == 0 {
		return nil, nil
	}
	keys, err := json.Marshal(sig.Bands)
	if err != nil {
		return nil, fmt.Errorf("news: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.body, coalesce(d.outlet, ''), coalesce(d.outlet_name, ''),
		coalesce(d.duplicate_of, '') FROM documents d
		WHERE d.id IN (SELECT doc_id FROM shingle_bands WHERE key IN (SELECT value FROM json_each(?))) AND d.id <> ?
		ORDER BY d.fid`, string(keys), id)
	if err != nil {
		return nil, fmt.Errorf("news: near duplicates: %w", err)
	}
	defer rows.Close()
	var out []nearDoc
	for rows.Next() {
		var n nearDoc
		var body, outletName string
		if err := rows.Scan(&n.id, &body, &n.outlet, &outletName, &n.duplicateOf); err != nil {
			return nil, fmt.Errorf("news: near duplicates: %w", err)
		}
		if n.similarity = sig.Similarity(SignatureOf(body)); n.similarity >= NearDuplicate {
			n.outlet = outletKey(n.outlet, outletName)
			out = append(out, n)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("news: near duplicates: %w", err)
	}
	slices.SortStableFunc(out, func(a, b nearDoc) int {
		switch {
		case a.similarity > b.similarity:
			return -1
		case a.similarity < b.similarity:
			return 1
		}
		return 0
	})
	return out, nil
}

// writeKeys records what later documents are compared with: the canonical
// URL and the signature's band keys.
func writeKeys(ctx context.Context, tx *sql.Tx, p *Parsed) error {
	a := p.Article
	if p.Signature.Shingles == nil {
		p.Signature = SignatureOf(a.Body)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET canonical_url = nullif(?, '') WHERE id = ?`,
		CanonicalURL(a.URL), a.ID); err != nil {
		return fmt.Errorf("news: key document %s: %w", a.ID, err)
	}
	return writeBands(ctx, tx, nil, a.ID, p.Signature.Bands)
}

// writeBands records the band keys of document id's signature, in one
// statement (prepared once in pc; nil prepares it on tx).
func writeBands(ctx context.Context, tx *sql.Tx, pc *stmtCache, id string, bands []int64) error {
	args := make([]any, 0, 2*len(bands))
	for _, k := range bands {
		args = append(args, k, id)
	}
	if err := insertRows(ctx, tx, pc, `INSERT OR IGNORE INTO shingle_bands (key, doc_id) VALUES `, `(?, ?)`, 2, args); err != nil {
		return fmt.Errorf("news: key document %s: %w", id, err)
	}
	return nil
}

// saveReport stores p as another outlet's copy of the story document orig
// tells: the document itself, flagged duplicate_of orig, with no mentions
// or events, and its outlet, perspective and id added to the clusters of
// orig's events.
func (s *Store) saveReport(ctx context.Context, tx *sql.Tx, p *Parsed, orig string, places Places) error {
	a := p.Article
	if err := deleteDocument(ctx, tx, a.ID, places); err != nil {
		return err
	}
	copyOf := &Parsed{Article: a, Naming: p.Naming, GazetteerVersion: p.GazetteerVersion, Signature: p.Signature}
	if err := insertDocument(ctx, tx, copyOf, s.now()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = ? WHERE id = ?`, orig, a.ID); err != nil {
		return fmt.Errorf("news: insert document %s: %w", a.ID, err)
	}
	if err := writeKeys(ctx, tx, copyOf); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, outlets, perspectives FROM clusters
		WHERE id IN (SELECT cluster_id FROM events WHERE doc_id = ?) ORDER BY id`, orig)
	if err != nil {
		return fmt.Errorf("news: add report: %w", err)
	}
	var cs []clusterRow
	for rows.Next() {
		var c clusterRow
		var outlets, persp string
		if err := rows.Scan(&c.id, &outlets, &persp); err != nil {
			rows.Close()
			return fmt.Errorf("news: add report: %w", err)
		}
		_ = json.Unmarshal([]byte(outlets), &c.outlets)
		_ = json.Unmarshal([]byte(persp), &c.perspectives)
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("news: add report: %w", err)
	}
	for _, c := range cs {
		if id := a.OutletID(); id != "" {
			c.outlets = insertSorted(c.outlets, id)
		}
		if pp := a.Perspective(); pp != "" && !slices.Contains(c.perspectives, string(pp)) {
			var ps []string
			for _, q := range Perspectives {
				if q == pp || slices.Contains(c.perspectives, string(q)) {
					ps = append(ps, string(q))
				}
			}
			c.perspectives = ps
		}
		outlets, _ := json.Marshal(nonNil(c.outlets))
		persp, _ := json.Marshal(nonNil(c.perspectives))
		if _, err := tx.ExecContext(ctx, `UPDATE clusters SET outlets = ?, perspectives = ? WHERE id = ?`,
			string(outlets), string(persp), c.id); err != nil {
			return fmt.Errorf("news: add report: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO cluster_documents (cluster_id, doc_id) VALUES (?, ?)`,
			c.id, a.ID); err != nil {
			return fmt.Errorf("news: add report: %w", err)
		}
	}
	return nil
}

// keyStored gives the documents stored before migration 0006 their
// canonical URL and band keys, once.
func (s *Store) keyStored(ctx context.Context) error {
	var keyed int
	if err := s.db.QueryRowContext(ctx, `SELECT keyed FROM news_state WHERE one = 1`).Scan(&keyed); err != nil {
		return fmt.Errorf("news: read state: %w", err)
	}
	if keyed != 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(url, ''), body FROM documents ORDER BY fid`)
		if err != nil {
			return fmt.Errorf("news: key documents: %w", err)
		}
		type doc struct{ id, url, body string }
		var docs []doc
		for rows.Next() {
			var d doc
			if err := rows.Scan(&d.id, &d.url, &d.body); err != nil {
				rows.Close()
				return fmt.Errorf("news: key documents: %w", err)
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("news: key documents: %w", err)
		}
		for _, d := range docs {
			if err := writeKeys(ctx, tx, &Parsed{Article: &Article{ID: d.id, URL: d.url, Body: d.body}}); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE news_state SET keyed = 1 WHERE one = 1`); err != nil {
			return fmt.Errorf("news: key documents: %w", err)
		}
		return nil
	})
}
