package server

import (
	"bytes"
	"testing"

	"dateline/news"
)

// FuzzAppendString checks the hand-written JSON strings against encoding/json.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rform\fback\b", "\x00\x01\x1f\x7f",
		"<html> & stuff", "Ստեփանակերտ Степанакерт Xankəndi", "🙂 outside the BMP", "bad \xff\xfe utf-8", "\u2028\u2029",
		"half a rune \xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshalJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}

// TestEventPropertiesJSON checks the hand-written event properties against
// encoding/json, with every member set and with every nullable one null.
func TestEventPropertiesJSON(t *testing.T) {
	str := func(s string) optional { return optional(s) }
	full := &eventProperties{Doc: "d\"oc", EventDate: str("2023-01-01"), DateEnd: str("2023-01-07"), TimePrecision: 2,
		DateInherited: true, DateText: str("that <week>"), DateNote: str("note\n"), Since: true, EventType: "Protests",
		SubEventType: "Peaceful protest", Actor1: str("Protesters (Armenia)"), Actor2: str("Police & co"),
		PlaceID: "stepanakert", PlaceName: str("Ստեփանակերտ"), PlaceKind: str("city"), PlaceStart: 1, PlaceEnd: 2,
		GeoPrecision: 3, Sentence: "Sentence \u2028 with a separator.", SentenceStart: 4, SentenceEnd: 5,
		Trigger: str("rallied"), TriggerStart: 6, TriggerEnd: 7, Confidence: 0.85, Rule: "r", Outlet: str("apa"),
		OutletName: str("APA"), Perspective: str("azerbaijani"), ClusterID: str("cl-1"), URL: str("https://x?a=1&b=2"),
		Title: str("T"), Reports: []news.Report{{EventID: "ev-2", Doc: "b.txt", Outlet: "tass", OutletName: "TASS",
			Perspective: news.PerspectiveRussian, Sentence: "s", URL: "u"}, {EventID: "ev-3"}}}
	empty := &eventProperties{Confidence: 1, Reports: []news.Report{}}
	for _, p := range []*eventProperties{full, empty} {
		want, err := marshalJSON(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.appendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("appendJSON:\n%s\nencoding/json:\n%s", got, want)
		}
	}
}
