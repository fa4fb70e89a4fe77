package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
	"dateline/news/feeds"
	"dateline/seeds"
)

// Config is everything the flags and environment decide; only this package builds it.
type Config struct {
	DB            string
	Addr          string
	AdminPassword string
	TileURL       string
	TileAttrib    string
	// TrustedProxies: reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies []string
}

// newFlags returns a flag set for a subcommand, with --db bound to cfg.DB.
// Parse errors are returned (never printed and exited by package flag).
func newFlags(name string, env *environment, cfg *Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	def := env.getenv("DATELINE_DB")
	if def == "" {
		def = filepath.Join("data", "dateline.gpkg")
	}
	fs.StringVar(&cfg.DB, "db", def, "the database file (a GeoPackage)")
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// (`gazetteer search Khankendi --db x.gpkg`), and turns mistakes into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("%s: see `dateline help`", fs.Name())
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// stores are the opened database and the domain stores over it.
type stores struct {
	path   string
	places *gazetteer.Store
	news   *news.Store
	feeds  *feeds.Store
	close  func() error
}

// openStores opens (creating when needed) the database and applies every
// package's migrations.
func openStores(ctx context.Context, path string) (*stores, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	db, err := gpkg.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	places, err := gazetteer.NewStore(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	followed, err := feeds.NewStore(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return &stores{path: path, places: places, news: docs, feeds: followed, close: db.Close}, nil
}

// seed fills an empty database: the world background, the curated
// gazetteer, then the seed articles with what they report. With needParser
// it returns the live geoparser over the gazetteer (it is built anyway when
// there are articles to ingest); commands that only read or write places
// pass false and skip building the name index.
func (s *stores) seed(ctx context.Context, log io.Writer, needParser bool) (*gazetteer.Live, error) {
	start := time.Now()
	st, err := s.places.Seed(ctx, seeds.Sub("gazetteer"), seeds.Sub("world"))
	if err != nil {
		return nil, err
	}
	if st.World.Created+st.Curated.Created > 0 {
		fmt.Fprintf(log, "seeded %s in %s: %d world places, %d curated places (%d background entries replaced by curated ones)\n",
			s.path, time.Since(start).Round(time.Millisecond), st.World.Created, st.Curated.Created, st.Curated.Replaced)
	}
	docs, _, _, _, err := s.news.Counts(ctx)
	if err != nil {
		return nil, err
	}
	if docs > 0 && !needParser {
		return nil, nil
	}
	live, err := gazetteer.NewLive(ctx, s.places)
	if err != nil || docs > 0 {
		return live, err
	}
	in, err := s.ingester(live)
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(seeds.Sub("articles"), "*.txt")
	if err != nil {
		return nil, err
	}
	events := 0
	for _, f := range files {
		raw, err := fs.ReadFile(seeds.Sub("articles"), f)
		if err != nil {
			return nil, err
		}
		r, err := in.Ingest(ctx, f, raw, false)
		if err != nil {
			return nil, fmt.Errorf("seed article %s: %w", f, err)
		}
		events += r.Events
	}
	fmt.Fprintf(log, "ingested %d seed articles with %d events\n", len(files), events)
	return live, nil
}

// pipeline is an opened, seeded database with the live geoparser and the
// article pipeline over it: what serve, ingest, geoparse and eval work with.
type pipeline struct {
	*stores
	live *gazetteer.Live
	in   *news.Ingester
}

// openPipeline opens and seeds the database and wires the article pipeline.
// The caller closes it.
func openPipeline(ctx context.Context, path string, log io.Writer) (*pipeline, error) {
	st, err := openStores(ctx, path)
	if err != nil {
		return nil, err
	}
	live, err := st.seed(ctx, log, true)
	if err != nil {
		st.close()
		return nil, err
	}
	in, err := st.ingester(live)
	if err != nil {
		st.close()
		return nil, err
	}
	return &pipeline{stores: st, live: live, in: in}, nil
}

// ingester wires the article pipeline to the stores and the live geoparser.
func (s *stores) ingester(live *gazetteer.Live) (*news.Ingester, error) {
	outlets, err := loadOutlets()
	if err != nil {
		return nil, err
	}
	meta := map[string]news.Meta{}
	if b, err := fs.ReadFile(seeds.Sub("articles"), "meta.json"); err == nil {
		if meta, err = news.ParseMeta(b); err != nil {
			return nil, err
		}
	}
	return &news.Ingester{Store: s.news, Outlets: outlets, Meta: meta, Geoparser: live.Current}, nil
}
