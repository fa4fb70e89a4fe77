package news

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    literalFilter
	}{
		{"literal", `blockade`, literalFilter{{"blockade"}}},
		{"concat of parts", `\b(?:refus|declin)\w*\s+to\b`, literalFilter{{"refus", "declin"}, {"to"}}},
		{"optional part needs nothing", `\b(?:russian\s+)?peacekeep`, literalFilter{{"peacekeep"}}},
		{"plus needs its part", `(?:ab)+`, literalFilter{{"ab"}}},
		{"alternation takes a clause of each branch", `\bkremlin\b|\b(?:maria\s+)?zakharova\b`, literalFilter{{"kremlin", "zakharova"}}},
		{"a branch needing nothing", `foo|\w+`, nil},
		{"case folding is not read", `(?i)foo`, nil},
		{"character classes need nothing", `[a-z]+\d`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := requiredLiterals(tt.pattern)
			if !slices.EqualFunc(got, tt.want, slices.Equal[[]string]) {
				t.Errorf("requiredLiterals(%q) = %q, want %q", tt.pattern, got, tt.want)
			}
		})
	}
}

// TestBytePairsNeverMissAString checks the byte-pair filter on every short
// substring of the seed and gold sentences: a string the text holds is
// always one it may hold, and the filtered search finds what the plain one
// finds.
func TestBytePairsNeverMissAString(t *testing.T) {
	files, err := filepath.Glob("../seeds/gold/events/*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("gold texts: %v", err)
	}
	absent := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		low := lowerKeepOffsets(string(raw))
		for _, sp := range Sentences(low) {
			s := low[sp.Start:sp.End]
			var p bytePairs
			p.of(s)
			for i := range len(s) {
				for n := 1; n <= 8 && i+n <= len(s); n++ {
					if !p.mayHold(s[i : i+n]) {
						t.Fatalf("%s: %q holds %q, the filter says it cannot", filepath.Base(f), s, s[i:i+n])
					}
				}
			}
			for _, x := range []string{"blockade", "миротвор", "checkpoint", "qz", "xq", "шщ"} {
				if got, want := p.containsAny(s, []string{x}), strings.Contains(s, x); got != want {
					t.Fatalf("%q: containsAny(%q) = %v, strings.Contains %v", s, x, got, want)
				}
				if !p.mayHold(x) {
					absent++
				}
			}
		}
	}
	if absent == 0 {
		t.Error("the filter never ruled a string out")
	}
}
