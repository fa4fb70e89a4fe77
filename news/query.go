package news

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo"
	"dateline/geo/gpkg"
)

// EventQuery selects stored events for the feature API and the downloads.
// The zero value selects every event.
type EventQuery struct {
	// BBox keeps the events whose point lies in the box (longitude/latitude;
	// edges included). A box with Min[0] > Max[0] crosses the antimeridian.
	// Events without a point never match a box.
	BBox *orb.Bound
	// Start and End bound the instants asked for; a zero time leaves that
	// end open. An event matches when the days it may have happened on
	// ([event_date, date_end], whole days in UTC) overlap [Start, End].
	// Undated events match only when both are zero.
	Start, End time.Time
	// Each list keeps the events with one of its values; empty means any.
	EventTypes, SubEventTypes, Outlets, Perspectives, PlaceIDs, ClusterIDs []string
	// Modalities keeps the events the text holds so (reported, planned,
	// threatened, denied); Sources those claimed by one of these sources.
	Modalities, Sources []string
	// Actors keeps the events with one of these actors as actor1 or actor2;
	// Precisions those with one of these geo_precision values (1 at the
	// place, 2 near it, 3 only the region).
	Actors     []string
	Precisions []int
	// Keyword keeps the events whose sentence or place name holds every word
	// of it as a whole word, compared as gazetteer.NormalizeName folds them
	// (case, diacritics and punctuation ignored). It is answered from the
	// in-memory map index (see mapIndex).
	Keyword string
	// Limit caps the number of events returned (<= 0: no cap); Offset skips
	// that many matches first. Matches come in Order; ties, and every match
	// of the zero Order, in the order they were stored, which is stable
	// across requests, so pages never overlap.
	Limit, Offset int
	Order         Order
}

// Order is the order events are returned in.
type Order int

// The orders of EventQuery: as stored, by date newest first, oldest first.
// By date, an event is placed by its first day; undated events come last,
// and events of the same day newest stored first (OrderNewest) or oldest
// stored first (OrderOldest).
const (
	OrderStored Order = iota
	OrderNewest
	OrderOldest
)

// PerspectiveUnknown, in EventQuery.Perspectives, stands for the events of
// outlets whose perspective is not known (or of no outlet at all).
const PerspectiveUnknown = "unknown"

// byIndex reports whether q is answered from the in-memory map index rather
// than SQL: a keyword, a date order or the unknown perspective need it.
func (q EventQuery) byIndex() bool {
	return q.Keyword != "" || q.Order != OrderStored || slices.Contains(q.Perspectives, PerspectiveUnknown)
}

// Validate checks the query's rules and returns a *ValidationError naming
// the first field that breaks one.
func (q EventQuery) Validate() error {
	if err := validBBox(q.BBox); err != nil {
		return err
	}
	if !q.Start.IsZero() && !q.End.IsZero() && q.End.Before(q.Start) {
		return &ValidationError{"datetime", "the interval ends before it starts"}
	}
	for _, t := range q.EventTypes {
		if !EventType(t).Valid() {
			return &ValidationError{"event_type", fmt.Sprintf("unknown event type %q", t)}
		}
	}
	for _, t := range q.SubEventTypes {
		if !SubEventType(t).Valid() {
			return &ValidationError{"sub_event_type", fmt.Sprintf("unknown sub-event type %q", t)}
		}
	}
	for _, p := range q.Perspectives {
		if !Perspective(p).Valid() && p != PerspectiveUnknown {
			return &ValidationError{"perspective", fmt.Sprintf("unknown perspective %q", p)}
		}
	}
	for _, m := range q.Modalities {
		if m == "" || !Modality(m).Valid() {
			return &ValidationError{"modality", fmt.Sprintf("unknown modality %q", m)}
		}
	}
	for _, p := range q.Precisions {
		if p < 1 || p > 3 {
			return &ValidationError{"precision", fmt.Sprintf("geo precision %d is not 1, 2 or 3", p)}
		}
	}
	if q.Keyword != "" && len(keywords(q.Keyword)) == 0 {
		return &ValidationError{"q", fmt.Sprintf("%q has no letters or digits to look for", q.Keyword)}
	}
	if q.Offset < 0 {
		return &ValidationError{"offset", "must not be negative"}
	}
	if q.Order < OrderStored || q.Order > OrderOldest {
		return &ValidationError{"sortby", fmt.Sprintf("unknown order %d", q.Order)}
	}
	return nil
}

