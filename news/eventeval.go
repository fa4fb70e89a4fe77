package news

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo"
)

// EventGold is an event gold file (seeds/gold/events/README.md): for each
// document, the happenings it reports, annotated by hand.
type EventGold struct {
	Documents []EventGoldDocument `json:"documents"`
}

// EventGoldDocument is one annotated excerpt; File is relative to the gold file.
type EventGoldDocument struct {
	ID        string      `json:"id"`
	File      string      `json:"file"`
	Language  string      `json:"language"`
	URL       string      `json:"url,omitempty"`
	Outlet    string      `json:"outlet,omitempty"`
	Published string      `json:"published,omitempty"`
	Events    []GoldEvent `json:"events"`
}

// GoldEvent is one happening of a gold document.
type GoldEvent struct {
	SubEventType  SubEventType   `json:"sub_event_type"`
	Modality      Modality       `json:"modality,omitempty"`
	Place         string         `json:"place"`
	Lat           float64        `json:"lat"`
	Lon           float64        `json:"lon"`
	Kind          gazetteer.Kind `json:"kind"`
	ToleranceKm   float64        `json:"tolerance_km,omitempty"`
	GeoPrecision  int            `json:"geo_precision,omitempty"`
	Date          string         `json:"date,omitempty"` // "" (null in the file) when the text gives no date
	TimePrecision Precision      `json:"time_precision"`
	Actor1        string         `json:"actor1,omitempty"`
	Actor2        string         `json:"actor2,omitempty"`
	Source        string         `json:"source,omitempty"`
	Evidence      []string       `json:"evidence"`
}

// Point is the gold event's reference point.
func (g *GoldEvent) Point() orb.Point { return orb.Point{g.Lon, g.Lat} }

// Tolerance is how far a predicted place may lie from the gold point: the
// gold's own tolerance_km, or the default of its kind.
func (g *GoldEvent) Tolerance() float64 {
	if g.ToleranceKm > 0 {
		return g.ToleranceKm
	}
	return EventToleranceKm(g.Kind)
}

// Period returns the days the gold date stands for: the date to the end of
// its precision's period (a day, the week from that Monday, the month, the
// year); false when the gold event is undated.
func (g *GoldEvent) Period() (time.Time, time.Time, bool) {
	if g.Date == "" || g.TimePrecision == PrecisionNone {
		return time.Time{}, time.Time{}, false
	}
	d, err := parseGoldDate(g.Date)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	switch g.TimePrecision {
	case PrecisionWeek:
		return d, d.AddDate(0, 0, 6), true
	case PrecisionMonth:
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		return d, first.AddDate(0, 1, -1), true
	case PrecisionYear:
		return d, time.Date(d.Year(), 12, 31, 0, 0, 0, 0, time.UTC), true
	}
	return d, d, true
}

func parseGoldDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
}

// EventToleranceKm is the default distance, by kind of place, within which a
// predicted event's place counts as the gold one.
func EventToleranceKm(k gazetteer.Kind) float64 {
	switch k {
	case gazetteer.KindBridge, gazetteer.KindCheckpoint, gazetteer.KindBorderCrossing:
		return 2
	case gazetteer.KindSettlement, gazetteer.KindCity, gazetteer.KindCapital:
		return 5
	case gazetteer.KindRoad, gazetteer.KindCorridor:
		return 15
	case gazetteer.KindDistrict:
		return 25
	case gazetteer.KindRegion:
		return 60
	case gazetteer.KindCountry:
		return 400
	}
	return 5
}

// MatchRadiusKm is how near a predicted place must lie to the gold point
// for the two to be taken for the same happening when the sentence does not
// overlap the evidence, and what "at the right place" means.
const MatchRadiusKm = 30

// ErrInvalidGold is returned for a gold file that cannot be scored.
var ErrInvalidGold = errors.New("news: invalid event gold")

