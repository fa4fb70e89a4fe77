package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"dateline/news"
)

var benchArticles = flag.Int("ingest.articles", 2000, "articles in the export BenchmarkIngestJSONL ingests")

// BenchmarkIngestJSONL measures `dateline ingest` of a JSONL export of 5 KB
// articles built from the seed articles (distinct texts, no near-
// duplicates), into a seeded database: articles/s over the whole run, the
// split between reading, analysing (summed over the workers) and storing
// (the one writer), and the process's peak resident set.
//
//	go test ./cmd/dateline -run '^$' -bench IngestJSONL -benchtime 1x -ingest.articles 100000
func BenchmarkIngestJSONL(b *testing.B) {
	export := filepath.Join(b.TempDir(), "export.jsonl")
	writeJSONL(b, export, *benchArticles, 5000)
	ctx := context.Background()
	var st news.BulkStats
	var seconds, cpu float64
	for b.Loop() {
		b.StopTimer()
		db := seededDB(&testing.T{})
		p, err := openPipeline(ctx, db, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		var stderr strings.Builder
		env := &environment{getenv: noEnv, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr}
		cpuStart := cpuTime()
		b.StartTimer()
		start := b.Elapsed()
		st, err = ingestSources(ctx, env, p.in, []string{export},
			news.BulkConfig{Jobs: runtime.NumCPU(), Batch: 200}, false)
		seconds += (b.Elapsed() - start).Seconds()
		b.StopTimer()
		cpu += cpuTime() - cpuStart
		p.close()
		if err != nil || st.Stored != *benchArticles {
			b.Fatalf("stored %d of %d: %v\n%s", st.Stored, *benchArticles, err, stderr.String())
		}
		b.StartTimer()
	}
	n := float64(st.Items)
	b.ReportMetric(float64(b.N)*n/seconds, "articles/s")
	b.ReportMetric(float64(b.N)*n/seconds/float64(runtime.NumCPU()), "articles/s/core")
	// CPU time is what a busy machine does not distort: articles per CPU-second.
	b.ReportMetric(float64(b.N)*n/cpu, "articles/cpu-s")
	b.ReportMetric(st.Read.Seconds()*1000/n, "read-ms/article")
	b.ReportMetric(st.Analyse.Seconds()*1000/n, "analyse-ms/article")
	b.ReportMetric(st.Store.Seconds()*1000/n, "store-ms/article")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB") // Linux reports kilobytes
	}
}

// cpuTime is the process's user and system CPU time so far, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
