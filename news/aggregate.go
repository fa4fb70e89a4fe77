package news

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
)

// The map at archive scale: clusters, the timeline's histogram and vector
// tiles for any view and filter, answered from mapIndex.
//
// Why an in-memory index, rebuilt when the data version moves on, rather
// than SQL over the R-trees or tables pre-aggregated per zoom: a view of the
// whole region holds every event, and any GROUP BY over the R-tree visits
// each one through the virtual-table interface (about half a second for a
// million); tables per zoom answer the unfiltered map quickly but not the
// filters the map has (any combination of dates, types, outlets, actors,
// places, precision and a keyword), whose combinations cannot all be kept.
// A columnar copy of the dozen fields those filters and the grid read takes
// about 60 bytes an event (plus the keyword postings), and a pass over a
// million of them with every test is a few milliseconds, whatever the
// filter. It is built in one read of the events table (a few seconds for
// a million), inside the same snapshot whose data version it is stamped
// with, so its counts are those the SQL path gives for the same query
// (TestAggregateMatchesItems checks them against /items). Anything that
// changes the news tables bumps the version, and the next request extends
// the index with the events added since, or rebuilds it when events were
// removed.

// indexCache holds the map index of the latest data version read.
type indexCache struct {
	mu sync.Mutex
	ix *mapIndex
}

// noDay marks an undated event in mapIndex.d0.
const noDay = math.MinInt32

// mapIndex is a columnar copy of what the map's queries filter and group
// by, one row per event in row-id order.
type mapIndex struct {
	version int64
	fid     []int64
	x, y    []float64 // longitude, latitude; NaN without a point
	mx, my  []float64 // Web Mercator, 0 to 1 from the west and from the north
	d0, d1  []int32   // the first and the last day (dayNumber); d0 is noDay when undated
	// minDay and maxDay bound d0 over the dated events (both 0 when none is).
	minDay, maxDay int32
	dated          bool // some event is dated
	// Codes: 1 + the index in EventTypes, Taxonomy, Perspectives,
	// synthModalities; geo_precision itself; 0 for none or unknown.
	etype, sub, persp, prec, modality []uint8
	// Dictionary codes (1 + the index in the dictionary's list), 0 for none.
	outlet, place, actor1, actor2, source []uint32
	outlets, places, actors, sources      dict
	// words are the rows whose sentence or place name holds each keyword, ascending.
	words map[string][]uint32
}

// dict gives small codes to the strings of a column.
type dict map[string]uint32

func (d dict) code(s string) uint32 {
	if s == "" {
		return 0
	}
	c, ok := d[s]
	if !ok {
		c = uint32(len(d) + 1)
		d[s] = c
	}
	return c
}

var indexModalities = []Modality{Reported, Planned, Threatened, Denied}

// keywords are the words of a text as the keyword filter compares them.
func keywords(s string) []string { return strings.Fields(gazetteer.NormalizeName(s)) }

// mapIndexOf returns the map index of the snapshot conn reads, building it
// when the data moved on since the last one. Events are only ever added or
// deleted (their indexed columns are never updated in place, and fids are
// never reused: AUTOINCREMENT), so when none of the indexed rows is gone
// the index is extended with the rows added since, rather than rebuilt: a
// feed's new items on a million-event map cost milliseconds, not seconds.
func (s *Store) mapIndexOf(ctx context.Context, conn *sql.Conn) (*mapIndex, error) {
	var v int64
	if err := conn.QueryRowContext(ctx, `SELECT version FROM news_state WHERE one = 1`).Scan(&v); err != nil {
		return nil, fmt.Errorf("news: read data version: %w", err)
	}
	c := s.index
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ix != nil && c.ix.version == v {
		return c.ix, nil
	}
	var ix *mapIndex
	if c.ix != nil {
		ext, ok, err := c.ix.extended(ctx, conn, v)
		if err != nil {
			return nil, err
		}
		if ok {
			ix = ext
		}
	}
	if ix == nil {
		var err error
		if ix, err = buildMapIndex(ctx, conn, v); err != nil {
			return nil, err
		}
	}
	c.ix = ix
	return ix, nil
}

// mapIndexColumns are the columns of an event the index reads, in the
// order addRows scans them.
const mapIndexColumns = `SELECT fid, geom, coalesce(event_date, ''), coalesce(date_end, ''), event_type,
		sub_event_type, coalesce(outlet, ''), coalesce(perspective, ''), coalesce(place_id, ''), geo_precision,
		coalesce(actor1, ''), coalesce(actor2, ''), coalesce(modality, 'reported'), coalesce(source, ''), sentence,
		coalesce(place_name, '')
		FROM events`

