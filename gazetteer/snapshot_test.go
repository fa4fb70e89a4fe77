package gazetteer

import (
	"fmt"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestSnapshotTablesAnswerAsThePlacesSay checks the Geoparser's compact
// tables against the places they were built from: a place given twice
// under one id is the later one, keeps the point of the last that has one,
// and its usages for a name key gather every usage its entries give that
// key, in order, each once; another key of the same place has its own.
func TestSnapshotTablesAnswerAsThePlacesSay(t *testing.T) {
	first := &Place{ID: "tarva", Name: "Tarva", Kind: KindSettlement, Origin: OriginCurated,
		Geometry: orb.Point{46.1, 39.1},
		Names:    []Name{{Text: "Tarva", Usage: UsageArmenian}, {Text: "Tärva", Usage: UsageRussian}, {Text: "Tarvaşen", Usage: UsageAzerbaijani}}}
	later := &Place{ID: "tarva", Name: "Tarva", Kind: KindSettlement, Origin: OriginCurated,
		Names: []Name{{Text: "TARVA", Usage: UsageInternational}, {Text: "Tarva", Usage: UsageArmenian}}}
	other := &Place{ID: "olm", Name: "Olm", Kind: KindSettlement, Origin: OriginCurated, Geometry: orb.Point{45, 40},
		Names: []Name{{Text: "Olm", Usage: UsageOfficial}}}
	g := NewGeoparser([]*Place{first, other, later}, 1)

	if got := g.Place("tarva"); got != later {
		t.Errorf("Place(tarva) = %v, want the later place", got)
	}
	if pt, ok := g.point(later); !ok || pt != (orb.Point{46.1, 39.1}) {
		t.Errorf("point of tarva = %v %v, want the first place's (the later has none)", pt, ok)
	}
	if g.Place("nowhere") != nil {
		t.Error("an unknown id has a place")
	}
	// Entries are numbered place by place, name by name: tarva 0-2, olm 3, tarva again 4-5.
	want := []Usage{UsageArmenian, UsageRussian, UsageInternational}
	for _, e := range []int{0, 1, 4, 5} {
		if got := g.usagesOf("tarva", e); !slices.Equal(got, want) {
			t.Errorf("usages of entry %d (%q) = %v, want %v", e, g.key(int32(e)), got, want)
		}
	}
	if got := g.usagesOf("tarva", 2); !slices.Equal(got, []Usage{UsageAzerbaijani}) {
		t.Errorf("usages of Tarvaşen = %v", got)
	}
	if got := g.usagesOf("olm", 0); got != nil {
		t.Errorf("olm has no name keyed %q, got usages %v", g.key(0), got)
	}
	if got := g.usagesOf("olm", 3); !slices.Equal(got, []Usage{UsageOfficial}) {
		t.Errorf("usages of Olm = %v", got)
	}
	ms := g.Parse("Shelling was reported in Tarva on Monday.")
	if len(ms) != 1 {
		t.Fatalf("Parse: %v, want one mention", ms)
	}
	if ms[0].Place != later || !slices.Equal(ms[0].Usages, want) {
		t.Errorf("Parse: %v (usages %v), want tarva with %v", ms[0], ms[0].Usages, want)
	}
}

// TestSnapshotUsagesOfAPlaceWithManyNames checks the usages of a place with
// more names than are compared pairwise: each key gathers the usages of
// its own names, in order, each once.
func TestSnapshotUsagesOfAPlaceWithManyNames(t *testing.T) {
	p := &Place{ID: "many", Name: "Many", Kind: KindCountry, Origin: OriginCurated, Geometry: orb.Point{45, 40}}
	for i := range 40 {
		u := []Usage{UsageOfficial, UsageArmenian, UsageOfficial, UsageRussian}[i%4]
		p.Names = append(p.Names, Name{Text: fmt.Sprintf("Name %c", 'a'+i%10), Usage: u})
	}
	g := NewGeoparser([]*Place{p}, 1)
	for e := range p.Names {
		var want []Usage
		for f, n := range p.Names {
			if f%10 == e%10 && !containsUsage(want, n.Usage) {
				want = append(want, n.Usage)
			}
		}
		if got := g.usagesOf("many", e); !slices.Equal(got, want) {
			t.Errorf("usages of entry %d (%q) = %v, want %v", e, p.Names[e].Text, got, want)
		}
	}
}
