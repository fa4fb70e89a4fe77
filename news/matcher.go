package news

import (
	"regexp"
	"strings"
)

// matcher runs a trigger or actor expression on a sentence, doing no more
// work than the sentence calls for: an expression none of whose alternatives
// can match (each lacks a literal it needs) does not run, and when only one
// alternative can, that alternative runs alone. Go's regexp spends its time
// per position and per instruction, so a small alternative runs several
// times faster than the whole expression.
//
// Running the one possible alternative finds the same matches as the whole
// expression: at each position the others fail, so the whole expression
// matches where and as that alternative does, and its capturing groups are
// that alternative's, in the same order.
type matcher struct {
	re   *regexp.Regexp
	alts []alternative // the top-level alternatives of re
}

type alternative struct {
	re   *regexp.Regexp
	must literalFilter
}

func newMatcher(pattern string) matcher {
	m := matcher{re: regexp.MustCompile(pattern)}
	branches := topLevelAlternatives(pattern)
	if len(branches) == 1 {
		m.alts = []alternative{{re: m.re, must: requiredLiterals(pattern)}}
		return m
	}
	for _, b := range branches {
		m.alts = append(m.alts, alternative{re: regexp.MustCompile(b), must: requiredLiterals(b)})
	}
	return m
}

// on returns the expression to run on s: nil when nothing in it can match.
func (m *matcher) on(s string) *regexp.Regexp {
	var only *regexp.Regexp
	for _, a := range m.alts {
		if !a.must.mayMatch(s) {
			continue
		}
		if only != nil {
			return m.re
		}
		only = a.re
	}
	return only
}

// topLevelAlternatives splits a pattern at the bars outside groups and
// character classes: `a|(b|c)` is `a` and `(b|c)`. A pattern setting flags
// (`(?i)`), which would carry across the bars, stays whole.
func topLevelAlternatives(pattern string) []string {
	var out []string
	depth, start := 0, 0
	inClass := false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++ // the escaped byte is a literal (a multi-byte one holds no ASCII)
		case inClass:
			inClass = c != ']' || pattern[i-1] == '[' || strings.HasSuffix(pattern[:i], "[^")
		case c == '[':
			inClass = true
		case c == '(':
			if depth == 0 && strings.HasPrefix(pattern[i:], "(?") && !strings.HasPrefix(pattern[i:], "(?:") &&
				!strings.HasPrefix(pattern[i:], "(?P<") {
				return []string{pattern}
			}
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, pattern[start:i])
			start = i + 1
		}
	}
	return append(out, pattern[start:])
}
