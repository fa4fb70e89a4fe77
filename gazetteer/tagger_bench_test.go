package gazetteer

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// tagBenchEntries returns n synthetic background names, deterministic, shaped
// like a world gazetteer: mostly one- and two-word Latin names built from
// syllables, some with a common first word ("San", "New", "Port"), and one
// in ten in Cyrillic. The lead can swap it for a loader of the real world
// background; benchmarks only need plausible keys in plausible numbers.
func tagBenchEntries(n int) []IndexEntry {
	syl := []string{
		"ka", "ra", "ba", "ta", "mo", "lin", "gor", "vi", "an", "dar", "sha", "tor", "mi", "ne", "lo",
		"pe", "zu", "hal", "ber", "kos", "ul", "ya", "ren", "dan", "sil", "ov", "ek", "am", "is", "fu",
		"bro", "chi", "ste", "qua", "wes", "jo",
	}
	cyr := []string{
		"ка", "ра", "ба", "та", "мо", "лин", "гор", "ви", "ан", "дар", "ша", "тор", "ми", "не", "ло",
		"пе", "зу", "хал", "бер", "кос", "ул", "я", "рен", "дан", "сил", "ов", "ек", "ам", "ис", "фу",
		"бро", "чи", "сте", "ква", "вес", "йо",
	}
	first := []string{"San", "New", "Port", "Saint", "Santa", "Upper", "Lower", "El", "La", "Novo"}
	kinds := []Kind{KindCity, KindSettlement, KindSettlement, KindCity, KindDistrict, KindRiver}
	word := func(x int, tab []string) string {
		var b strings.Builder
		for k := 0; k < 2+x%3; k++ {
			b.WriteString(tab[x%len(tab)])
			x /= len(tab)
		}
		s := b.String()
		r := []rune(s)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		return string(r)
	}
	out := make([]IndexEntry, 0, n)
	for i := 0; i < n; i++ {
		x := i*2654435761%1000003 + i // spread consecutive ids over the syllable space
		var name Name
		switch i % 10 {
		case 0:
			name = Name{Text: word(x, cyr), Lang: "ru", Script: "Cyrl", Usage: UsageVariant}
		case 1, 2:
			name = Name{Text: first[x%len(first)] + " " + word(x/7, syl), Lang: "en", Script: "Latn", Usage: UsageOfficial}
		case 3:
			name = Name{Text: word(x, syl) + "-" + word(x/13, syl), Lang: "en", Script: "Latn", Usage: UsageOfficial}
		default:
			name = Name{Text: word(x, syl), Lang: "en", Script: "Latn", Usage: UsageOfficial}
		}
		out = append(out, IndexEntry{
			PlaceID:    "bg-" + strconv.Itoa(i/2),
			Name:       name,
			Kind:       kinds[i%len(kinds)],
			Origin:     OriginBackground,
			Population: int64(x % 200000),
		})
	}
	return out
}

// tagBenchText returns about size bytes of English news: the seed article
// bodies repeated.
func tagBenchText(tb testing.TB, size int) string {
	tb.Helper()
	files, err := filepath.Glob("../seeds/articles/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seed articles: %v", err)
	}
	var one strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		one.Write(b)
		one.WriteString("\n\n")
	}
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(one.String())
	}
	return b.String()
}

// tagHeapMB returns the live heap in MB after a full collection.
func tagHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// benchTag tags about 1 MB of news with an index over n synthetic names plus
// the curated test set.
func benchTag(b *testing.B, n int) {
	entries := append(tagBenchEntries(n), tagTestEntries()...)
	ix := NewIndex(entries)
	text := tagBenchText(b, 1<<20)
	spans := len(ix.Tag(text))
	if spans == 0 {
		b.Fatal("no spans in the benchmark text")
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ix.Tag(text)
	}
	b.ReportMetric(float64(ix.Len()), "names")
	b.ReportMetric(float64(spans), "spans/op")
}

// benchNewIndex builds an index over n synthetic names plus the curated test
// set and reports the heap the index holds.
func benchNewIndex(b *testing.B, n int) {
	entries := append(tagBenchEntries(n), tagTestEntries()...)
	before := tagHeapMB()
	var ix *Index
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ix = nil
		ix = NewIndex(entries)
	}
	b.StopTimer()
	b.ReportMetric(tagHeapMB()-before, "index-MB")
	b.ReportMetric(float64(ix.Len()), "names")
	runtime.KeepAlive(ix)
	runtime.KeepAlive(entries)
}

func BenchmarkTag(b *testing.B)      { benchTag(b, 300_000) }
func BenchmarkNewIndex(b *testing.B) { benchNewIndex(b, 300_000) }

// BenchmarkNewIndex5M and BenchmarkTag5M are GeoNames scale: run them
// explicitly with -bench=5M (they need a few GB of memory).
func BenchmarkNewIndex5M(b *testing.B) { benchNewIndex(b, 5_000_000) }
func BenchmarkTag5M(b *testing.B)      { benchTag(b, 5_000_000) }

// tagBenchMultilingual is a short text in the region's other languages,
// written for the benchmark.
const tagBenchMultilingual = `СТЕПАНАКЕРТ, 12 декабря. Движение по Лачинскому коридору перекрыто. Жители Степанакерта и Шуши остались без газа, в Шушинском районе прошли акции. Российские миротворцы в Нагорном Карабахе заявили, что трасса Горис — Степанакерт закрыта.
Ստեփանակերտում բողոքի ակցիա է անցկացվել։ Լաչինի միջանցքը փակ է, Գորիսից Ստեփանակերտ ճանապարհը արգելափակված է։
Laçın dəhlizində yeni sərhəd-keçid məntəqəsi yaradılıb. Şuşada bayram keçirildi, Xankəndidə sakinlər toplaşıb, Ağdam-Xankəndi yolu açıqdır.
Die Lage Stepanakerts ist angespannt. Aserbaidschan blockiert den Korridor.

`

// BenchmarkTagMultilingual tags about 1 MB of Russian, Armenian,
// Azerbaijani and German news, where every word goes through the
// inflection rules.
func BenchmarkTagMultilingual(b *testing.B) {
	ix := NewIndex(append(tagBenchEntries(300_000), tagTestEntries()...))
	text := strings.Repeat(tagBenchMultilingual, 1<<20/len(tagBenchMultilingual)+1)
	spans := len(ix.Tag(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ix.Tag(text)
	}
	b.ReportMetric(float64(spans), "spans/op")
}
