package gazetteer

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"dateline/geo"
	"dateline/geo/gpkg"
)

// PlaceQuery selects live places for the feature API and the layer downloads.
// The zero value selects every live place.
type PlaceQuery struct {
	// BBox keeps the places whose geometry shares a point with the box
	// (longitude/latitude). A box with Min[0] > Max[0] crosses the
	// antimeridian: it covers Min[0]..180 and -180..Max[0]. Places without a
	// geometry never match a box.
	BBox *orb.Bound
	// Kinds keeps the places of these kinds; empty means every kind.
	Kinds []Kind
	// Q keeps the places with any name that starts with Q, both compared in
	// their NormalizeName form ("stepan" finds Stepanakert, "xank" Xankəndi).
	Q string
	// Limit caps the number of places returned (<= 0: no cap); Offset skips
	// that many matches first. Matches are ordered by their row id, which is
	// stable across requests, so pages never overlap.
	Limit, Offset int
}

// Validate checks the query's rules and returns a *ValidationError naming the
// first field (bbox, kind, q, offset) that breaks one.
func (q PlaceQuery) Validate() error {
	if q.BBox != nil {
		if err := geo.ValidateBBox(*q.BBox); err != nil {
			return &ValidationError{"bbox", err.Error()}
		}
	}
	for _, k := range q.Kinds {
		if !k.Valid() {
			return &ValidationError{"kind", fmt.Sprintf("unknown kind %q", k)}
		}
	}
	if q.Q != "" && NormalizeName(q.Q) == "" {
		return &ValidationError{"q", "has no letters or digits to look for"}
	}
	if q.Offset < 0 {
		return &ValidationError{"offset", "must not be negative"}
	}
	return nil
}

// boxes splits a box that crosses the antimeridian into its two halves, so
// that the R-tree and geo.Intersects, which know nothing of wrapping, can
// test each.
func (q PlaceQuery) boxes() []orb.Bound {
	b := *q.BBox
	if b.Min[0] <= b.Max[0] {
		return []orb.Bound{b}
	}
	return []orb.Bound{
		{Min: orb.Point{b.Min[0], b.Min[1]}, Max: orb.Point{180, b.Max[1]}},
		{Min: orb.Point{-180, b.Min[1]}, Max: orb.Point{b.Max[0], b.Max[1]}},
	}
}

// where returns the SQL condition on places (aliased p) for everything but
// the box, and its arguments.
func (q PlaceQuery) where() (string, []any) {
	cond := []string{"p.deleted = 0"}
	var args []any
	if len(q.Kinds) > 0 {
		cond = append(cond, "p.kind IN (?"+strings.Repeat(", ?", len(q.Kinds)-1)+")")
		for _, k := range q.Kinds {
			args = append(args, string(k))
		}
	}
	if q.Q != "" {
		// A prefix range on the indexed key; U+10FFFF sorts after every
		// character a key can continue with.
		key := NormalizeName(q.Q)
		cond = append(cond, "p.fid IN (SELECT place_fid FROM place_names WHERE norm >= ? AND norm < ?)")
		args = append(args, key, key+"\U0010FFFF")
	}
	return strings.Join(cond, " AND "), args
}