// MentionQuery selects stored mentions. The zero value selects every mention.
type MentionQuery struct {
	// BBox keeps the mentions whose geometry shares a point with the box.
	BBox *orb.Bound
	// DocID keeps the mentions of one document; PlaceIDs those resolved to
	// one of these places.
	DocID    string
	PlaceIDs []string
	// Limit and Offset page through the matches as in EventQuery.
	Limit, Offset int
}

// Validate checks the query's rules.
func (q MentionQuery) Validate() error {
	if err := validBBox(q.BBox); err != nil {
		return err
	}
	if q.Offset < 0 {
		return &ValidationError{"offset", "must not be negative"}
	}
	return nil
}

func validBBox(b *orb.Bound) error {
	if b == nil {
		return nil
	}
	if err := geo.ValidateBBox(*b); err != nil {
		return &ValidationError{"bbox", err.Error()}
	}
	return nil
}

// EventRecord is a stored event with what a reader of it wants beside it:
// its document's address and title, its outlet's name, and the other
// reports of the same event (the rest of its cluster).
type EventRecord struct {
	StoredEvent
	URL        string
	Title      string
	OutletName string
	// Reports are the cluster's other members, in the order they were stored;
	// empty when the event is in no cluster or alone in it.
	Reports []Report
}

// Report is one report of an event, as listed beside another report of it.
type Report struct {
	EventID     string      `json:"event_id"`
	Doc         string      `json:"doc"`
	Outlet      string      `json:"outlet"`
	OutletName  string      `json:"outlet_name"`
	Perspective Perspective `json:"perspective"`
	Sentence    string      `json:"sentence"`
	URL         string      `json:"url"`
}

// MentionRecord is a stored mention with its document.
type MentionRecord struct {
	StoredMention
	Doc       string
	BuiltFrom []string // the place ids a built route joins
}

// QueryEvents calls yield for every event of the page q selects, in the
// order they were stored, and returns how many events match in all. The
// count is exact: a three-dimensional R-tree over each event's point and
// days (migration 0002) finds the candidates of a bbox and datetime query
// together; those whose float32 index box straddles an edge of the bbox are
// tested exactly on their point. It reads one snapshot, so the count and
// the page agree while documents are being added. An error from yield stops
// the walk and is returned as it is.
func (s *Store) QueryEvents(ctx context.Context, q EventQuery, yield func(*EventRecord) error) (matched int, err error) {
	if err := q.Validate(); err != nil {
		return 0, err
	}
	m := eventMatch(q)
	err = s.read(ctx, func(conn *sql.Conn) error {
		page := m.page
		if q.byIndex() {
			page = func(ctx context.Context, conn *sql.Conn, limit, offset int) ([]int64, int, error) {
				return s.indexPage(ctx, conn, q, limit, offset)
			}
		}
		ids, n, err := page(ctx, conn, q.Limit, q.Offset)
		if err != nil {
			return err
		}
		matched = n
		return s.eachEvent(ctx, conn, ids, yield)
	})
	return matched, err
}

// Event returns one stored event by its id.
func (s *Store) Event(ctx context.Context, id string) (*EventRecord, error) {
	var out *EventRecord
	err := s.read(ctx, func(conn *sql.Conn) error {
		var fid int64
		err := conn.QueryRowContext(ctx, `SELECT fid FROM events WHERE id = ?`, id).Scan(&fid)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: event %q", ErrNotFound, id)
		}
		if err != nil {
			return fmt.Errorf("news: event %s: %w", id, err)
		}
		return s.eachEvent(ctx, conn, []int64{fid}, func(r *EventRecord) error {
			out = r
			return nil
		})
	})
	return out, err
}

// QueryMentions calls yield for every mention of the page q selects, in the
// order they were stored (by document, then by offset), and returns how many
// mentions match in all.
func (s *Store) QueryMentions(ctx context.Context, q MentionQuery, yield func(*MentionRecord) error) (matched int, err error) {
	if err := q.Validate(); err != nil {
		return 0, err
	}
	m := match{table: "mentions", boxes: boxes(q.BBox)}
	if q.BBox != nil {
		m.rtree = "rtree_mentions_geom"
	}
	if q.DocID != "" {
		m.where = append(m.where, "t.doc_id = ?")
		m.args = append(m.args, q.DocID)
		m.selective = true
	}
	if len(q.PlaceIDs) > 0 {
		m.in("t.place_id", q.PlaceIDs)
		m.selective = true
	}
	err = s.read(ctx, func(conn *sql.Conn) error {
		ids, n, err := m.page(ctx, conn, q.Limit, q.Offset)
		if err != nil {
			return err
		}
		matched = n
		return eachMention(ctx, conn, ids, yield)
	})
	return matched, err
}

