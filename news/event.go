package news

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dateline/gazetteer"
)

// PlaceMention is a place name the geoparser found in an article's body and
// resolved to a gazetteer entry. Offsets are bytes into Article.Body.
type PlaceMention struct {
	Start   int            `json:"start"`
	End     int            `json:"end"`
	PlaceID string         `json:"place_id"`
	Kind    gazetteer.Kind `json:"kind"`
	Name    string         `json:"name"`             // the place's display name
	Parent  string         `json:"parent,omitempty"` // the place's parent id
	// Checkpoint is the checkpoint the place stands for in a report of a
	// checkpoint (gazetteer.Geoparser.CheckpointOf): "a checkpoint in the
	// Lachin corridor" is at the Lachin checkpoint. Empty when none.
	Checkpoint     string `json:"checkpoint,omitempty"`
	CheckpointName string `json:"checkpoint_name,omitempty"`
}

// Event is one thing that happened (or was said to), extracted from one
// sentence of one article, coded after ACLED.
type Event struct {
	ID  string `json:"id"`  // deterministic: document, sentence start and sub-type
	Doc string `json:"doc"` // Article.ID
	// EventDate is the first day the event may have happened on and DateEnd
	// the last; both zero when the date is unknown (TimePrecision 0).
	EventDate     time.Time `json:"event_date"`
	DateEnd       time.Time `json:"date_end"`
	TimePrecision Precision `json:"time_precision"`
	// DateInherited: the sentence has no date of its own; the event takes the
	// article's publication date, with week (or month) precision, or the day
	// an earlier sentence of its paragraph names (DateText is then that
	// expression, and DateNote says it was carried).
	DateInherited bool   `json:"date_inherited"`
	DateText      string `json:"date_text,omitempty"` // the expression the date comes from
	DateNote      string `json:"date_note,omitempty"` // how an incomplete date was completed
	Since         bool   `json:"since,omitempty"`     // "since <date>": a state that began then

	EventType    EventType    `json:"event_type"`
	SubEventType SubEventType `json:"sub_event_type"`
	Actor1       string       `json:"actor1,omitempty"`
	Actor2       string       `json:"actor2,omitempty"`
	// Source is who reports, claims, condemns or denies the event (an
	// official, a ministry, the outlet); never a party for that alone.
	Source string `json:"source,omitempty"`
	// Modality is how the text holds the event: reported (the default),
	// planned, threatened or denied.
	Modality Modality `json:"modality,omitempty"`

	PlaceID      string         `json:"place_id"`
	PlaceName    string         `json:"place_name,omitempty"`
	PlaceKind    gazetteer.Kind `json:"place_kind,omitempty"`
	PlaceStart   int            `json:"place_start"` // the mention the place comes from
	PlaceEnd     int            `json:"place_end"`
	GeoPrecision int            `json:"geo_precision"` // 1 at the place, 2 near it, 3 only the region

	Sentence string `json:"sentence"`
	// Headline: the event comes from the article's title, which is not in
	// the body; its sentence is the title and its offsets are zero.
	Headline      bool   `json:"headline,omitempty"`
	SentenceStart int    `json:"sentence_start"` // byte offsets into Article.Body
	SentenceEnd   int    `json:"sentence_end"`
	Trigger       string `json:"trigger"`
	TriggerStart  int    `json:"trigger_start"`
	TriggerEnd    int    `json:"trigger_end"`

	Confidence  float64     `json:"confidence"` // 0..1
	Rule        string      `json:"rule"`       // the rule that fired, "+statement:<why>" when framed as a claim
	Outlet      string      `json:"outlet,omitempty"`
	Perspective Perspective `json:"perspective,omitempty"`
}

// Modality says whether an event happened, is planned or threatened, or is
// denied by someone.
type Modality string

// The modalities.
const (
	Reported   Modality = "reported"
	Planned    Modality = "planned"
	Threatened Modality = "threatened"
	Denied     Modality = "denied"
)

// Valid reports whether m is a known modality ("" counts as reported).
func (m Modality) Valid() bool {
	switch m {
	case "", Reported, Planned, Threatened, Denied:
		return true
	}
	return false
}

// Validate checks the event's rules.
func (e *Event) Validate() error {
	switch {
	case e.ID == "":
		return &ValidationError{"id", "must not be empty"}
	case e.Doc == "":
		return &ValidationError{"doc", "must not be empty"}
	case !e.SubEventType.Valid():
		return &ValidationError{"sub_event_type", fmt.Sprintf("unknown sub-event type %q", e.SubEventType)}
	case e.SubEventType.Type() != e.EventType:
		return &ValidationError{"event_type", fmt.Sprintf("%q is a sub-type of %q, not %q", e.SubEventType, e.SubEventType.Type(), e.EventType)}
	case !e.TimePrecision.Valid():
		return &ValidationError{"time_precision", "must be 0 to 4"}
	case e.TimePrecision != PrecisionNone && (e.EventDate.IsZero() || e.DateEnd.Before(e.EventDate)):
		return &ValidationError{"event_date", "must be set and not after date_end"}
	case e.PlaceID == "":
		return &ValidationError{"place_id", "must not be empty"}
	case e.GeoPrecision < 1 || e.GeoPrecision > 3:
		return &ValidationError{"geo_precision", "must be 1, 2 or 3"}
	case e.SentenceStart < 0 || e.SentenceEnd < e.SentenceStart:
		return &ValidationError{"sentence_start", "offsets out of order"}
	case e.Confidence < 0 || e.Confidence > 1:
		return &ValidationError{"confidence", "must be between 0 and 1"}
	case !e.Modality.Valid():
		return &ValidationError{"modality", fmt.Sprintf("unknown modality %q", e.Modality)}
	case e.Perspective != "" && !e.Perspective.Valid():
		return &ValidationError{"perspective", fmt.Sprintf("unknown perspective %q", e.Perspective)}
	}
	return nil
}

// Range returns the days the event may have happened on, and false when its
// date is unknown.
func (e *Event) Range() (time.Time, time.Time, bool) {
	if e.TimePrecision == PrecisionNone || e.EventDate.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	return e.EventDate, e.DateEnd, true
}

