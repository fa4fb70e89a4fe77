package server

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
)

// benchEventsVersion names the layout of the synthetic events database;
// change it whenever buildBenchEvents or a schema changes, so that a file
// cached by an older version is not reused.
const benchEventsVersion = 2

// benchEvents is how many synthetic events the page benchmarks run on.
const benchEvents = 1000000

// benchEventsEnv is a server on a database of a million synthetic events,
// built once and kept under os.TempDir(), so that later runs start at once.
func benchEventsEnv(b *testing.B) *testEnv {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dateline-server-bench-events-%d-v%d.gpkg", benchEvents, benchEventsVersion))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		os.Remove(tmp)
		if err := buildBenchEvents(ctx, tmp, benchEvents); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %s", path, time.Since(start).Round(time.Millisecond))
	}
	db, err := gpkg.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	places, err := gazetteer.NewStore(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	return startEnv(b, db, places, docs, nil)
}

// buildBenchEvents writes n events at 20,000 places spread over the South
// Caucasus, 2020–2024, 100 to a document from one of eight outlets, one in
// six the first of a cluster of two to four reports. It writes the news
// tables directly (Save would re-cluster against everything stored, which
// is the ingest benchmark's business, not this one's) as a bulk load: the
// events table's indexes and triggers are dropped, the rows inserted in one
// transaction, both R-trees filled from the points the build knows (the
// triggers would call back into Go for every box), and the indexes and
// triggers created again, each index in one sort.
func buildBenchEvents(ctx context.Context, path string, n int) error {
	db, err := gpkg.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := gazetteer.NewStore(ctx, db); err != nil {
		return err
	}
	if _, err := news.NewStore(ctx, db); err != nil {
		return err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The file is thrown away if the build fails: no journal is needed.
	for _, p := range []string{"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1000000"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	var schema, drops []string
	rows, err := conn.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master
		WHERE type IN ('index', 'trigger') AND tbl_name = 'events' AND sql IS NOT NULL`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var typ, name, stmt string
		if err := rows.Scan(&typ, &name, &stmt); err != nil {
			rows.Close()
			return err
		}
		drops, schema = append(drops, "DROP "+typ+" "+name), append(schema, stmt)
	}
	rows.Close()
	for _, d := range drops {
		if _, err := conn.ExecContext(ctx, d); err != nil {
			return err
		}
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prepare := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	docSt := prepare(`INSERT INTO documents (id, hash, title, outlet, outlet_name, perspective, published, url, format,
		body, raw, naming, gazetteer_version, ingested, event_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text', '', '', '{"counts":{},"mentions":0}', 1, ?, 100)`)
	evSt := prepare(`INSERT INTO events (geom, id, doc_id, event_date, date_end, time_precision, event_type,
		sub_event_type, actor1, place_id, place_name, place_kind, geo_precision, sentence, sentence_start, sentence_end,
		confidence, rule, outlet, perspective, cluster_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'settlement', 1, ?, ?, ?, 0.8, ?, ?, ?, ?, ?)`)
	clSt := prepare(`INSERT INTO clusters (id, event_type, sub_event_type, place_id, date, date_end, time_precision,
		size, outlets, perspectives, documents, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', '[]', 0.8)`)
	geoSt := prepare(`INSERT INTO rtree_events_geom SELECT value ->> 0, value ->> 1, value ->> 1, value ->> 2, value ->> 2
		FROM json_each(?)`)
	whenSt := prepare(`INSERT INTO rtree_events_when SELECT value ->> 0, value ->> 1, value ->> 1, value ->> 2, value ->> 2,
		value ->> 3, value ->> 4 FROM json_each(?)`)
	if err != nil {
		return err
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
			return err
		}
	}
	type box struct {
		fid      int64
		p        orb.Point
		from, to float64 // days since 2000-01-01
	}
	boxes := make([]box, 0, n)
	bound := [4]float64{180, 90, -180, -90}
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
				return err
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
			return err
		}
		detail, err := json.Marshal(e)
		if err != nil {
			return err
		}
		res, err := evSt.ExecContext(ctx, geom, e.ID, e.Doc, e.EventDate.Format(time.DateOnly), e.DateEnd.Format(time.DateOnly),
			int(e.TimePrecision), string(e.EventType), string(e.SubEventType), e.Actor1, e.PlaceID, e.PlaceName, e.Sentence,
			e.SentenceStart, e.SentenceEnd, e.Rule, e.Outlet, string(e.Perspective), cluster, detail)
		if err != nil {
			return err
		}
		fid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		boxes = append(boxes, box{fid, p, float64(e.EventDate.Sub(day2000) / (24 * time.Hour)),
			float64(e.DateEnd.Sub(day2000) / (24 * time.Hour))})
		bound = [4]float64{min(bound[0], p[0]), min(bound[1], p[1]), max(bound[2], p[0]), max(bound[3], p[1])}
	}
	// In Morton order of their points the R-tree inserts touch few nodes each.
	key := func(b box) uint64 {
		x, y := uint32((b.p[0]+180)*100), uint32((b.p[1]+90)*100)
		var z uint64
		for i := range 32 {
			z |= uint64(x>>i&1)<<(2*i) | uint64(y>>i&1)<<(2*i+1)
		}
		return z
	}
	slices.SortFunc(boxes, func(a, b box) int { return cmp.Compare(key(a), key(b)) })
	// Ten thousand boxes a statement, as one JSON array SQLite takes apart,
	// rather than a round trip through database/sql for each.
	for len(boxes) > 0 {
		part := boxes[:min(len(boxes), 10000)]
		boxes = boxes[len(part):]
		list := make([]byte, 0, 64*len(part))
		for i, b := range part {
			if i > 0 {
				list = append(list, ',')
			}
			list = fmt.Appendf(list, "[%d,%v,%v,%v,%v]", b.fid, b.p[0], b.p[1], b.from, b.to)
		}
		list = append(append([]byte{'['}, list...), ']')
		if _, err := geoSt.ExecContext(ctx, list); err != nil {
			return err
		}
		if _, err := whenSt.ExecContext(ctx, list); err != nil {
			return err
		}
	}
	for _, stmt := range schema {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	// The extent of the points placed here: gpkg.UpdateExtent would read them all back.
	if _, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = 'events'`,
		bound[0], bound[1], bound[2], bound[3]); err != nil {
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

// day2000 is day 0 of the time axis of rtree_events_when.
var day2000 = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// benchEventsPage is a page of 1,000 among the events of a 2° × 1.5° box
// around Nagorno-Karabakh in the first half of 2023: about 36,000 of the
// million lie in the box, 105,000 in the half-year, 3,800 in both.
const benchEventsPage = "/collections/events/items?bbox=45.5,39,47.5,40.5&datetime=2023-01-01/2023-06-30&limit=1000"

// BenchmarkEventsPage1M is a bbox and datetime page of 1,000 events among a
// million, through the router: the count, the rows, their documents and
// clusters' other reports, and the GeoJSON.
func BenchmarkEventsPage1M(b *testing.B) {
	env := benchEventsEnv(b)
	var size int
	for b.Loop() {
		rec := env.get(b, benchEventsPage)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		size = rec.Body.Len()
	}
	page := decode[itemsResp](b, env.get(b, benchEventsPage), http.StatusOK)
	if page.NumberReturned != 1000 || page.NumberMatched < 1000 {
		b.Fatalf("returned %d of %d", page.NumberReturned, page.NumberMatched)
	}
	b.ReportMetric(float64(page.NumberMatched), "matched")
	b.ReportMetric(float64(size), "bytes/page")
}

// BenchmarkEventsPage1MCached is the same page for a client that has it:
// If-None-Match is answered 304 after reading only the data version.
func BenchmarkEventsPage1MCached(b *testing.B) {
	env := benchEventsEnv(b)
	tag := env.get(b, benchEventsPage).Header().Get(headerETag)
	for b.Loop() {
		if rec := env.get(b, benchEventsPage, headerIfNoneMatch, tag); rec.Code != http.StatusNotModified {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// loadTargets are what the map page and API clients ask for, sent in turn
// by the load clients, with one event feature.
var loadTargets = []string{
	"/collections/events/items?limit=1000",
	"/collections/events/items?bbox=46,39,47.5,40.5&datetime=2023-01-01/..",
	"/collections/mentions/items?limit=100",
	"/collections/checkpoints/items",
	"/collections/places/items?bbox=46.5,39.5,47,40&limit=100",
	"/collections",
	"/api/documents",
	"/api/documents/000_93c835df433c85df.txt",
	"/api/places/search?q=stepan",
}

// BenchmarkSeededLoad measures requests per second on the seeded database
// under concurrent load: a real listener on loopback, 16 clients with
// keep-alive connections, each sending loadTargets in turn. The op is one
// request; req/s is the throughput over the run.
func BenchmarkSeededLoad(b *testing.B) {
	env := newSeededEnv(b)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: env.h, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	const clients = 16
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	base := "http://" + ln.Addr().String()
	first := decode[itemsResp](b, env.get(b, "/collections/events/items?limit=1"), http.StatusOK)
	if len(first.Features) != 1 {
		b.Fatal("the seeded database has no events")
	}
	targets := append(slices.Clone(loadTargets), "/collections/events/items/"+first.Features[0].ID)
	for _, t := range targets {
		resp, err := client.Get(base + t)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d", t, resp.StatusCode)
		}
	}
	b.ResetTimer()
	start := time.Now()
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	total := int64(b.N)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				resp, err := client.Get(base + targets[i%int64(len(targets))])
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, total)
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "req/s")
}
