// Package newstest builds synthetic news databases, as net/http/httptest
// builds test servers. It is for tests and benchmarks only: it calls
// testing.TB, writes the news tables behind the store's back and leaves
// large files in os.TempDir().
package newstest

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

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
)

// version names the data Synthesize writes and the schemas EventsDB
// creates; change it whenever either changes, so that a file cached by an
// older version is not reused.
const version = 1

// EventsDB returns the path of a GeoPackage holding the gazetteer and news
// schemas and n events written by Synthesize. The file is built once and
// kept under os.TempDir(), so that later runs find it at once; a million
// events take about 45 s and 1.8 GB. The caller opens it with gpkg.Open
// and its stores, and must not write to it.
func EventsDB(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dateline-newstest-events-%d-v%d.gpkg", n, version))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	start := time.Now()
	if err := build(context.Background(), path, n); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built %s in %s", path, time.Since(start).Round(time.Millisecond))
	return path
}

// build writes the database under a name of its own and renames it to
// path when it is whole, so that neither a failed build nor a second
// test binary building at the same time (go test runs packages in
// parallel) leaves a partial file under path.
func build(ctx context.Context, path string, n int) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.building")
	if err != nil {
		return fmt.Errorf("newstest: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	db, err := gpkg.Open(tmp)
	if err != nil {
		return err
	}
	if _, err = gazetteer.NewStore(ctx, db); err == nil {
		if _, err = news.NewStore(ctx, db); err == nil {
			err = Synthesize(ctx, db, n)
		}
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("newstest: build %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// Synthesize adds n events to a database with the news schema and no
// synthetic documents yet: 2020–2024, at 20,000 places spread over the
// South Caucasus, 100 to a document from one of eight outlets, one in six
// the first of a cluster of two to four reports. The same n always gives
// the same rows.
//
// It writes the news tables directly, since news.Store.Save would
// re-cluster against everything stored, which is the ingest benchmark's
// business. It is a bulk load: without a journal, with the events table's
// indexes and triggers dropped, the rows inserted in one transaction, both
// R-trees filled from the points it placed (the triggers would call back
// into Go for every box) and the indexes and triggers created again, each
// index in one sort. A database it fails on is only fit to be thrown away.
func Synthesize(ctx context.Context, db *sql.DB, n int) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, p := range []string{"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1000000"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("newstest: %s: %w", p, err)
		}
	}
	schema, err := dropIndexes(ctx, conn, "events")
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	bound, boxes, err := insertRows(ctx, tx, n)
	if err != nil {
		return err
	}
	if err := fillRTrees(ctx, tx, boxes); err != nil {
		return err
	}
	for _, stmt := range schema {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("newstest: restore the events indexes: %w", err)
		}
	}
	// The extent of the points placed here: gpkg.UpdateExtent would read them all back.
	if _, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = 'events'`,
		bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE news_state SET version = version + 1`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	return err
}

// dropIndexes drops the indexes and triggers of a table and returns the
// statements that create them again.
func dropIndexes(ctx context.Context, conn *sql.Conn, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master
		WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL`, table)
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
		drops, schema = append(drops, "DROP "+typ+" "+name), append(schema, stmt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, d := range drops {
		if _, err := conn.ExecContext(ctx, d); err != nil {
			return nil, err
		}
	}
	return schema, nil
}

// box is what the R-trees hold of one event.
type box struct {
	fid      int64
	p        orb.Point
	from, to float64 // days since 2000-01-01, the time axis of rtree_events_when
}

// day2000 is day 0 of the time axis of rtree_events_when.
var day2000 = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// insertRows writes the documents, clusters and events, and returns the
// extent of the events' points and their R-tree boxes.
func insertRows(ctx context.Context, tx *sql.Tx, n int) (orb.Bound, []box, error) {
	bound := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	docSt, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, hash, title, outlet, outlet_name, perspective,
		published, url, format, body, raw, naming, gazetteer_version, ingested, event_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text', '', '', '{"counts":{},"mentions":0}', 1, ?, 100)`)
	if err != nil {
		return bound, nil, err
	}
	evSt, err := tx.PrepareContext(ctx, `INSERT INTO events (geom, id, doc_id, event_date, date_end, time_precision,
		event_type, sub_event_type, actor1, place_id, place_name, place_kind, geo_precision, sentence, sentence_start,
		sentence_end, confidence, rule, outlet, perspective, cluster_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'settlement', 1, ?, ?, ?, 0.8, ?, ?, ?, ?, ?)`)
	if err != nil {
		return bound, nil, err
	}
	clSt, err := tx.PrepareContext(ctx, `INSERT INTO clusters (id, event_type, sub_event_type, place_id, date,
		date_end, time_precision, size, outlets, perspectives, confidence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', 0.8)`)
	if err != nil {
		return bound, nil, err
	}

	rng := rand.New(rand.NewPCG(1, 2))
	places := make([]orb.Point, 20000)
	for i := range places {
		places[i] = orb.Point{40 + rng.Float64()*12, 37 + rng.Float64()*7}
	}
	outlets := []news.Outlet{
		{ID: "armenpress", Name: "Armenpress", Perspective: news.PerspectiveArmenian},
		{ID: "azatutyun", Name: "Azatutyun", Perspective: news.PerspectiveArmenian},
		{ID: "apa", Name: "APA", Perspective: news.PerspectiveAzerbaijani},
		{ID: "report-az", Name: "Report.az", Perspective: news.PerspectiveAzerbaijani},
		{ID: "tass", Name: "TASS", Perspective: news.PerspectiveRussian},
		{ID: "moscow-times", Name: "The Moscow Times", Perspective: news.PerspectiveRussian},
		{ID: "reuters", Name: "Reuters", Perspective: news.PerspectiveInternational},
		{ID: "eurasianet", Name: "Eurasianet", Perspective: news.PerspectiveInternational},
	}
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	now := time.Now().UTC().Format(time.RFC3339)
	for d := range (n + 99) / 100 {
		o := outlets[d%len(outlets)]
		doc := fmt.Sprintf("synthetic-%06d.txt", d)
		if _, err := docSt.ExecContext(ctx, doc, doc, "Synthetic report "+doc, o.ID, o.Name, string(o.Perspective),
			day0.AddDate(0, 0, d%1827).Format(time.DateOnly), "https://example.org/"+doc, now); err != nil {
			return bound, nil, err
		}
	}

	boxes := make([]box, 0, n)
	var e news.Event
	var pi, left int
	var cluster string
	for i := range n {
		if left == 0 {
			pi = rng.IntN(len(places))
			cat := news.Taxonomy[rng.IntN(len(news.Taxonomy))]
			start := day0.AddDate(0, 0, rng.IntN(1827))
			prec, end := news.PrecisionDay, start
			switch r := rng.IntN(100); {
			case r < 20:
				prec, end = news.PrecisionWeek, start.AddDate(0, 0, 6)
			case r < 28:
				prec, end = news.PrecisionMonth, start.AddDate(0, 1, -1)
			case r < 30:
				prec, end = news.PrecisionYear, start.AddDate(1, 0, -1)
			}
			e = news.Event{EventDate: start, DateEnd: end, TimePrecision: prec, EventType: cat.Type, SubEventType: cat.Sub,
				Actor1: "Military Forces of Azerbaijan", PlaceID: fmt.Sprintf("place-%05d", pi),
				PlaceName: fmt.Sprintf("Place %d", pi), PlaceKind: gazetteer.KindSettlement, GeoPrecision: 1,
				Confidence: 0.8, Rule: cat.Slug + "/synthetic", Trigger: "blocked", DateText: start.Format("2 January 2006")}
			left = 1
			if rng.IntN(6) == 0 {
				left = 2 + rng.IntN(3)
			}
			cluster = fmt.Sprintf("cl-%07d", i)
			if _, err := clSt.ExecContext(ctx, cluster, string(e.EventType), string(e.SubEventType), e.PlaceID,
				start.Format(time.DateOnly), end.Format(time.DateOnly), int(prec), left); err != nil {
				return bound, nil, err
			}
		}
		left--
		p := places[pi]
		o := outlets[(i/100+i)%len(outlets)]
		e.ID, e.Doc = fmt.Sprintf("ev-%07d", i), fmt.Sprintf("synthetic-%06d.txt", i/100)
		e.Outlet, e.Perspective = o.ID, o.Perspective
		e.Sentence = fmt.Sprintf("On %s forces reportedly %s the road near %s, according to %s, which cited local officials.",
			e.DateText, e.Trigger, e.PlaceName, o.Name)
		e.SentenceStart = (i % 100) * 180
		e.SentenceEnd = e.SentenceStart + len(e.Sentence)
		geom, err := gpkg.EncodeGeometry(p, gpkg.SRSWGS84)
		if err != nil {
			return bound, nil, err
		}
		detail, err := json.Marshal(e)
		if err != nil {
			return bound, nil, err
		}
		res, err := evSt.ExecContext(ctx, geom, e.ID, e.Doc, e.EventDate.Format(time.DateOnly), e.DateEnd.Format(time.DateOnly),
			int(e.TimePrecision), string(e.EventType), string(e.SubEventType), e.Actor1, e.PlaceID, e.PlaceName, e.Sentence,
			e.SentenceStart, e.SentenceEnd, e.Rule, e.Outlet, string(e.Perspective), cluster, detail)
		if err != nil {
			return bound, nil, err
		}
		fid, err := res.LastInsertId()
		if err != nil {
			return bound, nil, err
		}
		boxes = append(boxes, box{fid, p, float64(e.EventDate.Sub(day2000) / (24 * time.Hour)),
			float64(e.DateEnd.Sub(day2000) / (24 * time.Hour))})
		bound = bound.Extend(p)
	}
	return bound, boxes, nil
}

