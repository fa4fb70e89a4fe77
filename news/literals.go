package news

import (
	"regexp/syntax"
	"slices"
	"strings"
)

// literalFilter is a necessary condition for an expression to match: every
// clause lists strings one of which any match contains. A text lacking all
// strings of one clause cannot match, so the expression need not run on it;
// a text passing the filter may still not match. It is read off the
// expression itself, so it never changes what the expression finds.
type literalFilter [][]string

// maxClauseStrings bounds a clause, and the strings an expression part is
// read as: a longer list is cheaper to leave to the expression than to test
// string by string.
const maxClauseStrings = 32

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

// mayMatch reports whether s passes every clause. pairs, when not nil,
// holds the byte pairs of s: a string with a pair s lacks is not looked for.
func (f literalFilter) mayMatch(s string, pairs *bytePairs) bool {
	for _, clause := range f {
		if !pairs.containsAny(s, clause) {
			return false
		}
	}
	return true
}

// clausesOf returns the clauses every match of re satisfies.
func clausesOf(re *syntax.Regexp) literalFilter {
	if set, ok := exactStrings(re); ok {
		if slices.Contains(set, "") {
			return nil
		}
		return literalFilter{set}
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return clausesOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil
		}
		return clausesOf(re.Sub[0])
	case syntax.OpConcat:
		// Each part is needed, and each run of parts matching only a few
		// strings is needed as those strings joined ("rus" then "iya|ya" is
		// "rusiya|rusya").
		var out literalFilter
		run := []string{""}
		flush := func() {
			if !slices.Contains(run, "") {
				out = append(out, run)
			}
			run = []string{""}
		}
		for _, sub := range re.Sub {
			if set, ok := exactStrings(sub); ok {
				if joined, ok := cross(run, set); ok {
					run = joined
					continue
				}
				flush()
				run = set
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

// exactStrings lists every string re matches, when they are few ("" for an
// optional part); ok is false otherwise.
func exactStrings(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCapture:
		return exactStrings(re.Sub[0])
	case syntax.OpQuest:
		set, ok := exactStrings(re.Sub[0])
		if !ok || len(set) >= maxClauseStrings {
			return nil, false
		}
		return append(set, ""), true
	case syntax.OpCharClass:
		// A few single characters: [cs], [eé].
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) == 4 {
					return nil, false
				}
				set = append(set, string(r))
			}
		}
		return set, len(set) > 0
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := exactStrings(sub)
			if !ok || len(set)+len(s) > maxClauseStrings {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, true
	case syntax.OpConcat:
		set = []string{""}
		for _, sub := range re.Sub {
			s, ok := exactStrings(sub)
			if !ok {
				return nil, false
			}
			if set, ok = cross(set, s); !ok {
				return nil, false
			}
		}
		return set, true
	}
	return nil, false
}

// cross joins every string of a with every string of b, unless that makes
// too many.
func cross(a, b []string) ([]string, bool) {
	if len(a)*len(b) > maxClauseStrings {
		return nil, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out, true
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

// bytePairs is a Bloom filter of the byte pairs of a text: a string one of
// whose pairs is missing is not in the text, so the filter answers most
// "is this literal in the sentence" questions without searching it. It
// never says a string is absent when it is there.
type bytePairs [64]uint64 // 4096 bits

// pairBit is the filter bit of the byte pair a, b.
func pairBit(a, b byte) uint { return (uint(a)<<4 ^ uint(b) ^ uint(a)>>4*0x9b) & 4095 }

// of records the byte pairs of s.
func (p *bytePairs) of(s string) {
	for i := 0; i+1 < len(s); i++ {
		h := pairBit(s[i], s[i+1])
		p[h>>6] |= 1 << (h & 63)
	}
}

// mayHold reports whether s may hold x: false only when one of x's first
// byte pairs is not in s.
func (p *bytePairs) mayHold(x string) bool {
	for i := 0; i+1 < len(x) && i < 4; i++ {
		if h := pairBit(x[i], x[i+1]); p[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// containsAny is containsAny(s, subs...), the filter (if any) of s asked first.
func (p *bytePairs) containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if p != nil && !p.mayHold(x) {
			continue
		}
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