func buildMapIndex(ctx context.Context, conn *sql.Conn, version int64) (*mapIndex, error) {
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
		return nil, fmt.Errorf("news: map index: %w", err)
	}
	ix := &mapIndex{version: version, fid: make([]int64, 0, n), x: make([]float64, 0, n), y: make([]float64, 0, n),
		mx: make([]float64, 0, n), my: make([]float64, 0, n), d0: make([]int32, 0, n), d1: make([]int32, 0, n),
		etype: make([]uint8, 0, n), sub: make([]uint8, 0, n), persp: make([]uint8, 0, n), prec: make([]uint8, 0, n),
		modality: make([]uint8, 0, n), outlet: make([]uint32, 0, n), place: make([]uint32, 0, n),
		actor1: make([]uint32, 0, n), actor2: make([]uint32, 0, n), source: make([]uint32, 0, n),
		outlets: dict{}, places: dict{}, actors: dict{}, sources: dict{}, words: map[string][]uint32{}}
	if err := ix.addRows(ctx, conn, mapIndexColumns+` ORDER BY fid`); err != nil {
		return nil, err
	}
	return ix, nil
}

// extended returns the index of data version v as ix extended with the
// events added since ix was built, or false when some of ix's events are
// gone (a document deleted or analysed again), which needs a rebuild. ix
// itself is left as it is for the requests still reading it: the new
// index shares its columns (appending past their length, which ix never
// reads) and copies the maps it adds to. Only the latest index is
// extended (mapIndexOf holds the cache's lock): a second extension of the
// same index would write where the first one's rows are.
func (ix *mapIndex) extended(ctx context.Context, conn *sql.Conn, v int64) (*mapIndex, bool, error) {
	last := int64(0)
	if n := len(ix.fid); n > 0 {
		last = ix.fid[n-1]
	}
	// The events kept are all but those after the last indexed one: a count
	// of the whole table (which SQLite takes from its smallest index) and a
	// seek past the last fid, not a walk through the table's rows.
	var all, added int
	if err := conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE fid > ?)`,
		last).Scan(&all, &added); err != nil {
		return nil, false, fmt.Errorf("news: map index: %w", err)
	}
	if all-added != len(ix.fid) {
		return nil, false, nil
	}
	next := *ix
	next.version = v
	next.outlets, next.places, next.actors, next.sources = maps.Clone(ix.outlets), maps.Clone(ix.places),
		maps.Clone(ix.actors), maps.Clone(ix.sources)
	next.words = maps.Clone(ix.words)
	if err := next.addRows(ctx, conn, mapIndexColumns+` WHERE fid > ? ORDER BY fid`, last); err != nil {
		return nil, false, err
	}
	return &next, true, nil
}

// addRows appends the events a query of mapIndexColumns returns, in fid
// order, after the index's last row.
func (ix *mapIndex) addRows(ctx context.Context, conn *sql.Conn, query string, args ...any) error {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("news: map index: %w", err)
	}
	defer rows.Close()
	codes := func(list []string) map[string]uint8 {
		m := make(map[string]uint8, len(list))
		for i, v := range list {
			m[v] = uint8(i + 1)
		}
		return m
	}
	types, subs, persps, mods := indexVocabularies()
	typeCode, subCode, perspCode, modCode := codes(types), codes(subs), codes(persps), codes(mods)
	var (
		fid                                               int64
		geom                                              sql.RawBytes
		from, to, etype, sub, outlet, persp, place        string
		actor1, actor2, modality, source, sentence, pname string
		prec                                              int
		seen                                              = map[string]bool{}
	)
	for rows.Next() {
		if err := rows.Scan(&fid, &geom, &from, &to, &etype, &sub, &outlet, &persp, &place, &prec, &actor1, &actor2,
			&modality, &source, &sentence, &pname); err != nil {
			return fmt.Errorf("news: map index: %w", err)
		}
		row := uint32(len(ix.fid))
		x, y := math.NaN(), math.NaN()
		if len(geom) > 0 {
			g, _, err := gpkg.DecodeGeometry(geom)
			if err != nil {
				return fmt.Errorf("news: map index: event row %d: %w", fid, err)
			}
			if p, ok := g.(orb.Point); ok {
				x, y = p[0], p[1]
			}
		}
		mx, my := mercator(x, y)
		d0, d1 := int32(noDay), int32(noDay)
		if from != "" {
			if d0, err = dayOf(from); err != nil {
				return fmt.Errorf("news: map index: event row %d: %w", fid, err)
			}
			d1 = d0
			if to != "" {
				if d1, err = dayOf(to); err != nil {
					return fmt.Errorf("news: map index: event row %d: %w", fid, err)
				}
			}
		}
		if d0 != noDay {
			if !ix.dated {
				ix.minDay, ix.maxDay, ix.dated = d0, d0, true
			}
			ix.minDay, ix.maxDay = min(ix.minDay, d0), max(ix.maxDay, d0)
		}
		ix.fid = append(ix.fid, fid)
		ix.x, ix.y, ix.mx, ix.my = append(ix.x, x), append(ix.y, y), append(ix.mx, mx), append(ix.my, my)
		ix.d0, ix.d1 = append(ix.d0, d0), append(ix.d1, d1)
		ix.etype, ix.sub, ix.persp = append(ix.etype, typeCode[etype]), append(ix.sub, subCode[sub]), append(ix.persp, perspCode[persp])
		ix.prec, ix.modality = append(ix.prec, uint8(min(max(prec, 0), 255))), append(ix.modality, modCode[modality])
		ix.outlet, ix.place = append(ix.outlet, ix.outlets.code(outlet)), append(ix.place, ix.places.code(place))
		ix.actor1, ix.actor2 = append(ix.actor1, ix.actors.code(actor1)), append(ix.actor2, ix.actors.code(actor2))
		ix.source = append(ix.source, ix.sources.code(source))
		clear(seen)
		for _, text := range []string{sentence, pname} {
			for _, w := range keywords(text) {
				if !seen[w] {
					seen[w] = true
					ix.words[w] = append(ix.words[w], row)
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("news: map index: %w", err)
	}
	return nil
}

// dayOf reads a stored YYYY-MM-DD date as a day number.
func dayOf(s string) (int32, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, err
	}
	return int32(dayNumber(t)), nil
}

// maxMercatorLat is where Web Mercator ends.
const maxMercatorLat = 85.05112877980659

// mercator returns a point's Web Mercator position, 0 to 1 from the west
// and from the north (NaN without a point).
func mercator(lon, lat float64) (float64, float64) {
	if math.IsNaN(lon) {
		return math.NaN(), math.NaN()
	}
	lat = max(-maxMercatorLat, min(maxMercatorLat, lat))
	s := math.Sin(lat * math.Pi / 180)
	return (lon + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
}

// indexQuery is an EventQuery compiled against one map index.
type indexQuery struct {
	boxes    []orb.Bound
	timed    bool
	from, to int32
	// Masks of the codes allowed (0: any).
	etype, sub, persp, prec, modality uint64
	// Sets of dictionary codes allowed (nil: any).
	outlet, place, actor, source []bool
	// rows restricts the scan to these rows (keyword, cluster), when restricted.
	rows       []uint32
	restricted bool
	// tile, when set, keeps the rows inside this Web Mercator square
	// (west and north edges in, east and south out).
	tile               bool
	tx0, ty0, tx1, ty1 float64
}

// compile turns q into the tests of the index; a value the index has
// never seen makes a set that nothing passes, as SQL's IN would.
func (ix *mapIndex) compile(ctx context.Context, conn *sql.Conn, q EventQuery) (*indexQuery, error) {
	iq := &indexQuery{boxes: boxes(q.BBox)}
	if !q.Start.IsZero() || !q.End.IsZero() {
		iq.timed, iq.from, iq.to = true, math.MinInt32+1, math.MaxInt32
		if !q.Start.IsZero() {
			iq.from = int32(dayNumber(q.Start))
		}
		if !q.End.IsZero() {
			iq.to = int32(dayNumber(q.End))
		}
	}
	mask := func(values []string, all []string) uint64 {
		var m uint64
		for _, v := range values {
			if i := slices.Index(all, v); i >= 0 {
				m |= 1 << (i + 1)
			} else {
				m |= 1 // a bit no row has: the filter is given but matches nothing
			}
		}
		return m
	}
	types, subs, persps, mods := indexVocabularies()
	iq.etype, iq.sub, iq.persp, iq.modality = mask(q.EventTypes, types), mask(q.SubEventTypes, subs),
		mask(q.Perspectives, persps), mask(q.Modalities, mods)
	if slices.Contains(q.Perspectives, PerspectiveUnknown) {
		iq.persp |= 1 // code 0: no perspective known
	}
	for _, p := range q.Precisions {
		iq.prec |= 1 << p
	}
	set := func(d dict, values []string) []bool {
		if len(values) == 0 {
			return nil
		}
		out := make([]bool, len(d)+1)
		for _, v := range values {
			if c, ok := d[v]; ok {
				out[c] = true
			}
		}
		return out
	}
	iq.outlet, iq.place, iq.actor, iq.source = set(ix.outlets, q.Outlets), set(ix.places, q.PlaceIDs),
		set(ix.actors, q.Actors), set(ix.sources, q.Sources)
	if q.Keyword != "" {
		iq.restricted = true
		for i, w := range keywords(q.Keyword) {
			posting := ix.words[w]
			if i == 0 {
				iq.rows = posting
			} else {
				iq.rows = intersect(iq.rows, posting)
			}
		}
	}
	if len(q.ClusterIDs) > 0 {
		rows, err := ix.clusterRows(ctx, conn, q.ClusterIDs)
		if err != nil {
			return nil, err
		}
		if iq.restricted {
			rows = intersect(iq.rows, rows)
		}
		iq.rows, iq.restricted = rows, true
	}
	return iq, nil
}

// clusterRows are the rows of the events in these clusters, read through
// the cluster index (a cluster holds a few reports; the index keeps no
// column of cluster ids for the million that are alone in theirs).
func (ix *mapIndex) clusterRows(ctx context.Context, conn *sql.Conn, clusters []string) ([]uint32, error) {
	m := match{table: "events"}
	m.in("t.cluster_id", clusters)
	rows, err := conn.QueryContext(ctx, "SELECT t.fid FROM events t"+where(m.where)+" ORDER BY t.fid", m.args...)
	if err != nil {
		return nil, fmt.Errorf("news: events of clusters: %w", err)
	}
	defer rows.Close()
	var out []uint32
	for rows.Next() {
		var fid int64
		if err := rows.Scan(&fid); err != nil {
			return nil, fmt.Errorf("news: events of clusters: %w", err)
		}
		if i, ok := slices.BinarySearch(ix.fid, fid); ok {
			out = append(out, uint32(i))
		}
	}
	return out, rows.Err()
}

// intersect returns the rows in both ascending lists.
func intersect(a, b []uint32) []uint32 {
	out := make([]uint32, 0, min(len(a), len(b)))
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// matches reports whether row i passes every test of q.
func (ix *mapIndex) matches(q *indexQuery, i int) bool {
	if q.boxes != nil {
		x, y := ix.x[i], ix.y[i]
		in := false
		for _, b := range q.boxes {
			if x >= b.Min[0] && x <= b.Max[0] && y >= b.Min[1] && y <= b.Max[1] {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	if q.tile {
		mx, my := ix.mx[i], ix.my[i]
		if !(mx >= q.tx0 && mx < q.tx1 && my >= q.ty0 && my < q.ty1) {
			return false
		}
	}
	return ix.matchesRest(q, i)
}

// matchesRest is matches without the box and tile tests.
func (ix *mapIndex) matchesRest(q *indexQuery, i int) bool {
	if q.timed && (ix.d0[i] == noDay || ix.d1[i] < q.from || ix.d0[i] > q.to) {
		return false
	}
	if q.etype != 0 && q.etype&(1<<ix.etype[i]) == 0 ||
		q.sub != 0 && q.sub&(1<<ix.sub[i]) == 0 ||
		q.persp != 0 && q.persp&(1<<ix.persp[i]) == 0 ||
		q.prec != 0 && (ix.prec[i] > 63 || q.prec&(1<<ix.prec[i]) == 0) ||
		q.modality != 0 && q.modality&(1<<ix.modality[i]) == 0 {
		return false
	}
	if q.outlet != nil && !q.outlet[ix.outlet[i]] || q.place != nil && !q.place[ix.place[i]] ||
		q.source != nil && !q.source[ix.source[i]] ||
		q.actor != nil && !q.actor[ix.actor1[i]] && !q.actor[ix.actor2[i]] {
		return false
	}
	return true
}

// each calls fn with every row q selects, in row-id order. The common
// views (one box, or one tile) test the coordinates in a loop of their own
// before the other tests: a call of matches for each of a million rows
// would take most of a request's time.
func (ix *mapIndex) each(q *indexQuery, fn func(i int)) {
	ix.eachBatch(q, func(rows []uint32) {
		for _, r := range rows {
			fn(int(r))
		}
	})
}

// batchRows is how many rows eachBatch hands over at a time.
const batchRows = 2048

// eachBatch is each handing the rows over a batch at a time, so that a
// caller's loop over them is not a call per row.
func (ix *mapIndex) eachBatch(q *indexQuery, flush func(rows []uint32)) {
	buf := make([]uint32, 0, batchRows)
	fn := func(i int) {
		buf = append(buf, uint32(i))
		if len(buf) == batchRows {
			flush(buf)
			buf = buf[:0]
		}
	}
	defer func() {
		if len(buf) > 0 {
			flush(buf)
		}
	}()
	n := len(ix.fid)
	// The dates are tested in the loop too (the half-year view); the other
	// tests only for the rows that pass them.
	timed := q.timed
	d0s, d1s := ix.d0[:n], ix.d1[:n]
	other := q.etype|q.sub|q.persp|q.prec|q.modality != 0 ||
		q.outlet != nil || q.place != nil || q.source != nil || q.actor != nil
	switch {
	case q.restricted:
		for _, r := range q.rows {
			if ix.matches(q, int(r)) {
				fn(int(r))
			}
		}
	case len(q.boxes) == 1 && !q.tile:
		b := q.boxes[0]
		xs, ys := ix.x[:n], ix.y[:n]
		for i := range n {
			if x := xs[i]; x < b.Min[0] || x > b.Max[0] {
				continue
			}
			if y := ys[i]; y < b.Min[1] || y > b.Max[1] {
				continue
			}
			if timed && (d0s[i] == noDay || d0s[i] > q.to || d1s[i] < q.from) {
				continue
			}
			if !other || ix.matchesRest(q, i) {
				fn(i)
			}
		}
	case q.tile && q.boxes == nil:
		xs, ys := ix.mx[:n], ix.my[:n]
		for i := range n {
			if x := xs[i]; !(x >= q.tx0 && x < q.tx1) {
				continue
			}
			if y := ys[i]; !(y >= q.ty0 && y < q.ty1) {
				continue
			}
			if timed && (d0s[i] == noDay || d0s[i] > q.to || d1s[i] < q.from) {
				continue
			}
			if !other || ix.matchesRest(q, i) {
				fn(i)
			}
		}
	default:
		for i := range n {
			if ix.matches(q, i) {
				fn(i)
			}
		}
	}
}

// indexQuery returns the map index of conn's snapshot and q compiled for it.
func (s *Store) indexQuery(ctx context.Context, conn *sql.Conn, q EventQuery) (*mapIndex, *indexQuery, error) {
	ix, err := s.mapIndexOf(ctx, conn)
	if err != nil {
		return nil, nil, err
	}
	iq, err := ix.compile(ctx, conn, q)
	if err != nil {
		return nil, nil, err
	}
	return ix, iq, nil
}

// indexPage is match.page answered by the map index, in q.Order.
func (s *Store) indexPage(ctx context.Context, conn *sql.Conn, q EventQuery, limit, offset int) ([]int64, int, error) {
	ix, iq, err := s.indexQuery(ctx, conn, q)
	if err != nil {
		return nil, 0, err
	}
	if q.Order != OrderStored {
		return ix.sortedPage(iq, q.Order, limit, offset)
	}
	var ids []int64
	matched := 0
	ix.each(iq, func(i int) {
		if matched >= offset && (limit <= 0 || len(ids) < limit) {
			ids = append(ids, ix.fid[i])
		}
		matched++
	})
	return ids, matched, nil
}

// sortedPage is a page of the rows q selects in a date order. A page near
// the start (the event list's) keeps only the offset+limit first rows in a
// heap while scanning, so a million matches are never sorted whole.
func (ix *mapIndex) sortedPage(q *indexQuery, order Order, limit, offset int) ([]int64, int, error) {
	// before reports whether row a comes before row b.
	before := func(a, b uint32) bool {
		da, db := ix.d0[a], ix.d0[b]
		switch {
		case da == db:
			if order == OrderNewest {
				return a > b
			}
			return a < b
		case da == noDay:
			return false
		case db == noDay:
			return true
		case order == OrderNewest:
			return da > db
		}
		return da < db
	}
	keep := -1 // every row
	if limit > 0 {
		keep = offset + limit
	}
	// h is a max-heap by the order (its root the last row kept) while it
	// holds keep rows, else the rows in scan order.
	var h []uint32
	down := func(i int) {
		for {
			l, r, top := 2*i+1, 2*i+2, i
			if l < len(h) && before(h[top], h[l]) {
				top = l
			}
			if r < len(h) && before(h[top], h[r]) {
				top = r
			}
			if top == i {
				return
			}
			h[i], h[top] = h[top], h[i]
			i = top
		}
	}
	matched := 0
	ix.each(q, func(i int) {
		matched++
		r := uint32(i)
		switch {
		case keep < 0 || len(h) < keep:
			h = append(h, r)
			if len(h) == keep {
				for k := len(h)/2 - 1; k >= 0; k-- {
					down(k)
				}
			}
		case keep > 0 && before(r, h[0]):
			h[0] = r
			down(0)
		}
	})
	slices.SortFunc(h, func(a, b uint32) int {
		if before(a, b) {
			return -1
		}
		if before(b, a) {
			return 1
		}
		return 0
	})
	if offset >= len(h) {
		return nil, matched, nil
	}
	h = h[offset:]
	ids := make([]int64, len(h))
	for k, r := range h {
		ids[k] = ix.fid[r]
	}
	return ids, matched, nil
}

// CellPixels is the side of an aggregation cell in screen pixels (of 256-pixel tiles).
const CellPixels = 64

// MaxZoom is the deepest zoom level the aggregation and the tiles take.
const MaxZoom = 22

// Cell is one cell of the aggregation grid at a zoom level: a square of
// CellPixels on the screen, in Web Mercator, holding Count matching events.
type Cell struct {
	Zoom, X, Y int // X from the west, Y from the north, 2^Zoom·256/CellPixels cells a side
	Count      int
	// Point is the mean of the events' points, Bound the box of them all:
	// the items of Bound with the same filters are exactly the cell's
	// events, since the box lies inside the cell.
	Point orb.Point
	Bound orb.Bound
	// Types counts the events of each family, in the order of EventTypes.
	Types [6]int
}

// CellsPerSide is how many aggregation cells a zoom level has across.
func CellsPerSide(zoom int) int { return (1 << zoom) * 256 / CellPixels }

// View is the answer to an aggregation: every matching event when there are
// few enough, otherwise the grid cells that hold them.
type View struct {
	Matched int
	// Cells are nil when the events themselves were given; else sorted
	// north to south, then west to east.
	Cells []Cell
}

// AggregateEvents answers the map's view: the events q selects (its Limit
// and Offset are ignored), counted exactly. When at most maxEvents match,
// each is passed to yield in the order they were stored (as QueryEvents
// would) and View.Cells is nil; otherwise they are grouped into the cells
// of the grid at zoom. Events without a point are counted but in no cell;
// a query with a bbox has none.
func (s *Store) AggregateEvents(ctx context.Context, q EventQuery, zoom, maxEvents int, yield func(*EventRecord) error) (View, error) {
	var v View
	if err := q.Validate(); err != nil {
		return v, err
	}
	if zoom < 0 || zoom > MaxZoom {
		return v, &ValidationError{"zoom", fmt.Sprintf("must be a whole number from 0 to %d", MaxZoom)}
	}
	err := s.read(ctx, func(conn *sql.Conn) error {
		ix, iq, err := s.indexQuery(ctx, conn, q)
		if err != nil {
			return err
		}
		var rows []uint32
		ix.each(iq, func(i int) {
			v.Matched++
			if v.Matched <= maxEvents {
				rows = append(rows, uint32(i))
			}
		})
		if v.Matched <= maxEvents {
			ids := make([]int64, len(rows))
			for k, r := range rows {
				ids[k] = ix.fid[r]
			}
			return s.eachEvent(ctx, conn, ids, yield)
		}
		v.Cells = ix.grid(iq, float64(CellsPerSide(zoom)), zoom, 0, 0)
		return nil
	})
	return v, err
}

// grid groups the rows q selects into the cells of an n×n grid over the
// Web Mercator square; cell (x, y) holds the rows with floor(mx·n) = ox + x
// and floor(my·n) = oy + y. The cells a view can touch are counted in an
// array when they are few enough (a view is at most 256 cells a side, a
// tile's grid 32): a map lookup per row would take longer than the scan.
func (ix *mapIndex) grid(q *indexQuery, n float64, zoom, ox, oy int) []Cell {
	return ix.gridWith(q, n, zoom, ox, oy, nil)
}

// gridWith is grid that also calls also (when not nil) with every row
// selected, in row-id order.
func (ix *mapIndex) gridWith(q *indexQuery, n float64, zoom, ox, oy int, also func(i int)) []Cell {
	type acc struct {
		cell   Cell
		sx, sy float64
	}
	side := int(n)
	// The range of cells the rows may fall in.
	x0, y0, x1, y1 := 0, 0, side-1, side-1
	switch {
	case q.tile:
		x0, y0 = min(int(q.tx0*n), side-1), min(int(q.ty0*n), side-1)
		x1, y1 = min(int(q.tx1*n), side-1), min(int(q.ty1*n), side-1)
	case len(q.boxes) == 1:
		b := q.boxes[0]
		wx, ny := mercator(b.Min[0], b.Max[1])
		ex, sy := mercator(b.Max[0], b.Min[1])
		x0, y0, x1, y1 = min(int(wx*n), side-1), min(int(ny*n), side-1), min(int(ex*n), side-1), min(int(sy*n), side-1)
	}
	w, h := x1-x0+1, y1-y0+1
	var dense []acc
	var touched []int32
	byKey := map[[2]int]*acc{}
	if w*h <= 1<<18 {
		dense = make([]acc, w*h)
	}
	ix.eachBatch(q, func(rows []uint32) {
		for _, r := range rows {
			i := int(r)
			if also != nil {
				also(i)
			}
			mx, my := ix.mx[i], ix.my[i]
			if math.IsNaN(mx) {
				continue
			}
			cx, cy := min(int(mx*n), side-1), min(int(my*n), side-1)
			var a *acc
			if dense != nil {
				k := (cy-y0)*w + (cx - x0)
				a = &dense[k]
				if a.cell.Count == 0 {
					touched = append(touched, int32(k))
				}
			} else {
				a = byKey[[2]int{cx, cy}]
				if a == nil {
					a = &acc{}
					byKey[[2]int{cx, cy}] = a
				}
			}
			x, y := ix.x[i], ix.y[i]
			if a.cell.Count == 0 {
				a.cell = Cell{Zoom: zoom, X: cx - ox, Y: cy - oy, Bound: orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x, y}}}
			} else {
				// Bound.Extend, written out: it is the loop's dearest call.
				b := &a.cell.Bound
				b.Min[0], b.Min[1] = min(b.Min[0], x), min(b.Min[1], y)
				b.Max[0], b.Max[1] = max(b.Max[0], x), max(b.Max[1], y)
			}
			a.cell.Count++
			a.sx += x
			a.sy += y
			if t := ix.etype[i]; t > 0 {
				a.cell.Types[t-1]++
			}
		}
	})
	cells := make([]Cell, 0, len(touched)+len(byKey))
	add := func(a *acc) {
		a.cell.Point = orb.Point{a.sx / float64(a.cell.Count), a.sy / float64(a.cell.Count)}
		cells = append(cells, a.cell)
	}
	for _, k := range touched {
		add(&dense[k])
	}
	for _, a := range byKey {
		add(a)
	}
	slices.SortFunc(cells, func(a, b Cell) int {
		if a.Y != b.Y {
			return a.Y - b.Y
		}
		return a.X - b.X
	})
	return cells
}

// Histogram counts the events a query selects by when they happened.
type Histogram struct {
	// Unit is day, week (from Monday), month or year: the shortest that
	// covers the span in at most the bins asked for.
	Unit string
	// Buckets cover the span without gaps, zero counts included: the
	// datetime asked for, or the first to the last matching day. An event
	// is counted in the bucket of its first day in the span.
	Buckets []Bucket
	// Dated + Undated is every match; undated events only match queries
	// without a datetime.
	Dated, Undated int
}

// Bucket is one bar of a histogram: the events from Start (a UTC day) to
// the next bucket's start.
type Bucket struct {
	Start time.Time
	Count int
}

// MaxBins bounds the bins of a histogram.
const MaxBins = 2000

// EventHistogram counts the events q selects (Limit and Offset ignored)
// per day, week, month or year, so that at most bins buckets (1 to
// MaxBins) span the datetime of q, or the matching events' days when it
// is open.
func (s *Store) EventHistogram(ctx context.Context, q EventQuery, bins int) (Histogram, error) {
	var h Histogram
	if err := q.Validate(); err != nil {
		return h, err
	}
	if bins < 1 || bins > MaxBins {
		return h, &ValidationError{"bins", fmt.Sprintf("must be a whole number from 1 to %d", MaxBins)}
	}
	// perDay counts the matches by their first day, from the index's first day.
	var perDay []int
	var minDay int32
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	err := s.read(ctx, func(conn *sql.Conn) error {
		ix, iq, err := s.indexQuery(ctx, conn, q)
		if err != nil {
			return err
		}
		minDay = ix.minDay
		perDay = make([]int, ix.maxDay-ix.minDay+1)
		ix.each(iq, func(i int) {
			d := ix.d0[i]
			if d == noDay {
				h.Undated++
				return
			}
			h.Dated++
			perDay[d-minDay]++
			lo, hi = min(lo, d), max(hi, d)
		})
		return nil
	})
	if err != nil || h.Dated == 0 {
		return h, err
	}
	if !q.Start.IsZero() {
		lo = int32(dayNumber(q.Start))
	}
	if !q.End.IsZero() {
		hi = int32(dayNumber(q.End))
	}
	first, last := dayZeroTime.AddDate(0, 0, int(lo)), dayZeroTime.AddDate(0, 0, int(hi))
	span := int(hi-lo) + 1
	units := []struct {
		name  string
		start func(time.Time) time.Time
		next  func(time.Time) time.Time
		count int
	}{
		{"day", func(t time.Time) time.Time { return t }, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, span},
		{"week", func(t time.Time) time.Time { return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) },
			func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }, span/7 + 2},
		{"month", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
			func(t time.Time) time.Time { return t.AddDate(0, 1, 0) },
			(last.Year()-first.Year())*12 + int(last.Month()) - int(first.Month()) + 1},
		{"year", func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
			func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }, last.Year() - first.Year() + 1},
	}
	u := units[len(units)-1]
	for _, c := range units {
		if c.count <= bins {
			u = c
			break
		}
	}
	h.Unit = u.name
	var edges []int32 // the first day of each bucket
	for t := u.start(first); !t.After(last); t = u.next(t) {
		h.Buckets = append(h.Buckets, Bucket{Start: t})
		edges = append(edges, int32(dayNumber(t)))
	}
	for k, c := range perDay {
		if c == 0 {
			continue
		}
		d := max(minDay+int32(k), lo)
		i, found := slices.BinarySearch(edges, d)
		if !found {
			i--
		}
		h.Buckets[i].Count += c
	}
	return h, nil
}

// TileEvent is one event as a vector tile carries it.
type TileEvent struct {
	ID            string
	Point         orb.Point
	EventType     EventType
	SubEventType  SubEventType
	Date          string // YYYY-MM-DD, "" when undated
	PlaceName     string
	GeoPrecision  int
	TimePrecision Precision
}

// Tile is what a vector tile shows: the events in it when at most the
// limit asked for, otherwise cells of a grid over it (Zoom of the cells is
// the tile's zoom; X and Y count within the tile).
type Tile struct {
	Matched int
	Events  []TileEvent
	Cells   []Cell
}

// EventTile returns the events q selects in tile t (each event is in
// exactly one tile of a zoom level: west and north edges in). When more
// than maxEvents match they are grouped into a grid of grid×grid cells.
func (s *Store) EventTile(ctx context.Context, q EventQuery, t maptile.Tile, maxEvents, grid int) (Tile, error) {
	var out Tile
	q.BBox = nil
	if err := q.Validate(); err != nil {
		return out, err
	}
	err := s.read(ctx, func(conn *sql.Conn) error {
		ix, iq, err := s.indexQuery(ctx, conn, q)
		if err != nil {
			return err
		}
		n := float64(uint64(1) << t.Z)
		iq.tile, iq.tx0, iq.ty0, iq.tx1, iq.ty1 = true, float64(t.X)/n, float64(t.Y)/n, float64(t.X+1)/n, float64(t.Y+1)/n
		// One pass: the grid's cells are counted as the rows are met, and
		// the first maxEvents rows kept in case the tile holds no more.
		var rows []uint32
		cells := ix.gridWith(iq, n*float64(grid), int(t.Z), int(t.X)*grid, int(t.Y)*grid, func(i int) {
			out.Matched++
			if out.Matched <= maxEvents {
				rows = append(rows, uint32(i))
			}
		})
		if out.Matched > maxEvents {
			out.Cells = cells
			return nil
		}
		ids := make([]int64, len(rows))
		for k, r := range rows {
			ids[k] = ix.fid[r]
		}
		out.Events, err = tileEvents(ctx, conn, ids)
		return err
	})
	return out, err
}

func tileEvents(ctx context.Context, conn *sql.Conn, ids []int64) ([]TileEvent, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := conn.QueryContext(ctx, `SELECT t.geom, t.id, t.event_type, t.sub_event_type, coalesce(t.event_date, ''),
		coalesce(t.place_name, ''), t.geo_precision, t.time_precision
		FROM json_each(?) j CROSS JOIN events t ON t.fid = j.value ORDER BY j.key`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("news: tile events: %w", err)
	}
	defer rows.Close()
	out := make([]TileEvent, 0, len(ids))
	for rows.Next() {
		var e TileEvent
		var blob sql.RawBytes
		var prec int
		if err := rows.Scan(&blob, &e.ID, &e.EventType, &e.SubEventType, &e.Date, &e.PlaceName, &e.GeoPrecision, &prec); err != nil {
			return nil, fmt.Errorf("news: tile events: %w", err)
		}
		e.TimePrecision = Precision(prec)
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil {
			return nil, fmt.Errorf("news: tile event %s: %w", e.ID, err)
		}
		if p, ok := g.(orb.Point); ok {
			e.Point = p
			out = append(out, e)
		}
	}
	return out, rows.Err()
}

// indexVocabularies lists the values the index codes, in code order: event
// types, sub-event types, perspectives and modalities.
func indexVocabularies() (types, subs, persps, mods []string) {
	for _, t := range EventTypes {
		types = append(types, string(t))
	}
	for _, c := range Taxonomy {
		subs = append(subs, string(c.Sub))
	}
	for _, p := range Perspectives {
		persps = append(persps, string(p))
	}
	for _, m := range indexModalities {
		mods = append(mods, string(m))
	}
	return types, subs, persps, mods
}
