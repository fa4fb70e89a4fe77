package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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

// BenchmarkIngestStore measures the store side of `dateline ingest` alone:
// the articles of the export are read and analysed once, untimed, then
// stored 200 to a transaction through a news.Bulk writer (as IngestAll's
// writer does) into a seeded database. It reports the writer's CPU time per article,
// which a machine busy with other work distorts far less than wall time.
//
//	go test ./cmd/dateline -run '^$' -bench IngestStore -benchtime 1x -ingest.articles 2000
func BenchmarkIngestStore(b *testing.B) {
	ctx := context.Background()
	db := seededDB(&testing.T{})
	p, err := openPipeline(ctx, db, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	defer p.close()
	paras := seedParagraphs(b)
	parsed := make([]*news.Parsed, *benchArticles)
	for i := range parsed {
		rec := news.Record{ID: fmt.Sprintf("art-%06d", i), URL: fmt.Sprintf("https://example.org/news/%d", i),
			Title: fmt.Sprintf("Report %d", i), Published: "2023-01-15", Outlet: "Example Wire",
			Language: "en", Text: syntheticArticle(paras, i, 5000)}
		a, err := p.in.ReadRecord(rec, false)
		if err != nil {
			b.Fatal(err)
		}
		parsed[i] = p.in.Analyse(a)
		parsed[i].Signature = news.SignatureOf(a.Body)
	}
	g := p.in.Geoparser()
	bw, err := p.in.Store.Bulk(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer bw.Close()
	var cpu float64
	var written int64
	for b.Loop() {
		cpuStart, wrStart := cpuTime(), writtenBytes()
		for i := 0; i < len(parsed); i += 200 {
			saved, err := bw.SaveBatch(ctx, parsed[i:min(i+200, len(parsed))], g)
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range saved {
				if !s.Stored {
					b.Fatalf("%s not stored: %+v", s.ID, s)
				}
			}
		}
		cpu += cpuTime() - cpuStart
		written += writtenBytes() - wrStart
		b.StopTimer()
		// The next round stores the same articles into an empty news store again.
		if b.N > 1 {
			b.Fatal("run with -benchtime 1x: a second round would find every article stored")
		}
		b.StartTimer()
	}
	n := float64(len(parsed))
	b.ReportMetric(cpu*1000/n, "store-cpu-ms/article")
	b.ReportMetric(b.Elapsed().Seconds()*1000/n, "store-ms/article")
	b.ReportMetric(n/cpu, "articles/cpu-s")
	b.ReportMetric(float64(written)/n/1024, "written-KB/article")
}

// writtenBytes is how many bytes the process has passed to write calls so
// far (Linux's /proc/self/io wchar), or 0 where that is not known.
func writtenBytes() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "wchar: "); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}
