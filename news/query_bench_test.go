package news

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
)

// syntheticVersion names the layout of the synthetic database; change it
// whenever synthesize or the news schema changes, so that a cached file
// built by an older version is not reused.
const syntheticVersion = 1

// syntheticDB returns a news store over n synthetic events, built once and
// kept under os.TempDir() so that later runs open it in a moment.
func syntheticDB(tb testing.TB, n int) *Store {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dateline-news-synthetic-%d-v%d.gpkg", n, syntheticVersion))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		os.Remove(tmp)
		if err := synthesize(context.Background(), tmp, n); err != nil {
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
	s, err := NewStore(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// synthesize writes n events over 2020–2024 at 20,000 places spread over the
// South Caucasus, 100 to a document, with about a third of them in clusters
// of two to four reports from different outlets.
func synthesize(ctx context.Context, path string, n int) error {
	db, err := gpkg.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := NewStore(ctx, db); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	places := make([]orb.Point, 20000)
	for i := range places {
		places[i] = orb.Point{40 + rng.Float64()*12, 37 + rng.Float64()*7}
	}
	outlets := []struct {
		id   string
		p    Perspective
		name string
	}{
		{"armenpress", PerspectiveArmenian, "Armenpress"}, {"azatutyun", PerspectiveArmenian, "Azatutyun"},
		{"apa", PerspectiveAzerbaijani, "APA"}, {"report-az", PerspectiveAzerbaijani, "Report.az"},
		{"tass", PerspectiveRussian, "TASS"}, {"moscow-times", PerspectiveRussian, "The Moscow Times"},
		{"reuters", PerspectiveInternational, "Reuters"}, {"eurasianet", PerspectiveInternational, "Eurasianet"},
	}
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	docSt, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, hash, title, outlet, outlet_name, perspective,
		published, url, format, body, raw, naming, gazetteer_version, ingested, event_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text', '', '', '{}', 1, ?, 100)`)
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
		time_precision, size, outlets, perspectives, documents, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', '[]', 0.8)`)
	if err != nil {
		return err
	}
	docs := (n + 99) / 100
	for d := range docs {
		o := outlets[d%len(outlets)]
		doc := fmt.Sprintf("synthetic-%06d.txt", d)
		if _, err := docSt.ExecContext(ctx, doc, doc, "Synthetic report "+doc, o.id, o.name, string(o.p),
			day0.AddDate(0, 0, d%1827).Format(time.DateOnly), "https://example.org/"+doc, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
	}
	var clusterLeft int
	var cluster string
	var e Event
	var pi int
	for i := range n {
		d := i / 100
		o := outlets[(d+i)%len(outlets)]
		if clusterLeft == 0 {
			// A new event: alone, or the first report of a cluster.
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
			if rng.IntN(6) == 0 {
				clusterLeft = 2 + rng.IntN(3)
				cluster = fmt.Sprintf("c%07d", i)
			}
		}
		pt := places[pi]
		e.ID = fmt.Sprintf("ev-%07d", i)
		e.Doc = fmt.Sprintf("synthetic-%06d.txt", d)
		e.Outlet, e.Perspective = o.id, o.p
		e.SentenceStart = (i % 100) * 180
		e.Sentence = fmt.Sprintf("On %s forces reportedly %s the road near %s, according to %s, which cited local officials and residents.",
			e.DateText, e.Trigger, e.PlaceName, o.name)
		e.SentenceEnd = e.SentenceStart + len(e.Sentence)
		var cl any
		if clusterLeft > 0 {
			cl = cluster
			clusterLeft--
			if clusterLeft == 0 {
				if _, err := clSt.ExecContext(ctx, cluster, string(e.EventType), string(e.SubEventType), e.PlaceID,
					dateOrNil(e.EventDate), dateOrNil(e.DateEnd), int(e.TimePrecision), 0); err != nil {
					return err
				}
			}
		}
		geom, err := gpkg.EncodeGeometry(pt, 4326)
		if err != nil {
			return err
		}
		detail, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := evSt.ExecContext(ctx, geom, e.ID, e.Doc, dateOrNil(e.EventDate), dateOrNil(e.DateEnd),
			int(e.TimePrecision), string(e.EventType), string(e.SubEventType), e.Actor1, e.PlaceID, e.PlaceName,
			e.Sentence, e.SentenceStart, e.SentenceEnd, e.Confidence, e.Rule, e.Outlet, string(e.Perspective), cl,
			string(detail)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE clusters SET size = (SELECT count(*) FROM events WHERE cluster_id = clusters.id)`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE news_state SET version = version + 1`); err != nil {
		return err
	}
	if err := gpkg.UpdateExtent(ctx, tx, "events"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

func BenchmarkProto(b *testing.B) {
	s := syntheticDB(b, 1000000)
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	for _, p := range []string{os.Getenv("PRAGMA1"), os.Getenv("PRAGMA2")} {
		if p != "" {
			if _, err := conn.ExecContext(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, q := range []string{
		`SELECT count(*) FROM rtree_events_geom r JOIN events e ON e.fid = r.id WHERE r.maxx >= 45.5 AND r.maxy >= 39 AND r.minx <= 47.5 AND r.miny <= 40.5 AND e.event_date <= '2023-06-30' AND e.date_end >= '2023-01-01'`,
		`SELECT count(*) FROM rtree_events_geom r WHERE r.maxx >= 45.5 AND r.maxy >= 39 AND r.minx <= 47.5 AND r.miny <= 40.5`,
		`SELECT length(json_group_array(id)) FROM rtree_events_geom r WHERE r.maxx >= 45.5 AND r.maxy >= 39 AND r.minx <= 47.5 AND r.miny <= 40.5`,
		`SELECT count(*) FROM events e WHERE e.event_date <= '2023-06-30' AND e.date_end >= '2023-01-01'`,
		`SELECT count(*) FROM events e WHERE e.event_date between '2022-01-01' and '2023-06-30' AND e.date_end >= '2023-01-01'`,
	} {
		var n int
		for range 3 {
			start := time.Now()
			if err := conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
				b.Fatal(err)
			}
			b.Logf("%d in %s: %s", n, time.Since(start), q[:80])
		}
	}
}