// Mention returns the mention of a document that starts at byte start.
func (s *Store) Mention(ctx context.Context, doc string, start int) (*MentionRecord, error) {
	var out *MentionRecord
	err := s.read(ctx, func(conn *sql.Conn) error {
		var fid int64
		err := conn.QueryRowContext(ctx, `SELECT fid FROM mentions WHERE doc_id = ? AND start = ?`, doc, start).Scan(&fid)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: mention %s:%d", ErrNotFound, doc, start)
		}
		if err != nil {
			return fmt.Errorf("news: mention: %w", err)
		}
		return eachMention(ctx, conn, []int64{fid}, func(r *MentionRecord) error {
			out = r
			return nil
		})
	})
	return out, err
}

// Extent is where and when the features of a layer lie; nil and zero parts
// are unknown (no geometries, no dates).
type Extent struct {
	BBox       *orb.Bound
	Start, End time.Time // the first and the last day, inclusive
}

// EventExtent returns the bounding box of the events' points and the span
// of their dates.
func (s *Store) EventExtent(ctx context.Context) (Extent, error) {
	var ext Extent
	err := s.read(ctx, func(conn *sql.Conn) error {
		var err error
		if ext.BBox, err = exactBound(ctx, conn, "events", "rtree_events_geom"); err != nil {
			return err
		}
		// min(event_date) is one step down the date index; max(date_end)
		// reads the whole of it, which the server's per-version cache pays once.
		var first, last sql.NullString
		if err := conn.QueryRowContext(ctx, `SELECT (SELECT min(event_date) FROM events), (SELECT max(date_end) FROM events)`).
			Scan(&first, &last); err != nil {
			return fmt.Errorf("news: event extent: %w", err)
		}
		if first.Valid && last.Valid {
			if ext.Start, err = time.Parse(time.DateOnly, first.String); err != nil {
				return fmt.Errorf("news: event extent: %w", err)
			}
			if ext.End, err = time.Parse(time.DateOnly, last.String); err != nil {
				return fmt.Errorf("news: event extent: %w", err)
			}
		}
		return nil
	})
	return ext, err
}

// MentionExtent returns the bounding box of the mentions' geometries.
func (s *Store) MentionExtent(ctx context.Context) (Extent, error) {
	var ext Extent
	err := s.read(ctx, func(conn *sql.Conn) error {
		var err error
		ext.BBox, err = exactBound(ctx, conn, "mentions", "rtree_mentions_geom")
		return err
	})
	return ext, err
}

// rtreeSlack bounds how far an R-tree coordinate lies from the float64 it
// stands for: one float32 step at 180 degrees is 2^-16 (1.5e-5).
const rtreeSlack = 1e-4

// exactBound returns the bounding box of a feature table's geometries, nil
// when it has none. The R-tree gives it to within rtreeSlack; only the rows
// that close to one of its edges are read to make it exact. (gpkg_contents
// may hold a larger box: it only grows as documents come and go.)
func exactBound(ctx context.Context, conn *sql.Conn, table, rtree string) (*orb.Bound, error) {
	var minX, minY, maxX, maxY sql.NullFloat64
	if err := conn.QueryRowContext(ctx, `SELECT min(minx), min(miny), max(maxx), max(maxy) FROM `+rtree).
		Scan(&minX, &minY, &maxX, &maxY); err != nil {
		return nil, fmt.Errorf("news: extent of %s: %w", table, err)
	}
	if !minX.Valid {
		return nil, nil
	}
	rows, err := conn.QueryContext(ctx, `SELECT t.geom FROM `+rtree+` r CROSS JOIN `+table+` t ON t.fid = r.id
		WHERE r.minx <= ? OR r.miny <= ? OR r.maxx >= ? OR r.maxy >= ?`,
		minX.Float64+rtreeSlack, minY.Float64+rtreeSlack, maxX.Float64-rtreeSlack, maxY.Float64-rtreeSlack)
	if err != nil {
		return nil, fmt.Errorf("news: extent of %s: %w", table, err)
	}
	defer rows.Close()
	var box *orb.Bound
	for rows.Next() {
		var blob []byte
		if err := rows.Scan(&blob); err != nil {
			return nil, fmt.Errorf("news: extent of %s: %w", table, err)
		}
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil {
			return nil, fmt.Errorf("news: extent of %s: %w", table, err)
		}
		if g == nil {
			continue
		}
		if b := g.Bound(); box == nil {
			box = &b
		} else {
			*box = box.Union(b)
		}
	}
	return box, rows.Err()
}

