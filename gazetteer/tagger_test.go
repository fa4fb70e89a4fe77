package gazetteer

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tagTestPlace is a place of the tagger's test gazetteer.
type tagTestPlace struct {
	id     string
	kind   Kind
	origin Origin
	pop    int64
	names  []Name
}

// tagTestNames builds Name values from "lang:Script:usage:text" strings.
func tagTestNames(specs ...string) []Name {
	names := make([]Name, 0, len(specs))
	for _, s := range specs {
		parts := strings.SplitN(s, ":", 4)
		names = append(names, Name{Lang: parts[0], Script: parts[1], Usage: Usage(parts[2]), Text: parts[3]})
	}
	return names
}

// tagTestPlaces is a small gazetteer with curated-style names of the places
// the seed articles talk about, and background places whose names are
// common words, demonyms' look-alikes or first names.
func tagTestPlaces() []tagTestPlace {
	c, b := OriginCurated, OriginBackground
	return []tagTestPlace{
		{"stepanakert", KindCity, c, 55000, tagTestNames(
			"en:Latn:armenian:Stepanakert", "en:Latn:azerbaijani:Khankendi", "az:Latn:azerbaijani:Xankəndi",
			"ru:Cyrl:russian:Степанакерт", "ru:Cyrl:variant:Ханкенди", "hy:Armn:armenian:Ստեփանակերտ")},
		{"shusha", KindCity, c, 4000, tagTestNames(
			"en:Latn:azerbaijani:Shusha", "en:Latn:armenian:Shushi", "az:Latn:azerbaijani:Şuşa",
			"ru:Cyrl:russian:Шуша", "hy:Armn:armenian:Շուշի")},
		{"shusha-district", KindDistrict, c, 0, tagTestNames(
			"en:Latn:azerbaijani:Shusha District", "az:Latn:azerbaijani:Şuşa rayonu")},
		{"lachin", KindCity, c, 8000, tagTestNames(
			"en:Latn:azerbaijani:Lachin", "az:Latn:azerbaijani:Laçın", "ru:Cyrl:russian:Лачин",
			"en:Latn:armenian:Berdzor", "hy:Armn:armenian:Բերձոր", "hy:Armn:variant:Լաչին")},
		{"lachin-district", KindDistrict, c, 0, tagTestNames(
			"en:Latn:azerbaijani:Lachin District", "ru:Cyrl:variant:Лачин")},
		{"lachin-corridor", KindCorridor, c, 0, tagTestNames(
			"en:Latn:international:Lachin corridor", "ru:Cyrl:russian:Лачинский коридор",
			"az:Latn:azerbaijani:Laçın dəhlizi", "hy:Armn:armenian:Լաչինի միջանցք")},
		{"hakari-bridge", KindBridge, c, 0, tagTestNames(
			"en:Latn:international:Hakari bridge", "en:Latn:azerbaijani:Khakari Bridge")},
		{"hakari-river", KindRiver, c, 0, tagTestNames(
			"en:Latn:international:Hakari", "az:Latn:azerbaijani:Həkəri", "ru:Cyrl:russian:Хакари")},
		{"hakari-checkpoint", KindCheckpoint, c, 0, tagTestNames(
			"en:Latn:international:Hakari bridge checkpoint")},
		{"aghdam", KindCity, c, 0, tagTestNames(
			"en:Latn:international:Aghdam", "az:Latn:azerbaijani:Ağdam", "ru:Cyrl:russian:Агдам")},
		{"aghdam-khankendi-road", KindRoad, c, 0, tagTestNames(
			"en:Latn:azerbaijani:Aghdam-Khankendi road", "az:Latn:azerbaijani:Ağdam-Xankəndi yolu")},
		{"goris", KindCity, c, 20000, tagTestNames(
			"en:Latn:international:Goris", "ru:Cyrl:russian:Горис", "hy:Armn:armenian:Գորիս")},
		{"moscow", KindCapital, c, 12000000, tagTestNames(
			"en:Latn:international:Moscow", "ru:Cyrl:russian:Москва", "de:Latn:variant:Moskau")},
		{"armenia", KindCountry, c, 3000000, tagTestNames(
			"en:Latn:international:Armenia", "hy:Armn:armenian:Հայաստան", "ru:Cyrl:russian:Армения",
			"de:Latn:variant:Armenien", "fr:Latn:variant:Arménie")},
		{"azerbaijan", KindCountry, c, 10000000, tagTestNames(
			"en:Latn:international:Azerbaijan", "az:Latn:azerbaijani:Azərbaycan", "de:Latn:variant:Aserbaidschan",
			"ru:Cyrl:russian:Азербайджан", "hy:Armn:armenian:Ադրբեջան")},
		{"russia", KindCountry, c, 144000000, tagTestNames(
			"en:Latn:international:Russia", "en:Latn:official:Russian Federation", "ru:Cyrl:russian:Россия",
			"ru:Cyrl:official:Российская Федерация")},
		{"karabakh", KindRegion, c, 0, tagTestNames(
			"en:Latn:international:Karabakh", "ru:Cyrl:russian:Карабах", "az:Latn:azerbaijani:Qarabağ")},
		{"nagorno-karabakh", KindRegion, c, 120000, tagTestNames(
			"en:Latn:international:Nagorno-Karabakh", "ru:Cyrl:russian:Нагорный Карабах",
			"en:Latn:armenian:Artsakh", "hy:Armn:armenian:Արցախ")},
		{"baku", KindCapital, c, 2300000, tagTestNames(
			"en:Latn:international:Baku", "az:Latn:azerbaijani:Bakı", "ru:Cyrl:russian:Баку")},
		{"yerevan", KindCapital, c, 1100000, tagTestNames(
			"en:Latn:international:Yerevan", "hy:Armn:armenian:Երևան", "ru:Cyrl:russian:Ереван")},
		{"sus", KindSettlement, c, 300, tagTestNames("en:Latn:armenian:Sus")},
		{"bg-police", KindCity, b, 33000, tagTestNames("pl:Latn:official:Police")},
		{"bg-of", KindCity, b, 20000, tagTestNames("tr:Latn:official:Of")},
		{"bg-nice", KindCity, b, 340000, tagTestNames("fr:Latn:official:Nice")},
		{"bg-sale", KindCity, b, 130000, tagTestNames("en:Latn:official:Sale")},
		{"bg-most", KindCity, b, 66000, tagTestNames("cs:Latn:official:Most")},
		{"bg-armenia-co", KindCity, b, 300000, tagTestNames("es:Latn:official:Armenia")},
		{"bg-florence", KindCity, b, 380000, tagTestNames("en:Latn:official:Florence")},
		{"bg-vladimir", KindCity, b, 350000, tagTestNames("en:Latn:official:Vladimir", "ru:Cyrl:official:Владимир")},
		{"bg-brussels", KindCapital, b, 1200000, tagTestNames("en:Latn:official:Brussels")},
		{"bg-armyansk", KindCity, b, 21000, tagTestNames("ru:Cyrl:official:Армянск")},
		{"bg-new-york", KindCity, b, 8000000, tagTestNames("en:Latn:official:New York")},
		{"bg-carnegie", KindCity, b, 8000, tagTestNames("en:Latn:official:Carnegie")},
		{"bg-ukraine", KindCountry, b, 40000000, tagTestNames("en:Latn:official:Ukraine")},
		{"bg-trend", KindSettlement, b, 100, tagTestNames("en:Latn:official:Trend")},
		{"bg-st-petersburg", KindCity, b, 5000000, tagTestNames("en:Latn:official:St. Petersburg")},
		{"bg-victoria", KindCapital, b, 26000, tagTestNames("en:Latn:official:Victoria")},
		{"bg-tass", KindSettlement, b, 2000, tagTestNames("hu:Latn:official:Tass")},
		{"bg-rome", KindCapital, b, 2800000, tagTestNames("en:Latn:official:Rome")},
		{"bg-vatican", KindCapital, b, 800, tagTestNames("und:Latn:variant:IT")},
		{"bg-us", KindCountry, b, 330000000, tagTestNames("en:Latn:variant:US")},
		{"bg-white-house", KindSettlement, b, 13000, tagTestNames("en:Latn:official:White House")},
		{"bg-nov", KindSettlement, b, 8000, tagTestNames("tg:Latn:official:Nov")},
		{"bg-republic", KindSettlement, b, 1000, tagTestNames("en:Latn:official:Republic")},
	}
}

