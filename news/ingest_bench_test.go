package news

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/seeds"
)

// benchGeoparser is the default gazetteer (world background + curated)
// built once per test binary, without a database.
var benchGeoparser = sync.OnceValues(func() (*gazetteer.Geoparser, error) {
	world, err := gazetteer.LoadWorld(seeds.Sub("world"))
	if err != nil {
		return nil, err
	}
	curated, err := gazetteer.ReadCurated(seeds.Sub("gazetteer"))
	if err != nil {
		return nil, err
	}
	return gazetteer.NewGeoparser(append(world, curated...), 1), nil
})

// BenchmarkIngest measures the whole pipeline on 5 KB articles: parse,
// geoparse with the default gazetteer, extract events, profile the naming,
// store in a GeoPackage and re-cluster, one article per op on one goroutine.
func BenchmarkIngest(b *testing.B) {
	g, err := benchGeoparser()
	if err != nil {
		b.Fatalf("default gazetteer: %v (run `make` to copy the world files)", err)
	}
	ctx := context.Background()
	db, err := gpkg.Open(filepath.Join(b.TempDir(), "bench.gpkg"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	st, err := NewStore(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	outletsJSON, err := fs.ReadFile(seeds.FS(), "outlets.json")
	if err != nil {
		b.Fatal(err)
	}
	outlets, err := ParseOutlets(outletsJSON)
	if err != nil {
		b.Fatal(err)
	}
	in := &Ingester{Store: st, Outlets: outlets, Geoparser: func() *gazetteer.Geoparser { return g }}
	files, _ := fs.Glob(seeds.Sub("articles"), "*.txt")
	var texts [][]byte
	for _, f := range files {
		raw, _ := fs.ReadFile(seeds.Sub("articles"), f)
		for len(raw) < 5000 {
			raw = append(raw, raw...)
		}
		texts = append(texts, raw[:5000])
	}
	b.SetBytes(5000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A distinct closing line keeps every article new (no hash hit).
		raw := append(append([]byte{}, texts[i%len(texts)]...), fmt.Sprintf("\n\nRef %d.\n", i)...)
		if _, err := in.Ingest(ctx, fmt.Sprintf("a%07d.txt", i), raw, false); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
