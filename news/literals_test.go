package news

import (
	"slices"
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
