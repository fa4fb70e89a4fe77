package news

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision is how exactly a date is known, with ACLED's time_precision codes.
type Precision int

// The precisions. PrecisionNone means no date at all.
const (
	PrecisionNone  Precision = 0
	PrecisionDay   Precision = 1
	PrecisionWeek  Precision = 2
	PrecisionMonth Precision = 3
	PrecisionYear  Precision = 4
)

// String returns "day", "week", "month", "year" or "none".
func (p Precision) String() string {
	switch p {
	case PrecisionDay:
		return "day"
	case PrecisionWeek:
		return "week"
	case PrecisionMonth:
		return "month"
	case PrecisionYear:
		return "year"
	}
	return "none"
}

// Valid reports whether p is one of the precisions, PrecisionNone included.
func (p Precision) Valid() bool { return p >= PrecisionNone && p <= PrecisionYear }

// TimeExpr is a temporal expression found in a text and, where possible,
// resolved to a range of days.
type TimeExpr struct {
	Start int    `json:"start"` // byte offsets of Text in the searched text
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Date is the first day the expression covers and DateEnd the last one,
	// inclusive, both at midnight UTC. They are zero when the expression could
	// not be resolved (a relative one without a known reference date).
	Date      time.Time `json:"date"`
	DateEnd   time.Time `json:"date_end"`
	Precision Precision `json:"precision"`
	// Relative is true when the expression needs the reference date: "last
	// week", "on Thursday", and dates written without a year.
	Relative bool `json:"relative"`
	// Since is true for "since December 12": a state that began then.
	Since bool `json:"since,omitempty"`
	// Dateline is true for the date of an article's dateline (Article.BodyDates):
	// the day the report was filed, the reference of the others.
	Dateline bool `json:"dateline,omitempty"`

	spec dateSpec
}

// Resolved reports whether the expression has dates.
func (t TimeExpr) Resolved() bool { return !t.Date.IsZero() }

// Contains reports whether day d (any time on it) lies in the expression's range.
func (t TimeExpr) Contains(d time.Time) bool {
	if !t.Resolved() {
		return false
	}
	d = day(d)
	return !d.Before(t.Date) && !d.After(t.DateEnd)
}

type specKind uint8

const (
	specDay      specKind = iota + 1 // day and month, year maybe
	specMonth                        // month, year maybe
	specYear                         // a year
	specSeason                       // a season, year maybe
	specRel                          // a fixed relative phrase
	specWeekday                      // a weekday
	specAgo                          // N units ago
	specAnchored                     // N days from the date the text gave last
)

// yearMode says how a year-less date gets its year.
type yearMode uint8

const (
	yearAuto  yearMode = iota // the year that puts the date at or before the reference
	yearThis                  // "this year"
	yearLast                  // "last year", "last December"
	yearNext                  // "next year"
	monthLast                 // "last December": the latest one before the reference month
	monthNext                 // "next December": the first one after the reference month
)

// dateSpec is what the parser understood, before resolution against a reference.
type dateSpec struct {
	kind    specKind
	year    int // 0 when not written
	month   int
	dayN    int
	part    int // 1 early, 2 mid, 3 late, 0 the whole month
	season  int
	mode    yearMode
	rel     relKind
	weekday time.Weekday
	wdMode  int // 0 on (at or before), -1 last (before), +1 next (after)
	n       int
	unit    byte
	dayTo   int  // the last day of a range ("12–14 December"), 0 for one day
	night   bool // the night that ends on the day named ("в ночь на 12 декабря")
}

// FindDates returns the temporal expressions in text, in order, resolved
// against ref, the publication date. Dates without a year take the year that
// puts them at or before ref, because news reports the past; relative ones
// ("last Friday") count from ref. When refKnown is false, expressions that
// need ref keep their precision but have zero dates.
func FindDates(text string, ref time.Time, refKnown bool) []TimeExpr {
	toks := tokenize(text)
	p := dateParser{text: text, toks: toks}
	var out []TimeExpr
	ref = day(ref)
	for i := 0; i < len(toks); {
		spec, end, ok := p.match(i)
		if !ok {
			i++
			continue
		}
		e := TimeExpr{
			Start: toks[i].start,
			End:   toks[end-1].end,
			spec:  spec,
		}
		e.Text = text[e.Start:e.End]
		e.Since = p.since(i, end)
		e.Precision = spec.precision()
		e.Relative = spec.relative()
		if !e.Relative || refKnown {
			e.Date, e.DateEnd = spec.resolve(ref)
			if e.Date.IsZero() {
				// Impossible dates ("February 30") are not dates.
				if !e.Relative {
					i = end
					continue
				}
			}
		}
		out = append(out, e)
		i = end
	}
	return resolveAnchored(out)
}

// anchorReach is how far back (bytes) an anchored expression looks for its date.
const anchorReach = 1500

// resolveAnchored dates "the day before" and "two days later" from the
// latest day-precise date given before them, within anchorReach; without
// one they stay unresolved. Dates already resolved are kept.
func resolveAnchored(exprs []TimeExpr) []TimeExpr {
	for i := range exprs {
		e := &exprs[i]
		if e.spec.kind != specAnchored || e.Resolved() {
			continue
		}
		for j := i - 1; j >= 0 && e.Start-exprs[j].End <= anchorReach; j-- {
			a := exprs[j]
			if a.Resolved() && a.Precision == PrecisionDay && !a.Since {
				e.Date = a.Date.AddDate(0, 0, e.spec.n)
				e.DateEnd = e.Date
				break
			}
		}
	}
	return exprs
}