// MarshalJSON writes dates as "2006-01-02" (null when unknown), as ACLED does.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		EventDate *string `json:"event_date"`
		DateEnd   *string `json:"date_end"`
	}{plain(e), dayString(e.EventDate), dayString(e.DateEnd)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Event) UnmarshalJSON(data []byte) error {
	type plain Event
	var v struct {
		plain
		EventDate *string `json:"event_date"`
		DateEnd   *string `json:"date_end"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*e = Event(v.plain)
	var err error
	if e.EventDate, err = parseDay(v.EventDate); err != nil {
		return err
	}
	e.DateEnd, err = parseDay(v.DateEnd)
	return err
}

func dayString(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format("2006-01-02")
	return &s
}

func parseDay(s *string) (time.Time, error) {
	if s == nil || *s == "" {
		return time.Time{}, nil
	}
	return time.Parse("2006-01-02", *s)
}

// When is the date an event, or a sentence, refers to.
type When struct {
	Date, DateEnd time.Time
	Precision     Precision
	// Inherited: taken from the publication date because the sentence has
	// no date of its own.
	Inherited bool
	Since     bool
	Text      string // the expression used, "" when inherited
	Start     int    // its offsets, 0 when inherited
	End       int
}

// SentenceDate returns the date of the part of a text at byte pos inside
// sentence: the resolved expression of exprs lying in the sentence nearest to
// pos (one before pos preferred), or else the publication date at its own
// precision, marked Inherited: news reports without a date what happened on
// the day it is published (so do ACLED's and the gold set's coders), a month
// gives that month. With no usable date at all it returns a zero When
// (PrecisionNone).
func SentenceDate(exprs []TimeExpr, sentence Span, pos int, published time.Time, precision Precision) When {
	best, bestDist := -1, math.MaxFloat64
	for i, e := range exprs {
		if e.Start < sentence.Start || e.End > sentence.End || !e.Resolved() || e.Dateline {
			continue
		}
		var d float64
		switch {
		case pos < 0:
			d = float64(e.Start - sentence.Start)
		case e.End <= pos:
			d = float64(pos - e.End)
		default:
			d = 1.5 * float64(max(0, e.Start-pos))
		}
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	if best >= 0 {
		e := exprs[best]
		return When{Date: e.Date, DateEnd: e.DateEnd, Precision: e.Precision, Since: e.Since, Text: e.Text, Start: e.Start, End: e.End}
	}
	if published.IsZero() {
		return When{}
	}
	p := day(published)
	switch precision {
	case PrecisionDay:
		return When{Date: p, DateEnd: p, Precision: PrecisionDay, Inherited: true}
	case PrecisionWeek:
		return When{Date: weekStart(p), DateEnd: weekStart(p).AddDate(0, 0, 6), Precision: PrecisionWeek, Inherited: true}
	case PrecisionMonth:
		first := date(p.Year(), int(p.Month()), 1)
		return When{Date: first, DateEnd: first.AddDate(0, 1, -1), Precision: PrecisionMonth, Inherited: true}
	case PrecisionYear:
		return When{Date: date(p.Year(), 1, 1), DateEnd: date(p.Year(), 12, 31), Precision: PrecisionYear, Inherited: true}
	}
	return When{}
}

// articleDates finds the temporal expressions of an article's body and
// resolves what the publication date allows. Without a day-precise date,
// year-less dates are placed by the publication month when that is known,
// and "... this year" by the latest year the text itself gives (notes say so).
func articleDates(a *Article, low string, sents []Span) ([]TimeExpr, map[int]string) {
	exprs, dayKnown := a.BodyDates() // against the dateline's day, else the publication day
	if dayKnown {
		notes := make(map[int]string)
		return anniversariesIn(low, sents, exprs, day(a.Published), notes), notes
	}
	notes := make(map[int]string)
	if a.PublishedKnown && a.PublishedPrecision == PrecisionMonth {
		p := day(a.Published)
		monthEnd := date(p.Year(), int(p.Month())+1, 0)
		for i, e := range exprs {
			if e.Resolved() || !e.spec.yearOnlyMissing() {
				continue
			}
			exprs[i].Date, exprs[i].DateEnd = e.spec.resolve(monthEnd)
			if exprs[i].Resolved() {
				notes[e.Start] = fmt.Sprintf("year placed by the publication month %s", p.Format("2006-01"))
			}
		}
		return resolveAnchored(exprs), notes
	}
	// The latest explicit day or month in the text bounds the publication
	// date from below, so "this year" is at least its year.
	latest, from := 0, ""
	for _, e := range exprs {
		if e.Resolved() && !e.Relative && e.Precision <= PrecisionMonth && e.Date.Year() > latest {
			latest, from = e.Date.Year(), e.Text
		}
	}
	if latest == 0 {
		return exprs, notes
	}
	for i, e := range exprs {
		if e.Resolved() {
			continue
		}
		if r, ok := e.resolveYear(latest); ok {
			exprs[i] = r
			notes[e.Start] = fmt.Sprintf("publication date unknown; \"this year\" read as %d, the latest year the text gives (%q)", latest, from)
		}
	}
	return resolveAnchored(exprs), notes
}

// yearOnlyMissing reports whether only the year is missing: a day, month or
// season written without one.
func (s dateSpec) yearOnlyMissing() bool {
	switch s.kind {
	case specDay, specMonth, specSeason:
		return s.year == 0
	}
	return false
}

// ExtractEvents finds the happenings an article reports, at most one per
// happening: repeats of a sub-type at one place (or at a place and the place
// it lies in) on compatible dates are merged into the best-dated, most
// precise report. mentions are the resolved place names the geoparser found
// in a.Body; the headline is read too, its places found among the body's
// mentions. A report, claim or denial of a happening is the happening, with
// Source naming who reports it and Modality saying whether it is reported,
// planned, threatened or denied. Sentences without a resolved place give no
// event.
func ExtractEvents(a *Article, mentions []PlaceMention) []Event {
	body := a.Body
	low := lowerKeepOffsets(body)
	sents := Sentences(body)
	// Lower-casing keeps each rune's bytes, rune by rune, so the body and
	// title lower-cased apart are the two lower-cased together.
	x := &extraction{a: a, qualifier: protesterQualifier(low, lowerKeepOffsets(a.Title))}
	x.exprs, x.notes = articleDates(a, low, sents)
	// Sorted by start, so each sentence finds its own dates by binary search:
	// a long article stays linear.
	x.exprs = append([]TimeExpr(nil), x.exprs...)
	sort.SliceStable(x.exprs, func(i, j int) bool { return x.exprs[i].Start < x.exprs[j].Start })
	ms := usableMentions(mentions, len(body))
	hits := triggerKeys.hits(low)
	var out []Event
	ms = withoutDateline(a, ms)
	ms = atCheckpoints(body, ms)
	x.ms = ms
	for i, sp := range sents {
		sentMentions := mentionsIn(ms, sp)
		contextual := false
		if len(sentMentions) == 0 {
			// A sentence without a place of its own happens where the text
			// last was: the latest place named shortly before it, near it
			// at best.
			sentMentions = contextPlace(ms, body, sp)
			if len(sentMentions) == 0 {
				continue // no place, no event
			}
			contextual = true
		}
		lead := i < 2 || x.ownDate(sp)
		evs := x.sentence(body, low, sp, sentMentions, hits, lead, false, x.carriedDate(body, sents, i))
		if contextual {
			for k := range evs {
				evs[k].GeoPrecision = max(evs[k].GeoPrecision, 2)
				evs[k].Rule += "+context"
				evs[k].Confidence = math.Round(evs[k].Confidence*0.85*100) / 100
			}
		}
		out = append(out, evs...)
	}
	if t := strings.TrimSpace(a.Title); t != "" && !a.TitleFromOpening() && !strings.HasPrefix(strings.TrimSpace(body), t) {
		tms := titleMentions(t, body, ms)
		if len(tms) > 0 {
			tlow := lowerKeepOffsets(t)
			out = append(out, x.sentence(t, tlow, Span{0, len(t)}, tms, triggerKeys.hits(tlow), true, true, When{})...)
		}
	}
	return mergeEvents(out, ms)
}

// withoutDateline drops the mentions of the dateline ("YEREVAN, Armenia
// (AP) —"): it says where the report was filed, not where it happened.
func withoutDateline(a *Article, ms []PlaceMention) []PlaceMention {
	if a.Dateline == "" || len(ms) == 0 {
		return ms
	}
	head := a.Body[:min(len(a.Body), 80)]
	cut := -1
	for _, sep := range []string{"—", "–", " - ", "(AP)", ". "} {
		if k := strings.Index(head, sep); k >= 0 && (cut < 0 || k < cut) {
			cut = k
		}
	}
	if cut < 0 || !strings.Contains(strings.ToLower(head[:cut]), strings.ToLower(a.Dateline)) {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		if m.End > cut {
			out = append(out, m)
		}
	}
	return out
}

// contextPlace returns the latest mention before the sentence at sp, when
// it lies at most 400 bytes before it, as the sentence's place.
func contextPlace(ms []PlaceMention, body string, sp Span) []PlaceMention {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= sp.Start }) - 1
	if i < 0 || sp.Start-ms[i].End > 400 {
		return nil
	}
	m := ms[i]
	// The event's place offsets must stay inside its sentence: it points
	// at the sentence start.
	m.Start, m.End = sp.Start, sp.Start
	return []PlaceMention{m}
}

// listedWith reports whether two mentions stand in one list: only commas,
// "and" or its equivalents, short words, and the dates of each item
// ("20 Kasım'da Ağdam'dan, 25 Kasım'da da Kelbecer'den") between them.
func listedWith(text string, a, b PlaceMention) bool {
	if b.Start < a.Start {
		a, b = b, a
	}
	if a.End > b.Start || b.Start-a.End > 60 {
		return false
	}
	between := strings.ReplaceAll(strings.ToLower(text[a.End:b.Start]), "’", "'")
	for _, w := range strings.FieldsFunc(between, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if _, month := monthForms[w]; month || strings.HasPrefix(w, "'") || strings.Trim(w, "0123456789") == "" ||
			(w[0] >= '0' && w[0] <= '9' && strings.Contains(w, "-")) || strings.HasPrefix(w, "rayon") || strings.HasPrefix(w, "tarix") {
			continue
		}
		switch w {
		case "and", "as", "well", "и", "а", "также", "և", "ու", "ve", "və", "und", "et", "e", "y", "the", "of", "districts", "district":
		default:
			if utf8.RuneCountInString(w) > 3 {
				return false
			}
		}
	}
	return true
}

// extraction holds what every sentence of one article shares.
type extraction struct {
	a         *Article
	ms        []PlaceMention // the body's usable mentions, in text order
	exprs     []TimeExpr
	notes     map[int]string
	qualifier string
}

// carryBack is how many sentences back, within one paragraph, a sentence
// without a date of its own looks for the date it continues to report on.
const carryBack = 4

// carriedDate returns the date sentence i continues: a narrative names the
// day once ("From midnight to early morning on October 11, Stepanakert was
// shelled") and goes on without it ("Even in the shelter, airstrikes were
// heard"). It is the last resolved day-precise expression of one of the
// carryBack sentences before it in the same paragraph, if that day lies at
// most carryDays before the publication date (older days are background)
// and not after it.
func (x *extraction) carriedDate(body string, sents []Span, i int) When {
	if x.ownDate(sents[i]) {
		return When{}
	}
	for k := i - 1; k >= 0 && k >= i-carryBack; k-- {
		if strings.Contains(body[sents[k].End:sents[k+1].Start], "\n") {
			break // another paragraph
		}
		exprs := x.exprsIn(sents[k])
		for j := len(exprs) - 1; j >= 0; j-- {
			e := exprs[j]
			if !e.Resolved() || e.Dateline || e.Since || e.Precision != PrecisionDay {
				continue
			}
			if pub := x.a.Published; !pub.IsZero() {
				if d := day(pub).Sub(e.Date); d < 0 || d > carryDays*24*time.Hour {
					continue
				}
			}
			return When{Date: e.Date, DateEnd: e.DateEnd, Precision: e.Precision, Inherited: true, Text: e.Text, Start: e.Start, End: e.End}
		}
		if len(exprs) > 0 {
			break // the sentence before has a date, but not one to carry
		}
	}
	return When{}
}

// carryDays bounds how old a carried day may be against the publication.
const carryDays = 14

// ownDate reports whether a resolved date expression lies in the sentence.
func (x *extraction) ownDate(sp Span) bool {
	for _, e := range x.exprsIn(sp) {
		if e.End <= sp.End && e.Resolved() {
			return true
		}
	}
	return false
}

// dateNear reports whether a resolved date of the sentence lies within n
// bytes of pos.
func (x *extraction) dateNear(sp Span, pos, n int) bool {
	for _, e := range x.exprsIn(sp) {
		if e.Resolved() && e.End >= pos-n && e.Start <= pos+n {
			return true
		}
	}
	return false
}

// locativeWords before a name make it a place, not a party: "in Yerevan",
// "в Баку", "à Erevan", "a Yerevan".
var locativeWords = setOf("in", "at", "near", "outside", "from", "into", "в", "во", "на", "из", "под", "около",
	"à", "a", "en", "dans", "près", "im", "in", "bei", "nach", "aus", "nel", "nella", "da", "vicino", "presso",
	"cerca", "desde", "hacia")

// locativeBefore reports whether the word before byte pos of s is a
// locative preposition.
func locativeBefore(s string, pos int) bool {
	f := strings.Fields(s[:pos])
	return len(f) > 0 && locativeWords[strings.Trim(f[len(f)-1], "(\"“«,")]
}

// datedRightBefore reports a date expression ending just before pos, the
// date of a participle: "10 Kasım 2020’de imzalanan".
func (x *extraction) datedRightBefore(sp Span, pos int) bool {
	for _, e := range x.exprsIn(sp) {
		if e.Resolved() && e.End <= pos && e.End >= pos-8 {
			return true
		}
	}
	return false
}

// aheadOf reads the year-less days and weekdays of a plan's sentence as the
// next ones after the publication day (TimeExpr.Ahead); it copies what it
// changes.
func aheadOf(dates []TimeExpr, published time.Time) []TimeExpr {
	var out []TimeExpr
	for i, e := range dates {
		if n, ok := e.Ahead(published); ok {
			if out == nil {
				out = append([]TimeExpr(nil), dates...)
			}
			out[i] = n
		}
	}
	if out == nil {
		return dates
	}
	return out
}

// exprsIn returns the date expressions that begin inside sp.
func (x *extraction) exprsIn(sp Span) []TimeExpr {
	lo := sort.Search(len(x.exprs), func(i int) bool { return x.exprs[i].Start >= sp.Start })
	hi := lo + sort.Search(len(x.exprs)-lo, func(i int) bool { return x.exprs[lo+i].Start >= sp.End })
	return x.exprs[lo:hi]
}

// titleMentions finds the body's places in the headline: a body mention's
// surface, or its stem (inflections differ between headline and body).
func titleMentions(title, body string, ms []PlaceMention) []PlaceMention {
	tl := lowerKeepOffsets(title)
	seen := map[string]bool{}
	var out []PlaceMention
	for _, m := range ms {
		surf := lowerKeepOffsets(body[m.Start:m.End])
		if seen[surf] {
			continue
		}
		seen[surf] = true
		stem := surf
		if n := utf8.RuneCountInString(surf); n > 5 {
			// Drop up to three letters of inflection: "Лачинского" finds "Лачинский".
			cut := len(surf)
			for k := 0; k < 3 && n-k > 5; k++ {
				_, size := utf8.DecodeLastRuneInString(surf[:cut])
				cut -= size
			}
			stem = surf[:cut]
		}
		for from := 0; from < len(tl); {
			k := strings.Index(tl[from:], stem)
			if k < 0 {
				break
			}
			k += from
			end := k + len(stem)
			for end < len(tl) {
				r, size := utf8.DecodeRuneInString(tl[end:])
				if !unicode.IsLetter(r) && r != '-' {
					break
				}
				end += size
			}
			from = end
			if k > 0 {
				if r, _ := utf8.DecodeLastRuneInString(tl[:k]); unicode.IsLetter(r) {
					continue
				}
			}
			pm := m
			pm.Start, pm.End = k, end
			out = append(out, pm)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// Overlapping finds keep the first (longest surface first would be nicer; rare).
	kept := out[:0]
	for _, m := range out {
		if len(kept) > 0 && m.Start < kept[len(kept)-1].End {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// sentence extracts the events of one sentence at sp of text (the body, or
// the headline when headline is set). lead says whether nominal triggers
// ("the blockade of the corridor", "the offensive") may count: in the
// headline, the lead, or a sentence with a date of its own.
//
// carry is the date a trigger without a date of its own in the sentence
// takes (extraction.carriedDate; zero: none).
func (x *extraction) sentence(text, low string, sp Span, sentMentions []PlaceMention, hits keyHits, lead, headline bool, carry When) []Event {
	a := x.a
	s := low[sp.Start:sp.End]
	orig := text[sp.Start:sp.End]
	cands := matchRules(s, sp, hits, lead, !headline && x.ownDate(sp))
	if len(cands) == 0 {
		return nil
	}
	keys := hits.in(sp.Start, sp.End)
	acts := findActors(s, &keys)
	quotes := quoteSpans(orig)
	// Negated, conditional and background matches go first, so that the
	// others share the sentence's stretches between them.
	kept := cands[:0]
	subs := make([]SubEventType, 0, len(cands))
	recalled := turkicRecalled(s)
	for _, c := range cands {
		sub := c.sub()
		neg := c.negated || (!c.ownNegation() && negated(s, c.start)) || negatedAfter(s, c.end)
		if neg {
			if c.negSub == "" {
				continue
			}
			sub = c.negSub
		} else if c.stem && stemRules[c.rule].negatedOnly {
			continue
		}
		// A recalled happening is history: kept only with a date of its own.
		if background(s, c.start) || conditional(s, c.start) || turkicDemandAfter(s, c.end) || (recalled && !x.dateNear(sp, sp.Start+c.start, 120)) ||
			(sub == Agreement && turkicBasisAfter(s, c.end) && !x.datedRightBefore(sp, sp.Start+c.start)) {
			continue
		}
		if sub != Agreement && (agreedContent(s, c.start) || agreedInfinitive(s, c.start, c.end) || (c.stem && endedBefore(s, c.start))) {
			continue
		}
		if c.stem && stemRules[c.rule].dated && !x.dateNear(sp, sp.Start+c.start, 80) {
			continue
		}
		if c.extra && !x.dateNear(sp, sp.Start+c.start, 100) {
			continue
		}
		kept, subs = append(kept, c), append(subs, sub)
	}
	cands = kept
	var events []Event
	for ci, c := range cands {
		sub := subs[ci]
		mod := modality(s, c.start, c.future, c.verbal())
		if mod == Reported && turkicDeniedAfter(s, c.end) {
			mod = Denied
		}
		// Who says so: the speaker of a quote, the subject of a speech or
		// denial word, else the outlet.
		src, srcHit, saidAt := x.source(acts, s, c, quotes)
		others := acts
		if srcHit != nil {
			others = make([]actorHit, 0, len(acts))
			for _, h := range acts {
				if h.start != srcHit.start {
					others = append(others, h)
				}
			}
		}
		a1, a2, a1hit := pickActors(others, s, c.start, c.end, x.qualifier)
		if a1 == "" && mod == Denied && srcHit != nil {
			a1 = x.actorName(*srcHit)
		}
		if sub.Type() == Protests {
			a1, a2 = protestActors(a1, a2, x.qualifier)
		}
		var skip []*actorHit
		if a1hit != nil {
			skip = append(skip, a1hit)
		}
		if srcHit != nil {
			skip = append(skip, srcHit)
		}
		// Country and capital names that are the subject ("Armenia and
		// Azerbaijan agreed") are parties, not the place.
		for k := range acts {
			if h := &acts[k]; h.weak && h.end <= c.start && subjectLike(s, *h, c.start) {
				skip = append(skip, h)
			}
		}
		// Several events in one sentence each take the places of their own
		// stretch of it: from halfway after the previous trigger to halfway
		// before the next.
		seg := segment(cands, ci, sp)
		// A capital or country the sentence names as a party anywhere
		// ("signed with Baku", "Ankara's support") is not the place either,
		// while the sentence names another place.
		// Nor is a place inside an actor's name ("Russian peacekeepers"):
		// the place the text was at stands in then.
		parties := skip
		for _, h := range acts {
			if h.weak && locativeBefore(s, h.start) {
				continue // "protests in Yerevan": the capital is the place
			}
			h.weak = true // pickPlace skips the places of weak actors
			parties = append(parties, &h)
		}
		m, geo, ok := pickPlace(mentionsIn(sentMentions, seg), text, sp.Start+c.start, parties, sp.Start)
		if !ok {
			m, geo, ok = pickPlace(sentMentions, text, sp.Start+c.start, parties, sp.Start)
		}
		if !ok && !headline {
			if m, geo, ok = pickPlace(contextPlace(x.ms, text, sp), text, sp.Start+c.start, nil, sp.Start); ok {
				geo = max(geo, 2)
			}
		}
		if !ok {
			m, geo, ok = pickPlace(mentionsIn(sentMentions, seg), text, sp.Start+c.start, skip, sp.Start)
		}
		if !ok {
			m, geo, ok = pickPlace(sentMentions, text, sp.Start+c.start, skip, sp.Start)
		}
		if !ok {
			continue
		}
		ev := Event{
			Doc:           a.ID,
			EventType:     sub.Type(),
			SubEventType:  sub,
			Actor1:        a1,
			Actor2:        a2,
			Source:        src,
			Modality:      mod,
			PlaceID:       m.PlaceID,
			PlaceName:     m.Name,
			PlaceKind:     m.Kind,
			PlaceStart:    m.Start,
			PlaceEnd:      m.End,
			GeoPrecision:  geo,
			Sentence:      orig,
			SentenceStart: sp.Start,
			SentenceEnd:   sp.End,
			Trigger:       orig[c.start:c.end],
			TriggerStart:  sp.Start + c.start,
			TriggerEnd:    sp.Start + c.end,
			Rule:          c.id(),
			Outlet:        a.OutletID(),
			Perspective:   a.Perspective(),
			Headline:      headline,
		}
		if (sub == CheckpointEstablished || sub == CheckpointRemoved) && m.Checkpoint != "" && m.Kind != gazetteer.KindCheckpoint {
			ev.PlaceID, ev.PlaceName, ev.PlaceKind, ev.GeoPrecision = m.Checkpoint, m.CheckpointName, gazetteer.KindCheckpoint, 1
			ev.Rule += "+checkpoint"
		}
		if sub != c.sub() {
			ev.Rule += "+negated"
		}
		if headline {
			// The headline is not in the body: its offsets are zero, and its
			// date is the publication date's.
			ev.SentenceStart, ev.SentenceEnd, ev.TriggerStart, ev.TriggerEnd, ev.PlaceStart, ev.PlaceEnd = 0, 0, 0, 0, 0, 0
			// "Yesterday we visited ...": a date of the headline's own wins.
			var own []TimeExpr
			if a.PublishedKnown && a.PublishedPrecision == PrecisionDay {
				own = FindDates(text, a.Published, true)
			}
			w := SentenceDate(own, Span{End: len(text)}, c.start, a.Published, publishedPrecision(a))
			ev.EventDate, ev.DateEnd, ev.TimePrecision = w.Date, w.DateEnd, w.Precision
		} else {
			dates := dateCandidates(x.exprsIn(sp), text, sub, mod == Reported)
			var saidOn []TimeExpr
			if saidAt >= 0 {
				// Dates before the speech word say when it was said.
				all := dates
				dates = datesAfter(dates, sp.Start+saidAt)
				if len(dates) == 0 {
					saidOn = all
				}
			}
			if mod == Planned && !a.Published.IsZero() {
				dates = aheadOf(dates, a.Published)
			}
			w := SentenceDate(dates, sp, sp.Start+c.start, a.Published, publishedPrecision(a))
			if w.Inherited && len(saidOn) > 0 {
				// Said on a day, of nothing dated otherwise: the news of that
				// day ("Tuesday, Baku announced the crossing was closed").
				if said := SentenceDate(saidOn, sp, sp.Start+c.start, a.Published, publishedPrecision(a)); !said.Inherited && said.Precision <= w.Precision {
					w = said
					w.Inherited = true
				}
			}
			if w.Inherited && !carry.Date.IsZero() && w.Text == "" {
				w = carry
			}
			ev.EventDate, ev.DateEnd, ev.TimePrecision = w.Date, w.DateEnd, w.Precision
			ev.DateInherited, ev.DateText, ev.Since = w.Inherited, w.Text, w.Since
			if w.Text != "" {
				ev.DateNote = x.notes[w.Start]
			}
			switch {
			case w.Inherited && w.Text != "" && len(saidOn) > 0 && w.Start >= sp.Start && w.End <= sp.End:
				ev.DateNote = strings.TrimPrefix(ev.DateNote+"; the day it was said", "; ")
			case w.Inherited && w.Text != "":
				ev.DateNote = strings.TrimPrefix(ev.DateNote+"; carried from an earlier sentence of the paragraph", "; ")
			}
		}
		ev.Confidence = confidence(c.conf(), ev)
		if mod != Reported {
			ev.Confidence = math.Round(ev.Confidence*0.8*100) / 100
		}
		start := sp.Start
		if headline {
			start = -1
		}
		ev.ID = eventID(a.ID, start, sub)
		events = append(events, ev)
		// ACLED codes violence once per location: "shelled Terter, Aghdam
		// and Barda" is three shellings.
		if t := sub.Type(); (t == ExplosionsRemote || t == Battles || sub == NonViolentTerritoryChange) && sub != MilitaryOperation && !headline {
			for _, o := range mentionsIn(sentMentions, seg) {
				if o.PlaceID == m.PlaceID || kindRank(o.Kind) != kindRank(m.Kind) || kindRank(m.Kind) < 4 || !listedWith(text, m, o) {
					continue
				}
				cl := ev
				cl.PlaceID, cl.PlaceName, cl.PlaceKind, cl.PlaceStart, cl.PlaceEnd = o.PlaceID, o.Name, o.Kind, o.Start, o.End
				cl.ID = eventID(a.ID, o.Start, sub)
				// An item with a date of its own right before it takes that
				// date ("20 Kasım'da Ağdam'dan, 25 Kasım'da da Kelbecer'den").
				if w := SentenceDate(dateCandidates(x.exprsIn(sp), text, sub, mod == Reported), sp, o.Start, a.Published, publishedPrecision(a)); !w.Inherited && w.Text != "" && w.Start < o.Start && w.Start >= o.Start-30 {
					cl.EventDate, cl.DateEnd, cl.TimePrecision, cl.DateText, cl.Since = w.Date, w.DateEnd, w.Precision, w.Text, w.Since
					cl.DateNote = x.notes[w.Start]
				}
				events = append(events, cl)
			}
		}
	}
	// Deaths and wounds of a shelling, strike or riot are that event, not
	// an attack of their own.
	violent := false
	for _, e := range events {
		violent = violent || e.EventType == ExplosionsRemote || e.EventType == Riots || e.EventType == Protests
	}
	if violent {
		k := events[:0]
		for _, e := range events {
			if e.SubEventType != Attack {
				k = append(k, e)
			}
		}
		events = k
	}
	// A sentence gives one event per sub-type.
	seen := map[string]bool{}
	out := events[:0]
	for _, e := range events {
		if k := string(e.SubEventType) + "\x00" + e.PlaceID; !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

func (x *extraction) actorName(h actorHit) string {
	if h.name == ActorProtesters {
		return x.qualifier
	}
	return h.name
}

// source finds who reports, claims or denies the happening of c: the
// speaker of the quotation it stands in, else the actor next to the
// nearest speech or denial word of the sentence; with none, the outlet.
func (x *extraction) source(acts []actorHit, s string, c candidate, quotes []Span) (string, *actorHit, int) {
	outlet := x.a.OutletName
	why, speechAt := framing(s, c.start, c.end, quotes)
	if why == "quote" {
		name, hit := quoteSpeaker(acts, s, quotes, c.start, speechAt, x.qualifier)
		if name != "" {
			return name, hit, -1
		}
	}
	words := wordSpans(s)
	best, bestDist := -1, 1<<30
	for i, w := range words {
		word := s[w.Start:w.End]
		if !(sourceWords[word] || isDenial(word)) || (w.Start >= c.start && w.Start < c.end) {
			continue
		}
		if speechWords[word] && !isSpeech(s, w) {
			continue
		}
		d := c.start - w.End
		if w.Start >= c.end {
			d = 2 * (w.Start - c.end)
		}
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		return outlet, nil, -1
	}
	w := words[best]
	word := s[w.Start:w.End]
	after := false
	switch word {
	case "according", "словам", "данным", "selon", "laut", "secondo", "según", "համաձայն":
		after = true
	}
	var hit *actorHit
	if after {
		for i := range acts {
			if acts[i].start >= w.End && len(strings.Fields(s[w.End:acts[i].start])) <= 4 {
				hit = &acts[i]
				break
			}
		}
	} else {
		for i := len(acts) - 1; i >= 0; i-- {
			if acts[i].end <= w.Start && len(strings.Fields(s[acts[i].end:w.Start])) <= 6 {
				hit = &acts[i]
				break
			}
		}
		if hit == nil {
			for i := range acts {
				if acts[i].start >= w.End && len(strings.Fields(s[w.End:acts[i].start])) <= 3 {
					hit = &acts[i]
					break
				}
			}
		}
	}
	at := -1
	if w.End <= c.start {
		at = w.End
	}
	if hit == nil {
		return outlet, nil, at
	}
	return x.actorName(*hit), hit, at
}

// datesAfter keeps the dates that begin at or after pos.
func datesAfter(exprs []TimeExpr, pos int) []TimeExpr {
	out := exprs[:0:0]
	for _, e := range exprs {
		if e.Start >= pos {
			out = append(out, e)
		}
	}
	return out
}

// lastWords returns the words of up to 240 bytes before pos in the
// sentence, nearest first (clause words do not stop it).
func lastWords(s string, pos, n int) []string {
	from := max(0, pos-240)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from++
	}
	ws := wordSpans(s[from:pos])
	out := make([]string, 0, n)
	for i := len(ws) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, s[from+ws[i].Start:from+ws[i].End])
	}
	return out
}

// modality reads how the text holds a happening from the words before its
// trigger: denied ("denied blocking", "опровергли"), threatened, planned
// ("will", "due to be", "soll", "doit", a Turkic future).
//
// "to" makes a plan only for a verbal rule ("to close the road", "due to be
// handed over"), and not before a perfect ("reported to have arrived").
func modality(s string, pos int, future, verbal bool) Modality {
	for _, w := range lastWords(s, pos, 12) {
		if isDenial(w) {
			return Denied
		}
	}
	for _, w := range lastWords(s, pos, 6) {
		if threatWords[w] {
			return Threatened
		}
	}
	if future {
		return Planned
	}
	words, _ := wordsBefore(s, pos, 5)
	for k, w := range words {
		if w == "to" && (!verbal || (k > 0 && (words[k-1] == "have" || words[k-1] == "has"))) {
			continue // "subjected to artillery", "reported to have arrived"
		}
		if plannedWords[w] && (w != "sera" || k+1 >= len(words) || !seraEvening[words[k+1]]) {
			return Planned
		}
	}
	return Reported
}

// conditional reports whether the trigger's clause makes it a wish, a
// demand or a condition ("would like to set up", "if", "demanding").
func conditional(s string, pos int) bool {
	words, _ := wordsBefore(s, pos, 8)
	for _, w := range words {
		if conditionWords[w] {
			return true
		}
	}
	return false
}

// agreedContent reports a trigger that is what an agreement is about
// ("договорённость о возобновлении перевозки", "договорённости по
// возвращению сёл", "согласие на разоружение"): the agreement is the news,
// read by its own rule.
func agreedContent(s string, pos int) bool {
	// one word may stand between: "согласия на полное разоружение"
	words, _ := wordsBefore(s, pos, 3)
	for i := 0; i+1 < len(words) && i < 2; i++ {
		switch words[i] {
		case "о", "об", "по", "на":
		default:
			continue
		}
		n := words[i+1]
		if n == "согласие" || n == "согласия" || n == "согласии" || n == "согласию" {
			return true
		}
		for _, p := range []string{"договоренност", "договорённост", "соглашени"} {
			if strings.HasPrefix(n, p) {
				return true
			}
		}
	}
	return false
}

// agreedInfinitive reports a Spanish infinitive trigger that a party accepts
// or agrees to do ("tras aceptar ... rendirse y desarmarse", "acordaron
// retirar"): the promise belongs to the agreement, not an event done.
func agreedInfinitive(s string, start, end int) bool {
	w := s[start:end]
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	if !spanishInfinitive.MatchString(w) {
		return false
	}
	// an opening quote is no clause boundary here: acordaran «deponer las armas»
	p := start
	for p > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:p])
		if !unicode.IsSpace(r) && !strings.ContainsRune("«“\"", r) {
			break
		}
		p -= size
	}
	words, _ := wordsBefore(s, p, 8)
	for _, b := range words {
		for _, p := range []string{"acept", "acord", "comprometi", "compromet"} {
			if strings.HasPrefix(b, p) {
				return true
			}
		}
	}
	return false
}

// endedBefore reports a trigger that something puts an end to ("un alto el
// fuego para poner fin a su operación militar"): the ending is the news, the
// happening is background.
func endedBefore(s string, pos int) bool {
	words, _ := wordsBefore(s, pos, 3)
	for i, w := range words {
		if w == "fin" && i > 0 && (words[i-1] == "a" || words[i-1] == "al") {
			return true
		}
	}
	return false
}

// negatedAfter reports a negation right after the trigger: "փակված չէ",
// "sperrte ... nicht" is not read (German verb-second), "закрыт не был" is.
// An Azerbaijani or Turkish "deyil"/"değil" there denies a claim instead
// (turkicDeniedAfter).
func negatedAfter(s string, end int) bool {
	ws := wordSpans(s[end:min(len(s), end+40)])
	if len(ws) == 0 {
		return false
	}
	switch s[end+ws[0].Start : end+ws[0].End] {
	case "չէ", "չի", "չեն", "չէր", "не":
		return true
	}
	return false
}

// turkicDemandWords, right after an Azerbaijani or Turkish trigger, make it
// a demand, a purpose or a need rather than a happening, the way "demanding"
// or "to" before an English one do: "postların yaradılmasını tələb edirlər",
// "kontrol noktası kurulması için", "yolun açılması gerekiyor".
var turkicDemandWords = []string{"tələb", "talep", "istə", "iste", "çağır", "çağrı", "üçün", "için", "məqsəd",
	"amacı", "amaç", "gerek", "lazım"}

// turkicDemandAfter reports whether one of the two words after the trigger
// ending at end is one of turkicDemandWords.
func turkicDemandAfter(s string, end int) bool {
	ws := wordSpans(s[end:min(len(s), end+40)])
	for k := 0; k < len(ws) && k < 2; k++ {
		w := s[end+ws[k].Start : end+ws[k].End]
		for _, p := range turkicDemandWords {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// turkicBasisWords, in the three words after an Azerbaijani or Turkish
// agreement, make it the basis of something else, an agreement of the past:
// "imzalanan ateşkes anlaşması gereği" (under the ceasefire signed),
// "imzaladığı bildiriler uyarınca", "bəyanata əsasən".
var turkicBasisWords = []string{"gereği", "gereğince", "uyarınca", "çerçevesinde", "əsasən", "əsasında",
	"çərçivəsində", "müvafiq"}

// turkicBasisAfter reports whether one of the three words after the trigger
// ending at end is one of turkicBasisWords.
func turkicBasisAfter(s string, end int) bool {
	ws := wordSpans(s[end:min(len(s), end+80)])
	for k := 0; k < len(ws) && k < 3; k++ {
		w := s[end+ws[k].Start : end+ws[k].End]
		for _, p := range turkicBasisWords {
			if w == p {
				return true
			}
		}
	}
	return false
}

// turkicRecalled reports whether the sentence opens by recalling the past,
// its events background to the news: "Xatırladaq ki, ..." (let us recall
// that), "Metbuat.az xatırladır ki, ...", "Hatırlatmak gerekirse, ...",
// "Hatırlanacağı üzere, ...".
func turkicRecalled(s string) bool {
	ws := wordSpans(s[:min(len(s), 80)])
	for k := 0; k+1 < len(ws) && k < 3; k++ {
		w, next := s[ws[k].Start:ws[k].End], s[ws[k+1].Start:ws[k+1].End]
		if (strings.HasPrefix(w, "xatırlad") && next == "ki") ||
			(strings.HasPrefix(w, "hatırlat") && (next == "gerekirse" || next == "ki")) ||
			(strings.HasPrefix(w, "hatırlan") && next == "üzere") {
			return true
		}
	}
	return false
}

// turkicDenialStems begin Azerbaijani and Turkish words that, after the
// trigger, call it a lie: "blokadada saxlanmasına dair iddiaları yalandır",
// "bağlı olması barədə iddiaları əsassızdır", "kapatıldığı iddiası asılsız".
var turkicDenialStems = []string{"əsassız", "yalan", "böhtan", "təkzib", "uydurma", "asılsız", "iftira",
	"dezinformasiya", "dezenformasyon"}

// turkicDeniedAfter reports whether the word right after the trigger ending
// at end is "deyil"/"değil" (is not: "hərəkəti məhdudlaşdırmaq deyil", the
// aim "is not to restrict movement"), or one of the ten words after it
// begins with a turkicDenialStems stem.
func turkicDeniedAfter(s string, end int) bool {
	ws := wordSpans(s[end:])
	for k := 0; k < len(ws) && k < 10; k++ {
		w := s[end+ws[k].Start : end+ws[k].End]
		if k == 0 && (w == "deyil" || w == "değil" || strings.HasPrefix(w, "deyild") || strings.HasPrefix(w, "değild")) {
			return true
		}
		for _, p := range turkicDenialStems {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// mergeEvents keeps one event per happening of an article: events of the
// same sub-type and modality at the same place, or at places one inside the
// other, on compatible dates, are one. The best-dated (a date of its own,
// then the finer precision), most precise, surest one stays. A headline
// event stays only when the body does not report that sub-type.
func mergeEvents(evs []Event, ms []PlaceMention) []Event {
	parent := map[string]string{}
	for _, m := range ms {
		if m.Parent != "" {
			parent[m.PlaceID] = m.Parent
		}
	}
	// A "Title:" line the cleaner left in the body is a headline too.
	isHeadline := func(e Event) bool { return e.Headline || strings.HasPrefix(e.Sentence, "Title:") }
	inBody := map[SubEventType]bool{}
	for _, e := range evs {
		if !isHeadline(e) {
			inBody[e.SubEventType] = true
		}
	}
	var out []Event
	for _, e := range evs {
		if isHeadline(e) && inBody[e.SubEventType] {
			continue
		}
		merged := false
		for i := range out {
			o := &out[i]
			// A place taken from the context is no evidence of another place.
			anyPlace := strings.HasSuffix(o.Rule, "+context") || strings.HasSuffix(e.Rule, "+context")
			if o.SubEventType != e.SubEventType || o.Modality != e.Modality || !(anyPlace || samePlace(o.PlaceID, e.PlaceID, parent) || backReference(*o, e)) || !(compatibleDates(*o, e) || backReference(*o, e)) {
				continue
			}
			if betterReport(e, *o) {
				*o = e
			}
			merged = true
			break
		}
		if !merged {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Headline != out[j].Headline {
			return !out[i].Headline
		}
		return out[i].SentenceStart < out[j].SentenceStart
	})
	return out
}

// singular are the sub-types an article tells of once: a later mention
// without a date of its own ("the operation killed 200") is the operation
// the text dated.
var singular = map[SubEventType]bool{MilitaryOperation: true, Agreement: true}

// backReference reports whether one of two reports of a singular sub-type
// has a date of its own and the other only the publication's.
func backReference(a, b Event) bool {
	if !singular[a.SubEventType] {
		return false
	}
	own := func(e Event) bool { return !e.DateInherited && e.TimePrecision != PrecisionNone }
	fromPublication := func(e Event) bool { return e.DateInherited && e.DateText == "" }
	return own(a) && fromPublication(b) || own(b) && fromPublication(a)
}

func samePlace(a, b string, parent map[string]string) bool {
	return a == b || parent[a] == b || parent[b] == a
}

// compatibleDates reports whether two reports can be of one day: either is
// undated, or their ranges overlap ("cut again" today is not the cut of last
// December; an undated report takes the publication day).
func compatibleDates(a, b Event) bool {
	if a.TimePrecision == PrecisionNone || b.TimePrecision == PrecisionNone {
		return true
	}
	return !a.EventDate.After(b.DateEnd) && !b.EventDate.After(a.DateEnd)
}

// betterReport reports whether e describes the happening better than o.
func betterReport(e, o Event) bool {
	rank := func(x Event) int {
		switch {
		case x.TimePrecision == PrecisionNone:
			return 9
		case x.DateInherited:
			return 5 + int(x.TimePrecision)
		}
		return int(x.TimePrecision)
	}
	if re, ro := rank(e), rank(o); re != ro {
		return re < ro
	}
	if ke, ko := kindRank(e.PlaceKind), kindRank(o.PlaceKind); ke != ko {
		return ke > ko
	}
	if e.GeoPrecision != o.GeoPrecision {
		return e.GeoPrecision < o.GeoPrecision
	}
	return e.Confidence > o.Confidence
}

// publishedPrecision is the precision of the article's date, none when unknown.
func publishedPrecision(a *Article) Precision {
	if !a.PublishedKnown {
		return PrecisionNone
	}
	return a.PublishedPrecision
}

// candidate is one rule match in a sentence (offsets relative to it): an
// English expression of rules, or a multilingual stem rule.
type candidate struct {
	rule       int // index into rules, or into stemRules when stem
	stem       bool
	start, end int
	negated    bool         // the head word carries a negative inflection
	future     bool         // the head word carries a future inflection
	negSub     SubEventType // what a negated match is, "" for nothing
	// extra: a second match of a sub-type already matched in the sentence,
	// far from it; it counts only with a date of its own ("set up on April
	// 22 ... and on April 23 set up another").
	extra bool
}

func (c candidate) sub() SubEventType {
	if c.stem {
		return stemRules[c.rule].sub
	}
	return rules[c.rule].sub
}

func (c candidate) conf() float64 {
	if c.stem {
		return stemRules[c.rule].conf
	}
	return rules[c.rule].conf
}

func (c candidate) id() string {
	if c.stem {
		return stemRules[c.rule].id
	}
	return rules[c.rule].id
}

func (c candidate) verbal() bool {
	if c.stem {
		return !stemRules[c.rule].lead
	}
	return rules[c.rule].verbal
}

func (c candidate) ownNegation() bool {
	return !c.stem && rules[c.rule].ownNegation
}

// extraGap is how far (in bytes) a second match of a sub-type must lie from
// the first to be read as another happening.
const extraGap = 40

// matchRules runs the English expressions whose keys occur in the sentence
// at sp of the lower-cased text s, then the multilingual stem rules, and
// keeps per sub-type the best match: verbal before nominal, then the
// English expression, the more confident, the earlier one. lead allows the
// nominal stem rules.
func matchRules(s string, sp Span, hits keyHits, lead, dated bool) []candidate {
	best := make(map[SubEventType]candidate)
	var all []candidate
	offer := func(c candidate) {
		all = append(all, c)
		old, ok := best[c.sub()]
		if !ok || better(c, old) {
			best[c.sub()] = c
		}
	}
	keys := hits.in(sp.Start, sp.End)
	var pairs bytePairs
	pairs.of(s)
	for ri := range rules {
		r := &rules[ri]
		if !keys.any(triggerKeys.ruleKeys[ri]) {
			continue
		}
		for _, m := range r.re.findAllIn(s, &pairs) {
			start, end := m[0], m[1]
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					start, end = m[g], m[g+1]
					break
				}
			}
			if r.skipIfBy && strings.HasPrefix(strings.TrimLeft(s[end:], " "), "by ") {
				continue // a passive: the "was blocked by" rule reads it
			}
			offer(candidate{rule: ri, start: start, end: end})
		}
	}
	for _, c := range matchStemRules(s, lead, dated) {
		offer(c)
	}
	out := make([]candidate, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	// Matches far from every kept one of their sub-type may be a second
	// happening of it.
	sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	for _, c := range all {
		if c.negated {
			continue
		}
		far := true
		for _, o := range out {
			if o.sub() == c.sub() && c.start < o.end+extraGap && o.start < c.end+extraGap {
				far = false
				break
			}
		}
		if far {
			c.extra = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].id() < out[j].id()
	})
	return out
}

// matchStemRules tags the words of s with their concepts and returns the
// matches of the stem rules: a head word with words of the needed concepts
// within the rule's window. Linear in the sentence: every head looks at a
// bounded window.
func matchStemRules(s string, lead, dated bool) []candidate {
	words := lexWords(s)
	if len(words) == 0 {
		return nil
	}
	tags := lexicon.tag(words)
	// In Azerbaijani (its schwa gives it away) "aid" is "belonging to"
	// ("sülhməramlılara aid maşın"), not the English aid.
	if strings.Contains(s, "ə") {
		for i, w := range words {
			if w.text == "aid" {
				tags[i].set &^= 1 << cAid
			}
		}
	}
	var any uint64
	for _, t := range tags {
		any |= t.set
	}
	// pos counts words for the rules' windows: a suffix split off by an
	// apostrophe (Turkish "Kasım'da", "Ağdam'dan") is part of its word.
	pos := make([]int, len(words))
	for k := 1; k < len(words); k++ {
		pos[k] = pos[k-1] + 1
		if gap := s[words[k-1].end:words[k].start]; gap == "'" || gap == "’" {
			pos[k] = pos[k-1]
		}
	}
	near := func(i int, c concept, w int) bool {
		for j := i - 1; j >= 0 && pos[i]-pos[j] <= w; j-- {
			if tags[j].has(c) {
				return true
			}
		}
		for j := i + 1; j < len(tags) && pos[j]-pos[i] <= w; j++ {
			if tags[j].has(c) {
				return true
			}
		}
		return false
	}
	var out []candidate
	for ri, r := range stemRules {
		if any&(1<<r.head) == 0 || (r.lead && !lead) || (r.dated && !dated) {
			continue
		}
		for i, t := range tags {
			if !t.has(r.head) {
				continue
			}
			ok := true
			for _, n := range r.needs {
				if !near(i, n, r.window) {
					ok = false
					break
				}
			}
			for _, av := range r.avoid {
				if near(i, av, 3) {
					ok = false
				}
			}
			if !ok {
				continue
			}
			head := t.phrase(r.head)
			last := words[min(len(words)-1, i+int(head.span)-1)]
			end := last.end
			rest := head.rest
			c := candidate{rule: ri, stem: true, start: words[i].start, end: end, negSub: r.negatedSub,
				negated: turkicNegative.MatchString(rest) || strings.HasPrefix(words[i].text, "չ"),
				// a phrase's future is in its last word ("kontrolüne geçecek")
				future: turkicFuture.MatchString(rest) || (head.span > 1 && turkicFuture.MatchString(last.text)) || spanishFuture.MatchString(words[i].text) || (strings.HasPrefix(words[i].text, "կ") && !strings.HasPrefix(words[i].text, "կա"))}
			out = append(out, c)
			break // the first head of a rule in the sentence
		}
	}
	return out
}

func better(c, old candidate) bool {
	if c.verbal() != old.verbal() {
		return c.verbal()
	}
	if c.stem != old.stem {
		return !c.stem
	}
	if c.conf() != old.conf() {
		return c.conf() > old.conf()
	}
	return c.start < old.start
}

// wordsBefore returns up to n words before byte pos, nearest first, stopping
// at clause punctuation and at clause-opening words; reachedStart tells
// whether the scan hit the start of the clause rather than the limit.
func wordsBefore(s string, pos, n int) (words []string, reachedStart bool) {
	words = make([]string, 0, n)
	i := pos
	for len(words) < n {
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if !unicode.IsSpace(r) {
				break
			}
			i -= size
		}
		if i == 0 {
			return words, true
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			if strings.ContainsRune(",;:()—–\"“”«»[]", r) {
				return words, true
			}
			i -= size
			continue
		}
		j := i
		for j > 0 {
			r2, size2 := utf8.DecodeLastRuneInString(s[:j])
			if !isWordRune(r2) {
				break
			}
			j -= size2
		}
		w := s[j:i]
		if clauseBoundaryWords[w] {
			return words, true
		}
		words = append(words, w)
		i = j
	}
	return words, false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
}

// negated reports whether "not", "never", "failed" ... stands right before the trigger.
func negated(s string, pos int) bool {
	words, _ := wordsBefore(s, pos, 6)
	for _, w := range words {
		if negationWords[w] || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			return true
		}
	}
	return false
}

// background reports whether the trigger's clause opens with "since",
// "because", "while" ...: it explains the news rather than being it.
func background(s string, pos int) bool {
	words, start := wordsBefore(s, pos, 12)
	if !start || len(words) == 0 || !backgroundWords[words[len(words)-1]] {
		return false
	}
	// "Since December 12, Azerbaijan has blockaded ..." dates the start of
	// the state: that is news, not background.
	if words[len(words)-1] == "since" && len(words) >= 2 {
		w := words[len(words)-2]
		if w[0] >= '0' && w[0] <= '9' || monthWord(w) {
			return false
		}
	}
	return true
}

func monthWord(w string) bool {
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// framing says why a match in a sentence is someone's claim: "quote" when it
// stands inside quotation marks, the speech word when one precedes it
// ("said", "allegedly"), "attribution" when the sentence ends with ", X said".
// It returns "" for a plain report, and the offset of the speech word (-1
// for quotes).
func framing(s string, start, end int, quotes []Span) (string, int) {
	for _, q := range quotes {
		if start >= q.Start && start < q.End {
			return "quote", speakerAround(s, q)
		}
	}
	for _, w := range wordSpans(s[:start]) {
		if isSpeech(s, w) {
			return s[w.Start:w.End], w.Start
		}
	}
	tail := s[end:]
	if cut := strings.LastIndexAny(tail, ",”\""); cut >= 0 {
		words := wordSpans(tail[cut:])
		if len(words) <= 8 {
			for _, w := range words {
				ww := tail[cut+w.Start : cut+w.End]
				if speechWords[ww] || ww == "added" || ww == "told" {
					return "attribution", end + cut + w.Start
				}
			}
		}
	}
	return "", -1
}

// speakerAround finds the speech word next to a quotation: "“...,” Osipyan
// said" or "Osipian said: “...”". It returns its offset, or -1.
func speakerAround(s string, q Span) int {
	after := wordSpans(s[q.End:])
	for _, w := range after[:min(4, len(after))] {
		if speechWords[s[q.End+w.Start:q.End+w.End]] {
			return q.End + w.Start
		}
	}
	before := wordSpans(s[:q.Start])
	for i := len(before) - 1; i >= max(0, len(before)-4); i-- {
		if speechWords[s[before[i].Start:before[i].End]] {
			return before[i].Start
		}
	}
	return -1
}

// quoteSpeaker finds who speaks a quotation: an actor right after it
// ("“...” said Artur Osipian, one of the Karabakh protesters") when the
// speech word follows the quote, else the subject of a speech word before it.
// Actors inside the quote are never the speaker.
func quoteSpeaker(acts []actorHit, s string, quotes []Span, pos, speechAt int, qualifier string) (string, *actorHit) {
	var q Span
	for _, x := range quotes {
		if pos >= x.Start && pos < x.End {
			q = x
			break
		}
	}
	outside := acts[:0:0]
	for _, h := range acts {
		if h.end <= q.Start || h.start >= q.End {
			outside = append(outside, h)
		}
	}
	if speechAt < 0 {
		return "", nil
	}
	if speechAt >= q.End {
		for i, h := range outside {
			if h.start >= q.End && !h.weak && len(strings.Fields(s[q.End:h.start])) <= 12 {
				a, _, _ := pickActors(outside[i:i+1], s, h.end, h.end, qualifier)
				return a, &outside[i]
			}
		}
	}
	a, _, hit := pickActors(outside, s, speechAt, speechAt+len(wordAt(s, speechAt)), qualifier)
	if hit != nil && hit.start >= q.Start && hit.end <= q.End {
		return "", nil
	}
	return a, hit
}

// isSpeech reports whether the word at w frames what follows as a claim.
// "claimed", "stressed", "argued" need "that" or a quote after them:
// "the fighting claimed 6,500 lives" is no claim.
func isSpeech(s string, w Span) bool {
	word := s[w.Start:w.End]
	if !speechWords[word] {
		return false
	}
	switch {
	case strings.HasPrefix(word, "claim"), strings.HasPrefix(word, "stress"), strings.HasPrefix(word, "argu"),
		strings.HasPrefix(word, "believ"), strings.HasPrefix(word, "insist"):
		rest := strings.TrimLeft(s[w.End:], " ")
		return strings.HasPrefix(rest, "that") || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, ":") ||
			strings.HasPrefix(rest, "\"") || strings.HasPrefix(rest, "“")
	}
	return true
}

// wordAt returns the word starting at byte i of s.
func wordAt(s string, i int) string {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r) {
			break
		}
		j += n
	}
	return s[i:j]
}

// wordSpans returns the spans of the words of s.
func wordSpans(s string) []Span {
	out := make([]Span, 0, len(s)/6+1) // most words and their spaces are longer: one allocation
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(s)})
	}
	return out
}

// segment returns the stretch of the sentence that belongs to the i-th of
// the sentence's matches: from halfway after the previous trigger to
// halfway before the next.
func segment(cands []candidate, i int, sp Span) Span {
	seg := sp
	if i > 0 {
		seg.Start = sp.Start + (cands[i-1].end+cands[i].start)/2
	}
	if i+1 < len(cands) {
		seg.End = sp.Start + (cands[i].end+cands[i+1].start)/2
	}
	return seg
}

// protestActors puts the protesters first, as ACLED codes protests: a group
// of civilians in a protest sentence are the protesters.
func protestActors(a1, a2, qualifier string) (string, string) {
	isCrowd := func(a string) bool {
		return strings.HasPrefix(a, "Protesters") || strings.HasPrefix(a, "Civilians")
	}
	switch {
	case isCrowd(a1):
		if strings.HasPrefix(a1, "Civilians") {
			a1 = qualifier
		}
		return a1, a2
	case isCrowd(a2):
		if strings.HasPrefix(a2, "Civilians") {
			a2 = qualifier
		}
		return a2, a1
	}
	return a1, a2
}

// quoteSpans returns the quoted stretches of a sentence: curly quotes,
// guillemets, and straight quotes when they pair up.
func quoteSpans(s string) []Span {
	var out []Span
	pairs := [][2]string{{"“", "”"}, {"«", "»"}, {"„", "“"}}
	for _, p := range pairs {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], p[0])
			if i < 0 {
				break
			}
			i += from
			j := strings.Index(s[i+len(p[0]):], p[1])
			if j < 0 {
				break
			}
			j += i + len(p[0])
			out = append(out, Span{i, j + len(p[1])})
			from = j + len(p[1])
		}
	}
	if n := strings.Count(s, `"`); n > 0 && n%2 == 0 {
		open := -1
		for i := 0; i < len(s); i++ {
			if s[i] != '"' {
				continue
			}
			if open < 0 {
				open = i
			} else {
				out = append(out, Span{open, i + 1})
				open = -1
			}
		}
	}
	return out
}

