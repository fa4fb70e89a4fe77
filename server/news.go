package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
)

// newsState is the version of the news tables, which every feature of the
// events and mentions collections is built from alone.
func (s *Server) newsState(ctx context.Context) (state, error) {
	v, at, err := s.deps.News.Changed(ctx)
	return state{Tag: "news:" + strconv.FormatInt(v, 10), Changed: at}, err
}

// eventCollection is the events reported in the stored documents.
func (s *Server) eventCollection() *collection {
	store := s.deps.News
	types := make([]string, len(news.EventTypes))
	for i, t := range news.EventTypes {
		types[i] = string(t)
	}
	subs := make([]string, len(news.Taxonomy))
	for i, c := range news.Taxonomy {
		subs[i] = string(c.Sub)
	}
	modalities := []string{string(news.Reported), string(news.Planned), string(news.Threatened), string(news.Denied)}
	persp := make([]string, len(news.Perspectives), len(news.Perspectives)+1)
	for i, p := range news.Perspectives {
		persp[i] = string(p)
	}
	persp = append(persp, news.PerspectiveUnknown)
	return &collection{
		ID: "events", Title: "Events",
		Description: "Events reported in the articles, coded after ACLED (event_type, sub_event_type, actors, " +
			"event_date to date_end with time_precision, geo_precision), each at the representative point of its " +
			"place (place_id leads to the place's own geometry), with the sentence it comes from, its document and " +
			"outlet, who reports or claims it (source) and how the text holds it (modality: reported, planned, " +
			"threatened or denied), and the other reports of the same event (cluster_id, reports).",
		Temporal: true,
		Sortable: true,
		Filters: []filter{
			{Name: "event_type", Description: "Only events of these ACLED event types (comma-separated).", Enum: types, List: true},
			{Name: "sub_event_type", Description: "Only events of these sub-event types (comma-separated).", Enum: subs, List: true},
			{Name: "outlet", Description: "Only events reported by these outlets (ids, comma-separated).", List: true, Check: checkSlug},
			{Name: "perspective", Description: "Only events reported by outlets of these perspectives (comma-separated); unknown stands for outlets of no known perspective.", Enum: persp, List: true},
			{Name: "place_id", Description: "Only events at these places (gazetteer ids, comma-separated).", List: true, Check: checkSlug},
			{Name: "cluster_id", Description: "Only the reports of these events (cluster ids, comma-separated).", List: true, Check: checkSlug},
			{Name: "modality", Description: "Only events the text holds so: reported, planned, threatened or denied (comma-separated).", Enum: modalities, List: true},
			{Name: "source", Description: "Only events reported or claimed by this source (as written in the source property)."},
			{Name: "actor", Description: "Only events with one of these actors as actor1 or actor2 (as written there, comma-separated).", List: true, Check: checkActor},
			{Name: "precision", Description: "Only events located so precisely (geo_precision: 1 at the place, 2 near it, 3 only the region; comma-separated).", Enum: []string{"1", "2", "3"}, List: true},
			{Name: "q", Description: "Only events whose sentence or place name holds every word of this text as a whole word; case, diacritics and punctuation are ignored.", Check: checkName},
		},
		State: s.newsState,
		Extent: func(ctx context.Context) (extent, error) {
			x, err := store.EventExtent(ctx)
			if err != nil {
				return extent{}, err
			}
			ext := extent{BBox: x.BBox}
			if !x.Start.IsZero() {
				// The last day ends just before the next begins.
				ext.Time = &timeRange{Start: x.Start, End: x.End.AddDate(0, 0, 1).Add(-time.Second)}
			}
			return ext, nil
		},
		Items: func(ctx context.Context, q itemsQuery, yield func(*feature) error) (int, error) {
			return store.QueryEvents(ctx, eventQuery(q), func(r *news.EventRecord) error { return yield(eventFeature(r)) })
		},
		Item: func(ctx context.Context, id string) (*feature, error) {
			r, err := store.Event(ctx, id)
			if errors.Is(err, news.ErrNotFound) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			return s.newsFeature(ctx, eventFeature(r))
		},
		Layer: func(ctx context.Context) gpkg.Layer { return eventLayer(ctx, store) },
	}
}