// resolveYear resolves an expression that lacks only its year and was written
// as "... this year", taking year as the current one. It is used when the
// publication date is unknown but the text itself pins the year down.
func (t TimeExpr) resolveYear(year int) (TimeExpr, bool) {
	if t.spec.mode != yearThis || (t.spec.kind != specDay && t.spec.kind != specMonth) || year <= 0 {
		return t, false
	}
	s := t.spec
	s.year, s.mode = year, yearAuto
	t.Date, t.DateEnd = s.resolve(time.Time{})
	return t, !t.Date.IsZero()
}

func (s dateSpec) precision() Precision {
	switch s.kind {
	case specDay:
		// A range is as precise as its span: two days (a night, "12–13
		// December") are a day, up to a week a week, longer a month.
		switch span := s.dayTo - s.dayN; {
		case s.dayTo == 0 || span <= 1:
			return PrecisionDay
		case span <= 7:
			return PrecisionWeek
		}
		return PrecisionMonth
	case specWeekday:
		return PrecisionDay
	case specMonth, specSeason:
		return PrecisionMonth
	case specYear:
		return PrecisionYear
	case specAnchored:
		return PrecisionDay
	case specAgo:
		switch s.unit {
		case 'd':
			return PrecisionDay
		case 'w':
			if s.n == 1 {
				return PrecisionDay // "a week ago": news means that day
			}
			return PrecisionWeek
		case 'm':
			return PrecisionMonth
		}
		return PrecisionYear
	case specRel:
		switch s.rel {
		case relLastWeek, relPastWeek, relThisWeek, relEarlierThisWeek, relNextWeek, relLastWeekend:
			return PrecisionWeek
		case relLastMonth, relThisMonth, relEarlierThisMonth, relNextMonth:
			return PrecisionMonth
		case relLastYear, relThisYear, relEarlierThisYear, relNextYear:
			return PrecisionYear
		}
		return PrecisionDay
	}
	return PrecisionNone
}

func (s dateSpec) relative() bool {
	switch s.kind {
	case specDay, specMonth, specSeason:
		return s.year == 0
	case specYear:
		return false
	}
	return true
}

// resolve turns the spec into a range of days. It returns zero times when the
// spec names no real day (e.g. February 30).
func (s dateSpec) resolve(ref time.Time) (time.Time, time.Time) {
	if s.night {
		// The night to day d began the evening before: the event's day is
		// that evening's, and the range runs to d.
		s.night = false
		d, _ := s.resolve(ref)
		if d.IsZero() {
			return d, d
		}
		return d.AddDate(0, 0, -1), d
	}
	switch s.kind {
	case specDay:
		y := s.year
		if y == 0 {
			y = yearFor(ref, s.mode, s.month, s.dayN)
		}
		if s.dayN > daysIn(y, s.month) || s.dayTo > daysIn(y, s.month) {
			return time.Time{}, time.Time{}
		}
		d := date(y, s.month, s.dayN)
		if s.dayTo > s.dayN {
			return d, date(y, s.month, s.dayTo)
		}
		return d, d
	case specMonth:
		y := s.year
		if y == 0 {
			y = yearFor(ref, s.mode, s.month, 0)
		}
		first, last := date(y, s.month, 1), date(y, s.month, daysIn(y, s.month))
		switch s.part {
		case 1:
			last = date(y, s.month, 10)
		case 2:
			first, last = date(y, s.month, 11), date(y, s.month, 20)
		case 3:
			first = date(y, s.month, 21)
		}
		return first, last
	case specYear:
		return date(s.year, 1, 1), date(s.year, 12, 31)
	case specSeason:
		startMonth := []int{0, 3, 6, 9, 12}[s.season]
		y := s.year
		if y == 0 {
			// The current season is the latest one that began at or before ref.
			y = ref.Year()
			if date(y, startMonth, 1).After(ref) {
				y--
			}
			switch s.mode {
			case yearLast:
				if !date(y, startMonth, 1).AddDate(0, 3, 0).After(ref) {
					break // the latest one is already over: it is "last"
				}
				y--
			case yearNext:
				y++
			}
		}
		first := date(y, startMonth, 1)
		last := first.AddDate(0, 3, -1)
		return first, last
	case specRel:
		return resolveRel(s.rel, ref)
	case specWeekday:
		delta := int(ref.Weekday()) - int(s.weekday)
		switch s.wdMode {
		case -1:
			if delta <= 0 {
				delta += 7
			}
			d := ref.AddDate(0, 0, -delta)
			return d, d
		case 1:
			delta = -delta
			if delta <= 0 {
				delta += 7
			}
			d := ref.AddDate(0, 0, delta)
			return d, d
		}
		if delta < 0 {
			delta += 7
		}
		d := ref.AddDate(0, 0, -delta)
		return d, d
	case specAgo:
		switch s.unit {
		case 'd':
			d := ref.AddDate(0, 0, -s.n)
			return d, d
		case 'w':
			if s.n == 1 {
				d := ref.AddDate(0, 0, -7)
				return d, d
			}
			ws := weekStart(ref.AddDate(0, 0, -7*s.n))
			return ws, ws.AddDate(0, 0, 6)
		case 'm':
			first := date(ref.Year(), int(ref.Month()), 1).AddDate(0, -s.n, 0)
			return first, first.AddDate(0, 1, -1)
		default:
			y := ref.Year() - s.n
			return date(y, 1, 1), date(y, 12, 31)
		}
	}
	return time.Time{}, time.Time{}
}

