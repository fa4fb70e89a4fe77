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