// tagTestEntries flattens tagTestPlaces into index entries.
func tagTestEntries() []IndexEntry {
	var out []IndexEntry
	for _, p := range tagTestPlaces() {
		for _, n := range p.names {
			out = append(out, IndexEntry{PlaceID: p.id, Name: n, Kind: p.kind, Origin: p.origin, Population: p.pop})
		}
	}
	return out
}

// tagTestIndex builds the index over the test gazetteer.
func tagTestIndex(tb testing.TB) *Index {
	tb.Helper()
	ix := NewIndex(tagTestEntries())
	if ix.Len() == 0 {
		tb.Fatal("empty test index")
	}
	return ix
}

// tagWant is one expected span: its surface, a place that must be among its
// hits ("" for a compound with no whole-phrase name), its form (0: any) and
// its compound kind ("" for a plain name).
type tagWant struct {
	surface  string
	place    string
	form     Form
	compound Kind
	parts    []string // surfaces of the compound's parts, if checked
}

func TestTag(t *testing.T) {
	ix := tagTestIndex(t)
	tests := []struct {
		name string
		text string
		want []tagWant
	}{
		// Inflected forms.
		{"russian locative", "Протест в Степанакерте.", []tagWant{{"Степанакерте", "stepanakert", FormInflected, "", nil}}},
		{"russian genitive with final vowel", "жители Шуши", []tagWant{{"Шуши", "shusha", FormInflected, "", nil}}},
		{"russian inflected two-word name", "по Лачинскому коридору", []tagWant{{"Лачинскому коридору", "lachin-corridor", FormInflected, "", nil}}},
		{"russian two inflected words", "мир в Нагорном Карабахе", []tagWant{{"Нагорном Карабахе", "nagorno-karabakh", FormInflected, "", nil}}},
		{"russian adjective and district noun", "в Шушинском районе", []tagWant{{"Шушинском районе", "shusha", FormAdjective, "", nil}}},
		{"russian adjective prefers the district", "в Лачинском районе", []tagWant{{"Лачинском районе", "lachin-district", FormAdjective, "", nil}}},
		{"russian nominative is exact", "Степанакерт и Москва", []tagWant{{"Степанакерт", "stepanakert", FormExact, "", nil}, {"Москва", "moscow", FormExact, "", nil}}},
		{"russian instrumental", "между Москвой и Баку", []tagWant{{"Москвой", "moscow", FormInflected, "", nil}, {"Баку", "baku", FormExact, "", nil}}},
		{"russian adjective is not a town", "Армянская сторона заявила", nil},
		{"russian lower-case demonym adjective", "армянский народ", nil},
		{"inflected background town", "в Армянске", []tagWant{{"Армянске", "bg-armyansk", FormInflected, "", nil}}},
		{"azerbaijani dative", "Laçına gedən yol", []tagWant{{"Laçına", "lachin", FormInflected, "", nil}}},
		{"azerbaijani locative", "Şuşada bayram", []tagWant{{"Şuşada", "shusha", FormInflected, "", nil}}},
		{"azerbaijani suffix after apostrophe stays outside the span", "Şuşa'da", []tagWant{{"Şuşa", "shusha", FormInflected, "", nil}}},
		{"azerbaijani text", "Xankəndidə və Bakıda görüş keçirilib, Ağdamdan gələnlər", []tagWant{
			{"Xankəndidə", "stepanakert", FormInflected, "", nil}, {"Bakıda", "baku", FormInflected, "", nil}, {"Ağdamdan", "aghdam", FormInflected, "", nil}}},
		{"armenian locative", "Ստեփանակերտում", []tagWant{{"Ստեփանակերտում", "stepanakert", FormInflected, "", nil}}},
		{"armenian genitive", "Ադրբեջանի իշխանությունները", []tagWant{{"Ադրբեջանի", "azerbaijan", FormInflected, "", nil}}},
		{"armenian inflected two-word name", "Լաչինի միջանցքում", []tagWant{{"Լաչինի միջանցքում", "lachin-corridor", FormInflected, "", nil}}},
		{"german genitive", "die Lage Stepanakerts und Aserbaidschans Forderungen",
			[]tagWant{{"Stepanakerts", "stepanakert", FormInflected, "", nil}, {"Aserbaidschans", "azerbaijan", FormInflected, "", nil}}},
		{"french elided article", "la frontière de l'Arménie", []tagWant{{"Arménie", "armenia", FormExact, "", nil}}},

		// Folding and case.
		{"all caps turkic", "ŞUŞA", []tagWant{{"ŞUŞA", "shusha", FormExact, "", nil}}},
		{"all caps with dotted I", "XANKƏNDİ", []tagWant{{"XANKƏNDİ", "stepanakert", FormExact, "", nil}}},
		{"folded schwa", "Xankendi", []tagWant{{"Xankendi", "stepanakert", FormFolded, "", nil}}},
		{"side names", "Khankendi, Stepanakert", []tagWant{{"Khankendi", "stepanakert", FormExact, "", nil}, {"Stepanakert", "stepanakert", FormExact, "", nil}}},
		{"curated name in lower case", "the lachin corridor", []tagWant{{"lachin corridor", "lachin-corridor", FormExact, "", nil}}},
		{"short curated name needs a capital", "sus scrofa lives near Sus", []tagWant{{"Sus", "sus", FormExact, "", nil}}},

		// Possessives, datelines, metonymy.
		{"curly possessive", "Baku’s blessing", []tagWant{{"Baku", "baku", FormExact, "", nil}}},
		{"possessive metonymy", "Yerevan's position", []tagWant{{"Yerevan", "yerevan", FormExact, "", nil}}},
		{"possessive of a hyphenated name", "Nagorno-Karabakh’s movement", []tagWant{{"Nagorno-Karabakh", "nagorno-karabakh", FormExact, "", nil}}},
		{"dateline", "STEPANAKERT — The Russian peacekeeping force", []tagWant{{"STEPANAKERT", "stepanakert", FormExact, "", nil}}},
		{"line-broken hyphen", "the people of Nagorno-\nKarabakh.", []tagWant{{"Nagorno-\nKarabakh", "nagorno-karabakh", FormExact, "", nil}}},
		{"metonymy", "Moscow has rebuffed the criticism.", []tagWant{{"Moscow", "moscow", FormExact, "", nil}}},
		{"attributive", "Karabakh Armenians", []tagWant{{"Karabakh", "karabakh", FormExact, "", nil}}},
		{"republic of", "the Republic of Azerbaijan set up", []tagWant{{"Azerbaijan", "azerbaijan", FormExact, "", nil}}},
		{"possessive before an organisation", "Azerbaijan's Environment Ministry", []tagWant{{"Azerbaijan", "azerbaijan", FormExact, "", nil}}},
		{"curated and background twins", "accused Armenia", []tagWant{{"Armenia", "armenia", FormExact, "", nil}}},
		{"background name mid-sentence", "the 6th meeting in Brussels (July 15)", []tagWant{{"Brussels", "bg-brussels", FormExact, "", nil}}},
		{"background all caps two words", "NEW YORK, NY — Sunday", []tagWant{{"NEW YORK", "bg-new-york", FormExact, "", nil}}},
		{"abbreviated name", "flew to St. Petersburg today", []tagWant{{"St. Petersburg", "bg-st-petersburg", FormExact, "", nil}}},

		// Not mentions.
		{"demonym", "Armenian", nil},
		{"demonyms", "Azerbaijani and Azeri activists, Russians", nil},
		{"outlet", "The Moscow Times", nil},
		{"outlet without article", "reported by Moscow Times", nil},
		{"war name", "the Second Karabakh War", nil},
		{"war in lower case", "after the Karabakh war ended", nil},
		{"hyphenated war name", "the Nagorno-Karabakh War", nil},
		{"service", "RFE/RL's Armenian Service", nil},
		{"ministry", "Russian Foreign Ministry spokeswoman", nil},
		{"agency", "Source: TREND News Agency", nil},
		{"endowment", "the Carnegie Endowment for International Peace", nil},
		{"university", "Yerevan State University", nil},
		{"name inside a longer organisation name", "the Russian Federation Council", nil},
		{"common words", "Police said the Nice weather was Most welcome. Of course, for Sale.", nil},
		{"sentence-start common word", "Most importantly, the peacekeepers", nil},
		{"first name", "By Florence Avakian NEW YORK", []tagWant{{"NEW YORK", "bg-new-york", FormExact, "", nil}}},
		{"first name after a title", "Russian President Vladimir Putin has spoken", nil},
		{"city with its country", "born in Florence, Italy", []tagWant{{"Florence", "bg-florence", FormExact, "", nil}}},
		{"background name in lower case", "a new trend", nil},
		{"url", "<https://www.themoscowtimes.com/2023/01/03/sidelined-in-nagorno-karabakh-a79868>", nil},
		{"first name after a courtesy title", "Ms Victoria Nuland visited Yerevan", []tagWant{{"Yerevan", "yerevan", FormExact, "", nil}}},
		{"agency in capitals", "Alexander Patrin / TASS", nil},
		{"dateline in capitals", "ROME — The talks", []tagWant{{"ROME", "bg-rome", FormExact, "", nil}}},
		{"code as a name", "It said that IT was ready", nil},
		{"acronym country", "US officials told us", []tagWant{{"US", "bg-us", FormExact, "", nil}}},
		{"metonymic building", "the White House said", nil},
		{"month abbreviation", "on Nov. 9, 2020", nil},
		{"common word town", "the Republic of Azerbaijan", []tagWant{{"Azerbaijan", "azerbaijan", FormExact, "", nil}}},

		// Compounds.
		{"curated road compound", "Baku offered a better Aghdam-Khankendi road to bring help", []tagWant{
			{"Baku", "baku", FormExact, "", nil},
			{"Aghdam-Khankendi road", "aghdam-khankendi-road", FormExact, KindRoad, []string{"Aghdam", "Khankendi"}}}},
		{"road compound without a name", "the entrance to the Lachin-Khankendi road", []tagWant{
			{"Lachin-Khankendi road", "", 0, KindRoad, []string{"Lachin", "Khankendi"}}}},
		{"motorway with en dash", "the Stepanakert–Goris motorway", []tagWant{
			{"Stepanakert–Goris motorway", "", 0, KindRoad, []string{"Stepanakert", "Goris"}}}},
		{"road from to", "the road from Lachin to Goris", []tagWant{
			{"road from Lachin to Goris", "", 0, KindRoad, []string{"Lachin", "Goris"}}}},
		{"russian road", "трасса Горис — Степанакерт закрыта", []tagWant{
			{"трасса Горис — Степанакерт", "", 0, KindRoad, []string{"Горис", "Степанакерт"}}}},
		{"bridge over the river", "to the bridge over the river Hakari at the border with Armenia", []tagWant{
			{"bridge over the river Hakari", "", 0, KindBridge, []string{"Hakari"}},
			{"Armenia", "armenia", FormExact, "", nil}}},
		{"bridge checkpoint name", "a trip to Hakari bridge checkpoint at the Lachin corridor", []tagWant{
			{"Hakari bridge checkpoint", "hakari-checkpoint", FormExact, KindCheckpoint, []string{"Hakari bridge"}},
			{"Lachin corridor", "lachin-corridor", FormExact, "", nil}}},
		{"bridge name", "the Azerbaijani-Armenian border (Khakari Bridge), Trend reports", []tagWant{
			{"Khakari Bridge", "hakari-bridge", FormExact, "", nil}}},
		{"border checkpoint", "closed the Lachin border checkpoint", []tagWant{
			{"Lachin border checkpoint", "", 0, KindCheckpoint, []string{"Lachin"}}}},
		{"checkpoint of the bridge", "at the checkpoint of the Hakari bridge on the pretext", []tagWant{
			{"checkpoint of the Hakari bridge", "", 0, KindCheckpoint, []string{"Hakari bridge"}}}},
		{"checkpoint on a corridor is the corridor", "a checkpoint on the Lachin Corridor", []tagWant{
			{"Lachin Corridor", "lachin-corridor", FormExact, "", nil}}},
		{"country is not a checkpoint site", "the Azerbaijan checkpoint", []tagWant{{"Azerbaijan", "azerbaijan", FormExact, "", nil}}},
		{"azerbaijani road name", "Ağdam-Xankəndi yolu", []tagWant{{"Ağdam-Xankəndi yolu", "aghdam-khankendi-road", FormExact, "", nil}}},

		// Robustness.
		{"empty", "", nil},
		{"invalid utf-8 around a name", "\xffBaku\xfe", []tagWant{{"Baku", "baku", FormExact, "", nil}}},
		{"only punctuation", " —– ’ “ ” ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Tag(tt.text)
			tagCheckInvariants(t, tt.text, got)
			var surfaces []string
			for _, sp := range got {
				surfaces = append(surfaces, sp.Surface)
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, w.surface)
			}
			if !slices.Equal(surfaces, want) {
				t.Fatalf("Tag(%q) surfaces = %q, want %q", tt.text, surfaces, want)
			}
			for k, w := range tt.want {
				sp := got[k]
				if w.place != "" && !tagHasPlace(sp, w.place) {
					t.Errorf("%q: hits %v lack %s", sp.Surface, tagPlaces(sp), w.place)
				}
				if w.form != 0 && sp.Form != w.form {
					t.Errorf("%q: form %v, want %v", sp.Surface, sp.Form, w.form)
				}
				switch {
				case w.compound == "" && sp.Compound != nil:
					t.Errorf("%q: unexpected compound %+v", sp.Surface, *sp.Compound)
				case w.compound != "" && sp.Compound == nil:
					t.Errorf("%q: no compound, want %s", sp.Surface, w.compound)
				case w.compound != "" && sp.Compound.Kind != w.compound:
					t.Errorf("%q: compound kind %s, want %s", sp.Surface, sp.Compound.Kind, w.compound)
				case w.compound != "" && w.parts != nil:
					var parts []string
					for _, p := range sp.Compound.Parts {
						parts = append(parts, p.Surface)
						if len(p.Hits) == 0 {
							t.Errorf("%q: part %q has no hits", sp.Surface, p.Surface)
						}
					}
					if !slices.Equal(parts, w.parts) {
						t.Errorf("%q: parts %q, want %q", sp.Surface, parts, w.parts)
					}
				}
				if w.place == "" && w.compound != "" && len(sp.Hits) != 0 {
					t.Errorf("%q: hits %v, want none (not a name)", sp.Surface, tagPlaces(sp))
				}
			}
		})
	}
}

