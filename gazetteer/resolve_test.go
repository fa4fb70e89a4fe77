package gazetteer

import (
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

var defaultGeoparser = sync.OnceValue(func() *Geoparser {
	places, err := defaultPlaces()
	if err != nil {
		return nil
	}
	return NewGeoparser(places, 1)
})

func mustGeoparser(t *testing.T) *Geoparser {
	t.Helper()
	mustDefaultPlaces(t)
	return defaultGeoparser()
}

func TestEveryNamingResolvesToTheSamePlace(t *testing.T) {
	g := mustGeoparser(t)
	cases := []struct {
		text, surface, want string
		usage               Usage
	}{
		{"Protesters marched to the Hakari bridge on Monday.", "Hakari bridge", "hakari-bridge", UsageInternational},
		{"Armenians marched towards the Khakari Bridge, Trend reports.", "Khakari Bridge", "hakari-bridge", UsageAzerbaijani},
		{"The base in Khojaly was surrounded.", "Khojaly", "khojaly", ""},
		{"The base in Ivanyan was surrounded.", "Ivanyan", "khojaly", UsageArmenian},
		{"Traffic resumed in Stepanakert.", "Stepanakert", "stepanakert", ""},
		{"Traffic resumed in Khankendi.", "Khankendi", "stepanakert", UsageAzerbaijani},
		{"Xankəndi şəhərində yeni məktəb açıldı.", "Xankəndi", "stepanakert", UsageAzerbaijani},
		{"Жители Степанакерт вышли на улицы.", "Степанакерт", "stepanakert", ""},
		{"Ստեփանակերտ քաղաքում հանրահավաք է անցկացվել։", "Ստեփանակերտ", "stepanakert", UsageArmenian},
	}
	for _, tc := range cases {
		t.Run(tc.surface, func(t *testing.T) {
			var m *Mention
			for _, x := range g.Parse(tc.text) {
				if x.Surface == tc.surface {
					x := x
					m = &x
				}
			}
			if m == nil {
				t.Fatalf("%q not found in %v", tc.surface, g.Parse(tc.text))
			}
			if m.Place == nil || m.Place.ID != tc.want {
				t.Fatalf("%q resolved to %v, want %s", tc.surface, m, tc.want)
			}
			if tc.usage != "" && !containsUsage(m.Usages, tc.usage) {
				t.Errorf("%q usages %v, want %s among them", tc.surface, m.Usages, tc.usage)
			}
			if m.Rule == "" || m.Score <= 0 || m.Score > 1 {
				t.Errorf("mention lacks an explanation: %+v", m)
			}
		})
	}
}

func TestNotPlaces(t *testing.T) {
	g := mustGeoparser(t)
	for _, text := range []string{
		"The Armenian side declined.",
		"The views expressed do not reflect the position of The Moscow Times.",
		"The agreement put a stop to the Second Karabakh War.",
		"Osipian told RFE/RL's Armenian Service that the protesters returned.",
		"Russian Foreign Ministry spokeswoman Maria Zakharova rejected the accusation.",
	} {
		for _, m := range g.Parse(text) {
			if m.Place != nil && (strings.Contains("Armenian Moscow Karabakh Russian", m.Surface)) {
				t.Errorf("%q: %q taken for a place (%v)", text, m.Surface, m)
			}
		}
	}
}

func TestCompoundRoadIsOneMentionOnARoad(t *testing.T) {
	g := mustGeoparser(t)
	ms := g.Parse("Baku even offered a better Aghdam-Khankendi road to bring help.")
	var road *Mention
	for i := range ms {
		if strings.Contains(ms[i].Surface, "Aghdam") {
			if road != nil {
				t.Fatalf("Aghdam appears in two mentions: %v", ms)
			}
			road = &ms[i]
		}
	}
	if road == nil || road.Surface != "Aghdam-Khankendi road" {
		t.Fatalf("want one mention \"Aghdam-Khankendi road\", got %v", ms)
	}
	if _, ok := road.Geometry.(orb.LineString); !ok {
		if _, ok := road.Geometry.(orb.MultiLineString); !ok {
			t.Fatalf("the road mention has geometry %T, want a line", road.Geometry)
		}
	}
	if road.Kind != KindRoad {
		t.Errorf("kind %s, want road", road.Kind)
	}
}

// A report of a checkpoint at a town, road, corridor or bridge is at the
// checkpoint that place stands for.
func TestCheckpointOf(t *testing.T) {
	g := mustGeoparser(t)
	for _, tt := range []struct{ place, want string }{
		{"lachin", "lachin-checkpoint"},
		{"kornidzor", "kornidzor-checkpoint"},
		{"lachin-khankendi-road", ""}, // the Armenian and the Azerbaijani checkpoint are both on it
		{"goris-kapan-road", ""},
		{"hakari-bridge", "lachin-checkpoint"},
		{"stepanakert", ""},
		{"nagorno-karabakh", ""},
		{"lachin-checkpoint", ""},
		{"no-such-place", ""},
	} {
		got := ""
		if p := g.CheckpointOf(tt.place); p != nil {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("CheckpointOf(%s) = %q, want %q", tt.place, got, tt.want)
		}
	}
}