// Changed returns the news data version (see DataVersion) and when the news
// tables last changed, in one read. Caches key on the version; the time
// stamps what they serve.
func (s *Store) Changed(ctx context.Context) (version int64, at time.Time, err error) {
	var last sql.NullString
	err = s.db.QueryRowContext(ctx, `
		SELECT s.version, (SELECT max(last_change) FROM gpkg_contents WHERE table_name IN ('events', 'mentions'))
		FROM news_state s WHERE s.one = 1`).Scan(&version, &last)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("news: read data version: %w", err)
	}
	if last.Valid {
		// GeoPackage writes last_change as %Y-%m-%dT%H:%M:%fZ, which RFC 3339 parsing accepts.
		if at, err = time.Parse(time.RFC3339, last.String); err != nil {
			return 0, time.Time{}, fmt.Errorf("news: read last change: %w", err)
		}
	}
	return version, at.UTC(), nil
}

// dayZero is day 0 of rtree_events_when's time axis, 2000-01-01 in Unix seconds.
const dayZero = 946684800

// dayNumber is the day (UTC) an instant falls on, counted from 2000-01-01.
func dayNumber(t time.Time) float64 {
	secs := t.Unix() - dayZero
	days := secs / 86400
	if secs%86400 < 0 {
		days--
	}
	return float64(days)
}

// eventMatch turns an event query into the match that finds its events:
// with a datetime, in the space-and-time R-tree; with a bbox alone, in the
// GeoPackage R-tree (which also holds undated events); otherwise in the
// table.
func eventMatch(q EventQuery) match {
	m := match{table: "events", boxes: boxes(q.BBox)}
	switch {
	case !q.Start.IsZero() || !q.End.IsZero():
		m.rtree = "rtree_events_when"
		if !q.Start.IsZero() {
			m.days = append(m.days, "r.maxd >= ?")
			m.dayArgs = append(m.dayArgs, dayNumber(q.Start))
		}
		if !q.End.IsZero() {
			m.days = append(m.days, "r.mind <= ?")
			m.dayArgs = append(m.dayArgs, dayNumber(q.End))
		}
	case q.BBox != nil:
		m.rtree = "rtree_events_geom"
	}
	m.in("t.event_type", q.EventTypes)
	m.in("t.sub_event_type", q.SubEventTypes)
	m.in("t.outlet", q.Outlets)
	m.in("t.perspective", q.Perspectives)
	m.in("t.place_id", q.PlaceIDs)
	m.in("t.cluster_id", q.ClusterIDs)
	m.in("coalesce(t.modality, 'reported')", q.Modalities)
	m.in("t.source", q.Sources)
	if len(q.Actors) > 0 {
		list := "(?" + strings.Repeat(", ?", len(q.Actors)-1) + ")"
		m.where = append(m.where, "(t.actor1 IN "+list+" OR t.actor2 IN "+list+")")
		for range 2 {
			for _, a := range q.Actors {
				m.args = append(m.args, a)
			}
		}
	}
	if len(q.Precisions) > 0 {
		m.where = append(m.where, "t.geo_precision IN (?"+strings.Repeat(", ?", len(q.Precisions)-1)+")")
		for _, p := range q.Precisions {
			m.args = append(m.args, p)
		}
	}
	// A place or a cluster holds few events: their indexes lead, and the
	// R-tree is asked about those rows only.
	m.selective = len(q.PlaceIDs) > 0 || len(q.ClusterIDs) > 0
	return m
}

// boxes splits a box crossing the antimeridian into its two halves, which
// the R-tree and geo.Intersects, knowing nothing of wrapping, can test.
func boxes(b *orb.Bound) []orb.Bound {
	switch {
	case b == nil:
		return nil
	case b.Min[0] <= b.Max[0]:
		return []orb.Bound{*b}
	}
	return []orb.Bound{
		{Min: orb.Point{b.Min[0], b.Min[1]}, Max: orb.Point{180, b.Max[1]}},
		{Min: orb.Point{-180, b.Min[1]}, Max: orb.Point{b.Max[0], b.Max[1]}},
	}
}

// match is the SQL that finds the rows of a feature table (aliased t) a
// query selects, through an R-tree (aliased r) when the query has a box or
// a time. A row whose index box lies inside the query box matches outright
// (the R-tree rounds boxes outwards, so the geometry lies inside too); a
// row whose index box only straddles an edge is read and tested exactly.
type match struct {
	table string
	rtree string // "" without a box or time
	boxes []orb.Bound
	// days are the time conditions on the R-tree, with dayArgs.
	days    []string
	dayArgs []any
	// where are the conditions on the table's columns, with args.
	where []string
	args  []any
	// selective: the conditions narrow the table more than the R-tree
	// would, so the table leads the join.
	selective bool
}

