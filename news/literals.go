package news

import (
	"regexp/syntax"
	"strings"
)

// literalFilter is a necessary condition for an expression to match: every
// clause lists strings one of which any match contains. A text lacking all
// strings of one clause cannot match, so the expression need not run on it;
// a text passing the filter may still not match. It is read off the
// expression itself, so it never changes what the expression finds.
type literalFilter [][]string

// maxClauseStrings bounds a clause: a longer alternation is cheaper to leave
// to the expression than to test string by string.
const maxClauseStrings = 16

// requiredLiterals reads the literal filter of a pattern. An expression it
// cannot read (case folding, or nothing literal it always needs) gets an
// empty filter, which lets every text through.
func requiredLiterals(pattern string) literalFilter {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	return clausesOf(re.Simplify())
}

// mayMatch reports whether s passes every clause.
func (f literalFilter) mayMatch(s string) bool {
	for _, clause := range f {
		if !containsAny(s, clause...) {
			return false
		}
	}
	return true
}

// clausesOf returns the clauses every match of re satisfies.
func clausesOf(re *syntax.Regexp) literalFilter {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return literalFilter{{string(re.Rune)}}
	case syntax.OpCapture:
		return clausesOf(re.Sub[0])
	case syntax.OpPlus:
		return clausesOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil
		}
		return clausesOf(re.Sub[0])
	case syntax.OpConcat:
		// Each part is needed, and so is each literal run across parts.
		var out literalFilter
		var run strings.Builder
		flush := func() {
			if run.Len() > 0 {
				out = append(out, []string{run.String()})
				run.Reset()
			}
		}
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 {
				run.WriteString(string(sub.Rune))
				continue
			}
			flush()
			out = append(out, clausesOf(sub)...)
		}
		flush()
		return out
	case syntax.OpAlternate:
		// One branch matches: the union of one clause of each branch.
		var clause []string
		for _, sub := range re.Sub {
			best := bestClause(clausesOf(sub))
			if best == nil {
				return nil
			}
			clause = append(clause, best...)
		}
		if len(clause) > maxClauseStrings {
			return nil
		}
		return literalFilter{clause}
	}
	// Character classes, empty-width assertions, optional and starred parts
	// need no particular string.
	return nil
}

// bestClause picks the clause likely to rule out most texts: the one whose
// shortest string is longest, the earliest of equals (an expression tends to
// open with its rarest words: "forze armene", not "armene").
func bestClause(f literalFilter) []string {
	var best []string
	bestMin := 0
	for _, clause := range f {
		m := len(clause[0])
		for _, s := range clause {
			m = min(m, len(s))
		}
		if best == nil || m > bestMin {
			best, bestMin = clause, m
		}
	}
	return best
}
