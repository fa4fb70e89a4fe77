package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dateline/news"
)

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// eventGoldFiles expands the gold arguments: a folder stands for every
// events-*.json file in it.
func eventGoldFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(a, "events-*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("eval: no events-*.json gold file in %s", strings.Join(args, ", "))
	}
	return files, nil
}

// cmdEvalEvents scores event extraction: each gold document is read,
// geoparsed and its events extracted exactly as `dateline ingest` would,
// without storing it; the report is JSON.
func cmdEvalEvents(ctx context.Context, env *environment, cfg Config, args []string) error {
	if len(args) == 0 {
		return usagef("eval: want --events --gold DIR_OR_FILE...")
	}
	files, err := eventGoldFiles(args)
	if err != nil {
		return err
	}
	type goldDoc struct {
		news.EventGoldDocument
		path string
	}
	var docs []goldDoc
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return err
		}
		g, err := news.ReadEventGold(r)
		r.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		for _, d := range g.Documents {
			docs = append(docs, goldDoc{d, filepath.Join(filepath.Dir(f), d.File)})
		}
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	start := time.Now()
	gold := make([]news.EventGoldDocument, len(docs))
	preds := make([]news.PredictedDocument, len(docs))
	bytes := 0
	for i, d := range docs {
		gold[i] = d.EventGoldDocument
		b, err := os.ReadFile(d.path)
		if err != nil {
			return fmt.Errorf("gold document %s: %w", d.ID, err)
		}
		a, err := p.in.Read(filepath.Base(d.path), b, false)
		if err != nil {
			return fmt.Errorf("gold document %s: %w", d.ID, err)
		}
		bytes += len(a.Body)
		preds[i] = news.Predict(p.in.Analyse(a))
	}
	rep := news.EvaluateEvents(gold, preds)
	out := struct {
		Gold []string `json:"gold"`
		news.EventReport
		Seconds float64 `json:"extraction_seconds"`
		Bytes   int     `json:"bytes"`
	}{files, rep, time.Since(start).Seconds(), bytes}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

// cmdReanalyse re-extracts every stored article with the current rules and
// gazetteer, in batches of one transaction each.
func cmdReanalyse(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("reanalyse", env, &cfg)
	batch := fs.Int("batch", 50, "documents per transaction")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *batch < 1 {
		return usagef("reanalyse: want only [--db FILE] [--batch N]")
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	start := time.Now()
	sum, err := p.in.ReanalyseAll(ctx, *batch, func(id string, err error) {
		fmt.Fprintf(env.stderr, "dateline: reanalyse %s: %s\n", id, oneLine(err.Error()))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "reanalysed %d articles in %s: events %d → %d, mentions %d → %d, %d failed\n",
		sum.Documents, time.Since(start).Round(time.Millisecond), sum.EventsBefore, sum.EventsAfter,
		sum.MentionsBefore, sum.MentionsAfter, sum.Failed)
	if sum.Failed > 0 {
		return fmt.Errorf("reanalyse: %d of %d articles failed", sum.Failed, sum.Documents+sum.Failed)
	}
	return nil
}