// pickActors chooses actor1 (who acted: after "by" in a passive, else the
// nearest actor before the trigger) and actor2 (the first actor after it).
// Place-name actors ("Baku") count only right before the trigger or after "by".
func pickActors(acts []actorHit, s string, start, end int, qualifier string) (string, string, *actorHit) {
	name := func(h actorHit) string {
		if h.name == ActorProtesters {
			return qualifier
		}
		return h.name
	}
	var a1 *actorHit
	rest := strings.TrimLeft(s[end:], " ")
	passive := strings.HasPrefix(rest, "by ")
	if passive {
		byAt := len(s) - len(rest) + 3
		for i := range acts {
			if acts[i].start >= byAt && acts[i].start <= byAt+24 {
				a1 = &acts[i]
				break
			}
		}
	}
	if a1 == nil {
		for i := len(acts) - 1; i >= 0; i-- {
			h := acts[i]
			if h.end > start {
				continue
			}
			if h.weak && !subjectLike(s, h, start) {
				continue
			}
			a1 = &acts[i]
			break
		}
	}
	a1name := ""
	if a1 != nil {
		a1name = name(*a1)
	}
	a2name := ""
	for _, h := range acts {
		if passive {
			break // the patient of a passive stands before the verb, and is no actor here
		}
		if h.start < end || h.weak || (a1 != nil && h.start == a1.start) {
			continue
		}
		if len(strings.Fields(s[end:h.start])) > 10 {
			break
		}
		if n := name(h); n != a1name {
			a2name = n
			break
		}
	}
	return a1name, a2name, a1
}

