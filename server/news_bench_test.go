package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
	"dateline/news/newstest"
)

// benchEvents is how many synthetic events the page benchmarks run on.
const benchEvents = 1000000

// benchEventsEnv is a server on a database of a million synthetic events,
// built once by newstest and kept, so that later runs start at once.
func benchEventsEnv(b *testing.B) *testEnv {
	b.Helper()
	ctx := context.Background()
	db, err := gpkg.Open(newstest.EventsDB(b, benchEvents))
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
	// The body goes to a writer that only counts it, as a socket would take
	// it: a recorder's growing buffer would be the client's cost, not the server's.
	w := &discardWriter{}
	for b.Loop() {
		w.reset()
		env.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, benchEventsPage, nil))
		if w.code != http.StatusOK {
			b.Fatalf("status %d", w.code)
		}
		size = w.n
	}
	page := decode[itemsResp](b, env.get(b, benchEventsPage), http.StatusOK)
	if page.NumberReturned != 1000 || page.NumberMatched < 1000 {
		b.Fatalf("returned %d of %d", page.NumberReturned, page.NumberMatched)
	}
	b.ReportMetric(float64(page.NumberMatched), "matched")
	b.ReportMetric(float64(size), "bytes/page")
}

// discardWriter is an http.ResponseWriter that keeps the status and counts the body.
type discardWriter struct {
	h       http.Header
	code, n int
}

func (w *discardWriter) reset()               { w.h, w.code, w.n = http.Header{}, 0, 0 }
func (w *discardWriter) Header() http.Header  { return w.h }
func (w *discardWriter) WriteHeader(code int) { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	w.n += len(p)
	return len(p), nil
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
	base := serveLoopback(b, env.h)
	client := &http.Client{Timeout: 30 * time.Second}
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
	runLoad(b, base, 16, targets)
}
