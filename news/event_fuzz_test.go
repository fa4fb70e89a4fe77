package news

import (
	"strings"
	"testing"
	"time"
)

// FuzzExtractEvents checks that extraction never panics and that every
// event it returns is valid and points into the text, whatever the text.
func FuzzExtractEvents(f *testing.F) {
	for _, s := range []string{
		"On Dec. 12, Azerbaijani forces blocked the Lachin corridor.",
		"13 декабря Азербайджан перекрыл Лачинский коридор.",
		"Ադրբեջանը փակել է Լաչինի միջանցքը։",
		"Laçın dəhlizi bağlanmayıb. Stepanakert qazsız qalıb.",
		"“Azerbaijan blocked the Lachin corridor,” Pashinyan said.",
		"Baku denied blocking the Hakari bridge near Kornidzor.",
		"Der Lachin Corridor soll ab Montag gesperrt werden.",
		"On 31 February Azerbaijani forces shelled Stepanakert; 30 февраля закрыт Лачинский коридор.",
		"Ստեփանակերտ Stepanakert Степанакерт Xankəndi: the day before, a year since, until 1 July.",
		"Today marks one year since the offensive. The next day the Hakari bridge was closed.",
	} {
		f.Add(s, "Azerbaijan blocks Lachin corridor")
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		a := testArticle(body, mustDay("2023-01-03"))
		a.Title = title
		for _, e := range ExtractEvents(a, testMentions(a.Body)) {
			if err := e.Validate(); err != nil {
				t.Fatalf("invalid event %+v: %v", e, err)
			}
			if !e.Headline && (e.SentenceEnd > len(body) || body[e.SentenceStart:e.SentenceEnd] != e.Sentence) {
				t.Fatalf("sentence offsets [%d,%d] do not give %q", e.SentenceStart, e.SentenceEnd, e.Sentence)
			}
		}
	})
}

// TestExtractEventsLongInput runs extraction over a long article and one
// sentence of 100,000 characters: the rules look at bounded windows, so
// both finish in time linear in their length (no time is asserted).
func TestExtractEventsLongInput(t *testing.T) {
	para := "On Dec. 12, Azerbaijani forces blocked the Lachin corridor near Stepanakert, and gas was cut off. Today marks one year since; the day before, a convoy was turned back. "
	long := strings.Repeat(para+"\n\n", 5<<20/(len(para)+2))
	sentence := strings.Repeat("the corridor blocked gas convoy Stepanakert ", 100000/44) + "."
	for name, text := range map[string]string{"5 MB article": long, "100,000-character sentence": sentence} {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && len(text) > 1<<20 {
				t.Skip("long input skipped in -short mode")
			}
			start := time.Now()
			a := testArticle(text, mustDay("2023-01-03"))
			evs := ExtractEvents(a, testMentions(a.Body))
			t.Logf("%d bytes, %d events in %s", len(text), len(evs), time.Since(start))
		})
	}
}
