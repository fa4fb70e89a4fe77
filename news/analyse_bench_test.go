package news

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"

	"dateline/gazetteer"
	"dateline/seeds"
)

// analyseRecords are n records of about 5 KB made as the bulk benchmark's
// export makes them (cmd/dateline writeJSONL): seed paragraphs picked and
// ordered by a generator seeded with the record's number.
func analyseRecords(tb testing.TB, n int) []Record {
	tb.Helper()
	files, err := fs.Glob(seeds.Sub("articles"), "*.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var paras []string
	for _, f := range files {
		b, err := fs.ReadFile(seeds.Sub("articles"), f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range strings.Split(string(b), "\n\n") {
			if len(strings.Fields(p)) >= 20 {
				paras = append(paras, strings.TrimSpace(p))
			}
		}
	}
	out := make([]Record, n)
	for i := range out {
		r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
		var b strings.Builder
		for _, k := range r.Perm(len(paras)) {
			if b.Len() >= 5000 {
				break
			}
			b.WriteString(paras[k])
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "Reference %d.\n", i)
		out[i] = Record{ID: fmt.Sprintf("art-%06d", i), URL: fmt.Sprintf("https://example.org/news/%d", i),
			Title: fmt.Sprintf("Report %d", i), Published: "2023-01-15", Outlet: "Example Wire", Language: "en",
			Text: b.String()}
	}
	return out
}

// BenchmarkAnalyse measures what a bulk ingest worker does to a 5 KB
// article besides the duplicate lookup: read the record (parse, clean,
// hash), geoparse it with the default gazetteer, extract its events and
// naming profile, sign it for near-duplicates. One article per op on one
// goroutine; cpu-ms/article counts the process's CPU time (the garbage
// collector's workers included), which a busy machine does not inflate.
//
//	go test ./news -run '^$' -bench 'BenchmarkAnalyse$' -benchtime 2000x
func BenchmarkAnalyse(b *testing.B) {
	g, err := benchGeoparser()
	if err != nil {
		b.Fatalf("default gazetteer: %v (run `make` to copy the world files)", err)
	}
	in := &Ingester{Outlets: mustOutlets(b), Geoparser: func() *gazetteer.Geoparser { return g }}
	recs := analyseRecords(b, 200)
	b.SetBytes(int64(len(recs[0].Text)))
	b.ReportAllocs()
	cpu := cpuSeconds()
	b.ResetTimer()
	events := 0
	for i := 0; i < b.N; i++ {
		a, err := in.ReadRecord(recs[i%len(recs)], false)
		if err != nil {
			b.Fatal(err)
		}
		p := in.Analyse(a)
		p.Signature = SignatureOf(a.Body)
		events += len(p.Events)
	}
	b.StopTimer()
	cpu = cpuSeconds() - cpu
	b.ReportMetric(float64(events)/float64(b.N), "events/article")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(cpu*1000/float64(b.N), "cpu-ms/article")
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
