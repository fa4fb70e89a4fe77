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
// their keys. Each key indexed has a number, so a sentence's keys are a
// bit set and a rule tests its few keys' bits.
type keyIndex struct {
	byHead map[string][]indexedKey // keys by their first three bytes
	ids    map[string]int          // the number of every key indexed
	// The numbers of each rule's and each actor pattern's keys, by their
	// index in rules and actorLexicon.
	ruleKeys, actorKeys [][]int
}

// indexedKey is a key and its number.
type indexedKey struct {
	key string
	id  int
}

var triggerKeys = func() *keyIndex {
	ki := &keyIndex{byHead: make(map[string][]indexedKey), ids: make(map[string]int)}
	add := func(keys []string) {
		for _, k := range keys {
			if _, seen := ki.ids[k]; len(k) < 3 || seen {
				continue
			}
			id := len(ki.ids)
			ki.ids[k] = id
			ki.byHead[k[:3]] = append(ki.byHead[k[:3]], indexedKey{k, id})
		}
	}
	for _, r := range rules {
		add(r.keys)
	}
	for _, p := range actorLexicon {
		add(p.keys)
	}
	if len(ki.ids) > 64*keySetWords {
		panic("news: more trigger keys than a keySet holds")
	}
	for _, r := range rules {
		ki.ruleKeys = append(ki.ruleKeys, ki.keyIDs(r.keys))
	}
	for _, p := range actorLexicon {
		ki.actorKeys = append(ki.actorKeys, ki.keyIDs(p.keys))
	}
	return ki
}()

// keyIDs returns the numbers of the keys that are indexed (a key shorter
// than three bytes never is, so it is never found).
func (ki *keyIndex) keyIDs(keys []string) []int {
	var out []int
	for _, k := range keys {
		if id, ok := ki.ids[k]; ok {
			out = append(out, id)
		}
	}
	return out
}

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

// keyHits lists where keys begin words of a text, in text order.
type keyHits []keyHit

type keyHit struct {
	pos, id int
}

func (ki *keyIndex) hits(low string) keyHits {
	var out keyHits
	prevWord := false
	for i := 0; i < len(low); {
		var isWord bool
		n := 1
		if c := low[i]; c < utf8.RuneSelf {
			isWord = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(low[i:])
			isWord = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if isWord && !prevWord && len(low)-i >= 3 {
			for _, k := range ki.byHead[low[i:i+3]] {
				if strings.HasPrefix(low[i:], k.key) {
					out = append(out, keyHit{i, k.id})
				}
			}
		}
		prevWord = isWord
		i += n
	}
	return out
}

// in returns the set of keys that begin a word inside [start, end).
func (h keyHits) in(start, end int) keySet {
	var set keySet
	for i := sort.Search(len(h), func(i int) bool { return h[i].pos >= start }); i < len(h) && h[i].pos < end; i++ {
		set.add(h[i].id)
	}
	return set
}

// keySetWords bounds the trigger keys: 64 a word.
const keySetWords = 16

// keySet is a set of key numbers.
type keySet [keySetWords]uint64

func (s *keySet) add(id int) { s[id/64] |= 1 << (id % 64) }

// any reports whether one of the keys is in the set.
func (s *keySet) any(ids []int) bool {
	for _, id := range ids {
		if s[id/64]&(1<<(id%64)) != 0 {
			return true
		}
	}
	return false
}