// yearFor picks the year for a year-less month (and day).
func yearFor(ref time.Time, mode yearMode, month, dayN int) int {
	y := ref.Year()
	rm, rd := int(ref.Month()), ref.Day()
	switch mode {
	case yearThis:
		return y
	case yearLast:
		return y - 1
	case yearNext:
		return y + 1
	case monthLast:
		if month < rm {
			return y
		}
		return y - 1
	case monthNext:
		if month > rm {
			return y
		}
		return y + 1
	}
	if month > rm || (month == rm && dayN > rd) {
		return y - 1
	}
	return y
}

// Ahead reads an expression that resolved to before ref as the next such
// day after it, for a sentence that tells of a plan: a year-less day within
// a month ahead ("to be handed over by 25 November", written on the 23rd,
// is this year's) or a weekday within a week ("talks are due on Thursday").
// It reports false when the expression is no such one.
func (t TimeExpr) Ahead(ref time.Time) (TimeExpr, bool) {
	if !t.Resolved() || !t.Date.Before(day(ref)) {
		return t, false
	}
	var next time.Time
	switch {
	case t.spec.kind == specDay && t.spec.year == 0 && t.spec.mode == yearAuto:
		next = t.Date.AddDate(1, 0, 0)
		if next.Sub(day(ref)) > 31*24*time.Hour {
			return t, false
		}
	case t.spec.kind == specWeekday && t.spec.wdMode == 0:
		next = t.Date.AddDate(0, 0, 7)
	default:
		return t, false
	}
	t.DateEnd = next.Add(t.DateEnd.Sub(t.Date))
	t.Date = next
	return t, true
}

func resolveRel(k relKind, ref time.Time) (time.Time, time.Time) {
	ws := weekStart(ref)
	mFirst := date(ref.Year(), int(ref.Month()), 1)
	yFirst := date(ref.Year(), 1, 1)
	switch k {
	case relLastWeek:
		return ws.AddDate(0, 0, -7), ws.AddDate(0, 0, -1)
	case relPastWeek:
		return ref.AddDate(0, 0, -6), ref
	case relThisWeek:
		return ws, ws.AddDate(0, 0, 6)
	case relEarlierThisWeek:
		return ws, ref
	case relNextWeek:
		return ws.AddDate(0, 0, 7), ws.AddDate(0, 0, 13)
	case relLastWeekend:
		back := (int(ref.Weekday()) - int(time.Saturday) + 7) % 7
		if back == 0 {
			back = 7
		}
		sat := ref.AddDate(0, 0, -back)
		return sat, sat.AddDate(0, 0, 1)
	case relLastMonth:
		first := mFirst.AddDate(0, -1, 0)
		return first, mFirst.AddDate(0, 0, -1)
	case relThisMonth:
		return mFirst, mFirst.AddDate(0, 1, -1)
	case relEarlierThisMonth:
		return mFirst, ref
	case relNextMonth:
		first := mFirst.AddDate(0, 1, 0)
		return first, first.AddDate(0, 1, -1)
	case relLastYear:
		return yFirst.AddDate(-1, 0, 0), yFirst.AddDate(0, 0, -1)
	case relThisYear:
		return yFirst, yFirst.AddDate(1, 0, -1)
	case relEarlierThisYear:
		return yFirst, ref
	case relNextYear:
		return yFirst.AddDate(1, 0, 0), yFirst.AddDate(2, 0, -1)
	case relYesterday:
		d := ref.AddDate(0, 0, -1)
		return d, d
	case relDayBeforeYesterday:
		d := ref.AddDate(0, 0, -2)
		return d, d
	case relTomorrow:
		d := ref.AddDate(0, 0, 1)
		return d, d
	case relToday:
		return ref, ref
	case relLastNight:
		return ref.AddDate(0, 0, -1), ref
	}
	return time.Time{}, time.Time{}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// day truncates t to its calendar day, at midnight UTC.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return date(t.Year(), int(t.Month()), t.Day())
}

func daysIn(y, m int) int { return date(y, m+1, 0).Day() }

// weekStart is the Monday of t's week (ISO weeks start on Monday).
func weekStart(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// ---- tokens ----

type tokKind uint8

const (
	tokWord tokKind = iota + 1
	tokNum
	tokPunct
)

type token struct {
	start, end int
	low        string // lower-cased word, digits, or the punctuation rune
	kind       tokKind
	upper      bool // a word starting with an upper-case letter
	space      bool // whitespace before the token
}

// tokenize splits text into words (letters and marks, with inner apostrophes),
// runs of ASCII digits, and single punctuation runes.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/4)
	space := true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += n
			continue
		case '0' <= r && r <= '9':
			j := i + 1
			for j < len(text) && '0' <= text[j] && text[j] <= '9' {
				j++
			}
			toks = append(toks, token{start: i, end: j, low: text[i:j], kind: tokNum, space: space})
			i = j
		case unicode.IsLetter(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += n2
					continue
				}
				if r2 == '\'' || r2 == '’' {
					if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); j+n2 < len(text) && unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			w := text[i:j]
			low := lowerWord(w)
			toks = append(toks, token{start: i, end: j, low: low, kind: tokWord, upper: unicode.IsUpper(r), space: space})
			i = j
		default:
			toks = append(toks, token{start: i, end: i + n, low: text[i : i+n], kind: tokPunct, space: space})
			i += n
		}
		space = false
	}
	return toks
}

