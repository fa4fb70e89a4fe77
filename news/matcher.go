package news

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
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
	re    *regexp.Regexp
	start *starter      // where matches of re can begin; nil: anywhere
	alts  []alternative // the top-level alternatives of re
}

type alternative struct {
	re    *regexp.Regexp
	start *starter
	must  literalFilter
}

func newMatcher(pattern string) matcher {
	m := matcher{re: regexp.MustCompile(pattern), start: newStarter(pattern)}
	branches := topLevelAlternatives(pattern)
	if len(branches) == 1 {
		m.alts = []alternative{{re: m.re, start: m.start, must: requiredLiterals(pattern)}}
		return m
	}
	for _, b := range branches {
		m.alts = append(m.alts, alternative{re: regexp.MustCompile(b), start: newStarter(b), must: requiredLiterals(b)})
	}
	return m
}

// on returns the expression to run on s: nil when nothing in it can match.
func (m *matcher) on(s string) *regexp.Regexp {
	re, _ := m.pick(s, nil)
	return re
}

// pick is on with the expression's starter; pairs (if not nil) are the
// byte pairs of s.
func (m *matcher) pick(s string, pairs *bytePairs) (*regexp.Regexp, *starter) {
	var only *alternative
	for i := range m.alts {
		a := &m.alts[i]
		if !a.must.mayMatch(s, pairs) {
			continue
		}
		if only != nil {
			return m.re, m.start
		}
		only = a
	}
	if only == nil {
		return nil, nil
	}
	return only.re, only.start
}

// findAll returns what m.re.FindAllStringSubmatchIndex(s, -1) returns,
// trying the expression only where a match can begin.
func (m *matcher) findAll(s string) [][]int {
	var pairs bytePairs
	pairs.of(s)
	return m.findAllIn(s, &pairs)
}

// findAllIn is findAll given the byte pairs of s, which the expressions run
// on one sentence share.
func (m *matcher) findAllIn(s string, pairs *bytePairs) [][]int {
	re, st := m.pick(s, pairs)
	if re == nil {
		return nil
	}
	if st == nil || !utf8.ValidString(s) {
		return re.FindAllStringSubmatchIndex(s, -1)
	}
	return st.find(s, false, pairs)
}

// match reports whether the expression matches s.
func (m *matcher) match(s string) bool {
	re, st := m.pick(s, nil)
	switch {
	case re == nil:
		return false
	case st == nil || !utf8.ValidString(s):
		return re.MatchString(s)
	}
	return st.find(s, true, nil) != nil
}

// starter runs an expression every match of which begins with one of a few
// literal strings (after zero-width assertions such as \b, or one rune
// before the literal for a guard such as (?:^|[^\p{L}])). Go's regexp tries
// a match at every position of the text; the starter finds the literals
// with strings.Index and tries the expression, anchored, only where a match
// can begin. The matches are the same, in the same order:
//
//   - FindAll takes the leftmost match at or after the end of the previous
//     one, and at its start the alternative Perl semantics prefer: what an
//     anchored match at that start finds.
//   - Every match begins at a candidate, so the first candidate at or after
//     the previous match's end that matches is the leftmost match.
//   - Assertions see the text before a candidate: the anchored expression
//     is run one rune early, that rune consumed by (?s:.), so \b, ^ and
//     [^\p{L}] look at what they see in the whole text.
type starter struct {
	lits     []startLit
	anchored *regexp.Regexp // ^(?:expr), for a candidate at offset 0
	withPrev *regexp.Regexp // ^(?s:.)(?:expr), run from the rune before a candidate
}

// startLit is a literal a match begins with: at it (at), or one rune
// before it (before), or either.
type startLit struct {
	s          string
	at, before bool
}

// maxStartLits bounds the literals a starter searches for: with more, the
// expression's own scan is as cheap.
const maxStartLits = 24

// newStarter reads a pattern's starting literals; nil when some match could
// begin otherwise (a class of many letters, an optional start, case folding).
func newStarter(pattern string) *starter {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	lits, ok := startLits(re.Simplify())
	if !ok || len(lits) == 0 || len(lits) > maxStartLits {
		return nil
	}
	// A literal with a shorter one as its prefix begins where that one does.
	slices.SortFunc(lits, func(a, b startLit) int { return len(a.s) - len(b.s) })
	var kept []startLit
next:
	for _, l := range lits {
		for i, k := range kept {
			if strings.HasPrefix(l.s, k.s) {
				kept[i].at, kept[i].before = k.at || l.at, k.before || l.before
				continue next
			}
		}
		kept = append(kept, l)
	}
	return &starter{lits: kept, anchored: regexp.MustCompile(`^(?:` + pattern + `)`),
		withPrev: regexp.MustCompile(`^(?s:.)(?:` + pattern + `)`)}
}

