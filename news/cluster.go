package news

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"time"
)

// Cluster groups the reports of one event: events of the same type and
// sub-type, at the same or nested places, with overlapping dates, usually
// from different documents and outlets.
type Cluster struct {
	ID           string       `json:"id"` // deterministic: from the first member's id
	EventType    EventType    `json:"event_type"`
	SubEventType SubEventType `json:"sub_event_type"`
	// PlaceID is the most specific member place, the one lying within all the others.
	PlaceID string `json:"place_id"`
	// Date and DateEnd are the days every dated member agrees on (the
	// intersection of their ranges); zero when no member is dated.
	Date          time.Time     `json:"date"`
	DateEnd       time.Time     `json:"date_end"`
	TimePrecision Precision     `json:"time_precision"`
	Events        []Event       `json:"events"`
	Documents     []string      `json:"documents"`
	Outlets       []string      `json:"outlets"` // outlet ids, sorted; events of unknown outlets add none
	Perspectives  []Perspective `json:"perspectives"`
	Confidence    float64       `json:"confidence"` // the surest member's
}

// MarshalJSON writes dates as "2006-01-02", null when unknown.
func (c Cluster) MarshalJSON() ([]byte, error) {
	type plain Cluster
	return json.Marshal(struct {
		plain
		Date    *string `json:"date"`
		DateEnd *string `json:"date_end"`
	}{plain(c), dayString(c.Date), dayString(c.DateEnd)})
}

// ClusterEvents groups events that report the same thing. within(child,
// parent) tells whether one place lies in another (the gazetteer's nesting);
// it may be nil, and then only equal places match. Two events join when they
// have the same type and sub-type, places equal or nested either way,
// overlapping date ranges, and, for statements, the same speaker. Events of
// one document join each other only when they are the same event (same place
// and the same dates of their own), so an article's several blockades stay
// apart. An undated event joins a cluster only when exactly one fits.
// Clusters and their members come out in a deterministic order.
func ClusterEvents(events []Event, within func(child, parent string) bool) []Cluster {
	if within == nil {
		within = func(string, string) bool { return false }
	}
	sorted := append([]Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return eventBefore(sorted[i], sorted[j]) })

	var groups [][]Event
	for _, e := range sorted {
		_, _, dated := e.Range()
		fits := -1
		count := 0
		for gi, g := range groups {
			if !fitsGroup(e, g, within) {
				continue
			}
			count++
			if fits < 0 {
				fits = gi
			}
			if dated {
				break // the earliest fitting group; dates already make the match specific
			}
		}
		if fits >= 0 && (dated || count == 1) {
			groups[fits] = append(groups[fits], e)
			continue
		}
		groups = append(groups, []Event{e})
	}

	out := make([]Cluster, 0, len(groups))
	for _, g := range groups {
		out = append(out, newCluster(g, within))
	}
	return out
}

// eventBefore orders dated events by date, then undated ones, each by
// document and position.
func eventBefore(a, b Event) bool {
	_, _, ad := a.Range()
	_, _, bd := b.Range()
	if ad != bd {
		return ad
	}
	if ad && !a.EventDate.Equal(b.EventDate) {
		return a.EventDate.Before(b.EventDate)
	}
	if ad && !a.DateEnd.Equal(b.DateEnd) {
		return a.DateEnd.Before(b.DateEnd)
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	if a.SentenceStart != b.SentenceStart {
		return a.SentenceStart < b.SentenceStart
	}
	return a.SubEventType < b.SubEventType
}

func fitsGroup(e Event, g []Event, within func(string, string) bool) bool {
	for _, m := range g {
		if m.EventType != e.EventType || m.SubEventType != e.SubEventType {
			return false
		}
		if m.PlaceID != e.PlaceID && !within(e.PlaceID, m.PlaceID) && !within(m.PlaceID, e.PlaceID) {
			return false
		}
		if e.SubEventType == Statement && e.Actor1 != "" && m.Actor1 != "" && e.Actor1 != m.Actor1 {
			return false
		}
		es, ee, eok := e.Range()
		ms, me, mok := m.Range()
		if eok && mok && (es.After(me) || ms.After(ee)) {
			return false
		}
		if m.Doc == e.Doc && !sameEvent(e, m) {
			return false
		}
	}
	return true
}

// sameEvent reports whether two events of one document are one event told
// twice: same place and the same dates, each the sentence's own.
func sameEvent(a, b Event) bool {
	as, ae, aok := a.Range()
	bs, be, bok := b.Range()
	return aok && bok && !a.DateInherited && !b.DateInherited && a.PlaceID == b.PlaceID &&
		as.Equal(bs) && ae.Equal(be)
}

func newCluster(g []Event, within func(string, string) bool) Cluster {
	c := Cluster{
		ID:           clusterID(g[0].ID),
		EventType:    g[0].EventType,
		SubEventType: g[0].SubEventType,
		PlaceID:      g[0].PlaceID,
		Events:       g,
	}
	// The most specific place: one that lies within (or is) every other.
	for _, cand := range g {
		ok := true
		for _, m := range g {
			if m.PlaceID != cand.PlaceID && !within(cand.PlaceID, m.PlaceID) {
				ok = false
				break
			}
		}
		if ok {
			c.PlaceID = cand.PlaceID
			break
		}
	}
	docs := map[string]bool{}
	outlets := map[string]bool{}
	persp := map[Perspective]bool{}
	for _, m := range g {
		docs[m.Doc] = true
		if m.Outlet != "" {
			outlets[m.Outlet] = true
		}
		if m.Perspective != "" {
			persp[m.Perspective] = true
		}
		c.Confidence = max(c.Confidence, m.Confidence)
		s, e, ok := m.Range()
		if !ok {
			continue
		}
		if c.Date.IsZero() || s.After(c.Date) {
			c.Date = s
		}
		if c.DateEnd.IsZero() || e.Before(c.DateEnd) {
			c.DateEnd = e
		}
	}
	if !c.Date.IsZero() {
		c.TimePrecision = precisionOf(c.Date, c.DateEnd)
	}
	c.Documents = sortedKeys(docs)
	c.Outlets = sortedKeys(outlets)
	for _, p := range Perspectives {
		if persp[p] {
			c.Perspectives = append(c.Perspectives, p)
		}
	}
	return c
}

// precisionOf gives the precision a range of days amounts to; a season
// (three months) still counts as month precision, as in FindDates.
func precisionOf(first, last time.Time) Precision {
	switch days := int(last.Sub(first).Hours()/24) + 1; {
	case days <= 1:
		return PrecisionDay
	case days <= 7:
		return PrecisionWeek
	case days <= 92:
		return PrecisionMonth
	}
	return PrecisionYear
}

func clusterID(seed string) string {
	h := sha256.Sum256([]byte(seed))
	return "cl-" + hex.EncodeToString(h[:8])
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