// lowerWord lower-cases a word and folds the typographic apostrophe.
func lowerWord(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w // most words: no copy
	}
	b := make([]byte, 0, len(w))
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return string(b)
}

// ofWords may stand between a day, its month and its year: "12th of
// December", "19 de septiembre de 2023".
var ofWords = setOf("of", "de", "del")

// ---- parser ----

type dateParser struct {
	text string
	toks []token
}

func (p *dateParser) word(i int) string {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tokWord {
		return ""
	}
	return p.toks[i].low
}

func (p *dateParser) isPunct(i int, s string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tokPunct && p.toks[i].low == s
}

// adjacent reports whether token i exists and touches the token before it.
func (p *dateParser) adjacent(i int) bool { return i < len(p.toks) && !p.toks[i].space }

// num returns the value and digit count of number token i.
func (p *dateParser) num(i int) (int, int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tokNum || len(p.toks[i].low) > 4 {
		return 0, 0, false
	}
	v, err := strconv.Atoi(p.toks[i].low)
	return v, len(p.toks[i].low), err == nil
}

// year reports whether token i is a four-digit year in a plausible range.
func (p *dateParser) year(i int) (int, bool) {
	v, digits, ok := p.num(i)
	if !ok || digits != 4 || v < 1800 || v > 2200 {
		return 0, false
	}
	// "2,000" and "12.2023.5" are not years.
	if p.adjacent(i+1) && (p.isPunct(i+1, ",") || p.isPunct(i+1, ".")) && i+2 < len(p.toks) &&
		p.toks[i+2].kind == tokNum && p.adjacent(i+2) {
		return 0, false
	}
	return v, true
}

// yearSuffix skips the words that may follow a year ("года", "թ.", "-ci il").
func (p *dateParser) yearSuffix(j int) int {
	if (p.isPunct(j, "'") || p.isPunct(j, "’")) && p.adjacent(j) && p.adjacent(j+1) && trYearSuffixes[p.word(j+1)] {
		return j + 2 // "2023'te"
	}
	if p.isPunct(j, "-") && p.adjacent(j) && azYearSuffixes[p.word(j+1)] && p.adjacent(j+1) {
		j += 2
		if azYearWords[p.word(j)] {
			j++
		}
		return j
	}
	if w := p.word(j); yearWords[w] {
		j++
		if (w == "г" || w == "թ") && p.adjacent(j) && (p.isPunct(j, ".") || p.isPunct(j, "․")) {
			j++
		}
	}
	return j
}

// dayNum reads a day number with an optional ordinal suffix; it returns the
// day, the token after it, and whether the suffix means "since".
func (p *dateParser) dayNum(i int) (int, int, bool, bool) {
	v, digits, ok := p.num(i)
	if !ok || digits > 2 || v < 1 || v > 31 {
		return 0, 0, false, false
	}
	// "12:30" is a time and "12.5" a decimal.
	if p.adjacent(i+1) && (p.isPunct(i+1, ":") || p.isPunct(i+1, ",") || p.isPunct(i+1, ".")) &&
		i+2 < len(p.toks) && p.toks[i+2].kind == tokNum && p.adjacent(i+2) {
		return 0, 0, false, false
	}
	j := i + 1
	since := false
	if p.adjacent(j) {
		if w := p.word(j); ordinalSuffixes[w] {
			since = sinceSuffixes[w]
			j++
		} else if (p.isPunct(j, "-") || p.isPunct(j, "–")) && p.adjacent(j+1) && ordinalSuffixes[p.word(j+1)] {
			since = sinceSuffixes[p.word(j+1)]
			j += 2
		}
	}
	return v, j, since, true
}

// monthAt reads a month name at i (with a following abbreviation dot).
func (p *dateParser) monthAt(i int) (monthForm, int, bool) {
	w := p.word(i)
	if w == "" {
		return monthForm{}, 0, false
	}
	f, ok := monthForms[w]
	if !ok {
		return monthForm{}, 0, false
	}
	j := i + 1
	if p.isPunct(j, ".") && p.adjacent(j) && (f.abbrev || w == "sept") {
		j++
	}
	return f, j, true
}

// yearAfter reads an explicit year, or "this year" / "last year", after a
// year-less date at j.
func (p *dateParser) yearAfter(j int) (year int, mode yearMode, end int) {
	k := j
	if p.isPunct(k, ",") {
		k++
	}
	if y, ok := p.year(k); ok {
		return y, yearAuto, p.yearSuffix(k + 1)
	}
	k = j
	if ofWords[p.word(k)] {
		k++
		if y, ok := p.year(k); ok {
			return y, yearAuto, p.yearSuffix(k + 1) // "de septiembre de 2023"
		}
	}
	switch p.word(k) + " " + p.word(k+1) {
	case "this year", "этого года", "текущего года":
		return 0, yearThis, k + 2
	case "last year", "прошлого года":
		return 0, yearLast, k + 2
	case "next year", "следующего года":
		return 0, yearNext, k + 2
	}
	return 0, yearAuto, j
}

// since reports whether the expression spanning tokens [i, end) follows a
// "since" word or carries a "since" suffix.
func (p *dateParser) since(i, end int) bool {
	if sinceWords[p.word(i-1)] {
		return true
	}
	for k := i; k < end; k++ {
		if sinceSuffixes[p.word(k)] && p.adjacent(k) {
			return true
		}
	}
	return false
}

