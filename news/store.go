package news

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNotFound is returned for a document or event that is not stored.
var ErrNotFound = errors.New("news: not found")

// Store keeps documents, mentions, events and clusters in the GeoPackage.
type Store struct {
	db    *sql.DB
	now   func() time.Time
	stmts *stmtCache
	// index is the in-memory map index of the events (aggregate.go).
	index *indexCache
}

// stmtCache keeps the statements every save runs prepared on the database:
// each transaction borrows them (sql.Tx.StmtContext reuses a statement
// already prepared on its connection) instead of preparing its own.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// in returns the statement for q bound to tx. A nil cache prepares on tx.
func (c *stmtCache) in(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	if c == nil {
		return tx.PrepareContext(ctx, q)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.m[q]
	if !ok {
		var err error
		if st, err = c.db.PrepareContext(ctx, q); err != nil {
			return nil, err
		}
		c.m[q] = st
	}
	return tx.StmtContext(ctx, st), nil
}

// NewStore applies the news migrations to db (opened with gpkg.Open).
func NewStore(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := gpkg.MigrateDir(ctx, db, "news", migrationFiles, "migrations"); err != nil {
		return nil, fmt.Errorf("news: %w", err)
	}
	s := &Store{db: db, now: func() time.Time { return time.Now().UTC().Truncate(time.Second) },
		stmts: &stmtCache{db: db, m: map[string]*sql.Stmt{}}, index: &indexCache{}}
	if err := s.keyStored(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// DataVersion is bumped by every change to the news tables.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM news_state WHERE one = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("news: read data version: %w", err)
	}
	return v, nil
}

// Parsed is everything extraction made of one article, ready to store.
type Parsed struct {
	Article  *Article
	Mentions []gazetteer.Mention
	Events   []Event
	// Sites are the points of the places events were moved to that no
	// mention names: the checkpoint "a checkpoint in the Lachin corridor"
	// stands for.
	Sites            map[string]orb.Point
	Naming           Profile
	GazetteerVersion int64
	// Signature finds near-duplicates; computed when storing if left zero.
	Signature Signature
}

// HasHash reports whether a document with this content hash is stored, and its id.
func (s *Store) HasHash(ctx context.Context, hash string) (string, bool, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ?`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("news: look up hash: %w", err)
	}
	return id, true, nil
}

// Places is what storing and clustering need to know of the gazetteer
// (*gazetteer.Geoparser has it).
type Places interface {
	// Within reports whether child lies within (or is) parent.
	Within(child, parent string) bool
	// Related lists the places whose events may report the same event as one at id.
	Related(id string) []string
}

// Save stores a parsed document with its mentions and events in one
// transaction, replacing what was stored for the same document id (a
// re-geoparse after a gazetteer change), then re-clusters the events it
// touches. A document whose content hash is stored under another id is left
// alone: saved reports false.
func (s *Store) Save(ctx context.Context, p *Parsed, places Places) (saved bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		_, saved, err = s.save(ctx, tx, p, places, false)
		return err
	})
	return saved, err
}

// Add stores a parsed document that must be new: when its text is stored
// already, nothing changes and Add returns that document's id with stored
// false; when another text is stored under its id, Add returns an error
// wrapping ErrConflict. Both checks run in the transaction that stores it,
// so of several Adds at once under one id exactly one stores.
func (s *Store) Add(ctx context.Context, p *Parsed, places Places) (id string, stored bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		id, stored, err = s.save(ctx, tx, p, places, true)
		return err
	})
	return id, stored, err
}

// SaveAll stores several parsed documents as Save does, all in one
// transaction (re-analysing a whole database in batches), and says how many
// were saved.
func (s *Store) SaveAll(ctx context.Context, ps []*Parsed, places Places) (saved int, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		saved = 0
		for _, p := range ps {
			_, ok, err := s.save(ctx, tx, p, places, false)
			if err != nil {
				return err
			}
			if ok {
				saved++
			}
		}
		return nil
	})
	return saved, err
}

// save is Save (onlyNew false) or Add inside tx; it returns the id the
// text is stored under. A document stored again keeps the time it was
// first ingested.
func (s *Store) save(ctx context.Context, tx *sql.Tx, p *Parsed, places Places, onlyNew bool) (string, bool, error) {
	cw, err := s.clusterWriter(ctx, tx)
	if err != nil {
		return "", false, err
	}
	defer cw.close()
	id, saved, err := s.saveWith(ctx, tx, &txWriter{clusters: cw}, p, places, onlyNew)
	if err != nil {
		return "", false, err
	}
	if err := cw.flush(ctx); err != nil {
		return "", false, err
	}
	return id, saved, nil
}

// clusterWriter prepares a cluster writer in tx; the caller flushes and
// closes it.
func (s *Store) clusterWriter(ctx context.Context, tx *sql.Tx) (*clusterWriter, error) {
	return prepareClusterWriter(ctx, tx, s.stmts)
}

// txWriter is what the saves of one transaction share: the clusters they
// stage, and in a bulk transaction the spatial indexes it writes itself.
type txWriter struct {
	clusters *clusterWriter
	index    *bulkIndex // nil: the triggers write the index rows
}

// saveWith is save with the clusters staged in w, which the caller flushes.
func (s *Store) saveWith(ctx context.Context, tx *sql.Tx, w *txWriter, p *Parsed, places Places, onlyNew bool) (string, bool, error) {
	a := p.Article
	cw := w.clusters
	var existing, ingested, hash string
	err := tx.QueryRowContext(ctx, `SELECT id, ingested, hash FROM documents WHERE hash = ? OR id = ? ORDER BY hash = ? DESC LIMIT 1`,
		a.Hash, a.ID, a.Hash).Scan(&existing, &ingested, &hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", false, fmt.Errorf("news: look up hash: %w", err)
	}
	if err == nil {
		switch {
		case hash == a.Hash && (existing != a.ID || onlyNew):
			return existing, false, nil // the same text is stored already
		case onlyNew:
			return "", false, fmt.Errorf("%w: a document named %q is stored already; choose another name", ErrConflict, a.ID)
		}
	}
	now := s.now()
	if t, err := time.Parse(time.RFC3339, ingested); err == nil {
		now = t
	}
	if err == nil { // a document under this id is stored: it goes first
		// Its clusters are rebuilt from the stored rows: write the staged ones.
		if err := cw.flush(ctx); err != nil {
			return "", false, err
		}
		if err := deleteDocument(ctx, tx, a.ID, places); err != nil {
			return "", false, err
		}
	}
	if err := insertDocument(ctx, tx, p, now); err != nil {
		return "", false, err
	}
	if p.Signature.Shingles == nil {
		p.Signature = SignatureOf(a.Body)
	}
	if err := writeBands(ctx, tx, s.stmts, a.ID, p.Signature.Bands); err != nil {
		return "", false, err
	}
	if err := insertMentions(ctx, tx, s.stmts, w.index, a.ID, p.Mentions); err != nil {
		return "", false, err
	}
	// Each event is stored with its cluster: clustering reads clusters and
	// their documents, never the events.
	clusters := make(map[string]string, len(p.Events))
	for _, e := range sortedEvents(p.Events) {
		id, err := assignCluster(ctx, tx, cw, e, places)
		if err != nil {
			return "", false, err
		}
		clusters[e.ID] = id
	}
	if err := insertEvents(ctx, tx, s.stmts, w.index, p.Events, clusters, p.Mentions, p.Sites); err != nil {
		return "", false, err
	}
	if err := extendExtents(ctx, tx, p.Mentions, p.Events); err != nil {
		return "", false, err
	}
	return a.ID, true, nil
}

// inTx runs fn in one transaction and bumps the data version.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return versionedTx(ctx, s.db, fn)
}

// txBeginner is a database or one of its connections.
type txBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// versionedTx runs fn in one transaction on db and bumps the data version
// in it, so that caches of the news tables see the change.
func versionedTx(ctx context.Context, db txBeginner, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("news: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE news_state SET version = version + 1 WHERE one = 1`); err != nil {
		return fmt.Errorf("news: bump data version: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("news: commit: %w", err)
	}
	return nil
}

func deleteDocument(ctx context.Context, tx *sql.Tx, id string, places Places) error {
	// Events and mentions go with the document (ON DELETE CASCADE); clusters
	// that lose members are rebuilt by recluster.
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT cluster_id FROM events WHERE doc_id = ? AND cluster_id IS NOT NULL`, id)
	if err != nil {
		return fmt.Errorf("news: delete document: %w", err)
	}
	var clusters []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return fmt.Errorf("news: delete document: %w", err)
		}
		clusters = append(clusters, c)
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return fmt.Errorf("news: delete document: %w", err)
	}
	for _, c := range clusters {
		if err := rebuildCluster(ctx, tx, c, places.Within); err != nil {
			return err
		}
	}
	return nil
}

func dateOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format("2006-01-02")
}

func insertDocument(ctx context.Context, tx *sql.Tx, p *Parsed, now time.Time) error {
	a := p.Article
	naming, err := json.Marshal(p.Naming)
	if err != nil {
		return fmt.Errorf("news: encode naming profile: %w", err)
	}
	var published any
	if a.PublishedKnown {
		published = dateOrNil(a.Published)
	}
	// The canonical URL goes in with the row: updating it after rewrote the
	// whole row, body and raw text included.
	_, err = tx.ExecContext(ctx, `INSERT INTO documents (id, hash, title, author, outlet, outlet_name, perspective,
		published, published_precision, url, dateline, first_published_by, format, body, raw, naming,
		gazetteer_version, ingested, mention_count, event_count, language, canonical_url)
		VALUES (?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, ?, nullif(?, ''),
		nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''))`,
		a.ID, a.Hash, a.Title, a.Author, a.OutletID(), a.OutletName, string(a.Perspective()), published,
		int(a.PublishedPrecision), a.URL, a.Dateline, a.FirstPublishedBy, a.Format, a.Body, a.Raw, string(naming),
		p.GazetteerVersion, now.Format(time.RFC3339), len(p.Mentions), len(p.Events), a.Language, CanonicalURL(a.URL))
	if err != nil {
		return fmt.Errorf("news: insert document %s: %w", a.ID, err)
	}
	return nil
}

// mentionPoint is where a mention sits in the mentions layer: the place's
// representative point (the place id leads to its full geometry), or the
// built route itself.
func mentionPoint(m gazetteer.Mention) orb.Geometry {
	if m.Geometry == nil {
		return nil
	}
	if m.Place == nil {
		return m.Geometry
	}
	return m.Point
}

// insertMentions stores a document's mentions. In a bulk transaction (idx
// set) it gives them their row ids and writes their R-tree boxes itself.
func insertMentions(ctx context.Context, tx *sql.Tx, pc *stmtCache, idx *bulkIndex, doc string, ms []gazetteer.Mention) error {
	const width = 16
	args := make([]any, 0, width*len(ms))
	var boxes []any
	for _, m := range ms {
		geom, err := gpkg.EncodeGeometry(mentionPoint(m), 4326)
		if err != nil {
			return fmt.Errorf("news: mention %q: %w", m.Surface, err)
		}
		var fid any
		if idx != nil {
			fid = idx.nextMention
			idx.nextMention++
			box, ok, err := boxOf(geom)
			if err != nil {
				return fmt.Errorf("news: mention %q: %w", m.Surface, err)
			}
			if ok {
				boxes = append(boxes, fid, box[0], box[1], box[2], box[3])
			}
		}
		var placeID, name string
		if m.Place != nil {
			placeID, name = m.Place.ID, m.Place.Name
		}
		usages, _ := json.Marshal(m.Usages)
		cands, _ := json.Marshal(m.Candidates)
		var built any
		if len(m.BuiltFrom) > 0 {
			b, _ := json.Marshal(m.BuiltFrom)
			built = string(b)
		}
		var form any
		if m.Form != 0 {
			form = m.Form.String()
		}
		args = append(args, fid, geom, doc, m.Start, m.End, m.Surface, placeID, name, string(m.Kind),
			string(m.NameUsage), string(usages), m.Score, m.Rule, form, string(cands), built)
	}
	if err := insertRows(ctx, tx, pc, `INSERT INTO mentions (fid, geom, doc_id, start, "end", surface, place_id, name,
		kind, name_usage, usages, score, rule, form, candidates, built_from) VALUES `,
		`(?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?)`,
		width, args); err != nil {
		return fmt.Errorf("news: insert mentions of %s: %w", doc, err)
	}
	// As rtree_mentions_geom_insert does.
	if err := insertRows(ctx, tx, pc, `INSERT OR REPLACE INTO rtree_mentions_geom VALUES `, `(?, ?, ?, ?, ?)`,
		5, boxes); err != nil {
		return fmt.Errorf("news: index mentions of %s: %w", doc, err)
	}
	return nil
}

// insertEvents stores a document's events, each in its cluster. In a bulk
// transaction (idx set) it gives them their row ids and writes their rows
// of both R-trees itself.
func insertEvents(ctx context.Context, tx *sql.Tx, pc *stmtCache, idx *bulkIndex, events []Event, clusters map[string]string,
	ms []gazetteer.Mention, sites map[string]orb.Point) error {
	points := map[string]orb.Geometry{}
	for id, pt := range sites {
		points[id] = pt
	}
	for _, m := range ms {
		if m.Place != nil && m.Geometry != nil {
			points[m.Place.ID] = m.Point
		}
	}
	const width = 27
	args := make([]any, 0, width*len(events))
	var boxes, whens []any
	for _, e := range events {
		if e.Modality == "" {
			e.Modality = Reported // stored explicit, so the column and detail agree
		}
		geom, err := gpkg.EncodeGeometry(points[e.PlaceID], 4326)
		if err != nil {
			return fmt.Errorf("news: event %s: %w", e.ID, err)
		}
		detail, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("news: encode event %s: %w", e.ID, err)
		}
		date, end := dateOrNil(e.EventDate), dateOrNil(e.DateEnd)
		var fid any
		if idx != nil {
			fid = idx.nextEvt
			idx.nextEvt++
			box, ok, err := boxOf(geom)
			if err != nil {
				return fmt.Errorf("news: event %s: %w", e.ID, err)
			}
			if ok {
				boxes = append(boxes, fid, box[0], box[1], box[2], box[3])
			}
			if date != nil {
				// As events_when_insert does: no point, no place on the map.
				if !ok {
					box = [4]float64{1000, 1000, 1000, 1000}
				}
				last := date
				if end != nil {
					last = end
				}
				whens = append(whens, fid, box[0], box[1], box[2], box[3], date, last)
			}
		}
		var cluster any
		if c := clusters[e.ID]; c != "" {
			cluster = c
		}
		args = append(args, fid, geom, e.ID, e.Doc, date, end,
			int(e.TimePrecision), e.DateInherited, string(e.EventType), string(e.SubEventType), e.Actor1, e.Actor2,
			e.PlaceID, e.PlaceName, string(e.PlaceKind), e.GeoPrecision, e.Sentence, e.SentenceStart, e.SentenceEnd,
			e.Confidence, e.Rule, e.Outlet, string(e.Perspective), e.Source, string(e.Modality), cluster,
			string(detail))
	}
	if err := insertRows(ctx, tx, pc, `INSERT INTO events (fid, geom, id, doc_id, event_date, date_end, time_precision,
		date_inherited, event_type, sub_event_type, actor1, actor2, place_id, place_name, place_kind, geo_precision,
		sentence, sentence_start, sentence_end, confidence, rule, outlet, perspective, source, modality, cluster_id,
		detail) VALUES `, `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''),
		nullif(?, ''), ?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, ?)`,
		width, args); err != nil {
		return fmt.Errorf("news: insert events: %w", err)
	}
	// As rtree_events_geom_insert and events_when_insert do.
	if err := insertRows(ctx, tx, pc, `INSERT OR REPLACE INTO rtree_events_geom VALUES `, `(?, ?, ?, ?, ?)`,
		5, boxes); err != nil {
		return fmt.Errorf("news: index events: %w", err)
	}
	if err := insertRows(ctx, tx, pc, `INSERT INTO rtree_events_when VALUES `,
		`(?, ?, ?, ?, ?, julianday(?) - 2451544.5, julianday(?) - 2451544.5)`, 7, whens); err != nil {
		return fmt.Errorf("news: index events: %w", err)
	}
	return nil
}

// extendExtents grows the extents of the mentions and events layers to cover
// what was just stored: every mention's geometry, and the point of each
// event's place (which only some mentions have).
func extendExtents(ctx context.Context, tx *sql.Tx, ms []gazetteer.Mention, events []Event) error {
	var mentions, evs orb.Bound
	var anyMention, anyEvent bool
	used := make(map[string]bool, len(events))
	for _, e := range events {
		used[e.PlaceID] = true
	}
	grow := func(b *orb.Bound, found *bool, g orb.Geometry) {
		if !*found {
			*b, *found = g.Bound(), true
		} else {
			*b = b.Union(g.Bound())
		}
	}
	for _, m := range ms {
		g := mentionPoint(m)
		if g == nil {
			continue
		}
		grow(&mentions, &anyMention, g)
		if m.Place != nil && m.Geometry != nil && used[m.Place.ID] {
			grow(&evs, &anyEvent, m.Point)
		}
	}
	if anyMention {
		if err := gpkg.ExtendExtent(ctx, tx, "mentions", mentions); err != nil {
			return fmt.Errorf("news: %w", err)
		}
	}
	if anyEvent {
		if err := gpkg.ExtendExtent(ctx, tx, "events", evs); err != nil {
			return fmt.Errorf("news: %w", err)
		}
	}
	return nil
}

// sortedEvents returns events in the order clustering takes them.
func sortedEvents(events []Event) []Event {
	out := append([]Event(nil), events...)
	sort.SliceStable(out, func(i, j int) bool { return eventBefore(out[i], out[j]) })
	return out
}

// clusterRow is a stored cluster's summary: enough to decide whether a new
// report joins it without reading its members. Its dates are the range every
// member agrees on, so overlapping them is overlapping every member (in one
// dimension, intervals that pairwise overlap share a point).
type clusterRow struct {
	id, eventType, subType, actor1, placeID string
	date, dateEnd                           time.Time
	size                                    int
	outlets, perspectives                   []string
	confidence                              float64
}

func (c *clusterRow) fits(e Event, within func(child, parent string) bool) bool {
	if c.eventType != string(e.EventType) || c.subType != string(e.SubEventType) {
		return false
	}
	if c.placeID != e.PlaceID && !within(e.PlaceID, c.placeID) && !within(c.placeID, e.PlaceID) {
		return false
	}
	if e.SubEventType == Statement && e.Actor1 != "" && c.actor1 != "" && e.Actor1 != c.actor1 {
		return false
	}
	if es, ee, ok := e.Range(); ok && !c.date.IsZero() && (es.After(c.dateEnd) || c.date.After(ee)) {
		return false
	}
	return true
}

func (c *clusterRow) add(e Event, within func(child, parent string) bool) {
	c.size++
	if e.PlaceID != c.placeID && within(e.PlaceID, c.placeID) {
		c.placeID = e.PlaceID // the most specific place
	}
	if c.actor1 == "" {
		c.actor1 = e.Actor1
	}
	if s, end, ok := e.Range(); ok {
		if c.date.IsZero() || s.After(c.date) {
			c.date = s
		}
		if c.dateEnd.IsZero() || end.Before(c.dateEnd) {
			c.dateEnd = end
		}
	}
	if e.Outlet != "" {
		c.outlets = insertSorted(c.outlets, e.Outlet)
	}
	if e.Perspective != "" && !slices.Contains(c.perspectives, string(e.Perspective)) {
		var ps []string
		for _, p := range Perspectives {
			if p == e.Perspective || slices.Contains(c.perspectives, string(p)) {
				ps = append(ps, string(p))
			}
		}
		c.perspectives = ps
	}
	c.confidence = max(c.confidence, e.Confidence)
}

func insertSorted(s []string, v string) []string {
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}

// assignCluster puts a new event in the cluster of reports of the same
// event, as ClusterEvents would: the earliest fitting cluster for a dated
// event; for an undated one, the cluster only when exactly one fits;
// otherwise a cluster of its own. Only cluster summaries are read, and
// whether the event's document reports a cluster already is one lookup in
// cluster_documents, so ingesting stays fast however large a cluster grows.
func assignCluster(ctx context.Context, tx *sql.Tx, cw *clusterWriter, e Event, places Places) (string, error) {
	relatedIDs := places.Related(e.PlaceID)
	related, _ := json.Marshal(relatedIDs)
	// An undated report only needs to know whether one cluster or several
	// fit, so its candidates stream unsorted and the scan stops at the second.
	es, ee, dated := e.Range()
	var rows *sql.Rows
	var err error
	if dated {
		rows, err = cw.datedCandidates.QueryContext(ctx, e.Doc, string(e.SubEventType), string(related),
			ee.Format("2006-01-02"), es.Format("2006-01-02"))
	} else {
		rows, err = cw.candidates.QueryContext(ctx, e.Doc, string(e.SubEventType), string(related))
	}
	if err != nil {
		return "", fmt.Errorf("news: cluster: %w", err)
	}
	defer rows.Close()
	// The clusters this transaction changed and has not written yet are
	// candidates as they are now, in the order the query would give them.
	staged := cw.stagedCandidates(e, relatedIDs, dated, es, ee)
	var fit *clusterRow
	fits := 0
	var scanErr error
	// consider reports whether the scan is over; reported says whether the
	// event's document reports the cluster already (two reports in one
	// article are two events), nil to look it up.
	consider := func(c *clusterRow, reported *bool) bool {
		if !c.fits(e, places.Within) {
			return false
		}
		if reported == nil {
			in, err := cw.reports(ctx, c.id, e.Doc)
			if err != nil {
				scanErr = err
				return true
			}
			reported = &in
		}
		if *reported {
			return false
		}
		fits++
		if fit == nil {
			fit = c
		}
		return dated || fits > 1 // a dated report takes the earliest fit; an undated one only a sole fit
	}
	done := false
	for !done && rows.Next() {
		var c clusterRow
		var date, dateEnd, outlets, persp string
		var reported bool
		if err := rows.Scan(&c.id, &c.eventType, &c.subType, &c.actor1, &c.placeID, &date, &dateEnd, &c.size,
			&outlets, &persp, &c.confidence, &reported); err != nil {
			return "", fmt.Errorf("news: cluster: %w", err)
		}
		if _, ok := cw.staged[c.id]; ok {
			continue // its stored row is out of date
		}
		c.date, _ = time.Parse("2006-01-02", date)
		c.dateEnd, _ = time.Parse("2006-01-02", dateEnd)
		for len(staged) > 0 && dated && clusterOrder(staged[0], &c) < 0 && !done {
			done = consider(staged[0], nil)
			staged = staged[1:]
		}
		if done || reported || !c.fits(e, places.Within) {
			continue
		}
		_ = json.Unmarshal([]byte(outlets), &c.outlets)
		_ = json.Unmarshal([]byte(persp), &c.perspectives)
		done = consider(&c, &reported)
	}
	if scanErr != nil {
		return "", scanErr
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	rows.Close()
	for len(staged) > 0 && !done {
		done = consider(staged[0], nil)
		staged = staged[1:]
	}
	if scanErr != nil {
		return "", scanErr
	}
	if fit == nil || (!dated && fits > 1) {
		fit = &clusterRow{id: clusterID(e.ID), eventType: string(e.EventType), subType: string(e.SubEventType), placeID: e.PlaceID}
	}
	fit.add(e, places.Within)
	return fit.id, cw.stage(ctx, fit, e)
}

// clusterOrder orders clusters as the dated candidates query does: undated
// last, then by date, then by id.
func clusterOrder(a, b *clusterRow) int {
	if a.date.IsZero() != b.date.IsZero() {
		if a.date.IsZero() {
			return 1
		}
		return -1
	}
	if c := a.date.Compare(b.date); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// clusterWriter reads and writes cluster rows and memberships with
// statements prepared once per save: each of a document's events uses them.
type clusterWriter struct {
	candidates, datedCandidates *sql.Stmt
	upsert, report              *sql.Stmt
	reported                    *sql.Stmt
	// staged are the clusters changed and not yet written, by id, with
	// when each was last changed: a batch writes a cluster once, not once
	// for every report that joins it.
	staged map[string]*stagedCluster
	seq    int
}

type stagedCluster struct {
	*clusterRow
	last int
}

// clusterCandidates selects the clusters of a sub-type at one of the places
// in a JSON list, each with whether a document reports it already.
const clusterCandidates = `SELECT id, event_type, sub_event_type, coalesce(actor1, ''), coalesce(place_id, ''),
	coalesce(date, ''), coalesce(date_end, ''), size, outlets, perspectives, confidence,
	EXISTS (SELECT 1 FROM cluster_documents m WHERE m.cluster_id = clusters.id AND m.doc_id = ?) FROM clusters
	WHERE sub_event_type = ? AND place_id IN (SELECT value FROM json_each(?))`

// prepareClusterWriter prepares the statements in tx, which closes them
// when it ends if close has not.
func prepareClusterWriter(ctx context.Context, tx *sql.Tx, pc *stmtCache) (*clusterWriter, error) {
	var w clusterWriter
	for _, st := range []struct {
		stmt **sql.Stmt
		q    string
	}{
		{&w.candidates, clusterCandidates},
		// The earliest fitting cluster wins, so the candidates come in date order.
		{&w.datedCandidates, clusterCandidates + ` AND (date IS NULL OR (date <= ? AND date_end >= ?))
			ORDER BY date IS NULL, date, id`},
		{&w.upsert, `INSERT OR REPLACE INTO clusters (id, event_type, sub_event_type, actor1, place_id, date,
			date_end, time_precision, size, outlets, perspectives, confidence)
			VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?, ?)`},
		{&w.report, `INSERT OR IGNORE INTO cluster_documents (cluster_id, doc_id) VALUES (?, ?)`},
		{&w.reported, `SELECT EXISTS (SELECT 1 FROM cluster_documents WHERE cluster_id = ? AND doc_id = ?)`},
	} {
		stmt, err := pc.in(ctx, tx, st.q)
		if err != nil {
			return nil, fmt.Errorf("news: prepare cluster statements: %w", err)
		}
		*st.stmt = stmt
	}
	return &w, nil
}

func (w *clusterWriter) close() {
	for _, st := range []*sql.Stmt{w.candidates, w.datedCandidates, w.upsert, w.report, w.reported} {
		st.Close()
	}
}

// reports says whether document doc reports cluster id already.
func (w *clusterWriter) reports(ctx context.Context, id, doc string) (bool, error) {
	var in bool
	if err := w.reported.QueryRowContext(ctx, id, doc).Scan(&in); err != nil {
		return false, fmt.Errorf("news: cluster: %w", err)
	}
	return in, nil
}

// stage puts event e in cluster c, whose row is written by flush; its
// document's membership is written at once, and the event is stored with
// its cluster id by the caller.
func (w *clusterWriter) stage(ctx context.Context, c *clusterRow, e Event) error {
	if w.staged == nil {
		w.staged = map[string]*stagedCluster{}
	}
	w.seq++
	w.staged[c.id] = &stagedCluster{clusterRow: c, last: w.seq}
	if _, err := w.report.ExecContext(ctx, c.id, e.Doc); err != nil {
		return fmt.Errorf("news: write cluster: %w", err)
	}
	return nil
}

// stagedCandidates are the staged clusters the candidates query would
// select for e, in its order.
func (w *clusterWriter) stagedCandidates(e Event, related []string, dated bool, es, ee time.Time) []*clusterRow {
	var out []*clusterRow
	for _, c := range w.staged {
		if c.subType != string(e.SubEventType) || !slices.Contains(related, c.placeID) {
			continue
		}
		if dated && !c.date.IsZero() && (c.date.After(ee) || c.dateEnd.Before(es)) {
			continue
		}
		out = append(out, c.clusterRow)
	}
	slices.SortFunc(out, clusterOrder)
	return out
}

// flush writes the staged clusters, in the order they were last changed
// (the order writing each at once would have left them in).
func (w *clusterWriter) flush(ctx context.Context) error {
	staged := make([]*stagedCluster, 0, len(w.staged))
	for _, c := range w.staged {
		staged = append(staged, c)
	}
	slices.SortFunc(staged, func(a, b *stagedCluster) int { return a.last - b.last })
	for _, c := range staged {
		if err := w.write(ctx, c.clusterRow); err != nil {
			return err
		}
	}
	clear(w.staged)
	return nil
}

// write writes the cluster's row.
func (w *clusterWriter) write(ctx context.Context, c *clusterRow) error {
	outlets, _ := json.Marshal(nonNil(c.outlets))
	persp, _ := json.Marshal(nonNil(c.perspectives))
	prec := 0
	if !c.date.IsZero() {
		prec = int(precisionOf(c.date, c.dateEnd))
	}
	if _, err := w.upsert.ExecContext(ctx, c.id, c.eventType, c.subType, c.actor1, c.placeID, dateOrNil(c.date),
		dateOrNil(c.dateEnd), prec, c.size, string(outlets), string(persp), c.confidence); err != nil {
		return fmt.Errorf("news: write cluster: %w", err)
	}
	return nil
}

// setReports makes docs the documents that report cluster id.
func setReports(ctx context.Context, tx *sql.Tx, id string, docs []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM cluster_documents WHERE cluster_id = ?`, id); err != nil {
		return fmt.Errorf("news: write cluster: %w", err)
	}
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO cluster_documents (cluster_id, doc_id) VALUES (?, ?)`,
			id, d); err != nil {
			return fmt.Errorf("news: write cluster: %w", err)
		}
	}
	return nil
}

func writeCluster(ctx context.Context, tx *sql.Tx, c Cluster) error {
	outlets, _ := json.Marshal(nonNil(c.Outlets))
	persp := make([]string, len(c.Perspectives))
	for i, p := range c.Perspectives {
		persp[i] = string(p)
	}
	perspectives, _ := json.Marshal(persp)
	actor1 := ""
	for _, e := range c.Events {
		if e.Actor1 != "" {
			actor1 = e.Actor1
			break
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO clusters (id, event_type, sub_event_type, actor1, place_id, date,
		date_end, time_precision, size, outlets, perspectives, confidence)
		VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, string(c.EventType), string(c.SubEventType), actor1, c.PlaceID, dateOrNil(c.Date), dateOrNil(c.DateEnd),
		int(c.TimePrecision), len(c.Events), string(outlets), string(perspectives), c.Confidence); err != nil {
		return fmt.Errorf("news: write cluster: %w", err)
	}
	if err := setReports(ctx, tx, c.ID, c.Documents); err != nil {
		return err
	}
	for _, e := range c.Events {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET cluster_id = ? WHERE id = ?`, c.ID, e.ID); err != nil {
			return fmt.Errorf("news: write cluster: %w", err)
		}
	}
	return nil
}