// subjectLike reports whether a place name standing for its government
// ("Azerbaijan also cut off", "Armenia on Thursday accused") is the subject
// of the trigger at start: close before it, not possessive, not after a preposition.
func subjectLike(s string, h actorHit, start int) bool {
	between := s[h.end:start]
	if len(strings.Fields(between)) > 3 || strings.ContainsAny(between, ",;:") {
		return false
	}
	if strings.HasPrefix(between, "'s") || strings.HasPrefix(between, "’s") {
		return false
	}
	words, _ := wordsBefore(s, h.start, 1)
	if len(words) == 1 {
		switch words[0] {
		case "in", "of", "to", "from", "with", "at", "on", "near", "for", "against", "between", "into", "toward",
			"towards", "before", "after", "over", "under", "about", "across", "along", "within", "through", "behind",
			"around", "by", "than", "like",
			"в", "во", "на", "из", "до", "от", "у", "к", "по", "через", "для", "против", "между", "с", "со", "под",
			"nach", "aus", "von", "mit", "gegen", "zwischen", "en", "au", "à", "de", "du", "vers", "contre", "entre",
			"a", "desde", "hacia", "da", "verso", "contro", "tra", "fra":
			return false
		}
	}
	return true
}

// kindRank orders place kinds from the most specific.
func kindRank(k gazetteer.Kind) int {
	switch k {
	case gazetteer.KindCheckpoint, gazetteer.KindBridge, gazetteer.KindBorderCrossing:
		return 7
	case gazetteer.KindRoad, gazetteer.KindCorridor:
		return 6
	case gazetteer.KindSettlement, gazetteer.KindCity, gazetteer.KindCapital, gazetteer.KindBase,
		gazetteer.KindAirport, gazetteer.KindMine:
		return 5
	case gazetteer.KindDistrict, gazetteer.KindRiver:
		return 4
	case gazetteer.KindRegion, gazetteer.KindOther:
		return 3
	case gazetteer.KindCountry:
		return 2
	}
	return 1
}