// match tries every pattern at token i and keeps the longest.
func (p *dateParser) match(i int) (dateSpec, int, bool) {
	best, bestEnd := dateSpec{}, 0
	try := func(s dateSpec, end int, ok bool) {
		if ok && end > bestEnd {
			best, bestEnd = s, end
		}
	}
	t := p.toks[i]
	switch t.kind {
	case tokNum:
		try(p.matchISO(i))
		try(p.matchDotted(i))
		try(p.matchDayFirst(i))
		try(p.matchYearFirst(i))
		try(p.matchAgo(i))
		try(p.matchAnchored(i))
		if bestEnd == 0 {
			try(p.matchYear(i))
		}
	case tokWord:
		if !dateStartWords[t.low] {
			break
		}
		try(p.matchMonthFirst(i))
		try(p.matchSeason(i))
		try(p.matchRel(i))
		try(p.matchWeekday(i))
		try(p.matchAgo(i))
		try(p.matchAnchored(i))
		try(p.matchNight(i))
	}
	return best, bestEnd, bestEnd > 0
}

// matchISO reads 2023-08-16.
func (p *dateParser) matchISO(i int) (dateSpec, int, bool) {
	y, ok := p.year(i)
	if !ok || !p.isPunct(i+1, "-") || !p.adjacent(i+1) || !p.adjacent(i+2) || !p.isPunct(i+3, "-") ||
		!p.adjacent(i+3) || !p.adjacent(i+4) {
		return dateSpec{}, 0, false
	}
	m, md, ok1 := p.num(i + 2)
	d, dd, ok2 := p.num(i + 4)
	if !ok1 || !ok2 || md != 2 || dd != 2 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return dateSpec{}, 0, false
	}
	if p.adjacent(i+5) && i+5 < len(p.toks) && p.toks[i+5].kind == tokNum {
		return dateSpec{}, 0, false
	}
	return dateSpec{kind: specDay, year: y, month: m, dayN: d}, i + 5, true
}

// matchDotted reads 16.08.2023 (day first, as in Russian and German).
func (p *dateParser) matchDotted(i int) (dateSpec, int, bool) {
	d, dd, ok := p.num(i)
	if !ok || dd > 2 || !p.isPunct(i+1, ".") || !p.adjacent(i+1) || !p.adjacent(i+2) ||
		!p.isPunct(i+3, ".") || !p.adjacent(i+3) || !p.adjacent(i+4) {
		return dateSpec{}, 0, false
	}
	m, md, ok1 := p.num(i + 2)
	y, ok2 := p.year(i + 4)
	if !ok1 || !ok2 || md > 2 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return dateSpec{}, 0, false
	}
	return dateSpec{kind: specDay, year: y, month: m, dayN: d}, p.yearSuffix(i + 5), true
}

// matchDayFirst reads "12 December 2022", "12th of December", "12. Dezember",
// "1er décembre", "12 декабря 2022 года", "12 dekabr 2022-ci il".
func (p *dateParser) matchDayFirst(i int) (dateSpec, int, bool) {
	d, j, _, ok := p.dayNum(i)
	if !ok {
		return dateSpec{}, 0, false
	}
	if p.isPunct(j, ".") && p.adjacent(j) {
		j++
	}
	dayTo := 0
	if d2, k, ok := p.rangeEnd(i, j); ok && d2 > d {
		dayTo, j = d2, k
		if p.isPunct(j, ".") && p.adjacent(j) {
			j++
		}
	}
	if ofWords[p.word(j)] {
		j++
	}
	f, k, ok := p.monthAt(j)
	if !ok {
		return dateSpec{}, 0, false
	}
	s := dateSpec{kind: specDay, month: f.month, dayN: d, dayTo: dayTo}
	y, mode, end := p.yearAfter(k)
	s.year, s.mode = y, mode
	if f.capital && !p.toks[j].upper && y == 0 {
		// "12 may apply" is not a date; "12 may 2022" (Azerbaijani) is.
		return dateSpec{}, 0, false
	}
	if last := max(d, dayTo); (s.year != 0 && last > daysIn(s.year, s.month)) || (s.year == 0 && last > daysIn(2024, s.month)) {
		return dateSpec{}, 0, false
	}
	return s, end, true
}

// rangeEnd reads the second day of a range after the first one, which spans
// tokens [first, j): "–14", "to 14", "по 14". A word joins the days only
// after an opener ("from", "с", "vom", "du"), a dash always.
func (p *dateParser) rangeEnd(first, j int) (int, int, bool) {
	if j >= len(p.toks) {
		return 0, 0, false
	}
	t := p.toks[j]
	switch {
	case t.kind == tokPunct && (t.low == "-" || t.low == "–" || t.low == "—"):
	case t.kind == tokWord && rangeJoins[t.low] && rangeOpeners[p.word(first-1)]:
	default:
		return 0, 0, false
	}
	d2, k, _, ok := p.dayNum(j + 1)
	return d2, k, ok
}