// newsFeature stamps a single feature with the news version: a report, a
// cluster or a document title may change it without its own row changing.
func (s *Server) newsFeature(ctx context.Context, f *feature) (*feature, error) {
	v, at, err := s.deps.News.Changed(ctx)
	if err != nil {
		return nil, err
	}
	f.Version, f.Updated = v, at
	return f, nil
}

func checkActor(v string) error {
	if len(v) > 200 {
		return fmt.Errorf("%q is longer than any actor's name", v[:20]+"…")
	}
	return nil
}

func checkSlug(v string) error {
	if len(v) > 200 || strings.ContainsAny(v, " \t\n") {
		return fmt.Errorf("%q is not an id", v)
	}
	return nil
}

// eventQuery turns an items request into the store's query.
func eventQuery(q itemsQuery) news.EventQuery {
	eq := news.EventQuery{BBox: q.BBox, Limit: q.Limit, Offset: q.Offset,
		EventTypes: q.Props["event_type"], SubEventTypes: q.Props["sub_event_type"], Outlets: q.Props["outlet"],
		Perspectives: q.Props["perspective"], PlaceIDs: q.Props["place_id"], ClusterIDs: q.Props["cluster_id"],
		Modalities: q.Props["modality"], Sources: q.Props["source"], Actors: q.Props["actor"]}
	for _, p := range q.Props["precision"] {
		n, _ := strconv.Atoi(p) // the filter's enum allows only 1, 2 and 3
		eq.Precisions = append(eq.Precisions, n)
	}
	if v := q.Props["q"]; len(v) > 0 {
		eq.Keyword = v[0]
	}
	if q.Time != nil {
		eq.Start, eq.End = q.Time.Start, q.Time.End
	}
	switch q.SortBy {
	case "-datetime":
		eq.Order = news.OrderNewest
	case "datetime":
		eq.Order = news.OrderOldest
	}
	return eq
}

// eventProperties are the GeoJSON properties of an event: every member of
// news.Event but its id (the feature's), then its cluster, document and
// outlet name and the cluster's other reports. Every member is always
// present, null when unknown, so that clients typing fields from a first
// page see them all.
type eventProperties struct {
	Doc           string        `json:"doc"`
	EventDate     optional      `json:"event_date"`
	DateEnd       optional      `json:"date_end"`
	TimePrecision int           `json:"time_precision"`
	DateInherited bool          `json:"date_inherited"`
	DateText      optional      `json:"date_text"`
	DateNote      optional      `json:"date_note"`
	Since         bool          `json:"since"`
	EventType     string        `json:"event_type"`
	SubEventType  string        `json:"sub_event_type"`
	Actor1        optional      `json:"actor1"`
	Actor2        optional      `json:"actor2"`
	Source        optional      `json:"source"`
	Modality      string        `json:"modality"`
	PlaceID       string        `json:"place_id"`
	PlaceName     optional      `json:"place_name"`
	PlaceKind     optional      `json:"place_kind"`
	PlaceStart    int           `json:"place_start"`
	PlaceEnd      int           `json:"place_end"`
	GeoPrecision  int           `json:"geo_precision"`
	Sentence      string        `json:"sentence"`
	Headline      bool          `json:"headline"`
	SentenceStart int           `json:"sentence_start"`
	SentenceEnd   int           `json:"sentence_end"`
	Trigger       optional      `json:"trigger"`
	TriggerStart  int           `json:"trigger_start"`
	TriggerEnd    int           `json:"trigger_end"`
	Confidence    real          `json:"confidence"`
	Rule          string        `json:"rule"`
	Outlet        optional      `json:"outlet"`
	OutletName    optional      `json:"outlet_name"`
	Perspective   optional      `json:"perspective"`
	ClusterID     optional      `json:"cluster_id"`
	URL           optional      `json:"url"`
	Title         optional      `json:"title"`
	Reports       []news.Report `json:"reports"`
}

