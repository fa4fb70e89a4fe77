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
	// article's publication date, with week (or month) precision.
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

	Sentence      string `json:"sentence"`
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
// pos (one before pos preferred), or else the publication date with lower
// precision — a day-precise date gives the week up to it (precision week),
// a month gives that month — marked Inherited. With no usable date at all it
// returns a zero When (PrecisionNone).
func SentenceDate(exprs []TimeExpr, sentence Span, pos int, published time.Time, precision Precision) When {
	best, bestDist := -1, math.MaxFloat64
	for i, e := range exprs {
		if e.Start < sentence.Start || e.End > sentence.End || !e.Resolved() {
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
	case PrecisionDay, PrecisionWeek:
		return When{Date: p.AddDate(0, 0, -6), DateEnd: p, Precision: PrecisionWeek, Inherited: true}
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
func articleDates(a *Article) ([]TimeExpr, map[int]string) {
	dayKnown := a.PublishedKnown && a.PublishedPrecision == PrecisionDay
	exprs := FindDates(a.Body, a.Published, dayKnown)
	if dayKnown {
		return exprs, nil
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
		return exprs, notes
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
	return exprs, notes
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

// ExtractEvents finds the events an article reports, one per sentence and
// sub-type at most. mentions are the resolved place names the geoparser found
// in a.Body; the event's place is the most specific one in its sentence
// (checkpoint or bridge, then road or corridor, settlement, district, region,
// country). Sentences without a resolved place give no event. Events framed
// as someone's words (in quotes, after "said", "accused" ...) become
// statements rather than incidents.
func ExtractEvents(a *Article, mentions []PlaceMention) []Event {
	body := a.Body
	low := lowerKeepOffsets(body)
	exprs, notes := articleDates(a)
	qualifier := protesterQualifier(low)
	ms := usableMentions(mentions, len(body))
	hits := triggerKeys.hits(low)
	var out []Event
	for _, sp := range Sentences(body) {
		sentMentions := mentionsIn(ms, sp)
		if len(sentMentions) == 0 {
			continue // no place, no event
		}
		s := low[sp.Start:sp.End]
		cands := matchRules(s, sp, hits)
		if len(cands) == 0 {
			continue
		}
		orig := body[sp.Start:sp.End]
		kept := cands[:0]
		for _, c := range cands {
			r := rules[c.rule]
			if (!r.ownNegation && negated(s, c.start)) || intended(s, c.start) || background(s, c.start) {
				continue
			}
			kept = append(kept, c)
		}
		if len(kept) == 0 {
			continue
		}
		acts := findActors(s, func(keys []string) bool { return hits.anyIn(keys, sp.Start, sp.End) })
		quotes := quoteSpans(orig)
		var statement *Event
		statementBase := 0.0
		var events []Event
		for ci, c := range kept {
			r := rules[c.rule]
			why, speechAt := "", -1
			if r.sub != Statement {
				why, speechAt = framing(s, c.start, c.end, quotes)
			}
			// The actor of a claim is who makes it: the subject of the speech word.
			at, atEnd := c.start, c.end
			if speechAt >= 0 {
				at, atEnd = speechAt, speechAt+len(wordAt(s, speechAt))
			}
			a1, a2, a1hit := pickActors(acts, s, at, atEnd, qualifier)
			if why != "" {
				// A claim's parties are its speaker; the actors of what it is
				// about stay in the sentence.
				a2 = ""
				if why == "quote" {
					a1, a1hit = quoteSpeaker(acts, s, quotes, c.start, speechAt, qualifier)
				}
			}
			if r.needsActor && a1 == "" {
				continue
			}
			if r.sub.Type() == Protests {
				a1, a2 = protestActors(a1, a2, qualifier)
			}
			// Several events in one sentence each take the places of their own
			// stretch of it: from halfway after the previous trigger to halfway
			// before the next.
			seg := segment(kept, ci, sp)
			m, geo, ok := pickPlace(mentionsIn(sentMentions, seg), body, sp.Start+c.start, a1hit, sp.Start)
			if !ok {
				m, geo, ok = pickPlace(sentMentions, body, sp.Start+c.start, a1hit, sp.Start)
			}
			if !ok {
				continue
			}
			ev := Event{
				Doc:           a.ID,
				EventType:     r.sub.Type(),
				SubEventType:  r.sub,
				Actor1:        a1,
				Actor2:        a2,
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
				Rule:          r.id,
				Outlet:        a.OutletID(),
				Perspective:   a.Perspective(),
			}
			// A statement is dated by when it was made: dates before the
			// speech word and outside quotes, not the dates of what it is about.
			dates, datePos := dateCandidates(exprs, body, r.sub), sp.Start+c.start
			if why != "" {
				dates = statementDates(dates, sp.Start, quotes, speechAt)
				if speechAt >= 0 {
					datePos = sp.Start + speechAt
				}
			}
			w := SentenceDate(dates, sp, datePos, a.Published, publishedPrecision(a))
			ev.EventDate, ev.DateEnd, ev.TimePrecision = w.Date, w.DateEnd, w.Precision
			ev.DateInherited, ev.DateText, ev.Since = w.Inherited, w.Text, w.Since
			if w.Text != "" {
				ev.DateNote = notes[w.Start]
			}
			ev.Confidence = confidence(r.conf, ev)
			if why != "" || r.sub == Statement {
				if why != "" {
					ev.Rule += "+statement:" + why
				}
				ev.EventType, ev.SubEventType = StrategicDevelopments, Statement
				ev.Confidence = confidence(0.45, ev)
				// One statement per sentence: the one whose rule is surest of its subject.
				if statement == nil || r.conf > statementBase || (r.conf == statementBase && ev.Confidence > statement.Confidence) {
					ev := ev
					statement, statementBase = &ev, r.conf
				}
				continue
			}
			events = append(events, ev)
		}
		if statement != nil && len(events) == 0 {
			events = append(events, *statement)
		}
		for i := range events {
			events[i].ID = eventID(a.ID, sp.Start, events[i].SubEventType)
		}
		out = append(out, events...)
	}
	return out
}

// publishedPrecision is the precision of the article's date, none when unknown.
func publishedPrecision(a *Article) Precision {
	if !a.PublishedKnown {
		return PrecisionNone
	}
	return a.PublishedPrecision
}

// candidate is one rule match in a sentence (offsets relative to it).
type candidate struct {
	rule       int
	start, end int
}

// matchRules runs the rules whose keys occur in the sentence at sp of the
// lower-cased text s and keeps, per sub-type, the best match: verbal before
// nominal, then the more confident, then the earlier one.
func matchRules(s string, sp Span, hits keyHits) []candidate {
	best := make(map[SubEventType]candidate)
	for ri := range rules {
		r := &rules[ri]
		if !hits.anyIn(r.keys, sp.Start, sp.End) {
			continue
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
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
			c := candidate{ri, start, end}
			old, ok := best[r.sub]
			if !ok || better(c, old) {
				best[r.sub] = c
			}
		}
	}
	out := make([]candidate, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].rule < out[j].rule
	})
	return out
}

func better(c, old candidate) bool {
	rc, ro := rules[c.rule], rules[old.rule]
	if rc.verbal != ro.verbal {
		return rc.verbal
	}
	if rc.conf != ro.conf {
		return rc.conf > ro.conf
	}
	return c.start < old.start
}

// wordsBefore returns up to n words before byte pos, nearest first, stopping
// at clause punctuation and at clause-opening words; reachedStart tells
// whether the scan hit the start of the clause rather than the limit.
func wordsBefore(s string, pos, n int) (words []string, reachedStart bool) {
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
	words, _ := wordsBefore(s, pos, 3)
	for _, w := range words {
		if negationWords[w] || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			return true
		}
	}
	return false
}

// intended reports whether the trigger's clause makes it a plan, wish or condition.
func intended(s string, pos int) bool {
	words, _ := wordsBefore(s, pos, 12)
	for k, w := range words {
		if intentWords[w] {
			return true
		}
		if w == "like" && k+1 < len(words) && words[k+1] == "would" {
			return true
		}
	}
	return false
}

// background reports whether the trigger's clause opens with "since",
// "because", "while" ...: it explains the news rather than being it.
func background(s string, pos int) bool {
	words, start := wordsBefore(s, pos, 12)
	return start && len(words) > 0 && backgroundWords[words[len(words)-1]]
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
	var out []Span
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

// statementDates keeps the dates that can say when a statement was made:
// outside quotations and, when the speech word is known, before it.
func statementDates(exprs []TimeExpr, sentStart int, quotes []Span, speechAt int) []TimeExpr {
	out := exprs[:0:0]
	for _, e := range exprs {
		rel := e.Start - sentStart
		if speechAt >= 0 && e.End-sentStart > speechAt {
			continue
		}
		quoted := false
		for _, q := range quotes {
			if rel >= q.Start && rel < q.End {
				quoted = true
				break
			}
		}
		if !quoted {
			out = append(out, e)
		}
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
			"around", "by", "than", "like":
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
func pickPlace(ms []PlaceMention, body string, trigger int, actor *actorHit, sentStart int) (PlaceMention, int, bool) {
	best, bestRank, bestDist := -1, 0, 0
	for i, m := range ms {
		if actor != nil && actor.weak && m.Start < sentStart+actor.end && sentStart+actor.start < m.End {
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

// dateCandidates drops dates that name a document rather than an event
// ("the trilateral statement of November 9, 2020") unless the event is an agreement.
func dateCandidates(exprs []TimeExpr, body string, sub SubEventType) []TimeExpr {
	if sub == Agreement {
		return exprs
	}
	out := exprs[:0:0]
	for _, e := range exprs {
		before := strings.ToLower(body[max(0, e.Start-24):e.Start])
		if hasAnySuffix(strings.TrimRight(before, " "), "statement of", "agreement of", "declaration of",
			"resolution of", "decree of", "accord of", "statements of") {
			continue
		}
		out = append(out, e)
	}
	return out
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
