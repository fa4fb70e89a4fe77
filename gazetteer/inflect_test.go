package gazetteer

import (
	"slices"
	"testing"
)

// inflStem returns the Russian stem of a word in key form.
func inflStem(word string) (string, bool) {
	key := []byte(NormalizeName(word))
	n, adj := inflRuStem(key)
	return string(key[:n]), adj
}

func TestRuStemAgreesAcrossCases(t *testing.T) {
	// Every form in a row must reach the stem of the first, the nominative.
	tests := []struct {
		name  string
		forms []string
	}{
		{"masculine, zero ending", []string{"Степанакерт", "Степанакерта", "Степанакерте", "Степанакертом", "Степанакерту"}},
		{"final -а", []string{"Шуша", "Шуши", "Шуше", "Шушу", "Шушой"}},
		{"ending-like final letters", []string{"Агдам", "Агдама", "Агдаме", "Агдамом"}},
		{"-ия", []string{"Россия", "России", "Россию", "Россией"}},
		{"-ия Armenia", []string{"Армения", "Армении", "Арменией"}},
		{"masculine -ан", []string{"Азербайджан", "Азербайджана", "Азербайджане", "Азербайджаном"}},
		{"indeclinable", []string{"Баку", "Баку"}},
		{"adjective", []string{"Нагорный", "Нагорного", "Нагорном", "Нагорному", "Нагорным"}},
		{"-ский adjective", []string{"Лачинский", "Лачинского", "Лачинскому", "Лачинском", "Лачинская", "Лачинской", "Лачинскую"}},
		{"noun", []string{"коридор", "коридора", "коридору", "коридоре", "коридором"}},
		{"ё folded", []string{"Ставрополь", "Ставрополе", "Ставрополя"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, wantAdj := inflStem(tt.forms[0])
			for _, f := range tt.forms[1:] {
				if got, adj := inflStem(f); got != want || adj != wantAdj {
					t.Errorf("stem(%s) = %q/%v, stem(%s) = %q/%v", f, got, adj, tt.forms[0], want, wantAdj)
				}
			}
		})
	}
}

func TestRuStemKeepsApart(t *testing.T) {
	// A town named like an adjective is told apart by the adjective flag.
	town, townAdj := inflStem("Армянск")
	adjStem, adj := inflStem("армянский")
	if town != adjStem || townAdj || !adj {
		t.Errorf("Армянск → %q/%v, армянский → %q/%v: want the same stem, only the adjective flagged", town, townAdj, adjStem, adj)
	}
	// Demonyms do not reach the country's stem.
	for _, pair := range [][2]string{{"армяне", "Армения"}, {"грузины", "Грузия"}, {"россияне", "Россия"}} {
		a, _ := inflStem(pair[0])
		b, _ := inflStem(pair[1])
		if a == b {
			t.Errorf("%s and %s share the stem %q", pair[0], pair[1], a)
		}
	}
}

func TestRuAdjBases(t *testing.T) {
	tests := []struct {
		adjective, place string
	}{
		{"Шушинском", "Шуша"},
		{"Лачинскому", "Лачин"},
		{"Агдамский", "Агдам"},
		{"Кельбаджарского", "Кельбаджар"},
		{"Джебраильский", "Джебраил"},
		{"Донецкий", "Донецк"},
	}
	for _, tt := range tests {
		stem, adj := inflStem(tt.adjective)
		if !adj {
			t.Errorf("%s is not taken for an adjective", tt.adjective)
			continue
		}
		want, _ := inflStem(tt.place)
		var got []string
		inflRuAdjBases([]byte(stem), func(n int) bool {
			got = append(got, stem[:n])
			return true
		})
		if !slices.Contains(got, want) {
			t.Errorf("bases of %s = %q, want %q among them", tt.adjective, got, want)
		}
	}
}

func TestRuNoun(t *testing.T) {
	tests := []struct {
		word string
		kind Kind
		ok   bool
	}{
		{"районе", KindDistrict, true},
		{"области", KindRegion, true},
		{"коридору", KindCorridor, true},
		{"трассе", KindRoad, true},
		{"шоссе", KindRoad, true},
		{"мосту", KindBridge, true},
		{"сторона", "", false},
		{"народ", "", false},
	}
	for _, tt := range tests {
		stem, _ := inflStem(tt.word)
		kind, ok := inflRuNoun([]byte(stem))
		if kind != tt.kind || ok != tt.ok {
			t.Errorf("inflRuNoun(%s) = %s, %v; want %s, %v", tt.word, kind, ok, tt.kind, tt.ok)
		}
	}
}

// inflBases collects the bases a suffix rule yields for a word.
func inflBases(word string, rule func(key []byte, yield func(int) bool)) []string {
	key := []byte(NormalizeName(word))
	var out []string
	rule(key, func(n int) bool {
		out = append(out, string(key[:n]))
		return true
	})
	return out
}

func TestSuffixRules(t *testing.T) {
	tests := []struct {
		name string
		rule func(key []byte, yield func(int) bool)
		word string
		want string // must be among the bases; "" means no base at all
	}{
		{"armenian locative", inflHyBases, "Ստեփանակերտում", NormalizeName("Ստեփանակերտ")},
		{"armenian ablative", inflHyBases, "Գորիսից", NormalizeName("Գորիս")},
		{"armenian after a vowel", inflHyBases, "Մոսկվայում", NormalizeName("Մոսկվա")},
		{"armenian genitive", inflHyBases, "Հայաստանի", NormalizeName("Հայաստան")},
		{"azerbaijani dative", inflAzBases, "Laçına", "lacin"},
		{"azerbaijani locative", inflAzBases, "Şuşada", "susa"},
		{"azerbaijani ablative", inflAzBases, "Bakıdan", "baki"},
		{"azerbaijani genitive", inflAzBases, "Xankəndinin", "xankendi"},
		{"azerbaijani dative after a vowel", inflAzBases, "Gəncəyə", "gence"},
		{"azerbaijani short word", inflAzBases, "Ada", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inflBases(tt.word, tt.rule)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("bases of %s = %q, want none", tt.word, got)
			case tt.want != "" && !slices.Contains(got, tt.want):
				t.Errorf("bases of %s = %q, want %q among them", tt.word, got, tt.want)
			}
		})
	}
}

func TestAzApostropheAndGermanGenitive(t *testing.T) {
	tests := []struct {
		word string
		fn   func([]byte) (int, bool)
		want string
		ok   bool
	}{
		{"Şuşa'da", inflAzApostrophe, "susa", true},
		{"Bakı'nın", inflAzApostrophe, "baki", true},
		{"O'Hare", inflAzApostrophe, "", false},
		{"Stepanakerts", inflDeGenitive, "stepanakert", true},
		{"Aserbaidschans", inflDeGenitive, "aserbaidschan", true},
		{"Paris", inflDeGenitive, "", false},
		{"Brussels", inflDeGenitive, "brussel", true}, // a base only: it still has to be a name
		{"Texas", inflDeGenitive, "", false},
	}
	for _, tt := range tests {
		key := []byte(NormalizeName(tt.word))
		n, ok := tt.fn(key)
		if ok != tt.ok || ok && string(key[:n]) != tt.want {
			t.Errorf("%s: got %q, %v; want %q, %v", tt.word, key[:n], ok, tt.want, tt.ok)
		}
	}
}
