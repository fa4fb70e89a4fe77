package news

import (
	"strings"
	"testing"
)

// article5K is seed 004 cut to about 5 KB at a paragraph break: the size
// the ingest target (500 articles of 5 KB per second) is stated for.
func article5K(tb testing.TB) []byte {
	raw := string(readSeed(tb, "004"))
	cut := strings.LastIndex(raw[:5200], "\n\n")
	return []byte(raw[:cut] + "\n\nOriginal url:\n\n<https://www.themoscowtimes.com/2023/01/03/x-a79868>\n")
}

func BenchmarkParseArticle(b *testing.B) {
	raw := article5K(b)
	outlets := mustOutlets(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseArticle("004.txt", raw, outlets); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractEvents(b *testing.B) {
	raw := article5K(b)
	a, err := ParseArticle("004.txt", raw, mustOutlets(b))
	if err != nil {
		b.Fatal(err)
	}
	ms := testMentions(a.Body)
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		ExtractEvents(a, ms)
	}
}

func BenchmarkFindDates(b *testing.B) {
	a, err := ParseArticle("004.txt", article5K(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		FindDates(a.Body, a.Published, true)
	}
}

func BenchmarkClusterEvents(b *testing.B) {
	var all []Event
	for _, k := range []string{"000", "001", "002", "003", "004"} {
		a := mustSeed(b, k)
		all = append(all, ExtractEvents(a, testMentions(a.Body))...)
	}
	b.ReportAllocs()
	for b.Loop() {
		ClusterEvents(all, testWithin)
	}
}
