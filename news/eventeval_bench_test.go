package news

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtractEventsPerArticle measures event extraction alone, one
// article per op, over the seed articles and the texts of the event gold
// set, each parsed and geoparsed with the default gazetteer beforehand (as
// ingest does before extracting). BENCHMARKS.md records its ns/op as the
// extraction time per article.
func BenchmarkExtractEventsPerArticle(b *testing.B) {
	g, err := benchGeoparser()
	if err != nil {
		b.Fatalf("default gazetteer: %v (run `make` to copy the world files)", err)
	}
	outlets := mustOutlets(b)
	var files []string
	for _, pattern := range []string{"../seeds/articles/*.txt", "../seeds/gold/events/*/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, m...)
	}
	type input struct {
		a  *Article
		ms []PlaceMention
	}
	var inputs []input
	bytes := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a, err := ParseArticle(filepath.Base(f), raw, outlets)
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		outlets.Recognise(a)
		inputs = append(inputs, input{a, PlaceMentions(g.Parse(a.Body))})
		bytes += len(a.Body)
	}
	if len(inputs) == 0 {
		b.Fatal("no articles")
	}
	b.SetBytes(int64(bytes / len(inputs)))
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for i := 0; i < b.N; i++ {
		in := inputs[i%len(inputs)]
		events += len(ExtractEvents(in.a, in.ms))
	}
	b.StopTimer()
	b.ReportMetric(float64(len(inputs)), "articles")
	b.ReportMetric(float64(events)/float64(b.N), "events/article")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
