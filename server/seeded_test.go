package server

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
	"dateline/seeds"
)

// TestMain removes the seeded database the tests share once they are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if seeded.dir != "" {
		os.RemoveAll(seeded.dir)
	}
	os.Exit(code)
}

// seeded is the database `dateline serve` starts from (world background,
// curated gazetteer, the seed articles), built once per test binary, as
// seeding the world takes a while; each test works on a copy.
var seeded struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// seededCopy returns the path of a fresh copy of the seeded database.
func seededCopy(tb testing.TB) string {
	tb.Helper()
	seeded.once.Do(func() {
		seeded.dir, seeded.err = os.MkdirTemp("", "dateline-server-seeded-")
		if seeded.err == nil {
			seeded.path = filepath.Join(seeded.dir, "seeded.gpkg")
			seeded.err = seedDatabase(context.Background(), seeded.path)
		}
	})
	if seeded.err != nil {
		tb.Fatalf("seeding a database: %v", seeded.err)
	}
	b, err := os.ReadFile(seeded.path)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "dateline.gpkg")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// seedDatabase does what `dateline serve` does on first start.
func seedDatabase(ctx context.Context, path string) error {
	db, err := gpkg.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	places, err := gazetteer.NewStore(ctx, db)
	if err != nil {
		return err
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		return err
	}
	if _, err := places.Seed(ctx, seeds.Sub("gazetteer"), seeds.Sub("world")); err != nil {
		return err
	}
	live, err := gazetteer.NewLive(ctx, places)
	if err != nil {
		return err
	}
	in, err := seedIngester(docs, live)
	if err != nil {
		return err
	}
	articles := seeds.Sub("articles")
	files, err := fs.Glob(articles, "*.txt")
	if err != nil {
		return err
	}
	for _, f := range files {
		raw, err := fs.ReadFile(articles, f)
		if err != nil {
			return err
		}
		if _, err := in.Ingest(ctx, f, raw, false); err != nil {
			return fmt.Errorf("seed article %s: %w", f, err)
		}
	}
	return db.Close()
}

// seedIngester is the article pipeline `dateline serve` wires: the outlet
// registry and the seed articles' metadata.
func seedIngester(docs *news.Store, live *gazetteer.Live) (*news.Ingester, error) {
	b, err := fs.ReadFile(seeds.FS(), "outlets.json")
	if err != nil {
		return nil, err
	}
	outlets, err := news.ParseOutlets(b)
	if err != nil {
		return nil, err
	}
	b, err = fs.ReadFile(seeds.Sub("articles"), "meta.json")
	if err != nil {
		return nil, err
	}
	meta, err := news.ParseMeta(b)
	if err != nil {
		return nil, err
	}
	return &news.Ingester{Store: docs, Outlets: outlets, Meta: meta, Geoparser: live.Current}, nil
}

// seededEnv is a server on a copy of the seeded database, with the
// ingester to add documents.
type seededEnv struct {
	*testEnv
	in *news.Ingester
}

func newSeededEnv(tb testing.TB) *seededEnv {
	tb.Helper()
	ctx := context.Background()
	db, err := gpkg.Open(seededCopy(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	places, err := gazetteer.NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	live, err := gazetteer.NewLive(ctx, places)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := seedIngester(docs, live)
	if err != nil {
		tb.Fatal(err)
	}
	return &seededEnv{testEnv: startEnv(tb, db, places, docs, live), in: in}
}