// QueryPlaces returns one page of the places q selects, in row order, and
// how many places match in all (after the exact geometry test, so the count
// is exact, not the R-tree's estimate).
func (s *Store) QueryPlaces(ctx context.Context, q PlaceQuery) (places []*Place, matched int, err error) {
	if q.Limit > 0 {
		places = make([]*Place, 0, min(q.Limit, 1024))
	}
	matched, err = s.EachPlace(ctx, q, func(p *Place) error {
		places = append(places, p)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return places, matched, nil
}

// EachPlace calls fn for every place of the page q selects, in row order,
// streaming from the database (a whole-layer download never holds the layer
// in memory), and returns how many places match in all. It reads one
// snapshot, so the count and the page agree even while the gazetteer changes.
// An error from fn stops the walk and is returned as it is.
func (s *Store) EachPlace(ctx context.Context, q PlaceQuery, fn func(*Place) error) (matched int, err error) {
	if err := q.Validate(); err != nil {
		return 0, err
	}
	err = s.readSnapshot(ctx, func(conn *sql.Conn) error {
		if q.BBox == nil {
			return s.eachPlaceNoBox(ctx, conn, q, fn, &matched)
		}
		return s.eachPlaceInBox(ctx, conn, q, fn, &matched)
	})
	return matched, err
}

func (s *Store) eachPlaceNoBox(ctx context.Context, conn *sql.Conn, q PlaceQuery, fn func(*Place) error, matched *int) error {
	where, args := q.where()
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM places p WHERE `+where, args...).Scan(matched); err != nil {
		return fmt.Errorf("gazetteer: count places: %w", err)
	}
	if q.Offset >= *matched {
		return nil
	}
	// LIMIT -1 is SQLite's "no limit".
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	rows, err := conn.QueryContext(ctx, `SELECT `+placeColumns("")+` FROM places p WHERE `+where+`
		ORDER BY p.fid LIMIT ? OFFSET ?`, append(args, limit, q.Offset)...)
	if err != nil {
		return fmt.Errorf("gazetteer: query places: %w", err)
	}
	return eachRow(rows, fn)
}

// eachPlaceInBox finds the matches in two steps: the R-tree gives the
// candidates with their (float32, outward-rounded) boxes; a candidate whose
// box lies inside the query box matches without further ado, and only the
// others, which straddle an edge, have their geometry read and tested
// exactly. The page is then read by row id.
func (s *Store) eachPlaceInBox(ctx context.Context, conn *sql.Conn, q PlaceQuery, fn func(*Place) error, matched *int) error {
	boxes := q.boxes()
	where, args := q.where()
	inside := make(map[int64]bool)
	for _, b := range boxes {
		rows, err := conn.QueryContext(ctx, `
			SELECT r.id, r.minx, r.maxx, r.miny, r.maxy
			FROM rtree_places_geom r JOIN places p ON p.fid = r.id
			WHERE r.maxx >= ? AND r.maxy >= ? AND r.minx <= ? AND r.miny <= ? AND `+where,
			append(gpkg.BBoxArgs(b), args...)...)
		if err != nil {
			return fmt.Errorf("gazetteer: query places in bbox: %w", err)
		}
		for rows.Next() {
			var fid int64
			var r orb.Bound
			if err := rows.Scan(&fid, &r.Min[0], &r.Max[0], &r.Min[1], &r.Max[1]); err != nil {
				rows.Close()
				return fmt.Errorf("gazetteer: query places in bbox: %w", err)
			}
			inside[fid] = inside[fid] || boxWithin(r, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("gazetteer: query places in bbox: %w", err)
		}
	}

	fids := make([]int64, 0, len(inside))
	var edge []int64
	for fid, in := range inside {
		if in {
			fids = append(fids, fid)
		} else {
			edge = append(edge, fid)
		}
	}
	hits, err := exactHits(ctx, conn, edge, boxes)
	if err != nil {
		return err
	}
	fids = append(fids, hits...)
	slices.Sort(fids)
	*matched = len(fids)

	page := fids[min(q.Offset, len(fids)):]
	if q.Limit > 0 && len(page) > q.Limit {
		page = page[:q.Limit]
	}
	if len(page) == 0 {
		return nil
	}
	list, err := json.Marshal(page)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT `+placeColumns("")+` FROM places p
		WHERE p.fid IN (SELECT value FROM json_each(?)) ORDER BY p.fid`, string(list))
	if err != nil {
		return fmt.Errorf("gazetteer: query places: %w", err)
	}
	return eachRow(rows, fn)
}

// exactHits returns the rows among fids whose geometry intersects one of boxes.
func exactHits(ctx context.Context, conn *sql.Conn, fids []int64, boxes []orb.Bound) ([]int64, error) {
	if len(fids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(fids)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT fid, geom FROM places WHERE fid IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: test geometries: %w", err)
	}
	defer rows.Close()
	var hits []int64
	for rows.Next() {
		var fid int64
		var blob []byte
		if err := rows.Scan(&fid, &blob); err != nil {
			return nil, fmt.Errorf("gazetteer: test geometries: %w", err)
		}
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: test geometry of row %d: %w", fid, err)
		}
		for _, b := range boxes {
			if g != nil && geo.Intersects(g, b) {
				hits = append(hits, fid)
				break
			}
		}
	}
	return hits, rows.Err()
}