// in adds "col IN (values)" unless values is empty.
func (m *match) in(col string, values []string) {
	if len(values) == 0 {
		return
	}
	m.where = append(m.where, col+" IN (?"+strings.Repeat(", ?", len(values)-1)+")")
	for _, v := range values {
		m.args = append(m.args, v)
	}
}

// rtreeInside is the R-tree test for a box inside the query box.
const rtreeInside = "r.minx >= ? AND r.maxx <= ? AND r.miny >= ? AND r.maxy <= ?"

func insideArgs(b orb.Bound) []any { return []any{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} }

// edgeTests are the R-tree tests for a box that crosses the query box
// without lying inside it: it straddles the west, east, south or north
// edge. Each is a thin slab the R-tree searches quickly, where "crossing
// and not inside" would make it visit every box inside too. A box across a
// corner is in two slabs.
func edgeTests(b orb.Bound) (conds []string, args [][]any) {
	xIn := "r.maxx >= ? AND r.minx <= ?"
	yIn := "r.maxy >= ? AND r.miny <= ?"
	x, y := []any{b.Min[0], b.Max[0]}, []any{b.Min[1], b.Max[1]}
	return []string{
			"r.minx < ? AND r.maxx >= ? AND " + yIn,
			"r.maxx > ? AND r.minx <= ? AND " + yIn,
			"r.miny < ? AND r.maxy >= ? AND " + xIn,
			"r.maxy > ? AND r.miny <= ? AND " + xIn,
		}, [][]any{
			append([]any{b.Min[0], b.Min[0]}, y...),
			append([]any{b.Max[0], b.Max[0]}, y...),
			append([]any{b.Min[1], b.Min[1]}, x...),
			append([]any{b.Max[1], b.Max[1]}, x...),
		}
}

// from returns the FROM clause and the WHERE conditions (with their
// arguments) shared by every query of the match, given the box test.
func (m match) from(boxCond string, boxArgs []any, needTable bool) (from string, cond []string, args []any) {
	if m.rtree == "" {
		return m.table + " t", m.where, m.args
	}
	if boxCond != "" {
		cond = append(cond, boxCond)
		args = append(args, boxArgs...)
	}
	cond = append(cond, m.days...)
	args = append(args, m.dayArgs...)
	cond = append(cond, m.where...)
	args = append(args, m.args...)
	// CROSS JOIN fixes the order of the loops: SQLite has no statistics on
	// the R-tree to choose by.
	switch {
	case m.selective:
		from = m.table + " t CROSS JOIN " + m.rtree + " r ON r.id = t.fid"
	case needTable || len(m.where) > 0:
		from = m.rtree + " r CROSS JOIN " + m.table + " t ON t.fid = r.id"
	default:
		from = m.rtree + " r"
	}
	return from, cond, args
}

func where(cond []string) string {
	if len(cond) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(cond, " AND ")
}

// ids returns the query selecting the ids of every match, and its
// arguments, given the rows near an edge that passed the exact test.
func (m match) ids(edgeHits []int64) (string, []any, error) {
	if m.rtree == "" {
		from, cond, args := m.from("", nil, false)
		return "SELECT t.fid FROM " + from + where(cond), args, nil
	}
	idCol := "r.id"
	if m.selective {
		idCol = "t.fid"
	}
	var parts []string
	var args []any
	if len(m.boxes) == 0 {
		from, cond, a := m.from("", nil, false)
		parts, args = append(parts, "SELECT "+idCol+" FROM "+from+where(cond)), a
	}
	for _, b := range m.boxes {
		from, cond, a := m.from(rtreeInside, insideArgs(b), false)
		parts = append(parts, "SELECT "+idCol+" FROM "+from+where(cond))
		args = append(args, a...)
	}
	if len(edgeHits) > 0 {
		list, err := json.Marshal(edgeHits)
		if err != nil {
			return "", nil, fmt.Errorf("news: %w", err)
		}
		parts = append(parts, "SELECT value FROM json_each(?)")
		args = append(args, string(list))
	}
	// The halves of a box across the antimeridian may share a row; one box
	// never does, inside and edge rows being apart by construction.
	op := " UNION ALL "
	if len(m.boxes) > 1 {
		op = " UNION "
	}
	return strings.Join(parts, op), args, nil
}