// ReadEventGold parses and checks an event gold file.
func ReadEventGold(r io.Reader) (*EventGold, error) {
	var raw struct {
		Documents []struct {
			EventGoldDocument
			Events []struct {
				GoldEvent
				Date *string `json:"date"`
			} `json:"events"`
		} `json:"documents"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidGold, err)
	}
	if len(raw.Documents) == 0 {
		return nil, fmt.Errorf("%w: no documents", ErrInvalidGold)
	}
	g := &EventGold{}
	for i, rd := range raw.Documents {
		d := rd.EventGoldDocument
		if d.File == "" {
			return nil, fmt.Errorf("%w: document %d (%s) has no file", ErrInvalidGold, i, d.ID)
		}
		if d.ID == "" {
			d.ID = d.File
		}
		d.Events = make([]GoldEvent, 0, len(rd.Events))
		for j, re := range rd.Events {
			e := re.GoldEvent
			if re.Date != nil {
				e.Date = *re.Date
			}
			where := fmt.Sprintf("document %s, event %d", d.ID, j)
			switch {
			case !e.SubEventType.Valid():
				return nil, fmt.Errorf("%w: %s: unknown sub_event_type %q", ErrInvalidGold, where, e.SubEventType)
			case !e.Modality.Valid():
				return nil, fmt.Errorf("%w: %s: unknown modality %q", ErrInvalidGold, where, e.Modality)
			case math.Abs(e.Lat) > 90 || math.Abs(e.Lon) > 180 || (e.Lat == 0 && e.Lon == 0):
				return nil, fmt.Errorf("%w: %s: lat/lon missing or out of range", ErrInvalidGold, where)
			case !e.TimePrecision.Valid():
				return nil, fmt.Errorf("%w: %s: time_precision must be 0 to 4", ErrInvalidGold, where)
			}
			if e.Date != "" {
				if _, err := parseGoldDate(e.Date); err != nil {
					return nil, fmt.Errorf("%w: %s: %v", ErrInvalidGold, where, err)
				}
			}
			d.Events = append(d.Events, e)
		}
		g.Documents = append(g.Documents, d)
	}
	return g, nil
}

// PredictedDocument is what extraction made of one gold document: its
// title and body (the evidence is looked for in them) and its events.
type PredictedDocument struct {
	Title, Body string
	Events      []PredictedEvent
}

// PredictedEvent is an extracted event with its place's own geometry (a
// line for a road, a point for a settlement); nil when the place has none.
type PredictedEvent struct {
	Event
	Geometry orb.Geometry
}

// Predict turns what Ingester.Analyse made of an article into the
// prediction the scorer takes: each event with its place's geometry.
func Predict(p *Parsed) PredictedDocument {
	geoms := map[string]orb.Geometry{}
	for _, m := range p.Mentions {
		if m.Place == nil {
			continue
		}
		if _, ok := geoms[m.Place.ID]; !ok && m.Geometry != nil {
			geoms[m.Place.ID] = m.Geometry
		}
	}
	for id, pt := range p.Sites {
		if _, ok := geoms[id]; !ok {
			geoms[id] = pt
		}
	}
	d := PredictedDocument{Title: p.Article.Title, Body: p.Article.Body}
	for _, e := range p.Events {
		d.Events = append(d.Events, PredictedEvent{Event: e, Geometry: geoms[e.PlaceID]})
	}
	return d
}

// EventScores are the figures of an event evaluation, over all documents or
// some of them.
type EventScores struct {
	Documents int     `json:"documents"`
	Gold      int     `json:"gold_events"`
	Predicted int     `json:"predicted_events"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// PlaceOK is the share of matched events whose place lies within the
	// gold tolerance; DateOK the share of matched dated gold events whose
	// predicted date falls in the gold period, no coarser than the gold's.
	PlaceOKCount int     `json:"place_ok_count"`
	PlaceOK      float64 `json:"place_ok"`
	Dated        int     `json:"matched_dated"`
	DateOKCount  int     `json:"date_ok_count"`
	DateOK       float64 `json:"date_ok"`
	// ModalityOK, SourceOK and Actor1OK are the shares of matched events
	// with the gold's modality, source and first actor (case aside).
	ModalityOK float64 `json:"modality_ok"`
	SourceOK   float64 `json:"source_ok"`
	Actor1OK   float64 `json:"actor1_ok"`
	// The hidden-set figures: the share of gold events found at the right
	// place (within MatchRadiusKm), and at the right place and date (an
	// undated gold event needs no date); and the share of predicted events
	// that match some gold happening of their document, duplicates counted.
	RecallAtPlace        float64 `json:"recall_at_place"`
	RecallAtPlaceAndDate float64 `json:"recall_at_place_and_date"`
	PrecisionAnyMatch    float64 `json:"precision_any_match"`

	modalityOK, sourceOK, actor1OK, atPlace, atPlaceDate, anyMatch int
}

// EventReport is the result of scoring extracted events against the gold.
type EventReport struct {
	EventScores
	PerLanguage     map[string]*EventScores `json:"per_language"`
	PerSubEventType map[string]*EventScores `json:"per_sub_event_type"`
	PerDocument     []EventDocumentReport   `json:"per_document"`
}

// EventDocumentReport lists what went wrong in one document.
type EventDocumentReport struct {
	ID        string   `json:"id"`
	Language  string   `json:"language"`
	Gold      int      `json:"gold_events"`
	Predicted int      `json:"predicted_events"`
	Matched   int      `json:"matched"`
	Missed    []string `json:"missed,omitempty"`      // gold events no prediction matched
	Spurious  []string `json:"spurious,omitempty"`    // predictions that match no gold event
	WrongSite []string `json:"wrong_place,omitempty"` // matched, place beyond tolerance
	WrongDate []string `json:"wrong_date,omitempty"`  // matched, date outside the gold period or coarser
	// Unfound lists evidence strings that are not in the document's text.
	Unfound []string `json:"evidence_not_found,omitempty"`
	// Extracted lists every prediction with its date and how it was found,
	// for reading what went wrong.
	Extracted []string `json:"extracted,omitempty"`
}

// pair is a possible match of prediction p with gold event g.
type pair struct {
	p, g    int
	overlap bool
	dateOK  bool // the prediction's date agrees with the gold one's
	km      float64
}

// EvaluateEvents scores predictions against gold documents (the two slices
// in the same order). A predicted event matches a gold event of its
// document when their sub-event types are equal and its sentence overlaps
// one of the gold evidence passages or its place lies within MatchRadiusKm
// of the gold point; each is matched once, greedily, overlapping evidence
// first, then the nearest.
func EvaluateEvents(docs []EventGoldDocument, preds []PredictedDocument) EventReport {
	rep := EventReport{PerLanguage: map[string]*EventScores{}, PerSubEventType: map[string]*EventScores{}}
	bucket := func(m map[string]*EventScores, k string) *EventScores {
		s, ok := m[k]
		if !ok {
			s = &EventScores{}
			m[k] = s
		}
		return s
	}
	for i, d := range docs {
		var pd PredictedDocument
		if i < len(preds) {
			pd = preds[i]
		}
		lang := documentLanguage(d)
		dr := EventDocumentReport{ID: d.ID, Language: lang, Gold: len(d.Events), Predicted: len(pd.Events)}
		text := newFoldedText(pd.Body)
		title := newFoldedText(pd.Title)
		// Where each gold event's evidence lies in the body and the title.
		spans := make([][]Span, len(d.Events))
		titled := make([]bool, len(d.Events))
		for gi, g := range d.Events {
			for _, ev := range g.Evidence {
				found := false
				for _, sp := range text.find(ev) {
					spans[gi] = append(spans[gi], sp)
					found = true
				}
				if len(title.find(ev)) > 0 {
					titled[gi], found = true, true
				}
				if !found {
					dr.Unfound = append(dr.Unfound, ev)
				}
			}
		}
		var pairs []pair
		anyMatch := make([]bool, len(pd.Events))
		for pi, p := range pd.Events {
			for gi, g := range d.Events {
				if p.SubEventType != g.SubEventType {
					continue
				}
				pr := pair{p: pi, g: gi, km: distanceKm(g.Point(), p.Geometry)}
				_, pr.dateOK = dateMatches(g, p.Event)
				if p.Headline {
					pr.overlap = titled[gi]
				} else {
					for _, sp := range spans[gi] {
						if sp.Start < p.SentenceEnd && p.SentenceStart < sp.End {
							pr.overlap = true
							break
						}
					}
				}
				if pr.overlap || pr.km <= MatchRadiusKm {
					pairs = append(pairs, pr)
					anyMatch[pi] = true
				}
			}
		}
		sort.SliceStable(pairs, func(a, b int) bool {
			x, y := pairs[a], pairs[b]
			if x.overlap != y.overlap {
				return x.overlap
			}
			// Of two reports of one kind in one stretch, the one of the same
			// day is the same happening.
			if x.dateOK != y.dateOK {
				return x.dateOK
			}
			if x.km != y.km {
				return x.km < y.km
			}
			if x.g != y.g {
				return x.g < y.g
			}
			return x.p < y.p
		})
		matchOf := make([]int, len(d.Events))
		for gi := range matchOf {
			matchOf[gi] = -1
		}
		usedP := make([]bool, len(pd.Events))
		kmOf := make([]float64, len(d.Events))
		for _, pr := range pairs {
			if matchOf[pr.g] >= 0 || usedP[pr.p] {
				continue
			}
			matchOf[pr.g], usedP[pr.p], kmOf[pr.g] = pr.p, true, pr.km
		}

		scopes := []*EventScores{&rep.EventScores, bucket(rep.PerLanguage, lang)}
		for _, s := range scopes {
			s.Documents++
		}
		add := func(sub SubEventType, f func(s *EventScores)) {
			for _, s := range scopes {
				f(s)
			}
			f(bucket(rep.PerSubEventType, string(sub)))
		}
		for pi, p := range pd.Events {
			add(p.SubEventType, func(s *EventScores) {
				s.Predicted++
				if anyMatch[pi] {
					s.anyMatch++
				}
			})
			if !usedP[pi] {
				dr.Spurious = append(dr.Spurious, describePrediction(p))
			}
			dr.Extracted = append(dr.Extracted, explainPrediction(p))
		}
		for gi, g := range d.Events {
			pi := matchOf[gi]
			if pi < 0 {
				add(g.SubEventType, func(s *EventScores) { s.Gold++ })
				dr.Missed = append(dr.Missed, describeGold(g))
				continue
			}
			p := pd.Events[pi]
			dr.Matched++
			placeOK := kmOf[gi] <= g.Tolerance()
			if !placeOK {
				dr.WrongSite = append(dr.WrongSite, fmt.Sprintf("%s: %s, %s (%.1f km, tolerance %.0f)",
					g.SubEventType, g.Place, orDash(p.PlaceID), kmOf[gi], g.Tolerance()))
			}
			dated, dateOK := dateMatches(g, p.Event)
			if dated && !dateOK {
				dr.WrongDate = append(dr.WrongDate, fmt.Sprintf("%s at %s: %s/%d, gold %s/%d",
					g.SubEventType, g.Place, orDash(dayOrEmpty(p.EventDate)), p.TimePrecision, g.Date, g.TimePrecision))
			}
			add(g.SubEventType, func(s *EventScores) {
				s.Gold++
				s.Matched++
				if placeOK {
					s.PlaceOKCount++
				}
				if dated {
					s.Dated++
					if dateOK {
						s.DateOKCount++
					}
				}
				if modalityOf(p.Modality) == modalityOf(g.Modality) {
					s.modalityOK++
				}
				if strings.EqualFold(strings.TrimSpace(p.Source), strings.TrimSpace(g.Source)) {
					s.sourceOK++
				}
				if strings.EqualFold(strings.TrimSpace(p.Actor1), strings.TrimSpace(g.Actor1)) {
					s.actor1OK++
				}
				if kmOf[gi] <= MatchRadiusKm {
					s.atPlace++
					if !dated || dateOK {
						s.atPlaceDate++
					}
				}
			})
		}
		rep.PerDocument = append(rep.PerDocument, dr)
	}
	rep.EventScores.finish()
	for _, m := range []map[string]*EventScores{rep.PerLanguage, rep.PerSubEventType} {
		for _, s := range m {
			s.finish()
		}
	}
	return rep
}

// finish turns the counts into shares.
func (s *EventScores) finish() {
	s.Precision = share(s.Matched, s.Predicted)
	s.Recall = share(s.Matched, s.Gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = round3(2 * s.Precision * s.Recall / (s.Precision + s.Recall))
	}
	s.PlaceOK = share(s.PlaceOKCount, s.Matched)
	s.DateOK = share(s.DateOKCount, s.Dated)
	s.ModalityOK = share(s.modalityOK, s.Matched)
	s.SourceOK = share(s.sourceOK, s.Matched)
	s.Actor1OK = share(s.actor1OK, s.Matched)
	s.RecallAtPlace = share(s.atPlace, s.Gold)
	s.RecallAtPlaceAndDate = share(s.atPlaceDate, s.Gold)
	s.PrecisionAnyMatch = share(s.anyMatch, s.Predicted)
}

// dateMatches reports whether the gold event is dated, and if so whether
// the prediction's first day falls within the gold period with a precision
// no coarser than the gold's.
func dateMatches(g GoldEvent, p Event) (dated, ok bool) {
	from, to, dated := g.Period()
	if !dated {
		return false, false
	}
	if p.TimePrecision == PrecisionNone || p.EventDate.IsZero() || p.TimePrecision > g.TimePrecision {
		return true, false
	}
	return true, !p.EventDate.Before(from) && !p.EventDate.After(to)
}

func modalityOf(m Modality) Modality {
	if m == "" {
		return Reported
	}
	return m
}

// distanceKm is how far the gold point lies from a predicted geometry
// (zero inside an area, the nearest point of a line); infinite without one.
func distanceKm(p orb.Point, g orb.Geometry) float64 {
	if g == nil {
		return math.Inf(1)
	}
	return geo.DistanceToGeometry(p, g)
}

func documentLanguage(d EventGoldDocument) string {
	if d.Language != "" {
		return d.Language
	}
	if i := strings.IndexAny(d.File, "/\\"); i > 0 {
		return d.File[:i]
	}
	if i := strings.IndexByte(d.ID, '-'); i > 0 {
		return d.ID[:i]
	}
	return "?"
}

func describeGold(g GoldEvent) string {
	ev := ""
	if len(g.Evidence) > 0 {
		ev = ": " + clip(g.Evidence[0], 80)
	}
	return fmt.Sprintf("%s at %s%s", g.SubEventType, g.Place, ev)
}

func describePrediction(p PredictedEvent) string {
	return fmt.Sprintf("%s at %s: %s", p.SubEventType, orDash(p.PlaceID), clip(p.Sentence, 80))
}

// explainPrediction says what a prediction is, when and where, and where
// its date and trigger come from.
func explainPrediction(p PredictedEvent) string {
	date := orDash(dayOrEmpty(p.EventDate))
	if p.DateText != "" {
		date += " «" + p.DateText + "»"
	}
	if p.DateNote != "" {
		date += " (" + p.DateNote + ")"
	}
	return fmt.Sprintf("%s [%s] at %s (%s) %s/%d, trigger «%s»: %s", p.SubEventType, p.Modality,
		orDash(p.PlaceID), p.PlaceName, date, p.TimePrecision, p.Trigger, clip(p.Sentence, 160))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func dayOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round3(float64(a) / float64(b))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// foldedText is a text folded for finding evidence in it despite case,
// runs of white space and typographic quotes and dashes, with the byte
// offset in the original of every folded byte.
type foldedText struct {
	s   string
	off []int // off[i]: offset in the original of folded byte i; one more at the end
}

func newFoldedText(s string) foldedText {
	var b strings.Builder
	off := make([]int, 0, len(s)+1)
	space := false
	for i, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				off = append(off, i)
			}
			space = true
			continue
		}
		space = false
		n := b.Len()
		b.WriteRune(foldRune(r))
		for range b.Len() - n {
			off = append(off, i)
		}
	}
	off = append(off, len(s))
	return foldedText{s: b.String(), off: off}
}

func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	case '\u00a0':
		return ' '
	}
	return unicode.ToLower(r)
}

// find returns the spans of the original text where the passage occurs.
// An ellipsis ("..." or "…") in the passage stands for any text between its
// parts, which must occur in order.
func (t foldedText) find(passage string) []Span {
	var parts []string
	for _, p := range strings.Split(strings.ReplaceAll(passage, "…", "..."), "...") {
		if f := strings.TrimSpace(newFoldedText(p).s); f != "" {
			parts = append(parts, f)
		}
	}
	if len(parts) == 0 || t.s == "" {
		return nil
	}
	var out []Span
	for from := 0; from < len(t.s); {
		i := strings.Index(t.s[from:], parts[0])
		if i < 0 {
			break
		}
		start := from + i
		end := start + len(parts[0])
		ok := true
		for _, p := range parts[1:] {
			j := strings.Index(t.s[end:], p)
			if j < 0 {
				ok = false
				break
			}
			end += j + len(p)
		}
		if !ok {
			break
		}
		out = append(out, Span{Start: t.off[start], End: t.off[end]})
		from = start + len(parts[0])
	}
	return out
}