// startLits lists the literals every match of re begins with.
func startLits(re *syntax.Regexp) ([]startLit, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return nil, false
		}
		return []startLit{{s: string(re.Rune), at: true}}, true
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		var out []startLit
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == 8 {
					return nil, false
				}
				out = append(out, startLit{s: string(r), at: true})
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return startLits(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil, false
		}
		return startLits(re.Sub[0])
	case syntax.OpAlternate:
		var out []startLit
		for _, sub := range re.Sub {
			l, ok := startLits(sub)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		return concatStartLits(re.Sub)
	}
	return nil, false
}

// concatStartLits lists the literals every match of the parts in sequence
// begins with.
func concatStartLits(parts []*syntax.Regexp) ([]startLit, bool) {
	if len(parts) == 0 {
		return nil, false
	}
	first, rest := parts[0], parts[1:]
	switch {
	case zeroWidth(first):
		return concatStartLits(rest)
	case first.Op == syntax.OpQuest || first.Op == syntax.OpStar ||
		(first.Op == syntax.OpRepeat && first.Min == 0):
		// An optional part: the match begins with it or with what follows.
		a, ok := startLits(first.Sub[0])
		if !ok {
			return nil, false
		}
		b, ok := concatStartLits(rest)
		if !ok {
			return nil, false
		}
		return append(a, b...), true
	case first.Op == syntax.OpAlternate && guard(first):
		// (?:^|[^\p{L}]): the match begins at what follows, or a rune before it.
		lits, ok := concatStartLits(rest)
		if !ok {
			return nil, false
		}
		for i := range lits {
			lits[i].at, lits[i].before = true, true
		}
		return lits, true
	}
	return startLits(first)
}

// zeroWidth reports whether re is an assertion that consumes no text.
func zeroWidth(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// guard reports whether every branch of an alternation is an assertion or
// one rune.
func guard(re *syntax.Regexp) bool {
	for _, sub := range re.Sub {
		switch {
		case zeroWidth(sub):
		case sub.Op == syntax.OpCharClass || sub.Op == syntax.OpAnyChar || sub.Op == syntax.OpAnyCharNotNL:
		case sub.Op == syntax.OpLiteral && len(sub.Rune) == 1:
		default:
			return false
		}
	}
	return true
}

// findAll is FindAllStringSubmatchIndex(s, -1) of the starter's expression.
// s must be valid UTF-8.
func (st *starter) findAll(s string) [][]int { return st.find(s, false, nil) }

// find is findAll, or only the first match when first is set; pairs (if
// not nil) are the byte pairs of s.
func (st *starter) find(s string, first bool, pairs *bytePairs) [][]int {
	var buf [16]int
	cands := buf[:0]
	for _, l := range st.lits {
		if pairs != nil && !pairs.mayHold(l.s) {
			continue
		}
		for from := 0; from < len(s); {
			k := strings.Index(s[from:], l.s)
			if k < 0 {
				break
			}
			c := from + k
			if l.at {
				cands = append(cands, c)
			}
			if l.before && c > 0 {
				_, n := utf8.DecodeLastRuneInString(s[:c])
				cands = append(cands, c-n)
			}
			_, n := utf8.DecodeRuneInString(s[c:])
			from = c + n
		}
	}
	if len(cands) == 0 {
		return nil
	}
	slices.Sort(cands)
	var out [][]int
	pos := 0
	for i, p := range cands {
		if p < pos || (i > 0 && p == cands[i-1]) {
			continue
		}
		var m []int
		if p == 0 {
			m = st.anchored.FindStringSubmatchIndex(s)
		} else {
			_, n := utf8.DecodeLastRuneInString(s[:p])
			q := p - n
			if m = st.withPrev.FindStringSubmatchIndex(s[q:]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += q
					}
				}
				m[0] = p
			}
		}
		if m == nil {
			continue
		}
		out = append(out, m)
		if first {
			break
		}
		pos = m[1]
	}
	return out
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