// edgeHits reads the rows whose index box straddles an edge of a query box
// and returns those whose geometry really intersects one.
func (m match) edgeHits(ctx context.Context, conn *sql.Conn) ([]int64, error) {
	var hits []int64
	seen := map[int64]bool{}
	for _, b := range m.boxes {
		conds, args := edgeTests(b)
		for i, c := range conds {
			from, cond, a := m.from(c, args[i], true)
			rows, err := conn.QueryContext(ctx, "SELECT t.fid, t.geom FROM "+from+where(cond), a...)
			if err != nil {
				return nil, fmt.Errorf("news: query %s in bbox: %w", m.table, err)
			}
			for rows.Next() {
				var fid int64
				var blob []byte
				if err := rows.Scan(&fid, &blob); err != nil {
					rows.Close()
					return nil, fmt.Errorf("news: query %s in bbox: %w", m.table, err)
				}
				if seen[fid] {
					continue
				}
				seen[fid] = true
				g, _, err := gpkg.DecodeGeometry(blob)
				if err != nil {
					rows.Close()
					return nil, fmt.Errorf("news: geometry of %s row %d: %w", m.table, fid, err)
				}
				if g != nil && m.intersects(g) {
					hits = append(hits, fid)
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, fmt.Errorf("news: query %s in bbox: %w", m.table, err)
			}
		}
	}
	return hits, nil
}

// intersects tests a geometry exactly against the query boxes.
func (m match) intersects(g orb.Geometry) bool {
	for _, b := range m.boxes {
		if geo.Intersects(g, b) {
			return true
		}
	}
	return false
}

// page returns the ids of the page of matches (limit <= 0: all of them)
// in id order, and how many rows match in all.
func (m match) page(ctx context.Context, conn *sql.Conn, limit, offset int) ([]int64, int, error) {
	hits, err := m.edgeHits(ctx, conn)
	if err != nil {
		return nil, 0, err
	}
	set, args, err := m.ids(hits)
	if err != nil {
		return nil, 0, err
	}
	var matched int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM ("+set+")", args...).Scan(&matched); err != nil {
		return nil, 0, fmt.Errorf("news: count %s: %w", m.table, err)
	}
	if offset >= matched {
		return nil, matched, nil
	}
	if limit <= 0 {
		limit = -1 // SQLite's "no limit"
	}
	rows, err := conn.QueryContext(ctx, set+" ORDER BY 1 LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("news: query %s: %w", m.table, err)
	}
	defer rows.Close()
	size := matched - offset
	if limit > 0 {
		size = min(size, limit)
	}
	ids := make([]int64, 0, min(size, 4096))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, fmt.Errorf("news: query %s: %w", m.table, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("news: query %s: %w", m.table, err)
	}
	return ids, matched, nil
}

// chunk is how many rows a page is read in at a time, so that a whole-layer
// download holds only that many in memory.
const chunk = 1000

// eachEvent reads the events with these row ids, in that order, with their
// documents and clusters, and calls yield for each.
func (s *Store) eachEvent(ctx context.Context, conn *sql.Conn, ids []int64, yield func(*EventRecord) error) error {
	for len(ids) > 0 {
		part := ids[:min(len(ids), chunk)]
		ids = ids[len(part):]
		recs, shared, err := readEvents(ctx, conn, part)
		if err != nil {
			return err
		}
		if err := addReports(ctx, conn, recs, shared); err != nil {
			return err
		}
		for _, r := range recs {
			if err := yield(r); err != nil {
				return err
			}
		}
	}
	return nil
}