// geoPrecision follows ACLED: 1 the event is at the place, 2 near it or
// somewhere in a district, 3 only the region or country is known.
func geoPrecision(k gazetteer.Kind) int {
	switch r := kindRank(k); {
	case r >= 5:
		return 1
	case r == 4:
		return 2
	}
	return 3
}

var nearWords = []string{"near ", "outside ", "close to ", "towards ", "toward ", "outskirts of ", "not far from ",
	"around ", "in the vicinity of ", "вблизи ", "около ", "недалеко от "}

func usableMentions(mentions []PlaceMention, n int) []PlaceMention {
	ms := make([]PlaceMention, 0, len(mentions))
	for _, m := range mentions {
		if m.PlaceID != "" && m.Start >= 0 && m.End <= n && m.Start < m.End {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

func mentionsIn(ms []PlaceMention, sp Span) []PlaceMention {
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= sp.Start })
	hi := lo
	for hi < len(ms) && ms[hi].End <= sp.End {
		hi++
	}
	return ms[lo:hi]
}

// pickPlace chooses the most specific mention of the sentence, the nearest
// to the trigger among equals, skipping a place that is the actor ("Baku
// decided").
func pickPlace(ms []PlaceMention, body string, trigger int, skip []*actorHit, sentStart int) (PlaceMention, int, bool) {
	best, bestRank, bestDist := -1, 0, 0
	for i, m := range ms {
		isActor := false
		for _, actor := range skip {
			if actor.weak && m.Start < sentStart+actor.end && sentStart+actor.start < m.End {
				isActor = true
			}
		}
		if isActor || len(ms) > 1 && distanceReference(body, m.Start) {
			continue
		}
		r := kindRank(m.Kind)
		d := m.Start - trigger
		if d < 0 {
			d = trigger - m.End
		}
		if best < 0 || r > bestRank || (r == bestRank && d < bestDist) {
			best, bestRank, bestDist = i, r, d
		}
	}
	if best < 0 {
		return PlaceMention{}, 0, false
	}
	m := ms[best]
	geo := geoPrecision(m.Kind)
	before := strings.ToLower(body[max(0, m.Start-24):m.Start])
	for _, w := range nearWords {
		if strings.HasSuffix(before, w) || strings.HasSuffix(before, w+"the ") {
			geo = max(geo, 2)
		}
	}
	return m, geo, true
}

// deadlineWords, right before a date, make it a deadline ("by 1 July", "до 1
// июля", "bis zum 1. Juli", "entro il 1 luglio").
var deadlineWords = []string{"by", "until", "no later than", "до", "не позднее", "bis", "bis zum", "bis spätestens",
	"d'ici le", "d'ici au", "jusqu'au", "avant le", "hasta el", "antes del", "entro il", "entro", "fino al"}

// deadline reports whether the date at e is a deadline. A range's "until"
// ("from 10 until 12 May") is the parser's, inside the expression.
func deadline(body string, e TimeExpr) bool {
	before := strings.ToLower(strings.TrimRight(body[max(0, e.Start-24):e.Start], " "))
	for _, w := range deadlineWords {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isLetterBefore(before, len(before)-len(w))) {
			return true
		}
	}
	return false
}

