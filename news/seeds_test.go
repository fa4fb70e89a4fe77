package news

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dateline/gazetteer"
)

// seedFiles are the five seed articles, by short name.
var seedFiles = map[string]string{
	"000": "000_93c835df433c85df.txt",
	"001": "001_5e89a6f9c4c6f0ab.txt",
	"002": "002_c6fe89207eddfcb6.txt",
	"003": "003_a3ec0cd66c978db3.txt",
	"004": "004_f6cdb95ff72735f9.txt",
}

// testPlace is how the tests' stand-in geoparser resolves a surface form,
// with the place ids of the lead's curated gazetteer.
type testPlace struct {
	id     string
	kind   gazetteer.Kind
	name   string
	parent string
}

// testSurfaces maps surface forms (matched case-sensitively, as whole words,
// longest first) to places. It stands in for the geoparser, which this
// package must not import.
var testSurfaces = map[string]testPlace{
	"Hakari bridge checkpoint":      {"hakari-bridge-checkpoint", gazetteer.KindCheckpoint, "Hakari bridge checkpoint", "hakari-bridge"},
	"Lachin border checkpoint":      {"hakari-bridge-checkpoint", gazetteer.KindCheckpoint, "Hakari bridge checkpoint", "hakari-bridge"},
	"Hakari bridge":                 {"hakari-bridge", gazetteer.KindBridge, "Hakari bridge", "lachin-corridor"},
	"Khakari Bridge":                {"hakari-bridge", gazetteer.KindBridge, "Hakari bridge", "lachin-corridor"},
	"bridge over the river Hakari":  {"hakari-bridge", gazetteer.KindBridge, "Hakari bridge", "lachin-corridor"},
	"Lachin corridor":               {"lachin-corridor", gazetteer.KindCorridor, "Lachin corridor", "karabakh"},
	"Lachin Corridor":               {"lachin-corridor", gazetteer.KindCorridor, "Lachin corridor", "karabakh"},
	"Lachin-Khankendi road":         {"lachin-khankendi-road", gazetteer.KindRoad, "Lachin–Khankendi road", "karabakh"},
	"Aghdam-Khankendi road":         {"aghdam-khankendi-road", gazetteer.KindRoad, "Aghdam–Khankendi road", "karabakh"},
	"Lachin region":                 {"lachin", gazetteer.KindDistrict, "Lachin", "azerbaijan"},
	"Lachin border":                 {"lachin", gazetteer.KindDistrict, "Lachin", "azerbaijan"},
	"Stepanakert":                   {"stepanakert", gazetteer.KindCity, "Stepanakert", "nagorno-karabakh"},
	"STEPANAKERT":                   {"stepanakert", gazetteer.KindCity, "Stepanakert", "nagorno-karabakh"},
	"Ivanyan":                       {"khojaly", gazetteer.KindSettlement, "Khojaly", "nagorno-karabakh"},
	"Khojaly":                       {"khojaly", gazetteer.KindSettlement, "Khojaly", "nagorno-karabakh"},
	"Nagorno-Karabakh":              {"nagorno-karabakh", gazetteer.KindRegion, "Nagorno-Karabakh", "karabakh"},
	"Karabakh":                      {"karabakh", gazetteer.KindRegion, "Karabakh", "azerbaijan"},
	"Armenia":                       {"armenia", gazetteer.KindCountry, "Armenia", ""},
	"Azerbaijan":                    {"azerbaijan", gazetteer.KindCountry, "Azerbaijan", ""},
	"Russia":                        {"russia", gazetteer.KindCountry, "Russia", ""},
	"Baku":                          {"baku", gazetteer.KindCapital, "Baku", "azerbaijan"},
	"Yerevan":                       {"yerevan", gazetteer.KindCapital, "Yerevan", "armenia"},
	"Moscow":                        {"moscow", gazetteer.KindCapital, "Moscow", "russia"},
	"Kornidzor":                     {"kornidzor", gazetteer.KindSettlement, "Kornidzor", "armenia"},
	"Лачинский коридор":             {"lachin-corridor", gazetteer.KindCorridor, "Lachin corridor", "karabakh"},
	"моста Хакари":                  {"hakari-bridge", gazetteer.KindBridge, "Hakari bridge", "lachin-corridor"},
	"Степанакерт":                   {"stepanakert", gazetteer.KindCity, "Stepanakert", "nagorno-karabakh"},
	"Azerbaijani-Armenian border":   {"", "", "", ""}, // found but not resolved
	"Karabakh Armenian":             {"", "", "", ""}, // an adjective, not a place
	"Nagorno-Karabakh’s":            {"nagorno-karabakh", gazetteer.KindRegion, "Nagorno-Karabakh", "karabakh"},
	"Republic of Azerbaijan":        {"azerbaijan", gazetteer.KindCountry, "Azerbaijan", ""},
	"Armenian-controlled Nagorno-K": {"", "", "", ""},
}

