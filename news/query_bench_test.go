package news

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
)

// syntheticVersion names the layout of the synthetic database; change it
// whenever synthesize or the news schema changes, so that a file cached by
// an older version is not reused.
const syntheticVersion = 2

// syntheticStore returns a news store over n synthetic events, built once
// and kept under os.TempDir() so that later runs open it at once.
func syntheticStore(tb testing.TB, n int) *Store {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dateline-news-synthetic-%d-v%d.gpkg", n, syntheticVersion))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		os.Remove(tmp)
		db, err := gpkg.Open(tmp)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := NewStore(ctx, db); err != nil {
			tb.Fatal(err)
		}
		err = synthesize(ctx, db, n, true)
		db.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("built %s in %s", path, time.Since(start).Round(time.Millisecond))
	}
	db, err := gpkg.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s, err := NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// synthesize adds n events to an empty news store: 2020–2024, at 20,000
// places spread over the South Caucasus, 100 to a document from one of eight
// outlets, about a third of them in clusters of two to four reports. It writes
// the rows directly, in one transaction, rather than through Save, whose
// clustering reads back what is stored. With bulk, the indexes and triggers
// of the events table are dropped first, the R-trees filled from the points
// the build knows (the triggers would call back into Go four times per index
// and row), and the indexes and triggers restored, each index built in one
// sort; the file is then only fit to read, since a failed bulk build leaves
// it without them.
func synthesize(ctx context.Context, db *sql.DB, n int, bulk bool) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var schema []string
	if bulk {
		for _, p := range []string{"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1000000"} {
			if _, err := conn.ExecContext(ctx, p); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		if schema, err = dropEventIndexes(ctx, conn); err != nil {
			return err
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	docSt, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, hash, title, outlet, outlet_name, perspective,
		published, url, format, body, raw, naming, gazetteer_version, ingested, event_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text', '', '', '{"counts":{},"mentions":0}', 1, ?, 100)`)
	if err != nil {
		return err
	}
	evSt, err := tx.PrepareContext(ctx, `INSERT INTO events (geom, id, doc_id, event_date, date_end, time_precision,
		event_type, sub_event_type, actor1, place_id, place_name, place_kind, geo_precision, sentence, sentence_start,
		sentence_end, confidence, rule, outlet, perspective, cluster_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'settlement', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	clSt, err := tx.PrepareContext(ctx, `INSERT INTO clusters (id, event_type, sub_event_type, place_id, date, date_end,
		time_precision, size, outlets, perspectives, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', 0.8)`)
	if err != nil {
		return err
	}

	rng := rand.New(rand.NewPCG(1, 2))
	places := make([]orb.Point, 20000)
	for i := range places {
		places[i] = orb.Point{40 + rng.Float64()*12, 37 + rng.Float64()*7}
	}
	outlets := []*Outlet{
		{ID: "armenpress", Name: "Armenpress", Perspective: PerspectiveArmenian},
		{ID: "azatutyun", Name: "Azatutyun", Perspective: PerspectiveArmenian},
		{ID: "apa", Name: "APA", Perspective: PerspectiveAzerbaijani},
		{ID: "report-az", Name: "Report.az", Perspective: PerspectiveAzerbaijani},
		{ID: "tass", Name: "TASS", Perspective: PerspectiveRussian},
		{ID: "moscow-times", Name: "The Moscow Times", Perspective: PerspectiveRussian},
		{ID: "reuters", Name: "Reuters", Perspective: PerspectiveInternational},
		{ID: "eurasianet", Name: "Eurasianet", Perspective: PerspectiveInternational},
	}
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	now := time.Now().UTC().Format(time.RFC3339)
	for d := range (n + 99) / 100 {
		o := outlets[d%len(outlets)]
		doc := fmt.Sprintf("synthetic-%06d.txt", d)
		if _, err := docSt.ExecContext(ctx, doc, doc, "Synthetic report "+doc, o.ID, o.Name, string(o.Perspective),
			day0.AddDate(0, 0, d%1827).Format(time.DateOnly), "https://example.org/"+doc, now); err != nil {
			return err
		}
	}

	type indexed struct{ x, y, d0, d1 float64 }
	index := make([]indexed, 0, n)
	var e Event
	var pi, left int
	var cluster string
	bound := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	for i := range n {
		if left == 0 {
			// A new event; every one is in a cluster, most alone.
			pi = rng.IntN(len(places))
			cat := Taxonomy[rng.IntN(len(Taxonomy))]
			start := day0.AddDate(0, 0, rng.IntN(1827))
			prec, end := PrecisionDay, start
			switch r := rng.IntN(100); {
			case r < 20:
				prec, end = PrecisionWeek, start.AddDate(0, 0, 6)
			case r < 28:
				prec, end = PrecisionMonth, start.AddDate(0, 1, -1)
			case r < 30:
				prec, end = PrecisionYear, start.AddDate(1, 0, -1)
			}
			e = Event{EventDate: start, DateEnd: end, TimePrecision: prec, EventType: cat.Type, SubEventType: cat.Sub,
				Actor1: "Military Forces of Azerbaijan", PlaceID: fmt.Sprintf("place-%05d", pi),
				PlaceName: fmt.Sprintf("Place %d", pi), PlaceKind: "settlement", GeoPrecision: 1, Confidence: 0.8,
				Rule: cat.Slug + "/synthetic", Trigger: "blocked", DateText: start.Format("2 January 2006")}
			left = 1
			if rng.IntN(6) == 0 {
				left = 2 + rng.IntN(3)
			}
			cluster = fmt.Sprintf("cl-%07d", i)
			if _, err := clSt.ExecContext(ctx, cluster, string(e.EventType), string(e.SubEventType), e.PlaceID,
				dateOrNil(e.EventDate), dateOrNil(e.DateEnd), int(e.TimePrecision), left); err != nil {
				return err
			}
		}
		left--
		pt := places[pi]
		bound = bound.Extend(pt)
		o := outlets[(i/100+i)%len(outlets)]
		e.ID = fmt.Sprintf("ev-%07d", i)
		e.Doc = fmt.Sprintf("synthetic-%06d.txt", i/100)
		e.Outlet, e.Perspective = o.ID, o.Perspective
		e.SentenceStart = (i % 100) * 180
		e.Sentence = fmt.Sprintf("On %s forces reportedly %s the road near %s, according to %s, which cited local officials.",
			e.DateText, e.Trigger, e.PlaceName, o.Name)
		e.SentenceEnd = e.SentenceStart + len(e.Sentence)
		index = append(index, indexed{pt[0], pt[1], dayNumber(e.EventDate), dayNumber(e.DateEnd)})
		geom, err := gpkg.EncodeGeometry(pt, gpkg.SRSWGS84)
		if err != nil {
			return err
		}
		detail, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := evSt.ExecContext(ctx, geom, e.ID, e.Doc, dateOrNil(e.EventDate), dateOrNil(e.DateEnd),
			int(e.TimePrecision), string(e.EventType), string(e.SubEventType), e.Actor1, e.PlaceID, e.PlaceName,
			e.Sentence, e.SentenceStart, e.SentenceEnd, e.Confidence, e.Rule, e.Outlet, string(e.Perspective), cluster,
			detail); err != nil {
			return err
		}
	}

	if bulk {
		if err := fillEventRTrees(ctx, tx, len(index), func(i int) (x, y, d0, d1 float64) {
			ix := index[i]
			return ix.x, ix.y, ix.d0, ix.d1
		}); err != nil {
			return err
		}
		for _, stmt := range schema {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&last); err != nil || (bulk && last != n) {
		return fmt.Errorf("synthesize: %d events stored, want %d (does the table start empty?): %v", last, n, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE news_state SET version = version + 1`); err != nil {
		return err
	}
	// The extent of points it placed itself: gpkg.UpdateExtent would read them all back.
	if _, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = 'events'`,
		bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if bulk {
		_, err = conn.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	}
	return err
}

// dropEventIndexes drops the indexes and triggers of the events table and
// returns the statements that create them again.
func dropEventIndexes(ctx context.Context, conn *sql.Conn) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master
		WHERE type IN ('index', 'trigger') AND tbl_name = 'events' AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	var drops, schema []string
	for rows.Next() {
		var typ, name, stmt string
		if err := rows.Scan(&typ, &name, &stmt); err != nil {
			rows.Close()
			return nil, err
		}
		drops = append(drops, "DROP "+typ+" "+name)
		schema = append(schema, stmt)
	}
	rows.Close()
	for _, d := range drops {
		if _, err := conn.ExecContext(ctx, d); err != nil {
			return nil, err
		}
	}
	return schema, nil
}

// fillEventRTrees writes the n first events (row ids 1 to n) into both
// R-trees, in Morton order of their points, so that each insert touches
// few nodes.
func fillEventRTrees(ctx context.Context, tx *sql.Tx, n int, at func(i int) (x, y, d0, d1 float64)) error {
	geoSt, err := tx.PrepareContext(ctx, `INSERT INTO rtree_events_geom VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	whenSt, err := tx.PrepareContext(ctx, `INSERT INTO rtree_events_when VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	order := make([]int, n)
	keys := make([]uint64, n)
	for i := range order {
		order[i] = i
		x, y, _, _ := at(i)
		keys[i] = morton(uint32((x+180)*100), uint32((y+90)*100))
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	for _, i := range order {
		x, y, d0, d1 := at(i)
		fid := int64(i + 1)
		if _, err := geoSt.ExecContext(ctx, fid, x, x, y, y); err != nil {
			return err
		}
		if _, err := whenSt.ExecContext(ctx, fid, x, x, y, y, d0, d1); err != nil {
			return err
		}
	}
	return nil
}

// morton interleaves the bits of x and y.
func morton(x, y uint32) uint64 {
	var z uint64
	for i := range 32 {
		z |= uint64(x>>i&1)<<(2*i) | uint64(y>>i&1)<<(2*i+1)
	}
	return z
}

// benchEventQuery is a page of 1,000 among the events of a 2° × 1.5° box
// around Nagorno-Karabakh in the first half of 2023: about 36,000 events
// lie in the box, about 105,000 in the half-year, 3,800 in both.
var benchEventQuery = EventQuery{
	BBox:  &orb.Bound{Min: orb.Point{45.5, 39}, Max: orb.Point{47.5, 40.5}},
	Start: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2023, 6, 30, 23, 59, 59, 0, time.UTC),
	Limit: 1000,
}

// BenchmarkQueryEvents1M reads a bbox and datetime page of 1,000 events
// among a million, with the exact count, their documents and reports.
func BenchmarkQueryEvents1M(b *testing.B) {
	s := syntheticStore(b, 1000000)
	ctx := context.Background()
	var n, returned int
	for b.Loop() {
		returned = 0
		var err error
		n, err = s.QueryEvents(ctx, benchEventQuery, func(*EventRecord) error {
			returned++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if returned != 1000 || n < 1000 {
		b.Fatalf("returned %d of %d", returned, n)
	}
	b.ReportMetric(float64(n), "matched")
}

// BenchmarkCountEvents1M is the count alone: numberMatched of the same query.
func BenchmarkCountEvents1M(b *testing.B) {
	s := syntheticStore(b, 1000000)
	ctx := context.Background()
	q := benchEventQuery
	m := eventMatch(q)
	for b.Loop() {
		if err := s.read(ctx, func(conn *sql.Conn) error {
			_, _, err := m.page(ctx, conn, 1, 0)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
}