// fillRTrees writes the boxes into both R-trees of the events table, in
// Morton order of their points, so that each insert touches few nodes.
func fillRTrees(ctx context.Context, tx *sql.Tx, boxes []box) error {
	// Ten thousand boxes a statement, as one JSON array SQLite takes apart,
	// rather than a round trip through database/sql for each.
	geoSt, err := tx.PrepareContext(ctx, `INSERT INTO rtree_events_geom
		SELECT value ->> 0, value ->> 1, value ->> 1, value ->> 2, value ->> 2 FROM json_each(?)`)
	if err != nil {
		return err
	}
	whenSt, err := tx.PrepareContext(ctx, `INSERT INTO rtree_events_when
		SELECT value ->> 0, value ->> 1, value ->> 1, value ->> 2, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`)
	if err != nil {
		return err
	}
	key := func(b box) uint64 { return morton(uint32((b.p[0]+180)*100), uint32((b.p[1]+90)*100)) }
	slices.SortFunc(boxes, func(a, b box) int { return cmp.Compare(key(a), key(b)) })
	for len(boxes) > 0 {
		part := boxes[:min(len(boxes), 10000)]
		boxes = boxes[len(part):]
		list := make([]byte, 0, 2+64*len(part))
		list = append(list, '[')
		for i, b := range part {
			if i > 0 {
				list = append(list, ',')
			}
			list = fmt.Appendf(list, "[%d,%v,%v,%v,%v]", b.fid, b.p[0], b.p[1], b.from, b.to)
		}
		list = append(list, ']')
		if _, err := geoSt.ExecContext(ctx, list); err != nil {
			return err
		}
		if _, err := whenSt.ExecContext(ctx, list); err != nil {
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
