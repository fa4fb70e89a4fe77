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

// inflHasSuffix reports whether b ends with s, without allocating.
func inflHasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// inflRuStem returns the length of the Russian stem of a folded Cyrillic
// word and whether the word was a -ский/-цкий adjective (whose stem keeps
// the "ск"/"цк", so Шушинском and Шушинский both give "шушинск"). Nouns lose
// up to two endings (Агдамом → агдам → агд), the same on both sides, and a
// stem keeps at least three letters. Endings are Cyrillic, two bytes a letter.
func inflRuStem(key []byte) (n int, adj bool) {
	n = len(key)
	for _, k := range [...]int{6, 4} {
		if n < k || !inflRuAdjEnding(key[n-k:]) {
			continue
		}
		m := n - k
		if (inflHasSuffix(key[:m], "ск") || inflHasSuffix(key[:m], "цк")) && utf8.RuneCount(key[:m]) >= 4 {
			return m, true
		}
	}
	for range 2 {
		stripped := false
		for _, k := range [...]int{6, 4, 2} { // longest ending first
			if n >= k && inflRuEnding(key[n-k:n]) && utf8.RuneCount(key[:n-k]) >= 3 {
				n -= k
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

// inflRuEnding reports whether s is a Russian noun or adjective ending.
func inflRuEnding(s []byte) bool {
	switch string(s) {
	case "ами", "ями", "ией", "ого", "его", "ому", "ему", "ыми", "ими", "иям", "иях",
		"ов", "ев", "ах", "ях", "ам", "ям", "ом", "ем", "ой", "ей", "ою", "ею",
		"ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ую", "юю",
		"ым", "им", "ия", "ии", "ию", "ье", "ья", "ью", "ьи",
		"а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й":
		return true
	}
	return false
}

// inflRuAdjEnding reports whether s is an ending of a -ский/-цкий adjective
// (what follows the "ск"/"цк").
func inflRuAdjEnding(s []byte) bool {
	switch string(s) {
	case "ого", "ому", "ими", "ий", "ая", "ое", "ие", "им", "ом", "ой", "ую", "их", "ою", "ые", "ым":
		return true
	}
	return false
}

// inflRuAdjBases calls yield with the stem lengths of the places a -ский/-цкий
// adjective stem may be formed from, most specific first: the stem itself
// (Донецк), without "инск" (Шушинск → Шуш-а) and without "ск" (Лачинск →
// Лачин), each re-stemmed as a noun. It stops when yield returns false.
func inflRuAdjBases(stem []byte, yield func(n int) bool) {
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
		n, _ := inflRuStem(stem[:m])
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

// inflHyBases calls yield with the key lengths left after removing each
// Armenian case ending or article the word ends with (Ստեփանակերտում →
// Ստեփանակերտ), longest first, keeping at least two letters. It stops when
// yield returns false. Armenian letters are two bytes each.
func inflHyBases(key []byte, yield func(n int) bool) {
	for _, k := range [...]int{8, 6, 4, 2} {
		if len(key) > k && inflHyEnding(key[len(key)-k:]) && utf8.RuneCount(key[:len(key)-k]) >= 2 {
			if !yield(len(key) - k) {
				return
			}
		}
	}
}

// inflHyEnding reports whether s is an Armenian case ending or article:
// locative -ում, ablative -ից, instrumental -ով, genitive/dative -ի, -ու,
// articles -ը/-ն and -ին, with the -յ- glide after a vowel.
func inflHyEnding(s []byte) bool {
	switch string(s) {
	case "յում", "յից", "յով", "յին", "ում", "ից", "ով", "ին", "ու", "յի", "ի", "ը", "ն":
		return true
	}
	return false
}

// inflAzBases calls yield with the key lengths left after removing each
// Azerbaijani case suffix the folded word ends with (laçına → lacin, şuşada
// → susa), longest first, keeping at least three letters. It stops when
// yield returns false.
func inflAzBases(key []byte, yield func(n int) bool) {
	for k := 5; k >= 1; k-- {
		if len(key) > k && inflAzSuffix(key[len(key)-k:]) && utf8.RuneCount(key[:len(key)-k]) >= 3 {
			if !yield(len(key) - k) {
				return
			}
		}
	}
}

// inflAzSuffix reports whether s is an Azerbaijani case suffix in folded
// form (ə→e, ı→i, ü→u): locative -da/-də/-ta/-tə, ablative -dan/-dən,
// dative -a/-ə/-ya/-yə, genitive -ın/-in/-nın/-nin, accusative -ı/-i/-nı/-yı,
// instrumental -la/-lə/-ilə, relative -dakı/-dəki, and the forms with the
// pronominal -n- after a possessive (dəhlizində).
func inflAzSuffix(s []byte) bool {
	switch string(s) {
	case "ndaki", "ndeki", "ndan", "nden", "daki", "deki", "taki", "teki",
		"dan", "den", "tan", "ten", "nda", "nde", "nin", "nun", "yla", "yle", "ile",
		"da", "de", "ta", "te", "ya", "ye", "na", "ne", "in", "un", "ni", "nu", "la", "le", "yi", "yu",
		"a", "e", "i", "u":
		return true
	}
	return false
}

// inflAzApostrophe returns the length of the base when a folded word is a
// name, an apostrophe and an Azerbaijani or Turkish suffix (Şuşa'da,
// Bakı'nın).
func inflAzApostrophe(key []byte) (int, bool) {
	for i := len(key) - 1; i > 0; i-- {
		if key[i] == '\'' {
			return i, inflAzSuffix(key[i+1:])
		}
	}
	return 0, false
}

// inflDeGenitive returns the length of the base of a German genitive in -s
// (Stepanakerts, Aserbaidschans). The base keeps at least five letters and
// does not itself end in a sibilant, where German writes -es or nothing.
func inflDeGenitive(key []byte) (int, bool) {
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