// rebuildCluster recomputes a cluster from its remaining members after a
// document left it.
func rebuildCluster(ctx context.Context, tx *sql.Tx, id string, within func(child, parent string) bool) error {
	rows, err := tx.QueryContext(ctx, `SELECT detail FROM events WHERE cluster_id = ?`, id)
	if err != nil {
		return fmt.Errorf("news: rebuild cluster: %w", err)
	}
	var members []Event
	for rows.Next() {
		var detail string
		if err := rows.Scan(&detail); err != nil {
			rows.Close()
			return fmt.Errorf("news: rebuild cluster: %w", err)
		}
		var e Event
		if err := json.Unmarshal([]byte(detail), &e); err != nil {
			rows.Close()
			return fmt.Errorf("news: rebuild cluster: %w", err)
		}
		members = append(members, e)
	}
	rows.Close()
	for _, q := range []string{`DELETE FROM clusters WHERE id = ?`, `DELETE FROM cluster_documents WHERE cluster_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("news: rebuild cluster: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET cluster_id = NULL WHERE cluster_id = ?`, id); err != nil {
		return fmt.Errorf("news: rebuild cluster: %w", err)
	}
	for _, c := range ClusterEvents(members, within) {
		if err := writeCluster(ctx, tx, c); err != nil {
			return err
		}
		// Reports of the members' documents (near-duplicates from other
		// outlets) stay sources of the event.
		if err := refreshSources(ctx, tx, c.ID); err != nil {
			return err
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DocumentSummary is one line of the document list.
type DocumentSummary struct {
	ID          string      `json:"id"`
	Title       string      `json:"title,omitempty"`
	Outlet      string      `json:"outlet,omitempty"`
	OutletName  string      `json:"outlet_name,omitempty"`
	Perspective Perspective `json:"perspective,omitempty"`
	Published   string      `json:"published,omitempty"`
	URL         string      `json:"url,omitempty"`
	Dateline    string      `json:"dateline,omitempty"`
	Language    string      `json:"language,omitempty"`
	// DuplicateOf is the document this one is another report of (a
	// near-duplicate from another outlet, or merged into it).
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	Mentions    int       `json:"mentions"`
	Events      int       `json:"events"`
	Naming      Profile   `json:"naming"`
	Ingested    time.Time `json:"ingested"`
}

const documentSummaryColumns = `id, coalesce(title, ''), coalesce(outlet, ''), coalesce(outlet_name, ''),
	coalesce(perspective, ''), coalesce(published, ''), coalesce(url, ''), coalesce(dateline, ''),
	coalesce(language, ''), coalesce(duplicate_of, ''), mention_count, event_count, naming, ingested`

func scanSummary(r interface{ Scan(...any) error }) (DocumentSummary, error) {
	var d DocumentSummary
	var naming, ingested, persp string
	err := r.Scan(&d.ID, &d.Title, &d.Outlet, &d.OutletName, &persp, &d.Published, &d.URL, &d.Dateline,
		&d.Language, &d.DuplicateOf, &d.Mentions, &d.Events, &naming, &ingested)
	if err != nil {
		return d, err
	}
	d.Perspective = Perspective(persp)
	_ = json.Unmarshal([]byte(naming), &d.Naming)
	d.Ingested, _ = time.Parse(time.RFC3339, ingested)
	return d, nil
}

// Documents lists every stored document, newest publication first.
func (s *Store) Documents(ctx context.Context) ([]DocumentSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+documentSummaryColumns+` FROM documents
		ORDER BY published IS NULL, published DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("news: list documents: %w", err)
	}
	defer rows.Close()
	out := []DocumentSummary{}
	for rows.Next() {
		d, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("news: list documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// StoredMention is a mention as stored: offsets into the document body.
type StoredMention struct {
	Start      int                   `json:"start"`
	End        int                   `json:"end"`
	Surface    string                `json:"surface"`
	PlaceID    string                `json:"place_id,omitempty"`
	Name       string                `json:"name,omitempty"`
	Kind       string                `json:"kind,omitempty"`
	NameUsage  string                `json:"name_usage,omitempty"`
	Usages     []string              `json:"name_usages,omitempty"`
	Score      float64               `json:"score"`
	Rule       string                `json:"rule"`
	Form       string                `json:"form,omitempty"`
	Candidates []gazetteer.Candidate `json:"candidates"`
	Geometry   orb.Geometry          `json:"-"`
}

// Document is a stored document with everything found in it.
type Document struct {
	DocumentSummary
	Author           string          `json:"author,omitempty"`
	FirstPublishedBy string          `json:"first_published_by,omitempty"`
	Body             string          `json:"text"`
	Mentions         []StoredMention `json:"mentions"`
	Events           []Event         `json:"events"`
}

// Document returns one stored document by id.
func (s *Store) Document(ctx context.Context, id string) (*Document, error) {
	var d Document
	row := s.db.QueryRowContext(ctx, `SELECT `+documentSummaryColumns+`, coalesce(author, ''),
		coalesce(first_published_by, ''), body FROM documents WHERE id = ?`, id)
	var naming, ingested, persp string
	err := row.Scan(&d.ID, &d.Title, &d.Outlet, &d.OutletName, &persp, &d.Published, &d.URL, &d.Dateline,
		&d.Language, &d.DuplicateOf, &d.DocumentSummary.Mentions, &d.DocumentSummary.Events, &naming, &ingested, &d.Author, &d.FirstPublishedBy, &d.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("news: get document: %w", err)
	}
	d.Perspective = Perspective(persp)
	_ = json.Unmarshal([]byte(naming), &d.Naming)
	d.Ingested, _ = time.Parse(time.RFC3339, ingested)
	if d.Mentions, err = s.mentionsOf(ctx, id); err != nil {
		return nil, err
	}
	if d.Events, err = s.eventsOf(ctx, `doc_id = ?`, id); err != nil {
		return nil, err
	}
	return &d, nil
}

func (s *Store) mentionsOf(ctx context.Context, doc string) ([]StoredMention, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT geom, start, "end", surface, coalesce(place_id, ''), coalesce(name, ''),
		coalesce(kind, ''), coalesce(name_usage, ''), coalesce(usages, 'null'), score, rule, coalesce(form, ''), candidates
		FROM mentions WHERE doc_id = ? ORDER BY start`, doc)
	if err != nil {
		return nil, fmt.Errorf("news: mentions: %w", err)
	}
	defer rows.Close()
	out := []StoredMention{}
	for rows.Next() {
		var m StoredMention
		var blob []byte
		var usages, cands string
		if err := rows.Scan(&blob, &m.Start, &m.End, &m.Surface, &m.PlaceID, &m.Name, &m.Kind, &m.NameUsage,
			&usages, &m.Score, &m.Rule, &m.Form, &cands); err != nil {
			return nil, fmt.Errorf("news: mentions: %w", err)
		}
		_ = json.Unmarshal([]byte(usages), &m.Usages)
		_ = json.Unmarshal([]byte(cands), &m.Candidates)
		if m.Candidates == nil {
			m.Candidates = []gazetteer.Candidate{}
		}
		if g, _, err := gpkg.DecodeGeometry(blob); err == nil {
			m.Geometry = g
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// StoredEvent is an event with its cluster and where it sits on the map.
type StoredEvent struct {
	Event
	ClusterID string
	Point     orb.Geometry
}

func (s *Store) eventsOf(ctx context.Context, where string, args ...any) ([]Event, error) {
	evs, err := s.storedEvents(ctx, where, args...)
	if err != nil {
		return nil, err
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = e.Event
	}
	return out, nil
}

func (s *Store) storedEvents(ctx context.Context, where string, args ...any) ([]StoredEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT detail, coalesce(cluster_id, ''), geom FROM events WHERE `+where+` ORDER BY fid`, args...)
	if err != nil {
		return nil, fmt.Errorf("news: events: %w", err)
	}
	defer rows.Close()
	out := []StoredEvent{}
	for rows.Next() {
		var detail string
		var e StoredEvent
		var blob []byte
		if err := rows.Scan(&detail, &e.ClusterID, &blob); err != nil {
			return nil, fmt.Errorf("news: events: %w", err)
		}
		if err := json.Unmarshal([]byte(detail), &e.Event); err != nil {
			return nil, fmt.Errorf("news: events: %w", err)
		}
		if g, _, err := gpkg.DecodeGeometry(blob); err == nil {
			e.Point = g
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Counts returns how many documents, mentions, events and clusters are stored.
func (s *Store) Counts(ctx context.Context) (docs, mentions, events, clusters int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions),
		(SELECT count(*) FROM events), (SELECT count(*) FROM clusters)`).Scan(&docs, &mentions, &events, &clusters)
	if err != nil {
		err = fmt.Errorf("news: counts: %w", err)
	}
	return
}

// DocumentIDs lists the ids of every stored document (for re-geoparsing).
func (s *Store) DocumentIDs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM documents ORDER BY fid`)
	if err != nil {
		return nil, fmt.Errorf("news: document ids: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Raw returns the stored raw text of a document, to parse it again.
func (s *Store) Raw(ctx context.Context, id string) (string, error) {
	raw, _, err := s.RawFormat(ctx, id)
	return raw, err
}

// RawFormat returns the stored raw text of a document and the format it was
// read as (FormatRaw: the whole text was kept as the body).
func (s *Store) RawFormat(ctx context.Context, id string) (raw, format string, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT raw, coalesce(format, '') FROM documents WHERE id = ?`, id).Scan(&raw, &format)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	if err != nil {
		return "", "", fmt.Errorf("news: raw text: %w", err)
	}
	return raw, format, nil
}
