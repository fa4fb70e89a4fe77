package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"dateline/gazetteer"
	"dateline/news"
	"dateline/seeds"
)

// cmdSynth fills the database (seeding it first when new) with synthetic
// events for trying and benchmarking the map at archive scale.
func cmdSynth(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("synth", env, &cfg)
	events := fs.String("events", "", "how many synthetic events to add")
	seed := fs.Uint64("seed", 1, "the seed every choice follows; the same seed gives the same events")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("synth: unexpected argument %q", pos[0])
	}
	if *events == "" {
		return usagef("synth: want --events N")
	}
	n, err := strconv.Atoi(*events)
	if err != nil || n < 1 || n > 100_000_000 {
		return usagef("synth: --events must be a whole number from 1 to 100000000, not %q", *events)
	}
	places, err := synthPlaces()
	if err != nil {
		return err
	}
	outlets, err := loadOutlets()
	if err != nil {
		return err
	}
	start := time.Now()
	st, err := openStores(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.close()
	if _, err := st.seed(ctx, env.stderr, false); err != nil {
		return err
	}
	stats, err := st.news.Synthesize(ctx, news.SynthOptions{Events: n, Seed: *seed, Places: places, Outlets: outlets.All()})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "synthesized %d events (%d undated) in %d documents into %s in %s (seed %d)\n",
		stats.Events, stats.Undated, stats.Documents, cfg.DB, time.Since(start).Round(time.Millisecond), *seed)
	return nil
}

// synthPlaces are the curated gazetteer's places, where synthetic events
// happen; a settlement with a known population draws news by its size.
func synthPlaces() ([]news.SynthPlace, error) {
	curated, err := gazetteer.ReadCurated(seeds.Sub("gazetteer"))
	if err != nil {
		return nil, err
	}
	return news.SynthPlacesOf(curated), nil
}
