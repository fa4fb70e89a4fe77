package newstest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
	"dateline/news"
)

// TestSynthesize checks that the bulk load leaves what the store's own
// writes would: every row, both R-trees agreeing with the triggers'
// formulas, the indexes and triggers back, and queries that match a scan.
func TestSynthesize(t *testing.T) {
	ctx := context.Background()
	db, err := gpkg.Open(filepath.Join(t.TempDir(), "synthetic.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := news.NewStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var triggers int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'`).
		Scan(&triggers); err != nil || triggers == 0 {
		t.Fatalf("%d triggers on the events table before the load, %v", triggers, err)
	}
	const n = 2050
	if err := Synthesize(ctx, db, n); err != nil {
		t.Fatal(err)
	}

	counts := []struct {
		name string
		sql  string
		want int
	}{
		{"documents", `SELECT count(*) FROM documents`, 21},
		{"events", `SELECT count(*) FROM events`, n},
		{"events in their clusters", `SELECT count(*) FROM events e JOIN clusters c ON c.id = e.cluster_id`, n},
		{"events with their document", `SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id`, n},
		{"geometry boxes around their point", `SELECT count(*) FROM events e JOIN rtree_events_geom r ON r.id = e.fid
			WHERE r.minx <= ST_MinX(e.geom) AND r.maxx >= ST_MaxX(e.geom)
			AND r.miny <= ST_MinY(e.geom) AND r.maxy >= ST_MaxY(e.geom)`, n},
		{"time boxes as the trigger writes them", `SELECT count(*) FROM events e JOIN rtree_events_when r ON r.id = e.fid
			WHERE r.minx <= ST_MinX(e.geom) AND r.maxx >= ST_MaxX(e.geom)
			AND r.miny <= ST_MinY(e.geom) AND r.maxy >= ST_MaxY(e.geom)
			AND r.mind = julianday(e.event_date) - 2451544.5 AND r.maxd = julianday(e.date_end) - 2451544.5`, n},
		{"geometry boxes", `SELECT count(*) FROM rtree_events_geom`, n},
		{"time boxes", `SELECT count(*) FROM rtree_events_when`, n},
		{"triggers restored", `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'`, triggers},
	}
	for _, c := range counts {
		var got int
		if err := db.QueryRowContext(ctx, c.sql).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s: %d, want %d (%v)", c.name, got, c.want, err)
		}
	}

	q := news.EventQuery{
		BBox:  &orb.Bound{Min: orb.Point{45.5, 39}, Max: orb.Point{47.5, 40.5}},
		Start: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC),
	}
	var scan int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM events
		WHERE ST_MinX(geom) BETWEEN 45.5 AND 47.5 AND ST_MinY(geom) BETWEEN 39 AND 40.5
		AND date_end >= '2022-01-01' AND event_date <= '2023-12-31'`).Scan(&scan); err != nil {
		t.Fatal(err)
	}
	returned := 0
	matched, err := s.QueryEvents(ctx, q, func(r *news.EventRecord) error {
		if r.Title == "" || r.URL == "" {
			t.Errorf("event %s without its document", r.ID)
		}
		returned++
		return nil
	})
	if err != nil || matched != scan || returned != scan || scan == 0 {
		t.Errorf("query matched %d and returned %d, a scan finds %d (%v)", matched, returned, scan, err)
	}
}