// tagHasPlace reports whether a span has a hit on place.
func tagHasPlace(sp Span, place string) bool {
	for _, h := range sp.Hits {
		if h.PlaceID == place {
			return true
		}
	}
	return false
}

// tagPlaces lists the places of a span's hits.
func tagPlaces(sp Span) []string {
	var out []string
	for _, h := range sp.Hits {
		out = append(out, h.PlaceID)
	}
	return out
}

// tagCheckInvariants checks what every Tag result must satisfy, whatever the
// input: spans in bounds, on rune boundaries, sorted, not overlapping, with
// Surface equal to the text they cover, and hits deduplicated per place.
func tagCheckInvariants(t *testing.T, text string, spans []Span) {
	t.Helper()
	prevEnd := 0
	for i, sp := range spans {
		tagCheckSpan(t, text, sp)
		if sp.Start < prevEnd {
			t.Fatalf("span %d [%d,%d) overlaps or precedes the previous one ending at %d", i, sp.Start, sp.End, prevEnd)
		}
		prevEnd = sp.End
		if len(sp.Hits) == 0 && sp.Compound == nil {
			t.Fatalf("span %d %q has neither hits nor a compound", i, sp.Surface)
		}
		if sp.Form == 0 {
			t.Fatalf("span %d %q has no form", i, sp.Surface)
		}
		seen := map[string]bool{}
		for _, h := range sp.Hits {
			if seen[h.PlaceID] {
				t.Fatalf("span %d %q: place %s hit twice", i, sp.Surface, h.PlaceID)
			}
			seen[h.PlaceID] = true
		}
		if sp.Compound != nil {
			for _, p := range sp.Compound.Parts {
				tagCheckSpan(t, text, p)
				if p.Start < sp.Start || p.End > sp.End {
					t.Fatalf("part %q [%d,%d) outside its compound [%d,%d)", p.Surface, p.Start, p.End, sp.Start, sp.End)
				}
			}
		}
	}
}