// boxWithin reports whether inner lies wholly inside outer. An R-tree box is
// rounded outwards, so when it lies inside, so does the geometry it bounds.
func boxWithin(inner, outer orb.Bound) bool {
	return inner.Min[0] >= outer.Min[0] && inner.Max[0] <= outer.Max[0] &&
		inner.Min[1] >= outer.Min[1] && inner.Max[1] <= outer.Max[1]
}

func eachRow(rows *sql.Rows, fn func(*Place) error) error {
	defer rows.Close()
	for rows.Next() {
		p, _, err := scanPlace(rows)
		if err != nil {
			return fmt.Errorf("gazetteer: query places: %w", err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gazetteer: query places: %w", err)
	}
	return nil
}

// rtreeSlack bounds how far an R-tree coordinate lies from the float64 it
// stands for: one float32 step at 180 degrees is 2^-16 (1.5e-5), so 1e-4
// is safely more.
const rtreeSlack = 1e-4

// Extent returns the exact bounding box of the geometries of the live places
// of these kinds (every kind when kinds is empty); ok is false when none of
// them has a geometry. The R-tree gives the box to within rtreeSlack, and
// only the places that lie that close to one of its edges are read to make
// it exact.
func (s *Store) Extent(ctx context.Context, kinds []Kind) (box orb.Bound, ok bool, err error) {
	q := PlaceQuery{Kinds: kinds}
	if err := q.Validate(); err != nil {
		return orb.Bound{}, false, err
	}
	where, args := q.where()
	err = s.readSnapshot(ctx, func(conn *sql.Conn) error {
		var minX, minY, maxX, maxY sql.NullFloat64
		err := conn.QueryRowContext(ctx, `
			SELECT min(r.minx), min(r.miny), max(r.maxx), max(r.maxy)
			FROM rtree_places_geom r JOIN places p ON p.fid = r.id WHERE `+where, args...).
			Scan(&minX, &minY, &maxX, &maxY)
		if err != nil {
			return fmt.Errorf("gazetteer: extent: %w", err)
		}
		if !minX.Valid {
			return nil
		}
		rows, err := conn.QueryContext(ctx, `
			SELECT p.geom FROM rtree_places_geom r JOIN places p ON p.fid = r.id
			WHERE (r.minx <= ? OR r.miny <= ? OR r.maxx >= ? OR r.maxy >= ?) AND `+where,
			append([]any{minX.Float64 + rtreeSlack, minY.Float64 + rtreeSlack,
				maxX.Float64 - rtreeSlack, maxY.Float64 - rtreeSlack}, args...)...)
		if err != nil {
			return fmt.Errorf("gazetteer: extent: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var blob []byte
			if err := rows.Scan(&blob); err != nil {
				return fmt.Errorf("gazetteer: extent: %w", err)
			}
			g, _, err := gpkg.DecodeGeometry(blob)
			if err != nil {
				return fmt.Errorf("gazetteer: extent: %w", err)
			}
			if g == nil {
				continue
			}
			if b := geo.Bound(g); ok {
				box = box.Union(b)
			} else {
				box, ok = b, true
			}
		}
		return rows.Err()
	})
	if err != nil {
		return orb.Bound{}, false, err
	}
	return box, ok, nil
}

// Changed returns the gazetteer's data version (see DataVersion) and when
// the places last changed, in one snapshot. Caches key on the version; the
// time stamps what they serve.
func (s *Store) Changed(ctx context.Context) (version int64, at time.Time, err error) {
	var last sql.NullString
	err = s.db.QueryRowContext(ctx, `
		SELECT s.version, c.last_change
		FROM gazetteer_state s LEFT JOIN gpkg_contents c ON c.table_name = 'places'
		WHERE s.one = 1`).Scan(&version, &last)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("gazetteer: read data version: %w", err)
	}
	if last.Valid {
		// GeoPackage writes last_change as %Y-%m-%dT%H:%M:%fZ, which RFC 3339 parsing accepts.
		at, err = time.Parse(time.RFC3339, last.String)
		if err != nil {
			return 0, time.Time{}, fmt.Errorf("gazetteer: read last change: %w", err)
		}
	}
	return version, at.UTC(), nil
}

// readSnapshot runs fn on one connection that sees one state of the database.
func (s *Store) readSnapshot(ctx context.Context, fn func(*sql.Conn) error) error {
	return gpkg.ReadSnapshot(ctx, s.db, fn)
}