func idList(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// eventColumns are the columns readEvents builds an Event from: the
// table's own, and, as one JSON array, the members of detail that have no
// column, taken out by SQLite in a single parse. Decoding all of detail in
// Go would take several times as long. A member added to Event must be
// added here too (TestEventColumnsMatchDetail says so).
const eventColumns = `t.id, t.doc_id, coalesce(t.event_date, ''), coalesce(t.date_end, ''), t.time_precision,
	t.date_inherited, t.event_type, t.sub_event_type, coalesce(t.actor1, ''), coalesce(t.actor2, ''),
	coalesce(t.place_id, ''), coalesce(t.place_name, ''), coalesce(t.place_kind, ''), t.geo_precision, t.sentence,
	t.sentence_start, t.sentence_end, t.confidence, t.rule, coalesce(t.outlet, ''), coalesce(t.perspective, ''),
	coalesce(t.source, ''), coalesce(t.modality, ''),
	json_extract(t.detail, '$.date_text', '$.date_note', '$.since', '$.place_start', '$.place_end', '$.trigger',
		'$.trigger_start', '$.trigger_end', '$.headline')`

// eventScanner reads rows of eventColumns, after the columns whose
// destinations newEventScanner gets, into one set of destinations reused
// for every row.
type eventScanner struct {
	ev                                Event
	from, to, kind, persp, etype, sub string
	modality                          string
	prec                              int
	extra                             sql.RawBytes
	dest                              []any
}

func newEventScanner(first ...any) *eventScanner {
	s := &eventScanner{}
	e := &s.ev
	s.dest = append(first, &e.ID, &e.Doc, &s.from, &s.to, &s.prec, &e.DateInherited, &s.etype, &s.sub, &e.Actor1,
		&e.Actor2, &e.PlaceID, &e.PlaceName, &s.kind, &e.GeoPrecision, &e.Sentence, &e.SentenceStart, &e.SentenceEnd,
		&e.Confidence, &e.Rule, &e.Outlet, &s.persp, &e.Source, &s.modality, &s.extra)
	return s
}

// scan reads the row rows is at into e (and the first destinations).
func (s *eventScanner) scan(rows *sql.Rows, e *Event) error {
	if err := rows.Scan(s.dest...); err != nil {
		return err
	}
	*e = s.ev
	e.TimePrecision, e.EventType, e.SubEventType = Precision(s.prec), EventType(s.etype), SubEventType(s.sub)
	e.PlaceKind, e.Perspective, e.Modality = gazetteer.Kind(s.kind), Perspective(s.persp), Modality(s.modality)
	var x [9][]byte
	if err := splitArray(s.extra, x[:]); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	var err error
	if e.DateText, err = jsonText(x[0]); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	if e.DateNote, err = jsonText(x[1]); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	if e.Trigger, err = jsonText(x[5]); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	e.Since = string(x[2]) == "true"
	e.PlaceStart, e.PlaceEnd = jsonInt(x[3]), jsonInt(x[4])
	e.TriggerStart, e.TriggerEnd = jsonInt(x[6]), jsonInt(x[7])
	e.Headline = string(x[8]) == "true"
	if s.from != "" {
		if e.EventDate, err = time.Parse(time.DateOnly, s.from); err != nil {
			return err
		}
	}
	if s.to != "" {
		if e.DateEnd, err = time.Parse(time.DateOnly, s.to); err != nil {
			return err
		}
	}
	return nil
}

// splitArray cuts a flat JSON array of scalars (what json_extract gives for
// several paths) into its elements, without decoding them: a page of events
// would otherwise allocate an interface value for every one.
func splitArray(b []byte, out [][]byte) error {
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return fmt.Errorf("news: %q is not a JSON array", b)
	}
	n, start, inString := 0, 1, false
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || i == len(b)-1):
			if n == len(out) {
				return fmt.Errorf("news: %q has more than %d elements", b, len(out))
			}
			out[n] = bytes.TrimSpace(b[start:i])
			n, start = n+1, i+1
		}
	}
	if n != len(out) {
		return fmt.Errorf("news: %q has %d elements, not %d", b, n, len(out))
	}
	return nil
}