// tagCheckSpan checks one span's offsets and surface.
func tagCheckSpan(t *testing.T, text string, sp Span) {
	t.Helper()
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		t.Fatalf("span [%d,%d) out of bounds of %d bytes", sp.Start, sp.End, len(text))
	}
	if !tagOnBoundary(text, sp.Start) || !tagOnBoundary(text, sp.End) {
		t.Fatalf("span [%d,%d) not on rune boundaries", sp.Start, sp.End)
	}
	if sp.Surface != text[sp.Start:sp.End] {
		t.Fatalf("surface %q != text %q", sp.Surface, text[sp.Start:sp.End])
	}
	if !utf8.ValidString(sp.Surface) {
		t.Fatalf("surface %q is not valid UTF-8", sp.Surface)
	}
}

// tagOnBoundary reports whether offset o is where a rune starts (or the end)
// when text is decoded from the start, invalid bytes counting as one rune
// each, as range over a string does.
func tagOnBoundary(text string, o int) bool {
	for i := range text {
		if i == o {
			return true
		}
		if i > o {
			return false
		}
	}
	return o == len(text)
}

func TestTagLongTextAcrossChunks(t *testing.T) {
	ix := tagTestIndex(t)
	para := "STEPANAKERT — Russian peacekeepers in Nagorno-Karabakh refused an escort to the Hakari bridge checkpoint; " +
		"Baku offered the Aghdam-Khankendi road, Шушинском районе и Степанакерте, Şuşada. "
	one := len(ix.Tag(para))
	tests := []struct {
		name string
		sep  string
	}{
		{"paragraphs", "\n\n"},
		{"one long paragraph", " "},
		{"no spaces between copies", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const copies = 500 // far more than one chunk
			var b strings.Builder
			for range copies {
				b.WriteString(para)
				b.WriteString(tt.sep)
			}
			text := b.String()
			got := ix.Tag(text)
			tagCheckInvariants(t, text, got)
			// A chunk cut inside a name can lose that one name, at most one per chunk.
			maxLost := len(text)/(tagChunkSize/4) + 1
			if len(got) > copies*one || len(got) < copies*one-maxLost {
				t.Errorf("%d spans, want about %d (%d per copy)", len(got), copies*one, one)
			}
		})
	}
}