// dateCandidates drops dates that name a document rather than an event
// ("the trilateral statement of November 9, 2020") unless the event is an agreement.
func dateCandidates(exprs []TimeExpr, body string, sub SubEventType, reported bool) []TimeExpr {
	out := exprs[:0:0]
	for _, e := range exprs {
		if e.Precision == PrecisionYear && attributiveYear(body, e) {
			continue // "the 2020 war" dates the war, whatever the sentence reports
		}
		if sub == Agreement && reported && deadline(body, e) {
			continue // "agreed to finish by 1 July": the agreement's content, not its day
		}
		if sub == Agreement {
			out = append(out, e)
			continue
		}
		before := strings.ToLower(body[max(0, e.Start-24):e.Start])
		if hasAnySuffix(strings.TrimRight(before, " "), "statement of", "agreement of", "declaration of",
			"resolution of", "decree of", "accord of", "statements of") {
			continue
		}
		if turkicDatedNoun(body[e.End:min(len(body), e.End+40)]) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// attributiveYear reports whether a bare year qualifies a noun ("the 2020
// war", "the 2020 ceasefire agreement", "после войны 2020 года" is not one):
// no preposition before it and a word right after it. Such a year names
// what is talked about, not when the sentence's event happened.
func attributiveYear(body string, e TimeExpr) bool {
	after := body[e.End:]
	if !strings.HasPrefix(after, " ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after[1:])
	if !unicode.IsLetter(r) {
		return false
	}
	words := strings.Fields(strings.ToLower(body[max(0, e.Start-16):e.Start]))
	if len(words) == 0 {
		return false
	}
	switch strings.Trim(words[len(words)-1], "(,") {
	case "in", "since", "by", "until", "till", "during", "from", "to", "of", "before", "after",
		"в", "с", "до", "по", "к", "после", "en", "depuis", "dès", "jusqu'en", "im", "seit", "bis", "ab", "nel", "dal", "fino",
		"desde", "hasta", "durante", "entre", "und", "and", "et", "y", "e", "и":
		return false
	}
	return true
}

// turkicDatedWords, right after a date, make it the date of a document
// rather than of the sentence's event: Azerbaijani and Turkish put the
// date before what it qualifies ("10 noyabr tarixli bəyanat", "10 Kasım
// 2020'de imzalanan bildiri", "10 Kasım 2020 bildirisine göre").
var turkicDatedWords = []string{"tarixli", "tarihli", "imzalan", "imzalad", "bəyanat", "bildirisi", "bildirisin",
	"deklarasiya", "deklarasyon", "saziş", "anlaşma", "mutabakat", "üçtərəfli", "üçlü"}

// turkicDatedNoun reports whether the text after a date opens with one of
// turkicDatedWords.
func turkicDatedNoun(after string) bool {
	ws := wordSpans(strings.ToLower(after))
	if len(ws) == 0 {
		return false
	}
	w := strings.ToLower(after)[ws[0].Start:ws[0].End]
	for _, p := range turkicDatedWords {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// confidence combines the rule's base with what the extractor found:
// an actor, a precise place, a date of the sentence's own.
func confidence(base float64, e Event) float64 {
	c := base
	if e.Actor1 != "" {
		c += 0.1
	}
	switch e.GeoPrecision {
	case 1:
		c += 0.1
	case 2:
		c += 0.05
	}
	if e.TimePrecision != PrecisionNone && !e.DateInherited {
		c += 0.05
	}
	c = math.Min(c, 0.95)
	return math.Round(c*100) / 100
}

func eventID(doc string, sentenceStart int, sub SubEventType) string {
	h := sha256.Sum256([]byte(doc + "\x00" + strconv.Itoa(sentenceStart) + "\x00" + string(sub)))
	return "ev-" + hex.EncodeToString(h[:8])
}