// matchMonthFirst reads "December 12, 2022", "Dec. 12", "November 2020",
// "in November", "early December", "дեկտեմբերի 12-ին", "dekabrın 12-də".
func (p *dateParser) matchMonthFirst(i int) (dateSpec, int, bool) {
	start := i
	part := 0
	mode := yearAuto
	// "last December", "next December"
	switch p.word(i) {
	case "last", "next":
		if _, _, ok := p.monthAt(i + 1); ok {
			mode = monthLast
			if p.word(i) == "next" {
				mode = monthNext
			}
			i++
		}
	}
	// "early December", "mid-December", "the end of December", "в конце декабря"
	if pt, ok := dayPartWords[p.word(i)]; ok {
		k := i + 1
		if p.isPunct(k, "-") && p.adjacent(k) {
			k++
		}
		if p.word(k) == "of" {
			k++
		}
		if _, _, ok := p.monthAt(k); ok {
			part, i = pt, k
		}
	}
	f, j, ok := p.monthAt(i)
	if !ok {
		return dateSpec{}, 0, false
	}
	tok := p.toks[i]
	s := dateSpec{kind: specMonth, month: f.month, part: part, mode: mode}
	// "dekabr ayının 12-si", "Aralık ayının 12'si": the month's genitive
	// before the day.
	if w := p.word(j); (w == "ayının" || w == "ayın") && part == 0 && mode == yearAuto {
		if _, _, _, ok := p.dayNum(j + 1); ok {
			j++
		}
	}
	if d, k, _, ok := p.dayNum(j); ok && part == 0 && mode == yearAuto {
		if f.capital && !tok.upper {
			return dateSpec{}, 0, false
		}
		// A day must not be the first half of "12:30" or a count ("December 3 times").
		s.kind, s.dayN = specDay, d
		if d2, k2, ok := p.rangeEnd(start, k); ok && d2 > d {
			s.dayTo, k = d2, k2
		}
		y, mode, end := p.yearAfter(k)
		s.year, s.mode = y, mode
		if last := max(d, s.dayTo); (s.year != 0 && last > daysIn(s.year, s.month)) || (s.year == 0 && last > daysIn(2024, s.month)) {
			return dateSpec{}, 0, false
		}
		return s, end, true
	}
	if f.capital && !tok.upper {
		return dateSpec{}, 0, false
	}
	k := j
	if ofWords[p.word(k)] {
		k++
	}
	if p.isPunct(k, ",") {
		k++
	}
	if y, ok := p.year(k); ok {
		s.year = y
		return s, p.yearSuffix(k + 1), true
	}
	if p.word(j) == "ayında" || p.word(j) == "ayı" {
		return s, j + 1, true // "Eylül ayında", in September
	}
	if f.abbrev {
		return dateSpec{}, 0, false
	}
	if f.alone || part != 0 || mode != yearAuto || anchorWords[p.word(start-1)] {
		if p.word(j) == "this" && p.word(j+1) == "year" {
			s.mode = yearThis
			return s, j + 2, true
		}
		return s, j, true
	}
	return dateSpec{}, 0, false
}

// matchYearFirst reads Armenian and Azerbaijani dates that start with the
// year: "2022 թվականի դեկտեմբերի 12-ին", "2022-ci il dekabrın 12-də",
// "2020-ci il 10 noyabr".
func (p *dateParser) matchYearFirst(i int) (dateSpec, int, bool) {
	y, ok := p.year(i)
	if !ok {
		return dateSpec{}, 0, false
	}
	j := p.yearSuffix(i + 1)
	if j == i+1 {
		return dateSpec{}, 0, false
	}
	// "2020-ci il 10 noyabr": the day before the month.
	if d, k, _, ok := p.dayNum(j); ok {
		if f, end, ok := p.monthAt(k); ok && d <= daysIn(y, f.month) {
			return dateSpec{kind: specDay, year: y, month: f.month, dayN: d}, end, true
		}
	}
	f, k, ok := p.monthAt(j)
	if !ok {
		return dateSpec{}, 0, false
	}
	if d, end, _, ok := p.dayNum(k); ok && d <= daysIn(y, f.month) {
		return dateSpec{kind: specDay, year: y, month: f.month, dayN: d}, end, true
	}
	return dateSpec{kind: specMonth, year: y, month: f.month}, k, true
}

// matchSeason reads "autumn 2020", "in the summer", "last winter", "осенью 2020 года".
func (p *dateParser) matchSeason(i int) (dateSpec, int, bool) {
	start := i
	mode := yearAuto
	switch p.word(i) {
	case "last", "past":
		mode = yearLast
		i++
	case "this":
		mode = yearThis
		i++
	case "next":
		mode = yearNext
		i++
	}
	w := p.word(i)
	season, ok := seasonForms[w]
	if !ok {
		return dateSpec{}, 0, false
	}
	s := dateSpec{kind: specSeason, season: season, mode: mode}
	j := i + 1
	k := j
	if p.word(k) == "of" {
		k++
	}
	if y, ok := p.year(k); ok {
		s.year = y
		return s, p.yearSuffix(k + 1), true
	}
	if mode == yearThis {
		// "this summer" is the one at or before the reference, like a bare season.
		s.mode = yearAuto
	}
	prev := p.word(start - 1)
	// French "a été" is "has been", not "in summer" ("a" is an Italian anchor).
	if start < i || seasonAlone[w] || ((prev == "the" || prev == "l'") && anchorWords[p.word(start-2)]) ||
		(anchorWords[prev] && w != "fall" && w != "spring" && (w != "été" || prev != "a")) {
		return s, j, true
	}
	return dateSpec{}, 0, false
}

