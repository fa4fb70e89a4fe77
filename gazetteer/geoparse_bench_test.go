package gazetteer

import (
	"io/fs"
	"runtime"
	"sync"
	"testing"
	"time"

	"dateline/seeds"
)

// defaultPlaces is the default gazetteer (world background + curated) read
// from the seed files once per test binary.
var defaultPlaces = sync.OnceValues(func() ([]*Place, error) {
	world, err := LoadWorld(seeds.Sub("world"))
	if err != nil {
		return nil, err
	}
	curated, err := ReadCurated(seeds.Sub("gazetteer"))
	if err != nil {
		return nil, err
	}
	// As Seed does: a curated entry replaces its background twin.
	covered := map[int64]bool{}
	for _, p := range curated {
		if p.GeoNamesID != 0 {
			covered[p.GeoNamesID] = true
		}
	}
	out := make([]*Place, 0, len(world)+len(curated))
	for _, p := range world {
		if !covered[p.GeoNamesID] {
			out = append(out, p)
		}
	}
	return append(out, curated...), nil
})

func mustDefaultPlaces(tb testing.TB) []*Place {
	tb.Helper()
	places, err := defaultPlaces()
	if err != nil {
		tb.Fatalf("default gazetteer: %v (run `make` to copy the world files)", err)
	}
	return places
}

// newsDocs returns about n bytes of English news as separate articles: the
// seed articles, repeated.
func newsDocs(tb testing.TB, n int) []string {
	tb.Helper()
	files, err := fs.Glob(seeds.Sub("articles"), "*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("seed articles: %v", err)
	}
	var parts []string
	for _, f := range files {
		b, err := fs.ReadFile(seeds.Sub("articles"), f)
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	var docs []string
	for size := 0; size < n; {
		for _, p := range parts {
			docs = append(docs, p)
			size += len(p)
		}
	}
	return docs
}

// BenchmarkGeoparse measures end-to-end geoparsing (normalise, tag, resolve)
// of English news with the full default gazetteer, on one goroutine.
func BenchmarkGeoparse(b *testing.B) {
	g := NewGeoparser(mustDefaultPlaces(b), 1)
	docs := newsDocs(b, 1<<20)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	mentions := 0
	for i := 0; i < b.N; i++ {
		mentions = 0
		for _, d := range docs {
			mentions += len(g.Parse(d))
		}
	}
	b.ReportMetric(float64(mentions), "mentions/op")
}

// BenchmarkGeoparserBuild measures building the name index and resolver
// snapshot of the default gazetteer, and the live heap the snapshot adds on
// top of the loaded places.
func BenchmarkGeoparserBuild(b *testing.B) {
	places := mustDefaultPlaces(b)
	b.ReportAllocs()
	var g *Geoparser
	for i := 0; i < b.N; i++ {
		g = nil
		g = NewGeoparser(places, 1)
	}
	b.StopTimer()
	var without, with runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&with)
	keep := g.Names()
	g = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	b.ReportMetric(float64(with.HeapAlloc-without.HeapAlloc)/(1<<20), "snapshot-MB")
	b.ReportMetric(float64(with.HeapAlloc-without.HeapAlloc)/float64(keep), "snapshot-B/name")
	b.ReportMetric(float64(without.HeapAlloc)/(1<<20), "places-MB")
	b.ReportMetric(float64(keep), "names")
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "build-ms")
}

// TestDefaultGeoparserLoads is no timing test: it checks that the
// default gazetteer's snapshot loads and reports its size for BENCHMARKS.md.
func TestDefaultGeoparserLoads(t *testing.T) {
	places := mustDefaultPlaces(t)
	start := time.Now()
	g := NewGeoparser(places, 1)
	t.Logf("indexed %d names of %d places in %s", g.Names(), len(places), time.Since(start))
	if g.Names() < len(places) {
		t.Fatalf("index holds %d names for %d places", g.Names(), len(places))
	}
}