// appendJSON writes the properties as encoding/json would (see jsonAppender).
func (p *eventProperties) appendJSON(b []byte) []byte {
	b = append(b, `{"doc":`...)
	b = appendString(b, p.Doc)
	b = appendMember(b, "event_date", p.EventDate)
	b = appendMember(b, "date_end", p.DateEnd)
	b = appendInt(b, "time_precision", p.TimePrecision)
	b = appendBool(b, "date_inherited", p.DateInherited)
	b = appendMember(b, "date_text", p.DateText)
	b = appendMember(b, "date_note", p.DateNote)
	b = appendBool(b, "since", p.Since)
	b = appendText(b, "event_type", p.EventType)
	b = appendText(b, "sub_event_type", p.SubEventType)
	b = appendMember(b, "actor1", p.Actor1)
	b = appendMember(b, "actor2", p.Actor2)
	b = appendMember(b, "source", p.Source)
	b = appendText(b, "modality", p.Modality)
	b = appendText(b, "place_id", p.PlaceID)
	b = appendMember(b, "place_name", p.PlaceName)
	b = appendMember(b, "place_kind", p.PlaceKind)
	b = appendInt(b, "place_start", p.PlaceStart)
	b = appendInt(b, "place_end", p.PlaceEnd)
	b = appendInt(b, "geo_precision", p.GeoPrecision)
	b = appendText(b, "sentence", p.Sentence)
	b = appendBool(b, "headline", p.Headline)
	b = appendInt(b, "sentence_start", p.SentenceStart)
	b = appendInt(b, "sentence_end", p.SentenceEnd)
	b = appendMember(b, "trigger", p.Trigger)
	b = appendInt(b, "trigger_start", p.TriggerStart)
	b = appendInt(b, "trigger_end", p.TriggerEnd)
	b = append(b, `,"confidence":`...)
	conf, _ := p.Confidence.MarshalJSON()
	b = append(b, conf...)
	b = appendText(b, "rule", p.Rule)
	b = appendMember(b, "outlet", p.Outlet)
	b = appendMember(b, "outlet_name", p.OutletName)
	b = appendMember(b, "perspective", p.Perspective)
	b = appendMember(b, "cluster_id", p.ClusterID)
	b = appendMember(b, "url", p.URL)
	b = appendMember(b, "title", p.Title)
	b = append(b, `,"reports":[`...)
	for i, r := range p.Reports {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"event_id":`...)
		b = appendString(b, r.EventID)
		b = appendText(b, "doc", r.Doc)
		b = appendText(b, "outlet", r.Outlet)
		b = appendText(b, "outlet_name", r.OutletName)
		b = appendText(b, "perspective", string(r.Perspective))
		b = appendText(b, "sentence", r.Sentence)
		b = appendText(b, "url", r.URL)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendMember writes ,"key":value, null for an empty value.
func appendMember(b []byte, key string, v optional) []byte {
	if v == "" {
		return append(append(append(b, `,"`...), key...), `":null`...)
	}
	return appendText(b, key, string(v))
}

// appendText writes ,"key":"value".
func appendText(b []byte, key, v string) []byte {
	b = append(append(append(b, `,"`...), key...), `":`...)
	return appendString(b, v)
}

func appendInt(b []byte, key string, v int) []byte {
	b = append(append(append(b, `,"`...), key...), `":`...)
	return strconv.AppendInt(b, int64(v), 10)
}

func appendBool(b []byte, key string, v bool) []byte {
	b = append(append(append(b, `,"`...), key...), `":`...)
	return strconv.AppendBool(b, v)
}

// optional is a string that JSON writes as null when it is empty, so that
// a property is present on every feature, whether known or not, without
// a pointer to allocate for each.
type optional string

// MarshalJSON writes the string, or null.
func (s optional) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return marshalJSON(string(s))
}

// value is the string as an SQL value, NULL when empty.
func (s optional) value() any {
	if s == "" {
		return nil
	}
	return string(s)
}

func day(t time.Time) optional {
	if t.IsZero() {
		return ""
	}
	return optional(t.Format(time.DateOnly))
}

func eventFeature(r *news.EventRecord) *feature {
	e := &r.Event
	p := &eventProperties{
		Doc: e.Doc, EventDate: day(e.EventDate), DateEnd: day(e.DateEnd), TimePrecision: int(e.TimePrecision),
		DateInherited: e.DateInherited, DateText: optional(e.DateText), DateNote: optional(e.DateNote), Since: e.Since,
		EventType: string(e.EventType), SubEventType: string(e.SubEventType), Actor1: optional(e.Actor1),
		Actor2: optional(e.Actor2), PlaceID: e.PlaceID, PlaceName: optional(e.PlaceName),
		PlaceKind: optional(string(e.PlaceKind)), PlaceStart: e.PlaceStart, PlaceEnd: e.PlaceEnd,
		GeoPrecision: e.GeoPrecision, Sentence: e.Sentence, SentenceStart: e.SentenceStart, SentenceEnd: e.SentenceEnd,
		Trigger: optional(e.Trigger), TriggerStart: e.TriggerStart, TriggerEnd: e.TriggerEnd, Confidence: real(e.Confidence),
		Rule: e.Rule, Outlet: optional(e.Outlet), OutletName: optional(r.OutletName), Perspective: optional(string(e.Perspective)),
		ClusterID: optional(r.ClusterID), URL: optional(r.URL), Title: optional(r.Title), Reports: r.Reports,
	}
	p.Source, p.Modality, p.Headline = optional(e.Source), string(e.Modality), e.Headline
	if p.Modality == "" {
		p.Modality = string(news.Reported)
	}
	if p.Reports == nil {
		p.Reports = []news.Report{}
	}
	return &feature{ID: e.ID, Geometry: r.Point, Properties: p}
}

// eventColumns are the attribute columns of the events table of the
// GeoPackage export, in the order of eventProperties; eventRow gives an
// event's values.
const eventColumns = `id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, event_date DATE, date_end DATE,
	time_precision INTEGER NOT NULL, date_inherited BOOLEAN NOT NULL, date_text TEXT, date_note TEXT,
	since BOOLEAN NOT NULL, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actor1 TEXT, actor2 TEXT,
	source TEXT, modality TEXT NOT NULL,
	place_id TEXT NOT NULL, place_name TEXT, place_kind TEXT, place_start INTEGER, place_end INTEGER,
	geo_precision INTEGER NOT NULL, sentence TEXT NOT NULL, headline BOOLEAN NOT NULL, sentence_start INTEGER, sentence_end INTEGER,
	"trigger" TEXT, trigger_start INTEGER, trigger_end INTEGER, confidence REAL NOT NULL, rule TEXT NOT NULL,
	outlet TEXT, outlet_name TEXT, perspective TEXT, cluster_id TEXT, url TEXT, title TEXT, reports TEXT NOT NULL`

func eventRow(r *news.EventRecord) ([]any, error) {
	f := eventFeature(r)
	p := f.Properties.(*eventProperties)
	reports, err := json.Marshal(p.Reports)
	if err != nil {
		return nil, err
	}
	return []any{f.ID, p.Doc, p.EventDate.value(), p.DateEnd.value(), p.TimePrecision, p.DateInherited,
		p.DateText.value(), p.DateNote.value(), p.Since, p.EventType, p.SubEventType, p.Actor1.value(), p.Actor2.value(),
		p.Source.value(), p.Modality,
		p.PlaceID, p.PlaceName.value(), p.PlaceKind.value(), p.PlaceStart, p.PlaceEnd, p.GeoPrecision, p.Sentence,
		p.Headline, p.SentenceStart, p.SentenceEnd, p.Trigger.value(), p.TriggerStart, p.TriggerEnd, float64(p.Confidence), p.Rule,
		p.Outlet.value(), p.OutletName.value(), p.Perspective.value(), p.ClusterID.value(), p.URL.value(), p.Title.value(),
		string(reports)}, nil
}

func eventLayer(ctx context.Context, store *news.Store) gpkg.Layer {
	return gpkg.Layer{
		Table: gpkg.FeatureTable{Name: "events", GeomType: "POINT", SRSID: gpkg.SRSWGS84, Columns: eventColumns,
			Description: "Events reported in the articles, at the representative point of their place; " +
				"reports holds the other reports of the same event as JSON."},
		Rows: func(yield func(geom orb.Geometry, values ...any) error) error {
			_, err := store.QueryEvents(ctx, news.EventQuery{}, func(r *news.EventRecord) error {
				row, err := eventRow(r)
				if err != nil {
					return err
				}
				return yield(r.Point, row...)
			})
			return err
		},
	}
}

// mentionCollection is every place name found in the stored documents.
func (s *Server) mentionCollection() *collection {
	store := s.deps.News
	return &collection{
		ID: "mentions", Title: "Place mentions",
		Description: "Every place name found in the articles, at the representative point of the place it was " +
			"resolved to (place_id leads to the place's own geometry; a route built between two places is the " +
			"line itself), with its byte offsets in the document's text, the usage of the name as written, the " +
			"resolver's score and rule, and the runner-up candidates. Unresolved names have a null geometry.",
		Filters: []filter{
			{Name: "doc", Description: "Only the mentions of this document (its id).", Check: checkSlug},
			{Name: "place_id", Description: "Only mentions resolved to these places (gazetteer ids, comma-separated).", List: true, Check: checkSlug},
		},
		State: s.newsState,
		Extent: func(ctx context.Context) (extent, error) {
			x, err := store.MentionExtent(ctx)
			return extent{BBox: x.BBox}, err
		},
		Items: func(ctx context.Context, q itemsQuery, yield func(*feature) error) (int, error) {
			mq := news.MentionQuery{BBox: q.BBox, PlaceIDs: q.Props["place_id"], Limit: q.Limit, Offset: q.Offset}
			if d := q.Props["doc"]; len(d) > 0 {
				mq.DocID = d[0]
			}
			return store.QueryMentions(ctx, mq, func(r *news.MentionRecord) error { return yield(mentionFeature(r)) })
		},
		Item: func(ctx context.Context, id string) (*feature, error) {
			i := strings.LastIndexByte(id, ':')
			start, err := strconv.Atoi(id[i+1:])
			if i < 0 || err != nil {
				return nil, nil
			}
			r, err := store.Mention(ctx, id[:i], start)
			if errors.Is(err, news.ErrNotFound) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			return s.newsFeature(ctx, mentionFeature(r))
		},
	}
}

// mentionProperties are the GeoJSON properties of a mention, as DESIGN.md
// fixes them (gazetteer.MentionFeature), every member always present.
type mentionProperties struct {
	Surface    string                `json:"surface"`
	Start      int                   `json:"start"`
	End        int                   `json:"end"`
	Doc        string                `json:"doc"`
	PlaceID    optional              `json:"place_id"`
	Name       optional              `json:"name"`
	Kind       optional              `json:"kind"`
	NameUsage  optional              `json:"name_usage"`
	NameUsages []string              `json:"name_usages"`
	Score      real                  `json:"score"`
	Rule       string                `json:"rule"`
	Form       optional              `json:"form"`
	Candidates []gazetteer.Candidate `json:"candidates"`
	BuiltFrom  []string              `json:"built_from"`
}

func mentionFeature(r *news.MentionRecord) *feature {
	m := &r.StoredMention
	p := &mentionProperties{Surface: m.Surface, Start: m.Start, End: m.End, Doc: r.Doc, PlaceID: optional(m.PlaceID),
		Name: optional(m.Name), Kind: optional(m.Kind), NameUsage: optional(m.NameUsage), NameUsages: m.Usages,
		Score: real(m.Score), Rule: m.Rule, Form: optional(m.Form), Candidates: m.Candidates, BuiltFrom: r.BuiltFrom}
	if p.NameUsages == nil {
		p.NameUsages = []string{}
	}
	if p.Candidates == nil {
		p.Candidates = []gazetteer.Candidate{}
	}
	if p.BuiltFrom == nil {
		p.BuiltFrom = []string{}
	}
	return &feature{ID: r.Doc + ":" + strconv.Itoa(m.Start), Geometry: m.Geometry, Properties: p}
}
