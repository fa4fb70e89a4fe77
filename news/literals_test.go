package news

import (
	"os"
	"path/filepath"
	"regexp"
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

// TestLiteralFiltersNeverHideAMatch runs every rule and actor expression on
// every sentence of the seed and gold articles: a sentence the expression
// matches must pass its filter, or the filter would change what is found.
func TestLiteralFiltersNeverHideAMatch(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../seeds/articles/*.txt", "../seeds/gold/events/*/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	type expr struct {
		id   string
		re   *regexp.Regexp
		must literalFilter
	}
	var exprs []expr
	for _, r := range rules {
		exprs = append(exprs, expr{r.id, r.re, r.must})
	}
	for _, p := range actorLexicon {
		exprs = append(exprs, expr{"actor " + p.name, p.re, p.must})
	}
	matched := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		low := lowerKeepOffsets(string(raw))
		for _, sp := range Sentences(low) {
			s := low[sp.Start:sp.End]
			for _, e := range exprs {
				if !e.re.MatchString(s) {
					continue
				}
				matched++
				if !e.must.mayMatch(s) {
					t.Errorf("%s: %s matches %q, which its filter %q rules out", filepath.Base(f), e.id, s, e.must)
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no expression matched any sentence")
	}
}
