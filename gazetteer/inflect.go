package gazetteer

import "unicode/utf8"

// Inflection by suffix rules. Names are stored once, in the nominative; the
// tagger finds "в Степанакерте", "Ստեփանակերտում", "Şuşada" or
// "Stepanakerts" by stripping case endings from the words of the text, never
// by listing the forms. Every rule returns a prefix length of the word's key,
// so the stripped form is a slice of the key buffer and costs no copy.
//
// Russian inflects the stem itself (Шуша → Шуши, Шуше, Шушу, Шушой), so
// Russian words are compared by a stem computed the same way on both sides:
// the index keeps the stems of every Cyrillic name, and the tagger stems the
// Cyrillic words of the text. Armenian and Azerbaijani append suffixes to an
// unchanged base, and German adds a genitive -s, so for those the tagger tries
// the word with a suffix removed against the plain names.

// inflRules holds the suffix tables. It is built once per Index and only
// read afterwards.
type inflRules struct {
	ru    []string // Russian noun and adjective endings, longest first
	ruAdj []string // endings of -ский/-цкий adjectives, after the "ск"/"цк"
	hy    []string // Armenian case endings and articles, longest first
	az    []string // Azerbaijani case suffixes, folded (ə→e, ı→i ...), longest first
}

// newInflRules returns the suffix tables.
func newInflRules() *inflRules {
	return &inflRules{
		ru: []string{
			"ами", "ями", "ией", "ого", "его", "ому", "ему", "ыми", "ими", "иям", "иях",
			"ов", "ев", "ах", "ях", "ам", "ям", "ом", "ем", "ой", "ей", "ою", "ею",
			"ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ую", "юю",
			"ым", "им", "ия", "ии", "ию", "ье", "ья", "ью", "ьи",
			"а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й",
		},
		ruAdj: []string{
			"ого", "ому", "ими", "ий", "ая", "ое", "ие", "им", "ом", "ой", "ую", "их", "ою", "ые", "ым",
		},
		hy: []string{
			"յում", "յից", "յով", "յին", "ում", "ից", "ով", "ին", "ու", "յի", "ի", "ը", "ն",
		},
		az: []string{
			"ndaki", "ndeki", "ndan", "nden", "daki", "deki", "taki", "teki",
			"dan", "den", "tan", "ten", "nda", "nde", "nin", "nun", "yla", "yle", "ile",
			"da", "de", "ta", "te", "ya", "ye", "na", "ne", "in", "un", "ni", "nu", "la", "le",
			"a", "e", "i", "u",
		},
	}
}

// inflHasSuffix reports whether b ends with s, without allocating.
func inflHasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// ruStem returns the length of the Russian stem of a folded Cyrillic word
// and whether the word was a -ский/-цкий adjective (whose stem keeps the
// "ск"/"цк", so Шушинском and Шушинский both give "шушинск"). Nouns lose up
// to two endings (Агдамом → агдам → агд), the same on both sides, and a stem
// keeps at least three letters.
func (ir *inflRules) ruStem(key []byte) (n int, adj bool) {
	n = len(key)
	for _, e := range ir.ruAdj {
		if !inflHasSuffix(key[:n], e) {
			continue
		}
		m := n - len(e)
		if (inflHasSuffix(key[:m], "ск") || inflHasSuffix(key[:m], "цк")) && utf8.RuneCount(key[:m]) >= 4 {
			return m, true
		}
	}
	for range 2 {
		stripped := false
		for _, e := range ir.ru {
			if inflHasSuffix(key[:n], e) && utf8.RuneCount(key[:n-len(e)]) >= 3 {
				n -= len(e)
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	return n, false
}

// ruAdjBases calls yield with the stem lengths of the places a -ский/-цкий
// adjective stem may be formed from, most specific first: the stem itself
// (Донецк), without "инск" (Шушинск → Шуш-а) and without "ск" (Лачинск →
// Лачин), each re-stemmed as a noun. It stops when yield returns false.
func (ir *inflRules) ruAdjBases(stem []byte, yield func(n int) bool) {
	if !yield(len(stem)) {
		return
	}
	for _, s := range [...]string{"инск", "ск"} {
		if !inflHasSuffix(stem, s) {
			continue
		}
		m := len(stem) - len(s)
		if utf8.RuneCount(stem[:m]) < 3 {
			continue
		}
		n, _ := ir.ruStem(stem[:m])
		if !yield(n) {
			return
		}
	}
}

// inflRuNoun says which kind of place a Russian noun stem names when it
// follows a place adjective ("Шушинский район", "Лачинский коридор"), and
// whether it is such a noun at all.
func inflRuNoun(stem []byte) (Kind, bool) {
	switch string(stem) {
	case "район", "округ", "улус":
		return KindDistrict, true
	case "област", "кра", "республик":
		return KindRegion, true
	case "коридор":
		return KindCorridor, true
	case "трасс", "дорог", "автодорог", "шосс", "магистрал", "автотрасс":
		return KindRoad, true
	case "мост":
		return KindBridge, true
	}
	return "", false
}

// inflRuRoad reports whether a Russian noun stem is a road ("трасса Горис —
// Степанакерт").
func inflRuRoad(stem []byte) bool {
	k, ok := inflRuNoun(stem)
	return ok && k == KindRoad
}

// hyBases calls yield with the key lengths left after removing each Armenian
// case ending or article the word ends with (Ստեփանակերտում →
// Ստեփանակերտ), keeping at least two letters. It stops when yield returns
// false.
func (ir *inflRules) hyBases(key []byte, yield func(n int) bool) {
	for _, e := range ir.hy {
		if inflHasSuffix(key, e) && utf8.RuneCount(key[:len(key)-len(e)]) >= 2 {
			if !yield(len(key) - len(e)) {
				return
			}
		}
	}
}

// azBases calls yield with the key lengths left after removing each
// Azerbaijani case suffix the folded word ends with (laçına → lacin, şuşada
// → susa), keeping at least three letters. It stops when yield returns false.
func (ir *inflRules) azBases(key []byte, yield func(n int) bool) {
	for _, e := range ir.az {
		if inflHasSuffix(key, e) && utf8.RuneCount(key[:len(key)-len(e)]) >= 3 {
			if !yield(len(key) - len(e)) {
				return
			}
		}
	}
}

// azApostrophe returns the length of the base when a folded word is a name,
// an apostrophe and an Azerbaijani or Turkish suffix (Şuşa'da, Bakı'nın).
func (ir *inflRules) azApostrophe(key []byte) (int, bool) {
	for i := len(key) - 1; i > 0; i-- {
		if key[i] != '\'' {
			continue
		}
		suffix := key[i+1:]
		for _, e := range ir.az {
			if string(suffix) == e {
				return i, true
			}
		}
		return 0, false
	}
	return 0, false
}

// deGenitive returns the length of the base of a German genitive in -s
// (Stepanakerts, Aserbaidschans). The base keeps at least five letters and
// does not itself end in a sibilant, where German writes -es or nothing.
func deGenitive(key []byte) (int, bool) {
	n := len(key)
	if n < 6 || key[n-1] != 's' {
		return 0, false
	}
	switch key[n-2] {
	case 's', 'x', 'z', '\'':
		return 0, false
	}
	if utf8.RuneCount(key[:n-1]) < 5 {
		return 0, false
	}
	return n - 1, true
}
