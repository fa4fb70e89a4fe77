package news

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keyIndex finds where trigger keys begin words of a text, in one pass over
// the text's word starts instead of one substring search per key. Rules and
// actor patterns run their expressions only on sentences holding one of
// their keys.
type keyIndex struct {
	byHead map[string][]string // keys by their first three bytes
}

var triggerKeys = func() *keyIndex {
	ki := &keyIndex{byHead: make(map[string][]string)}
	seen := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			if len(k) < 3 || seen[k] {
				continue
			}
			seen[k] = true
			ki.byHead[k[:3]] = append(ki.byHead[k[:3]], k)
		}
	}
	for _, r := range rules {
		add(r.keys)
	}
	for _, p := range actorLexicon {
		add(p.keys)
	}
	return ki
}()

// splitKeys reads "a|b|-c" into keys in their indexed form.
func splitKeys(keys string) []string {
	out := strings.Split(keys, "|")
	for i, k := range out {
		out[i] = keyForm(k)
	}
	return out
}

// keyForm drops what precedes a key's first letter ("-brokered" -> "brokered").
func keyForm(k string) string {
	return strings.TrimLeftFunc(k, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// keyHits maps each key to the sorted offsets where it begins a word of low.
type keyHits map[string][]int

func (ki *keyIndex) hits(low string) keyHits {
	out := make(keyHits)
	prevWord := false
	for i := 0; i < len(low); {
		r, n := utf8.DecodeRuneInString(low[i:])
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && !prevWord && len(low)-i >= 3 {
			for _, k := range ki.byHead[low[i:i+3]] {
				if strings.HasPrefix(low[i:], k) {
					out[k] = append(out[k], i)
				}
			}
		}
		prevWord = isWord
		i += n
	}
	return out
}

// anyIn reports whether one of the keys begins a word inside [start, end).
func (h keyHits) anyIn(keys []string, start, end int) bool {
	for _, k := range keys {
		offs := h[k]
		if len(offs) == 0 {
			continue
		}
		i := sort.SearchInts(offs, start)
		if i < len(offs) && offs[i] < end {
			return true
		}
	}
	return false
}
