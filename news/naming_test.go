package news

import (
	"testing"

	"dateline/gazetteer"
)

func TestNamingProfile(t *testing.T) {
	const (
		arm  = gazetteer.UsageArmenian
		aze  = gazetteer.UsageAzerbaijani
		rus  = gazetteer.UsageRussian
		intl = gazetteer.UsageInternational
		off  = gazetteer.UsageOfficial
		hist = gazetteer.UsageHistorical
	)
	tests := []struct {
		name     string
		usages   [][]gazetteer.Usage
		dominant gazetteer.Usage
		mentions int
		counts   map[gazetteer.Usage]int
	}{
		{"Khankendi and Khakari", [][]gazetteer.Usage{{aze, off}, {aze}}, aze, 2,
			map[gazetteer.Usage]int{aze: 2, off: 1}},
		{"Stepanakert and Artsakh", [][]gazetteer.Usage{{arm, intl}, {arm}}, arm, 2,
			map[gazetteer.Usage]int{arm: 2, intl: 1}},
		{"tie", [][]gazetteer.Usage{{arm}, {aze}}, "", 2, map[gazetteer.Usage]int{arm: 1, aze: 1}},
		{"one name of two sides", [][]gazetteer.Usage{{arm, intl}}, "", 1, map[gazetteer.Usage]int{arm: 1, intl: 1}},
		{"international wording", [][]gazetteer.Usage{{intl}, {intl, arm}, {intl, rus}}, intl, 3,
			map[gazetteer.Usage]int{intl: 3, arm: 1, rus: 1}},
		{"no perspective names", [][]gazetteer.Usage{{off}, {hist}, nil}, "", 0, map[gazetteer.Usage]int{off: 1, hist: 1}},
		{"duplicates and junk count once", [][]gazetteer.Usage{{aze, aze, "nonsense"}}, aze, 1, map[gazetteer.Usage]int{aze: 1}},
		{"nothing", nil, "", 0, map[gazetteer.Usage]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NamingProfile(tt.usages)
			if p.Dominant != tt.dominant || p.Mentions != tt.mentions {
				t.Errorf("dominant %q mentions %d, want %q %d", p.Dominant, p.Mentions, tt.dominant, tt.mentions)
			}
			if len(p.Counts) != len(tt.counts) {
				t.Errorf("counts %v, want %v", p.Counts, tt.counts)
			}
			for u, n := range tt.counts {
				if p.Counts[u] != n {
					t.Errorf("count[%s] = %d, want %d", u, p.Counts[u], n)
				}
			}
		})
	}
}
