package news

import (
	"testing"
	"time"
)

// Expressions counted from the text's own last date, and the relative ones
// that the tokenizer splits.
func TestAnchoredAndSplitRelativeDates(t *testing.T) {
	pub := time.Date(2023, 9, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, expr, want string // want "" = not a date
	}{
		{"On April 20, residents unblocked the highway, which had been blocked the day before.", "the day before", "2023-04-19"},
		{"Vor einer Woche begann die Offensive. Bereits einen Tag später gaben die Kämpfer auf.", "einen Tag später", "2023-09-19"},
		{"Talks began on 12 September. Two days later they ended.", "Two days later", "2023-09-14"},
		{"Le 12 septembre, les pourparlers ont commencé. Le lendemain, ils ont échoué.", "Le lendemain", "2023-09-13"},
		{"12 сентября начались переговоры. На следующий день они прервались.", "На следующий день", "2023-09-13"},
		{"Al día siguiente no hubo nada.", "Al día siguiente", ""}, // no date to count from
		{"El domingo abrió la carretera, cuatro días después de que se rindieran.", "cuatro días después", ""},
		{"Gas stopped on 13 December, the next day after the blockade began.", "the next day", ""},
		{"Près de 70 tonnes ont franchi le corridor avant-hier, le 23 septembre.", "avant-hier", "2023-09-23"},
		{"Vor einer Woche hatte Aserbaidschan die Offensive gestartet.", "Vor einer Woche", "2023-09-18"},
		{"As you know from yesterday's report, a truck passed the checkpoint.", "yesterday's", "2023-09-24"},
	}
	for _, tt := range tests {
		var got *TimeExpr
		exprs := FindDates(tt.text, pub, true)
		for i := range exprs {
			if exprs[i].Text == tt.expr {
				got = &exprs[i]
			}
		}
		switch {
		case tt.want == "" && got != nil && got.Resolved():
			t.Errorf("%q: %q resolved to %s, want no date", tt.text, tt.expr, got.Date.Format(time.DateOnly))
		case tt.want != "" && (got == nil || !got.Resolved()):
			t.Errorf("%q: %q not found or unresolved in %+v", tt.text, tt.expr, exprs)
		case tt.want != "" && (got.Date.Format(time.DateOnly) != tt.want || got.Precision != PrecisionDay):
			t.Errorf("%q: %q = %s/%s, want %s/day", tt.text, tt.expr, got.Date.Format(time.DateOnly), got.Precision, tt.want)
		}
	}
}

func TestAnniversaryDatesMoveBackAYear(t *testing.T) {
	pub := time.Date(2024, 9, 19, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, expr, want string
	}{
		{"Bu gün - sentyabrın 19-u antiterror tədbirlərindən bir il ötür.", "sentyabrın 19", "2023-09-19"},
		{"Today marks one year since the offensive began.", "Today", "2023-09-19"},
		{"Ровно год назад, 19 сентября, началась операция.", "19 сентября", "2023-09-19"},
		{"Today the offensive began.", "Today", "2024-09-19"},               // no anniversary
		{"One year since 1 May the road is closed.", "1 May", "2024-05-01"}, // not the reference day
	}
	for _, tt := range tests {
		exprs := anniversaries(tt.text, FindDates(tt.text, pub, true), pub, map[int]string{})
		found := false
		for _, e := range exprs {
			if e.Text == tt.expr {
				found = true
				if got := e.Date.Format(time.DateOnly); got != tt.want {
					t.Errorf("%q: %q = %s, want %s", tt.text, tt.expr, got, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: %q not found in %+v", tt.text, tt.expr, exprs)
		}
	}
}

func TestDeadlines(t *testing.T) {
	tests := []struct {
		text, expr string
		want       bool
	}{
		{"договорились до 1 июля завершить согласование", "1 июля", true},
		{"agreed to finish the text by 1 July", "1 July", true},
		{"sollen bis zum 1. Juli fertig sein", "1. Juli", true},
		{"agreed on 1 July to finish the text", "1 July", false},
		{"the standby troops arrived on 1 July", "1 July", false},
	}
	for _, tt := range tests {
		pub := time.Date(2024, 4, 25, 0, 0, 0, 0, time.UTC)
		var got *TimeExpr
		for _, e := range FindDates(tt.text, pub, true) {
			if e.Text == tt.expr {
				got = &e
			}
		}
		if got == nil {
			t.Errorf("%q: %q not found", tt.text, tt.expr)
			continue
		}
		if d := deadline(tt.text, *got); d != tt.want {
			t.Errorf("deadline(%q, %q) = %v, want %v", tt.text, tt.expr, d, tt.want)
		}
	}
}
