package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"dateline/news"
)

// ingestLine is one article's result as `ingest --json` prints it.
type ingestLine struct {
	Source string `json:"source"`
	news.IngestResult
}

func cmdIngest(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("ingest", env, &cfg)
	raw := fs.Bool("raw", false, "store the whole text, boilerplate included")
	jobs := fs.Int("jobs", runtime.NumCPU(), "articles parsed and analysed at once")
	batch := fs.Int("batch", 200, "articles stored per transaction")
	asJSON := fs.Bool("json", true, "print one JSON result per article on standard output")
	sources, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return usagef("ingest: want one or more sources: files, folders, .zip/.tar.gz, .jsonl/.csv exports, URLs, - for standard input")
	}
	if *jobs < 1 || *batch < 1 {
		return usagef("ingest: --jobs and --batch must be at least 1")
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	st, err := ingestSources(ctx, env, p.in, sources, news.BulkConfig{Jobs: *jobs, Batch: *batch, KeepRaw: *raw}, *asJSON)
	if err != nil {
		return err
	}
	if st.Failed > 0 {
		return &reportedError{fmt.Sprintf("ingest: %d of %d sources failed", st.Failed, st.Items)}
	}
	return nil
}

// ingestSources runs the bulk pipeline over the sources, printing each
// failure as one line, the JSON results when asJSON, a progress bar when
// stderr is a terminal, and the summary line at the end.
func ingestSources(ctx context.Context, env *environment, in *news.Ingester, sources []string, cfg news.BulkConfig,
	asJSON bool) (news.BulkStats, error) {
	items := func(yield func(news.Item) bool) {
		r := &itemReader{ctx: ctx, stdin: env.stdin, fetcher: env.fetcher, yield: yield}
		r.all(sources)
	}
	bar := newProgress(env.stderr, inputBytes(sources))
	enc := json.NewEncoder(env.stdout)
	var outErr error
	start := time.Now()
	var done int
	st, err := in.IngestAll(ctx, iter.Seq[news.Item](items), cfg, func(it news.Item, r news.IngestResult, err error) {
		done++
		if bar != nil {
			_ = bar.Add64(it.Size)
			bar.Describe(fmt.Sprintf("%d articles, %.0f/s", done, float64(done)/max(time.Since(start).Seconds(), 1e-3)))
		}
		if err != nil {
			printLine(env.stderr, bar, fmt.Sprintf("dateline: %s: %s", it.Source, oneLine(err.Error())))
			return
		}
		if asJSON && outErr == nil {
			outErr = enc.Encode(ingestLine{Source: it.Source, IngestResult: r})
		}
		if r.Stored && r.Mentions == 0 && r.DuplicateOf == "" {
			printLine(env.stderr, bar, fmt.Sprintf("dateline: %s: stored, but no place names were found in it", it.Source))
		}
	})
	if bar != nil {
		_ = bar.Finish()
		_ = bar.Clear()
		fmt.Fprintln(env.stderr)
	}
	elapsed := time.Since(start)
	fmt.Fprintf(env.stderr, "ingested %d sources: %d stored, %d duplicates, %d failed (%.1f articles/s)\n",
		st.Items, st.Stored, st.Duplicates, st.Failed, float64(st.Items)/max(elapsed.Seconds(), 1e-3))
	if err != nil {
		return st, err
	}
	if outErr != nil {
		return st, fmt.Errorf("ingest: write results: %w", outErr)
	}
	return st, nil
}

// newProgress returns a progress bar over total input bytes (a spinner
// when total is -1) when w is a terminal, else nil.
func newProgress(w io.Writer, total int64) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
}

// printLine prints a line under the progress bar, which redraws itself.
func printLine(w io.Writer, bar *progressbar.ProgressBar, line string) {
	if bar != nil {
		_ = bar.Clear()
	}
	fmt.Fprintln(w, line)
}
