package news

import (
	"strings"
	"testing"
	"time"
)

// FuzzDateline checks that any paragraph gives a dateline whose place is a
// prefix of it and whose date lies inside it. Its corpus is in
// testdata/fuzz/FuzzDateline/.
func FuzzDateline(f *testing.F) {
	f.Add("STEPANAKERT, 12 September 2023 — Azerbaijan launched")
	f.Add("Երևան, սեպտեմբերի 19. ARMENPRESS. Ադրբեջանը")
	f.Fuzz(func(t *testing.T, para string) {
		dl := readDateline(para)
		if dl.place != "" && !strings.HasPrefix(para, dl.place) && !strings.Contains(para, dl.place) {
			t.Fatalf("place %q is not in %q", dl.place, para)
		}
		if e := dl.date; e.Precision != PrecisionNone {
			if e.Start < 0 || e.End > len(para) || e.Start >= e.End || para[e.Start:e.End] != e.Text {
				t.Fatalf("date %+v is not in %q", e, para)
			}
		}
		a := &Article{Body: para, Published: mustDay("2023-09-20"), PublishedKnown: true, PublishedPrecision: PrecisionDay}
		if d, p, ok := a.DatelineDate(); ok && (d.IsZero() || (p != PrecisionDay && p != PrecisionMonth)) {
			t.Fatalf("dateline date %v %v", d, p)
		}
		a.BodyDates()
	})
}

// TestFindDatesLongInput runs the parser over very long sentences, one
// repeating date forms of every language and one without any break; the
// parser looks a bounded number of tokens ahead, so these finish at once.
func TestFindDatesLongInput(t *testing.T) {
	unit := "в ночь с 11 на 12 декабря, 19 Eylül'de, սեպտեմբերի 19-ին, 12–14 December, hace tres días, 31 February, "
	mixed := strings.Repeat(unit, 100000/len(unit)+1)
	noBreak := strings.Repeat("12-", 50000) + strings.Repeat("дек", 10000)
	words := strings.Repeat("в ночь на ", 10000) + strings.Repeat("dans la nuit de lundi ", 5000)
	ref := mustDay("2023-09-20")
	for name, text := range map[string]string{"mixed": mixed, "no break": noBreak, "prefixes": words} {
		t.Run(name, func(t *testing.T) {
			exprs := FindDates(text, ref, true)
			prev := 0
			for _, e := range exprs {
				if e.Start < prev || text[e.Start:e.End] != e.Text {
					t.Fatalf("bad expression %+v", e)
				}
				prev = e.End
			}
			if name == "mixed" && len(exprs) < 5*(len(mixed)/len(unit)) {
				t.Errorf("found %d expressions in %d repeats", len(exprs), len(mixed)/len(unit))
			}
			readDateline(text)
			FindDates(text, time.Time{}, false)
		})
	}
}
