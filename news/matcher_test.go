package news

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestTopLevelAlternatives(t *testing.T) {
	tests := []struct {
		name, pattern string
		want          []string
	}{
		{"one", `\bfoo\b`, []string{`\bfoo\b`}},
		{"bars in groups stay", `a(?:b|c)|d`, []string{`a(?:b|c)`, `d`}},
		{"bars in classes stay", `[|]a|b`, []string{`[|]a`, `b`}},
		{"a bracket first in a class is a literal", `[]|]a|b`, []string{`[]|]a`, `b`}},
		{"escaped bars stay", `a\|b|c`, []string{`a\|b`, `c`}},
		{"flags keep the pattern whole", `(?i)a|b`, []string{`(?i)a|b`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := topLevelAlternatives(tt.pattern); !slices.Equal(got, tt.want) {
				t.Errorf("topLevelAlternatives(%q) = %q, want %q", tt.pattern, got, tt.want)
			}
		})
	}
}

// TestMatchersFindWhatTheirExpressionFinds runs every rule and actor
// expression on every sentence of the seed and gold articles, whole and as
// its matcher picks it: the matches (for a rule, the trigger spans) must be
// the same, or the matcher would change what extraction finds.
func TestMatchersFindWhatTheirExpressionFinds(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../seeds/articles/*.txt", "../seeds/gold/events/*/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	type expr struct {
		id string
		m  *matcher
	}
	var exprs []expr
	for i := range rules {
		exprs = append(exprs, expr{rules[i].id, &rules[i].re})
	}
	for i := range actorLexicon {
		exprs = append(exprs, expr{"actor " + actorLexicon[i].name, &actorLexicon[i].re})
	}
	exprs = append(exprs, expr{"anniversary", &anniversaryMark})
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
				want := triggerSpans(e.m.re.FindAllStringSubmatchIndex(s, -1))
				var got [][2]int
				var all [][]int // what the expression the matcher picks finds, with all its groups
				if re := e.m.on(s); re != nil {
					all = re.FindAllStringSubmatchIndex(s, -1)
					got = triggerSpans(all)
				}
				matched += len(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s: %s finds %v in %q, its matcher %v", filepath.Base(f), e.id, want, s, got)
				}
				if found := e.m.findAll(s); !slices.EqualFunc(found, all, slices.Equal) {
					t.Errorf("%s: %s finds %v in %q, its matcher's findAll %v", filepath.Base(f), e.id, all, s, found)
				}
				if got, want := e.m.match(s), e.m.re.MatchString(s); got != want {
					t.Errorf("%s: %s matches %q: %v, its matcher says %v", filepath.Base(f), e.id, s, want, got)
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no expression matched any sentence")
	}
}

// triggerSpans are the whole matches and their first groups that matched.
func triggerSpans(ms [][]int) [][2]int {
	var out [][2]int
	for _, m := range ms {
		out = append(out, [2]int{m[0], m[1]})
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, [2]int{m[g], m[g+1]})
				break
			}
		}
	}
	return out
}

// FuzzMatchers checks on any text that every rule and actor matcher's
// findAll finds what the expression it picks finds, groups included.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{
		"azerbaijan blocked the lachin corridor on monday, russian peacekeepers said.",
		"армения и азербайджан: миротворцы перекрыли дорогу",
		"\xffblocked the road",
		"the road was closed by azerbaijani protesters",
	} {
		f.Add(s)
	}
	var ms []*matcher
	for i := range rules {
		ms = append(ms, &rules[i].re)
	}
	for i := range actorLexicon {
		ms = append(ms, &actorLexicon[i].re)
	}
	ms = append(ms, &anniversaryMark)
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range ms {
			var want [][]int
			if re := m.on(s); re != nil {
				want = re.FindAllStringSubmatchIndex(s, -1)
			}
			if got := m.findAll(s); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: findAll %v, the expression %v", m.re, s, got, want)
			}
			if got := m.match(s); got != m.re.MatchString(s) {
				t.Fatalf("%s on %q: match %v, the expression disagrees", m.re, s, got)
			}
		}
	})
}
