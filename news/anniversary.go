package news

import (
	"sort"
	"time"
)

// anniversaryMark finds a lower-cased sentence that marks a year since what it tells:
// "Today marks one year since the operation", "Bu gün ... bir il ötür",
// "исполнился год", "vor einem Jahr", "il y a un an".
var anniversaryMark = newMatcher(`(?:\b(?:a|one)\s+year\s+(?:since|after|ago)\b|\bfirst\s+anniversary\b|\bmarks?\s+(?:a|one)\s+year\b|` +
	`\bbir\s+il\s+(?:ötür|keçir|tamam)|\bbir\s+yıl\s+(?:geçti|oldu|doldu)|ildönümü|yıl\s+dönümü|` +
	`годовщин|(?:исполнил|прош[её]л)\p{L}*\s+(?:ровно\s+)?год(?:\P{L}|$)|(?:^|\P{L})год\s+(?:назад|с\s+(?:тех|момента|начала))|` +
	`jahrestag|\bvor\s+(?:genau\s+)?einem\s+jahr\b|\bil\s+y\s+a\s+(?:tout\s+juste\s+)?un\s+an\b|\bun\s+an\s+après\b|premier\s+anniversaire|` +
	`\bhace\s+(?:exactamente\s+)?un\s+año\b|primer\s+aniversario|\bun\s+anno\s+fa\b|primo\s+anniversario|` +
	`մեկ\s+տարի\s+(?:առաջ|անց)|տարելից)`)

// anniversaryKeys: one of them is in every anniversaryMark match; the
// expression runs only on the sentences that have one.
var anniversaryKeys = []string{"year", "anniversar", "bir il", "bir yıl", "dönümü", "годовщин", "год", "jahr", "un an",
	"un año", "un anno", "aniversar", "տարի", "տարելից"}

// anniversaries moves the dates of an anniversary sentence that fall on the
// reference day ("today, 19 September") back by the year it marks: what the
// sentence tells happened then. Notes say so.
func anniversaries(body string, exprs []TimeExpr, ref time.Time, notes map[int]string) []TimeExpr {
	if ref.IsZero() {
		return exprs
	}
	low := lowerKeepOffsets(body)
	if !containsAny(low, anniversaryKeys...) {
		return exprs
	}
	return anniversariesIn(low, Sentences(body), exprs, ref, notes)
}

// anniversariesIn is anniversaries given the body lower-cased (offsets
// kept) and its sentences, which event extraction has already.
func anniversariesIn(low string, sents []Span, exprs []TimeExpr, ref time.Time, notes map[int]string) []TimeExpr {
	if ref.IsZero() || !containsAny(low, anniversaryKeys...) {
		return exprs
	}
	for _, sp := range sents {
		if s := low[sp.Start:sp.End]; !containsAny(s, anniversaryKeys...) || !anniversaryMark.match(s) {
			continue
		}
		// exprs are in text order: start at the sentence's first.
		for i := sort.Search(len(exprs), func(i int) bool { return exprs[i].Start >= sp.Start }); i < len(exprs) && exprs[i].Start < sp.End; i++ {
			e := &exprs[i]
			if e.End > sp.End || !e.Resolved() || e.Precision != PrecisionDay || e.Dateline {
				continue
			}
			if d := e.Date.Sub(ref); d < -48*time.Hour || d > 48*time.Hour {
				continue
			}
			e.Date, e.DateEnd = e.Date.AddDate(-1, 0, 0), e.DateEnd.AddDate(-1, 0, 0)
			notes[e.Start] = "a year before: the sentence marks its anniversary"
		}
	}
	return exprs
}