// jsonText decodes a JSON string, "" for null.
func jsonText(b []byte) (string, error) {
	switch {
	case string(b) == "null":
		return "", nil
	case len(b) >= 2 && b[0] == '"' && bytes.IndexByte(b, '\\') < 0:
		return string(b[1 : len(b)-1]), nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// jsonInt reads a JSON whole number, 0 for null.
func jsonInt(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}

// readEvents reads the events with these row ids, and says which clusters
// have other members to list as reports.
func readEvents(ctx context.Context, conn *sql.Conn, ids []int64) ([]*EventRecord, map[string]bool, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT t.geom, coalesce(t.cluster_id, ''),
			EXISTS (SELECT 1 FROM events x WHERE x.cluster_id = t.cluster_id AND x.fid != t.fid),
			coalesce(d.url, ''), coalesce(d.title, ''), coalesce(d.outlet_name, ''), `+eventColumns+`
		FROM json_each(?) j CROSS JOIN events t ON t.fid = j.value LEFT JOIN documents d ON d.id = t.doc_id
		ORDER BY j.key`, idList(ids))
	if err != nil {
		return nil, nil, fmt.Errorf("news: read events: %w", err)
	}
	defer rows.Close()
	out := make([]*EventRecord, 0, len(ids))
	shared := map[string]bool{}
	var blob sql.RawBytes
	var cluster, url, title, outletName string
	var others bool
	sc := newEventScanner(&blob, &cluster, &others, &url, &title, &outletName)
	for rows.Next() {
		r := &EventRecord{}
		if err := sc.scan(rows, &r.Event); err != nil {
			return nil, nil, fmt.Errorf("news: read events: %w", err)
		}
		r.ClusterID, r.URL, r.Title, r.OutletName = cluster, url, title, outletName
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil {
			return nil, nil, fmt.Errorf("news: read event %s: %w", r.ID, err)
		}
		r.Point = g
		if others {
			shared[r.ClusterID] = true
		}
		out = append(out, r)
	}
	return out, shared, rows.Err()
}

// addReports fills in the other reports of the shared clusters the events
// are in; most events are alone in theirs.
func addReports(ctx context.Context, conn *sql.Conn, recs []*EventRecord, shared map[string]bool) error {
	if len(shared) == 0 {
		return nil
	}
	clusters := make([]string, 0, len(shared))
	for c := range shared {
		clusters = append(clusters, c)
	}
	list, err := json.Marshal(clusters)
	if err != nil {
		return fmt.Errorf("news: %w", err)
	}
	rows, err := conn.QueryContext(ctx, `
		SELECT t.cluster_id, t.id, t.doc_id, coalesce(t.outlet, ''), coalesce(d.outlet_name, ''),
			coalesce(t.perspective, ''), t.sentence, coalesce(d.url, '')
		FROM events t LEFT JOIN documents d ON d.id = t.doc_id
		WHERE t.cluster_id IN (SELECT value FROM json_each(?)) ORDER BY t.fid`, string(list))
	if err != nil {
		return fmt.Errorf("news: read reports: %w", err)
	}
	defer rows.Close()
	members := make(map[string][]Report, len(shared))
	for rows.Next() {
		var c string
		var rep Report
		if err := rows.Scan(&c, &rep.EventID, &rep.Doc, &rep.Outlet, &rep.OutletName, &rep.Perspective,
			&rep.Sentence, &rep.URL); err != nil {
			return fmt.Errorf("news: read reports: %w", err)
		}
		members[c] = append(members[c], rep)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("news: read reports: %w", err)
	}
	for _, r := range recs {
		for _, rep := range members[r.ClusterID] {
			if rep.EventID != r.ID {
				r.Reports = append(r.Reports, rep)
			}
		}
	}
	return nil
}

// eachMention reads the mentions with these row ids, in that order, and
// calls yield for each.
func eachMention(ctx context.Context, conn *sql.Conn, ids []int64, yield func(*MentionRecord) error) error {
	for len(ids) > 0 {
		part := ids[:min(len(ids), chunk)]
		ids = ids[len(part):]
		recs, err := readMentions(ctx, conn, part)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := yield(r); err != nil {
				return err
			}
		}
	}
	return nil
}

func readMentions(ctx context.Context, conn *sql.Conn, ids []int64) ([]*MentionRecord, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT geom, doc_id, start, "end", surface, coalesce(place_id, ''), coalesce(name, ''), coalesce(kind, ''),
			coalesce(name_usage, ''), coalesce(usages, 'null'), score, rule, coalesce(form, ''), candidates,
			coalesce(built_from, 'null')
		FROM mentions WHERE fid IN (SELECT value FROM json_each(?)) ORDER BY fid`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("news: read mentions: %w", err)
	}
	defer rows.Close()
	out := make([]*MentionRecord, 0, len(ids))
	for rows.Next() {
		r := &MentionRecord{}
		m := &r.StoredMention
		var blob []byte
		var usages, cands, built string
		if err := rows.Scan(&blob, &r.Doc, &m.Start, &m.End, &m.Surface, &m.PlaceID, &m.Name, &m.Kind, &m.NameUsage,
			&usages, &m.Score, &m.Rule, &m.Form, &cands, &built); err != nil {
			return nil, fmt.Errorf("news: read mentions: %w", err)
		}
		for _, f := range []struct {
			raw string
			v   any
		}{{usages, &m.Usages}, {cands, &m.Candidates}, {built, &r.BuiltFrom}} {
			if err := json.Unmarshal([]byte(f.raw), f.v); err != nil {
				return nil, fmt.Errorf("news: read mention %s:%d: %w", r.Doc, m.Start, err)
			}
		}
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil {
			return nil, fmt.Errorf("news: read mention %s:%d: %w", r.Doc, m.Start, err)
		}
		m.Geometry = g
		out = append(out, r)
	}
	return out, rows.Err()
}

// read runs fn on one connection inside a deferred (read) transaction, so
// that its queries see one state of the database. It does not use BeginTx:
// the database is opened with _txlock=immediate, which would make every
// reader take the write lock and wait for the others.
func (s *Store) read(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("news: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fmt.Errorf("news: begin read: %w", err)
	}
	ferr := fn(conn)
	// Roll back even when ctx is done, so the connection goes back to the pool clean.
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); err != nil {
		// A connection stuck in a transaction must not be reused.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		if ferr == nil {
			ferr = fmt.Errorf("news: end read: %w", err)
		}
	}
	return ferr
}