func TestTagConcurrent(t *testing.T) {
	ix := tagTestIndex(t)
	texts := []string{
		"STEPANAKERT — The Russian peacekeepers in Nagorno-Karabakh",
		"в Степанакерте, по Лачинскому коридору, в Шушинском районе",
		"Laçına, Şuşada, Xankəndidə və Bakıda",
		"Ստեփանակերտում և Գորիսում",
		"Baku offered a better Aghdam-Khankendi road",
	}
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(ix.Tag(s))
	}
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for k := range 200 {
				i := (g + k) % len(texts)
				if n := len(ix.Tag(texts[i])); n != want[i] {
					errs <- texts[i]
					return
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
	close(errs)
	for s := range errs {
		t.Errorf("concurrent Tag(%q) differs from the sequential result", s)
	}
}

func TestNewIndexSkipsUnusableNames(t *testing.T) {
	long := strings.Repeat("word ", tagMaxTokens+1)
	entries := []IndexEntry{
		{PlaceID: "a", Name: Name{Text: "Goris"}, Origin: OriginCurated},
		{PlaceID: "b", Name: Name{Text: " — "}, Origin: OriginCurated},
		{PlaceID: "c", Name: Name{Text: long}, Origin: OriginCurated},
		{PlaceID: "d", Name: Name{Text: ""}, Origin: OriginCurated},
	}
	ix := NewIndex(entries)
	if ix.Len() != 1 {
		t.Errorf("Len() = %d, want 1", ix.Len())
	}
	got := ix.Tag("from Goris")
	if len(got) != 1 || got[0].Hits[0].Entry != 0 {
		t.Errorf("Tag = %+v, want Goris as entry 0", got)
	}
	if spans := NewIndex(nil).Tag("Goris"); spans != nil {
		t.Errorf("empty index tagged %+v", spans)
	}
}

func TestTagChunksOddText(t *testing.T) {
	ix := tagTestIndex(t)
	tests := []struct {
		name string
		text string
	}{
		{"continuation bytes", strings.Repeat("\x80", 3*tagChunkSize) + " Baku"},
		{"one long word", strings.Repeat("é", 2*tagChunkSize) + " Baku"},
		{"four-byte runes", strings.Repeat("𝔸", tagChunkSize) + " Baku"},
		{"no spaces", strings.Repeat("Baku,", tagChunkSize/2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Tag(tt.text)
			tagCheckInvariants(t, tt.text, got)
			if len(got) == 0 || got[len(got)-1].Surface != "Baku" {
				t.Errorf("the last Baku was not found")
			}
		})
	}
}