// testParents is the nesting of the test places (child -> parent).
var testParents = map[string]string{
	"hakari-bridge-checkpoint": "hakari-bridge",
	"hakari-bridge":            "lachin-corridor",
	"lachin-corridor":          "karabakh",
	"lachin-khankendi-road":    "karabakh",
	"aghdam-khankendi-road":    "karabakh",
	"stepanakert":              "nagorno-karabakh",
	"khojaly":                  "nagorno-karabakh",
	"nagorno-karabakh":         "karabakh",
	"karabakh":                 "azerbaijan",
	"lachin":                   "azerbaijan",
	"baku":                     "azerbaijan",
	"yerevan":                  "armenia",
	"kornidzor":                "armenia",
	"moscow":                   "russia",
}

// testWithin tells whether child lies (transitively) in parent.
func testWithin(child, parent string) bool {
	for p := testParents[child]; p != ""; p = testParents[p] {
		if p == parent {
			return true
		}
	}
	return false
}

// testMentions finds the test surfaces in a body, longest first, as whole
// words, without overlaps, and returns the resolved ones in text order.
func testMentions(body string) []PlaceMention {
	surfaces := make([]string, 0, len(testSurfaces))
	for s := range testSurfaces {
		surfaces = append(surfaces, s)
	}
	sort.Slice(surfaces, func(i, j int) bool {
		if len(surfaces[i]) != len(surfaces[j]) {
			return len(surfaces[i]) > len(surfaces[j])
		}
		return surfaces[i] < surfaces[j]
	})
	var taken []Span
	var out []PlaceMention
	for _, s := range surfaces {
		for from := 0; ; {
			k := strings.Index(body[from:], s)
			if k < 0 {
				break
			}
			k += from
			end := k + len(s)
			from = end
			if !wordBoundary(body, k, end) || overlaps(taken, k, end) {
				continue
			}
			taken = append(taken, Span{k, end})
			p := testSurfaces[s]
			if p.id == "" {
				continue
			}
			out = append(out, PlaceMention{Start: k, End: end, PlaceID: p.id, Kind: p.kind, Name: p.name, Parent: p.parent})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// mustOutlets loads the outlet registry of seeds/outlets.json.
func mustOutlets(tb testing.TB) *Outlets {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "seeds", "outlets.json"))
	if err != nil {
		tb.Fatal(err)
	}
	o, err := ParseOutlets(data)
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// readSeed returns the raw bytes of a seed article.
func readSeed(tb testing.TB, short string) []byte {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "seeds", "articles", seedFiles[short]))
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// mustSeed parses a seed article as ingest does: parse, apply meta.json,
// recognise the outlet again.
func mustSeed(tb testing.TB, short string) *Article {
	tb.Helper()
	name := seedFiles[short]
	raw := readSeed(tb, short)
	outlets := mustOutlets(tb)
	a, err := ParseArticle(name, raw, outlets)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "seeds", "articles", "meta.json"))
	if err != nil {
		tb.Fatal(err)
	}
	meta, err := ParseMeta(data)
	if err != nil {
		tb.Fatal(err)
	}
	if m, ok := meta[name]; ok {
		ApplyMeta(a, m)
		outlets.Recognise(a)
	}
	return a
}