// matchRel reads the fixed relative phrases ("last week", "на прошлой неделе").
func (p *dateParser) matchRel(i int) (dateSpec, int, bool) {
	cands, ok := relFirstWords[p.word(i)]
	if !ok {
		return dateSpec{}, 0, false
	}
	for _, c := range cands {
		ph := relPhrases[c]
		ok := true
		for k, w := range ph.words {
			if p.word(i+k) != w {
				ok = false
				break
			}
		}
		if ok {
			return dateSpec{kind: specRel, rel: ph.kind}, i + len(ph.words), true
		}
	}
	return dateSpec{}, 0, false
}

// matchWeekday reads "last Friday", "Thursday", "в прошлую пятницу",
// "vendredi dernier", "letzten Freitag". "on" stays outside the match; the
// Russian "в" is part of the idiom and stays inside.
func (p *dateParser) matchWeekday(i int) (dateSpec, int, bool) {
	mode, j, prefixed := 0, i, false
	w := p.word(i)
	switch {
	case (w == "в" || w == "во") && weekdayLast[p.word(i+1)]:
		mode, j, prefixed = -1, i+2, true
	case (w == "в" || w == "во") && weekdayNext[p.word(i+1)]:
		mode, j, prefixed = 1, i+2, true
	case w == "в" || w == "во":
		j, prefixed = i+1, true
	case weekdayLast[w]:
		mode, j, prefixed = -1, i+1, true
	case weekdayNext[w]:
		mode, j, prefixed = 1, i+1, true
	}
	wd, ok := weekdayForms[p.word(j)]
	if !ok {
		return dateSpec{}, 0, false
	}
	s := dateSpec{kind: specWeekday, weekday: wd, wdMode: mode}
	end := j + 1
	switch w := p.word(end); {
	case weekdayAfterLast[w]:
		s.wdMode, end = -1, end+1
	case weekdayAfterNext[w]:
		s.wdMode, end = 1, end+1
	case weekdayDayWords[w]:
		end++
	case w == "ertəsi" && wd == time.Sunday:
		// "bazar ertəsi", the day after Sunday, is Monday.
		s.weekday = time.Monday
		end++
	case w == "axşamı":
		// "cümə axşamı" is Thursday, "çərşənbə axşamı" Tuesday.
		switch wd {
		case time.Friday:
			s.weekday = time.Thursday
		case time.Wednesday:
			s.weekday = time.Tuesday
		}
		end++
	}
	if !prefixed && end == j+1 {
		tok := p.toks[j]
		switch {
		case isCyrillic(tok.low) && !ruDayParts[p.word(j-1)]:
			// A bare Russian weekday is often a noun ("пятница была"); "в" makes
			// it a date, and so does a part of the day ("к вечеру понедельника").
			return dateSpec{}, 0, false
		case weekdayNeedsCue[tok.low] && !weekdayCues[p.word(j-1)]:
			// "pazar" is a market, "cuma" Friday prayers, "Domingo" a name.
			return dateSpec{}, 0, false
		case tok.low[0] < utf8.RuneSelf && !tok.upper && !lowerWeekdays[tok.low] && !weekdayNeedsCue[tok.low]:
			// English and German weekdays are capitalised; lower case is another word.
			return dateSpec{}, 0, false
		}
	}
	return s, end, true
}

func isCyrillic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Cyrillic, r)
}

// matchAgo reads "six months ago", "3 days ago", "два дня назад".
func (p *dateParser) matchAgo(i int) (dateSpec, int, bool) {
	if pre, ok := agoPrefixes[p.word(i)]; ok {
		return p.matchAgoPrefixed(i, pre)
	}
	n := 0
	if v, digits, ok := p.num(i); ok && digits <= 3 {
		n = v
	} else if v, ok := numberWords[p.word(i)]; ok {
		n = v
	} else if u, ok := agoUnits[p.word(i)]; ok && agoWords[p.word(i+1)] {
		// "неделю назад", "месяц назад": a unit alone means one.
		return dateSpec{kind: specAgo, n: 1, unit: u}, i + 2, true
	}
	if n <= 0 {
		return dateSpec{}, 0, false
	}
	u, ok := agoUnits[p.word(i+1)]
	if !ok || !agoWords[p.word(i+2)] {
		return dateSpec{}, 0, false
	}
	return dateSpec{kind: specAgo, n: n, unit: u}, i + 3, true
}

// matchAnchored reads the expressions counted from the text's last date:
// the fixed phrases, and "N days later/earlier".
func (p *dateParser) matchAnchored(i int) (dateSpec, int, bool) {
	for _, ph := range anchoredPhrases {
		ok := true
		for k, w := range ph.words {
			if p.word(i+k) != w {
				ok = false
				break
			}
		}
		if ok && !clauseAfter[p.word(i+len(ph.words))] {
			return dateSpec{kind: specAnchored, n: ph.days}, i + len(ph.words), true
		}
	}
	n := 0
	if v, digits, ok := p.num(i); ok && digits <= 2 {
		n = v
	} else if v, ok := numberWords[p.word(i)]; ok {
		n = v
	}
	if u, ok := agoUnits[p.word(i+1)]; n <= 0 || !ok || u != 'd' {
		return dateSpec{}, 0, false
	}
	if p.word(i+2) == "plus" && p.word(i+3) == "tard" {
		return dateSpec{kind: specAnchored, n: n}, i + 4, true
	}
	if sign, ok := laterWords[p.word(i+2)]; ok && !clauseAfter[p.word(i+3)] {
		return dateSpec{kind: specAnchored, n: sign * n}, i + 3, true
	}
	return dateSpec{}, 0, false
}

