package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dateline/gazetteer"
	"dateline/news"
	"dateline/seeds"
)

// readInput reads a file argument, "-" meaning standard input.
func readInput(env *environment, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(env.stdin, news.MaxArticleBytes+1))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, news.MaxArticleBytes+1))
}

// articleText is the text geoparsing works on: the article body without its
// boilerplate, or the whole text with --raw.
func articleText(name string, raw []byte, keepRaw bool, outlets *news.Outlets) (*news.Article, error) {
	if keepRaw {
		return news.ParseRaw(name, raw)
	}
	return news.ParseArticle(name, raw, outlets)
}

func loadOutlets() (*news.Outlets, error) {
	b, err := seedFile("outlets.json")
	if err != nil {
		return nil, err
	}
	return news.ParseOutlets(b)
}

func seedFile(name string) ([]byte, error) {
	f, err := seeds.FS().Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func cmdGeoparse(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("geoparse", env, &cfg)
	raw := fs.Bool("raw", false, "geoparse the whole text, boilerplate included")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	outlets, err := loadOutlets()
	if err != nil {
		return err
	}
	// Read and check every input before the slow part, so a bad file fails fast.
	type doc struct {
		name string
		a    *news.Article
	}
	var docs []doc
	for _, f := range files {
		b, err := readInput(env, f)
		if err != nil {
			return err
		}
		name := filepath.Base(f)
		if f == "-" {
			name = "stdin"
		}
		a, err := articleText(name, b, *raw, outlets)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		docs = append(docs, doc{name, a})
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	gp := p.live.Current()
	found := make([]gazetteer.DocumentMentions, len(docs))
	for i, d := range docs {
		found[i] = gazetteer.DocumentMentions{Doc: d.name, Mentions: gp.Parse(d.a.Body)}
	}
	return gazetteer.WriteMentions(env.stdout, found...)
}

func cmdEval(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("eval", env, &cfg)
	var golds stringList
	fs.Var(&golds, "gold", "the gold file (JSON, see DESIGN.md); with --events, gold files or folders of events-*.json")
	events := fs.Bool("events", false, "score event extraction against event gold files (seeds/gold/events)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *events {
		return cmdEvalEvents(ctx, env, cfg, append(golds, pos...))
	}
	if len(golds) != 1 || len(pos) > 0 {
		return usagef("eval: want --gold FILE and nothing else")
	}
	goldPath := &golds[0]
	f, err := os.Open(*goldPath)
	if err != nil {
		return err
	}
	gold, err := gazetteer.ReadGold(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *goldPath, err)
	}
	outlets, err := loadOutlets()
	if err != nil {
		return err
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	gp := p.live.Current()
	start := time.Now()
	bytes := 0
	preds := map[string][]gazetteer.Prediction{}
	for _, d := range gold.Documents {
		path := filepath.Join(filepath.Dir(*goldPath), d.File)
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("gold document %s: %w", d.ID, err)
		}
		a, err := news.ParseArticle(filepath.Base(path), b, outlets)
		if err != nil {
			return fmt.Errorf("gold document %s: %w", d.ID, err)
		}
		bytes += len(a.Body)
		preds[d.ID] = gazetteer.Predictions(gp.Parse(a.Body))
	}
	rep := gazetteer.Evaluate(gold, preds)
	out := struct {
		Gold string `json:"gold"`
		gazetteer.Report
		Names   int     `json:"names_indexed"`
		Seconds float64 `json:"geoparse_seconds"`
		Bytes   int     `json:"bytes"`
	}{*goldPath, rep, gp.Names(), time.Since(start).Seconds(), bytes}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
