package server

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
	"dateline/seeds"
)

// archiveVersion names the layout of the cached million-event database;
// change it when synthesis or the schema changes.
const archiveVersion = 1

// archiveEnv is a server over `dateline synth --events 1000000` (the
// curated places, the seed outlets, seed 1), built once into os.TempDir()
// and reused by later runs; only the benchmarks ask for it.
func archiveEnv(b *testing.B) *testEnv {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dateline-bench-1m-v%d.gpkg", archiveVersion))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		if err := buildArchive(ctx, tmp); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %s", path, time.Since(start).Round(time.Second))
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

func buildArchive(ctx context.Context, path string) error {
	db, err := gpkg.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := gazetteer.NewStore(ctx, db); err != nil {
		return err
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		return err
	}
	curated, err := gazetteer.ReadCurated(seeds.Sub("gazetteer"))
	if err != nil {
		return err
	}
	raw, err := fs.ReadFile(seeds.FS(), "outlets.json")
	if err != nil {
		return err
	}
	outlets, err := news.ParseOutlets(raw)
	if err != nil {
		return err
	}
	_, err = docs.Synthesize(ctx, news.SynthOptions{Events: 1000000, Seed: 1, Places: news.SynthPlacesOf(curated), Outlets: outlets.All()})
	if err == nil {
		_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	return err
}

// benchView times one request per iteration and reports the median as p50-ms.
func benchView(b *testing.B, target string) {
	env := archiveEnv(b)
	start := time.Now()
	if rec := env.get(b, target); rec.Code != http.StatusOK {
		b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
	}
	b.Logf("first request (builds the map index): %s", time.Since(start).Round(time.Millisecond))
	var times []time.Duration
	var size int
	for b.Loop() {
		t0 := time.Now()
		rec := env.get(b, target)
		times = append(times, time.Since(t0))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", target, rec.Code)
		}
		size = rec.Body.Len()
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(size), "bytes")
}

const region = "bbox=43.4,38.3,50.9,42"

func BenchmarkAggregateRegionZ7(b *testing.B) {
	benchView(b, "/collections/events/aggregate?zoom=7&"+region)
}

// A town (Stepanakert) on a 1280 × 800 screen at zoom 13.
func BenchmarkAggregateTownZ13(b *testing.B) {
	benchView(b, "/collections/events/aggregate?zoom=13&bbox=46.64,39.76,46.86,39.88")
}

func BenchmarkAggregateHalfYear(b *testing.B) {
	benchView(b, "/collections/events/aggregate?zoom=7&datetime=2023-01-01/2023-06-30&"+region)
}

func BenchmarkAggregateKeyword(b *testing.B) {
	benchView(b, "/collections/events/aggregate?zoom=7&q=shelled&"+region)
}

func BenchmarkHistogram(b *testing.B) {
	benchView(b, "/collections/events/histogram?"+region)
}

func BenchmarkHistogramFiltered(b *testing.B) {
	benchView(b, "/collections/events/histogram?event_type=Battles&datetime=2022-01-01/2023-12-31&"+region)
}

// The zoom-7 tile holding Stepanakert, the densest of the region.
func BenchmarkTileZ7(b *testing.B) {
	t := maptile.At(orb.Point{46.7528, 39.8177}, 7)
	benchView(b, fmt.Sprintf("/collections/events/tiles/WebMercatorQuad/%d/%d/%d", t.Z, t.Y, t.X))
}

// A zoom-12 tile of Stepanakert's neighbourhood.
func BenchmarkTileZ12(b *testing.B) {
	t := maptile.At(orb.Point{46.7528, 39.8177}, 12)
	benchView(b, fmt.Sprintf("/collections/events/tiles/WebMercatorQuad/%d/%d/%d", t.Z, t.Y, t.X))
}