// matchAgoPrefixed reads "vor drei Tagen", "il y a trois jours", "hace tres
// días", "vor einer Woche".
func (p *dateParser) matchAgoPrefixed(i int, pre []string) (dateSpec, int, bool) {
	for k, w := range pre {
		if p.word(i+k) != w {
			return dateSpec{}, 0, false
		}
	}
	j := i + len(pre)
	n := 0
	if v, digits, ok := p.num(j); ok && digits <= 3 {
		n = v
	} else if v, ok := numberWords[p.word(j)]; ok {
		n = v
	}
	u, ok := agoUnits[p.word(j+1)]
	if n <= 0 || !ok {
		return dateSpec{}, 0, false
	}
	return dateSpec{kind: specAgo, n: n, unit: u}, j + 2, true
}

// matchNight reads a night named by the day it ends on: "в ночь на 12
// декабря", "в ночь с 11 на 12 декабря", "in der Nacht zum Dienstag", "dans
// la nuit de lundi à mardi", "nella notte tra lunedì e martedì".
func (p *dateParser) matchNight(i int) (dateSpec, int, bool) {
	for _, np := range nightPrefixes[p.word(i)] {
		ok := true
		for k, w := range np.words {
			if p.word(i+k) != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		j := i + len(np.words)
		if !np.direct {
			// The from-part: a weekday or a day number, then a joining word.
			if _, ok := weekdayForms[p.word(j)]; ok {
				j++
			} else if _, k, _, ok := p.dayNum(j); ok {
				j = k
				if p.isPunct(j, ".") && p.adjacent(j) {
					j++
				}
			} else {
				continue
			}
			joined := false
			for _, w := range np.joins {
				if j < len(p.toks) && p.toks[j].low == w {
					joined = true
				}
			}
			if !joined {
				continue
			}
			j++
		}
		if s, end, ok := p.nightEnd(j); ok {
			s.night = true
			return s, end, true
		}
	}
	return dateSpec{}, 0, false
}

// nightEnd reads the day a night ends on: a date or a bare weekday.
func (p *dateParser) nightEnd(j int) (dateSpec, int, bool) {
	if j >= len(p.toks) {
		return dateSpec{}, 0, false
	}
	if p.toks[j].kind == tokNum {
		if s, end, ok := p.matchDayFirst(j); ok && s.dayTo == 0 {
			return s, end, true
		}
		return dateSpec{}, 0, false
	}
	if s, end, ok := p.matchMonthFirst(j); ok && s.kind == specDay && s.dayTo == 0 {
		return s, end, true
	}
	if wd, ok := weekdayForms[p.word(j)]; ok {
		return dateSpec{kind: specWeekday, weekday: wd}, j + 1, true
	}
	return dateSpec{}, 0, false
}

// matchYear reads a year standing alone: "in 2020", "1991", "в 2020 году".
func (p *dateParser) matchYear(i int) (dateSpec, int, bool) {
	y, ok := p.year(i)
	if !ok {
		return dateSpec{}, 0, false
	}
	if i > 0 && p.adjacent(i) {
		if (p.isPunct(i-1, ",") || p.isPunct(i-1, ".")) && i >= 2 && p.toks[i-2].kind == tokNum {
			return dateSpec{}, 0, false // "12,2023"
		}
		switch p.toks[i-1].low {
		case "$", "€", "£", "#", "№", "-", "/":
			return dateSpec{}, 0, false
		}
		if p.toks[i-1].kind == tokWord {
			return dateSpec{}, 0, false
		}
	}
	if p.adjacent(i+1) && i+1 < len(p.toks) {
		switch p.toks[i+1].low {
		case "%", "/":
			return dateSpec{}, 0, false
		}
		if p.toks[i+1].kind == tokWord && !p.isPunct(i+1, "-") {
			// "2020s", "2020th" — unless it is a year suffix.
			if !yearWords[p.toks[i+1].low] {
				return dateSpec{}, 0, false
			}
		}
	}
	if y%10 == 0 && p.decade(i) {
		return dateSpec{}, 0, false
	}
	return dateSpec{kind: specYear, year: y}, p.yearSuffix(i + 1), true
}

// decadeSuffixes follow a year ending in 0 that names its decade: "1990-х",
// "1990-е", "1990'lar", "1990-ական", "1990er".
var decadeSuffixes = setOf("х", "е", "ые", "ых", "ым", "ми", "ական", "ականներ", "ականներին", "ականների", "ականներից", "ականներում",
	"er", "erjahre", "erjahren", "s")

// decadeWords come before a decade: "les années 1990", "los años 90".
var decadeWords = setOf("années", "anni", "años", "decade", "decennio", "década", "décennie")

// decade reports whether the year at token i names a decade, not a year.
func (p *dateParser) decade(i int) bool {
	if i > 0 && decadeWords[p.word(i-1)] {
		return true
	}
	j := i + 1
	if p.adjacent(j) && (p.isPunct(j, "-") || p.isPunct(j, "'") || p.isPunct(j, "’")) {
		j++
	}
	if !p.adjacent(j) {
		return false
	}
	w := p.word(j)
	if decadeSuffixes[w] {
		return true
	}
	// Turkish and Azerbaijani plurals: 1990'lar, 1990'larda, 1990-cı illər.
	if strings.HasPrefix(w, "lar") || strings.HasPrefix(w, "ler") {
		return true
	}
	return (w == "cı" || w == "ci" || w == "cu" || w == "cü") && strings.HasPrefix(p.word(j+1), "illər")
}
