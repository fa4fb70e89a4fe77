package news

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo"
	"dateline/geo/gpkg"
)

// mustOpen opens a new store in a temporary folder.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	db, err := gpkg.Open(filepath.Join(tb.TempDir(), "news.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s, err := NewStore(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// samePlaceOnly is a gazetteer that knows no nesting: events cluster only
// at the same place.
type samePlaceOnly struct{}

func (samePlaceOnly) Within(child, parent string) bool { return child == parent }
func (samePlaceOnly) Related(id string) []string       { return []string{id} }

// Points of the curated gazetteer (seeds/gazetteer); the unlocated place has none.
var queryPlaces = map[string]orb.Geometry{
	"stepanakert": orb.Point{46.7528, 39.8177},
	"lachin":      orb.Point{46.54694, 39.64083},
	"shusha":      orb.Point{46.74989, 39.76006},
	"east-of-180": orb.Point{179.5, 0.5},
	"west-of-180": orb.Point{-179.5, -0.5},
	"unlocated":   nil,
}

// ev is an event of the query fixture: place, sub-type and days (empty: undated).
type ev struct {
	id, place string
	sub       SubEventType
	from, to  string
}

// saveDoc stores one document of an outlet with the events given, each at
// a mention of its place.
func saveDoc(tb testing.TB, s *Store, id string, outlet *Outlet, events ...ev) {
	tb.Helper()
	body := ""
	var ms []gazetteer.Mention
	var es []Event
	for i, e := range events {
		sentence := fmt.Sprintf("Sentence %d of %s, at %s. ", i, id, e.place)
		start := len(body)
		body += sentence
		p := &gazetteer.Place{ID: e.place, Name: e.place, Kind: gazetteer.KindSettlement, Geometry: queryPlaces[e.place]}
		at := start + len(sentence) - len(e.place) - 2
		m := gazetteer.Mention{Start: at, End: at + len(e.place), Surface: e.place, Place: p,
			Geometry: p.Geometry, Kind: p.Kind, Score: 0.9, Rule: "test"}
		if p.Geometry != nil {
			m.Point = geo.RepresentativePoint(p.Geometry)
		}
		ms = append(ms, m)
		x := Event{ID: e.id, Doc: id, EventType: e.sub.Type(), SubEventType: e.sub, PlaceID: e.place, PlaceName: e.place,
			GeoPrecision: 1, Sentence: sentence, SentenceStart: start, SentenceEnd: start + len(sentence), Confidence: 0.75,
			Rule: "test", Outlet: outlet.ID, Perspective: outlet.Perspective}
		if e.from != "" {
			x.EventDate, x.DateEnd, x.TimePrecision = mustDay(e.from), mustDay(e.to), PrecisionDay
		}
		if err := x.Validate(); err != nil {
			tb.Fatal(err)
		}
		es = append(es, x)
	}
	sum := sha256.Sum256([]byte(body))
	a := &Article{ID: id, Title: "Title of " + id, Outlet: outlet, OutletName: outlet.Name, URL: "https://example.org/" + id,
		Format: "text", Body: body, Raw: body, Hash: hex.EncodeToString(sum[:])}
	if _, err := s.Save(context.Background(), &Parsed{Article: a, Mentions: ms, Events: es}, samePlaceOnly{}); err != nil {
		tb.Fatal(err)
	}
}

var (
	armenpress = &Outlet{ID: "armenpress", Name: "Armenpress", Perspective: PerspectiveArmenian}
	apa        = &Outlet{ID: "apa", Name: "APA", Perspective: PerspectiveAzerbaijani}
	tass       = &Outlet{ID: "tass", Name: "TASS", Perspective: PerspectiveRussian}
)

// queryFixture stores three documents; the events are stored in the order
// of their ids.
func queryFixture(tb testing.TB) *Store {
	s := mustOpen(tb)
	saveDoc(tb, s, "a.txt", armenpress,
		ev{"e1", "stepanakert", RoadBlockade, "2023-01-10", "2023-01-10"},
		ev{"e2", "lachin", HumanitarianAccess, "2022-12-12", "2022-12-18"},
		ev{"e3", "shusha", Statement, "", ""})
	saveDoc(tb, s, "b.txt", apa,
		ev{"e4", "stepanakert", RoadBlockade, "2023-01-09", "2023-01-11"},
		ev{"e5", "unlocated", UtilityCutOff, "2023-02-01", "2023-02-28"})
	saveDoc(tb, s, "c.txt", tass,
		ev{"e6", "east-of-180", Statement, "2024-06-01", "2024-06-01"},
		ev{"e7", "west-of-180", Statement, "2024-06-02", "2024-06-02"})
	return s
}

func eventIDs(tb testing.TB, s *Store, q EventQuery) ([]string, int) {
	tb.Helper()
	var ids []string
	n, err := s.QueryEvents(context.Background(), q, func(r *EventRecord) error {
		ids = append(ids, r.ID)
		return nil
	})
	if err != nil {
		tb.Fatalf("%+v: %v", q, err)
	}
	return ids, n
}

func TestQueryEvents(t *testing.T) {
	s := queryFixture(t)
	box := func(a, b, c, d float64) *orb.Bound { return &orb.Bound{Min: orb.Point{a, b}, Max: orb.Point{c, d}} }
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	for _, tc := range []struct {
		name string
		q    EventQuery
		want []string
	}{
		{"everything, undated and unlocated included", EventQuery{}, []string{"e1", "e2", "e3", "e4", "e5", "e6", "e7"}},
		{"bbox", EventQuery{BBox: box(46.7, 39.7, 46.8, 39.9)}, []string{"e1", "e3", "e4"}},
		{"bbox with the point on its edge", EventQuery{BBox: box(46.5, 39.5, 46.7528, 39.8177)}, []string{"e1", "e2", "e3", "e4"}},
		// 46.752799 lies inside the float32 box the R-tree keeps for 46.7528:
		// only the exact test can leave Stepanakert out.
		{"bbox a hair short of the point", EventQuery{BBox: box(46.5, 39.5, 46.752799, 39.9)}, []string{"e2", "e3"}},
		{"bbox across the antimeridian", EventQuery{BBox: box(179, -1, -179, 1)}, []string{"e6", "e7"}},
		{"bbox across the antimeridian, one side", EventQuery{BBox: box(179, 0, -179, 1)}, []string{"e6"}},
		{"instant (a whole day)", EventQuery{Start: mustDay("2023-01-10"), End: mustDay("2023-01-10").Add(24*time.Hour - 1)}, []string{"e1", "e4"}},
		{"instant inside a range of days", EventQuery{Start: at("2023-01-11T23:59:59Z"), End: at("2023-01-11T23:59:59Z")}, []string{"e4"}},
		{"interval", EventQuery{Start: mustDay("2022-12-18"), End: mustDay("2023-01-09")}, []string{"e2", "e4"}},
		{"open start", EventQuery{End: mustDay("2022-12-31")}, []string{"e2"}},
		{"open end", EventQuery{Start: mustDay("2023-01-11")}, []string{"e4", "e5", "e6", "e7"}},
		{"datetime finds the event without a point", EventQuery{Start: mustDay("2023-02-10"), End: mustDay("2023-02-10")}, []string{"e5"}},
		{"bbox and datetime", EventQuery{BBox: box(46.5, 39.5, 47, 40), Start: mustDay("2023-01-01")}, []string{"e1", "e4"}},
		{"bbox and datetime leave out the event without a point", EventQuery{BBox: box(-180, -90, 180, 90), Start: mustDay("2023-02-01")}, []string{"e6", "e7"}},
		{"event type", EventQuery{EventTypes: []string{string(StrategicDevelopments)}}, []string{"e1", "e2", "e3", "e4", "e5", "e6", "e7"}},
		{"sub-event types", EventQuery{SubEventTypes: []string{string(Statement), string(UtilityCutOff)}}, []string{"e3", "e5", "e6", "e7"}},
		{"outlet", EventQuery{Outlets: []string{"apa"}}, []string{"e4", "e5"}},
		{"perspective", EventQuery{Perspectives: []string{"armenian", "russian"}}, []string{"e1", "e2", "e3", "e6", "e7"}},
		{"place", EventQuery{PlaceIDs: []string{"stepanakert"}}, []string{"e1", "e4"}},
		{"place and bbox", EventQuery{PlaceIDs: []string{"stepanakert", "lachin"}, BBox: box(46.5, 39.5, 46.6, 39.7)}, []string{"e2"}},
		{"place and datetime", EventQuery{PlaceIDs: []string{"stepanakert", "lachin"}, End: mustDay("2023-01-09")}, []string{"e2", "e4"}},
		{"filter, bbox and datetime", EventQuery{Outlets: []string{"armenpress"}, BBox: box(46, 39, 47, 40), Start: mustDay("2023-01-01")}, []string{"e1"}},
		{"nothing", EventQuery{Outlets: []string{"reuters"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := eventIDs(t, s, tc.q)
			if !slices.Equal(got, tc.want) || n != len(tc.want) {
				t.Errorf("got %v (matched %d), want %v", got, n, tc.want)
			}
		})
	}
}

func TestQueryEventsPaging(t *testing.T) {
	s := queryFixture(t)
	var all []string
	for offset := 0; ; offset += 3 {
		ids, n := eventIDs(t, s, EventQuery{Limit: 3, Offset: offset})
		if n != 7 {
			t.Fatalf("offset %d: matched %d, want 7", offset, n)
		}
		if len(ids) == 0 {
			break
		}
		all = append(all, ids...)
	}
	if want := []string{"e1", "e2", "e3", "e4", "e5", "e6", "e7"}; !slices.Equal(all, want) {
		t.Errorf("pages gave %v, want %v", all, want)
	}
	ids, n := eventIDs(t, s, EventQuery{Start: mustDay("2023-01-01"), Limit: 2, Offset: 1})
	if !slices.Equal(ids, []string{"e4", "e5"}) || n != 5 {
		t.Errorf("second page of a datetime query: %v of %d", ids, n)
	}
}

func TestEventRecord(t *testing.T) {
	s := queryFixture(t)
	ctx := context.Background()
	r, err := s.Event(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	if r.URL != "https://example.org/a.txt" || r.Title != "Title of a.txt" || r.OutletName != "Armenpress" ||
		r.Outlet != "armenpress" || r.Perspective != PerspectiveArmenian || r.SubEventType != RoadBlockade {
		t.Errorf("record %+v", r)
	}
	if p, ok := r.Point.(orb.Point); !ok || p != (orb.Point{46.7528, 39.8177}) {
		t.Errorf("point %v", r.Point)
	}
	if r.ClusterID == "" || len(r.Reports) != 1 {
		t.Fatalf("cluster %q, reports %+v: want the APA report of the same blockade", r.ClusterID, r.Reports)
	}
	want := Report{EventID: "e4", Doc: "b.txt", Outlet: "apa", OutletName: "APA", Perspective: PerspectiveAzerbaijani,
		Sentence: "Sentence 0 of b.txt, at stepanakert. ", URL: "https://example.org/b.txt"}
	if r.Reports[0] != want {
		t.Errorf("report %+v, want %+v", r.Reports[0], want)
	}
	// The cluster filter finds both reports.
	if ids, _ := eventIDs(t, s, EventQuery{ClusterIDs: []string{r.ClusterID}}); !slices.Equal(ids, []string{"e1", "e4"}) {
		t.Errorf("cluster %s holds %v", r.ClusterID, ids)
	}
	lone, err := s.Event(ctx, "e2")
	if err != nil || lone.Reports != nil {
		t.Errorf("a report alone in its cluster: %+v, %v", lone, err)
	}
	if _, err := s.Event(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown event: %v", err)
	}
}

func TestEventQueryValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		q     EventQuery
		field string
	}{
		{"reversed interval", EventQuery{Start: mustDay("2023-02-01"), End: mustDay("2023-01-01")}, "datetime"},
		{"latitude 91", EventQuery{BBox: &orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 91}}}, "bbox"},
		{"unknown event type", EventQuery{EventTypes: []string{"Parades"}}, "event_type"},
		{"unknown sub-type", EventQuery{SubEventTypes: []string{"Parade"}}, "sub_event_type"},
		{"unknown perspective", EventQuery{Perspectives: []string{"martian"}}, "perspective"},
		{"negative offset", EventQuery{Offset: -1}, "offset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mustOpen(t).QueryEvents(context.Background(), tc.q, func(*EventRecord) error { return nil })
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != tc.field || !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v, want a validation error on %s", err, tc.field)
			}
		})
	}
}

func TestQueryMentions(t *testing.T) {
	s := queryFixture(t)
	ctx := context.Background()
	var first *MentionRecord
	names := func(q MentionQuery) ([]string, int) {
		var out []string
		n, err := s.QueryMentions(ctx, q, func(r *MentionRecord) error {
			if first == nil {
				first = r
			}
			out = append(out, r.Doc+"/"+r.Surface)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out, n
	}
	all, n := names(MentionQuery{})
	want := []string{"a.txt/stepanakert", "a.txt/lachin", "a.txt/shusha", "b.txt/stepanakert", "b.txt/unlocated",
		"c.txt/east-of-180", "c.txt/west-of-180"}
	if n != 7 || !slices.Equal(all, want) {
		t.Fatalf("all mentions: %v (%d)", all, n)
	}
	for _, tc := range []struct {
		name string
		q    MentionQuery
		want []string
	}{
		{"doc", MentionQuery{DocID: "b.txt"}, []string{"b.txt/stepanakert", "b.txt/unlocated"}},
		{"place", MentionQuery{PlaceIDs: []string{"stepanakert"}}, []string{"a.txt/stepanakert", "b.txt/stepanakert"}},
		{"bbox", MentionQuery{BBox: &orb.Bound{Min: orb.Point{46.5, 39.6}, Max: orb.Point{46.6, 39.7}}}, []string{"a.txt/lachin"}},
		{"doc and bbox", MentionQuery{DocID: "a.txt", BBox: &orb.Bound{Min: orb.Point{46.7, 39.7}, Max: orb.Point{46.8, 39.9}}},
			[]string{"a.txt/stepanakert", "a.txt/shusha"}},
		{"bbox across the antimeridian", MentionQuery{BBox: &orb.Bound{Min: orb.Point{170, -10}, Max: orb.Point{-170, 10}}},
			[]string{"c.txt/east-of-180", "c.txt/west-of-180"}},
		{"page", MentionQuery{Limit: 2, Offset: 5}, want[5:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := names(tc.q)
			if !slices.Equal(got, tc.want) || (tc.q.Limit == 0 && n != len(tc.want)) || (tc.q.Limit > 0 && n != 7) {
				t.Errorf("got %v (matched %d), want %v", got, n, tc.want)
			}
		})
	}
	m, err := s.Mention(ctx, "a.txt", first.Start)
	if err != nil || m.Surface != "stepanakert" || m.PlaceID != "stepanakert" || m.Geometry == nil || m.Doc != "a.txt" ||
		m.Score != 0.9 || m.Rule != "test" {
		t.Errorf("mention: %+v, %v", m, err)
	}
	if _, err := s.Mention(ctx, "a.txt", first.Start+1); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown mention: %v", err)
	}
}

func TestExtentsAndChanged(t *testing.T) {
	ctx := context.Background()
	empty := mustOpen(t)
	if ext, err := empty.EventExtent(ctx); err != nil || ext.BBox != nil || !ext.Start.IsZero() {
		t.Errorf("empty store's extent %+v, %v", ext, err)
	}
	v0, _, err := empty.Changed(ctx)
	if err != nil {
		t.Fatal(err)
	}

	s := queryFixture(t)
	ext, err := s.EventExtent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := orb.Bound{Min: orb.Point{-179.5, -0.5}, Max: orb.Point{179.5, 39.8177}}
	if ext.BBox == nil || *ext.BBox != want || !ext.Start.Equal(mustDay("2022-12-12")) || !ext.End.Equal(mustDay("2024-06-02")) {
		t.Errorf("event extent %+v, want %v from 2022-12-12 to 2024-06-02", ext, want)
	}
	mext, err := s.MentionExtent(ctx)
	if err != nil || mext.BBox == nil || *mext.BBox != want {
		t.Errorf("mention extent %+v, %v", mext, err)
	}
	v, at, err := s.Changed(ctx)
	if err != nil || v <= v0 || at.IsZero() {
		t.Errorf("changed: version %d (empty store: %d), at %v, %v", v, v0, at, err)
	}
}

// TestQueryEventsAgreesWithAScan compares random queries over random events
// with a plain scan of every event.
func TestQueryEventsAgreesWithAScan(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	if err := synthesize(ctx, s.db, 3000, false); err != nil {
		t.Fatal(err)
	}
	var all []*EventRecord
	if _, err := s.QueryEvents(ctx, EventQuery{}, func(r *EventRecord) error {
		all = append(all, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(all) != 3000 {
		t.Fatalf("%d events stored", len(all))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		var q EventQuery
		if rng.IntN(3) > 0 {
			x, y := 40+rng.Float64()*12, 37+rng.Float64()*7
			q.BBox = &orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + rng.Float64()*4, y + rng.Float64()*3}}
		}
		if rng.IntN(3) > 0 {
			q.Start = mustDay("2020-01-01").Add(time.Duration(rng.IntN(1800*24)) * time.Hour)
		}
		if rng.IntN(3) > 0 {
			q.End = mustDay("2020-01-01").Add(time.Duration(rng.IntN(1800*24)) * time.Hour)
			if q.End.Before(q.Start) {
				q.Start, q.End = q.End, q.Start
			}
		}
		if rng.IntN(4) == 0 {
			q.Perspectives = []string{string(Perspectives[rng.IntN(4)])}
		}
		if rng.IntN(6) == 0 {
			q.PlaceIDs = []string{all[rng.IntN(len(all))].PlaceID}
		}
		q.Limit, q.Offset = rng.IntN(50), rng.IntN(20)
		var want []string
		for _, r := range all {
			if scanMatches(r, q) {
				want = append(want, r.ID)
			}
		}
		matched := len(want)
		want = want[min(q.Offset, len(want)):]
		if q.Limit > 0 {
			want = want[:min(q.Limit, len(want))]
		}
		got, n := eventIDs(t, s, q)
		if n != matched || !slices.Equal(got, want) {
			t.Fatalf("query %d %+v: got %d matches %v, the scan %d matches %v", i, q, n, got, matched, want)
		}
	}
}

func scanMatches(r *EventRecord, q EventQuery) bool {
	if q.BBox != nil && (r.Point == nil || !geo.Intersects(r.Point, *q.BBox)) {
		return false
	}
	if !q.Start.IsZero() || !q.End.IsZero() {
		first, last, ok := r.Range()
		if !ok || (!q.Start.IsZero() && last.Add(24*time.Hour).Before(q.Start.Add(time.Nanosecond))) ||
			(!q.End.IsZero() && first.After(q.End)) {
			return false
		}
	}
	if len(q.Perspectives) > 0 && !slices.Contains(q.Perspectives, string(r.Perspective)) {
		return false
	}
	if len(q.PlaceIDs) > 0 && !slices.Contains(q.PlaceIDs, r.PlaceID) {
		return false
	}
	return true
}

// TestEventColumnsMatchDetail makes sure the events QueryEvents reads from
// the columns are the events stored whole in detail, so that a member added
// to Event is not silently left out of the API.
func TestEventColumnsMatchDetail(t *testing.T) {
	s := queryFixture(t)
	ctx := context.Background()
	if err := synthesize(ctx, s.db, 500, false); err != nil {
		t.Fatal(err)
	}
	// Every member set, so that none is equal only by being zero.
	full := Event{ID: "full", Doc: "a.txt", EventDate: mustDay("2023-01-01"), DateEnd: mustDay("2023-01-07"),
		TimePrecision: PrecisionWeek, DateInherited: true, DateText: `that "week", \ [or] so`, DateNote: "com,pleted\n", Since: true,
		EventType: Protests, SubEventType: PeacefulProtest, Actor1: "Protesters (Armenia)", Actor2: "Police",
		PlaceID: "stepanakert", PlaceName: "Stepanakert", PlaceKind: gazetteer.KindCity, PlaceStart: 1, PlaceEnd: 2,
		GeoPrecision: 2, Sentence: "s", SentenceStart: 3, SentenceEnd: 4, Trigger: "rallied", TriggerStart: 5,
		TriggerEnd: 6, Confidence: 0.5, Rule: "r", Outlet: "armenpress", Perspective: PerspectiveArmenian,
		Source: "Ministry of \"Defence\"", Modality: Denied, Headline: true}
	detail, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(detail, &fields); err != nil {
		t.Fatal(err)
	}
	for k, v := range fields {
		if v == nil || v == false || v == 0.0 || v == "" {
			t.Errorf("the test event leaves %s unset: give it a value", k)
		}
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO events (id, doc_id, event_date, date_end, time_precision,
		date_inherited, event_type, sub_event_type, actor1, actor2, place_id, place_name, place_kind, geo_precision,
		sentence, sentence_start, sentence_end, confidence, rule, outlet, perspective, source, modality, detail)
		VALUES ('full', 'a.txt', '2023-01-01', '2023-01-07', 2, 1, ?, ?, ?, ?, 'stepanakert', 'Stepanakert', 'city', 2,
		's', 3, 4, 0.5, 'r', 'armenpress', 'armenian', ?, ?, ?)`,
		string(Protests), string(PeacefulProtest), full.Actor1, full.Actor2, full.Source, string(full.Modality),
		string(detail)); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.detail, `+eventColumns+` FROM events t`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	var raw sql.RawBytes
	sc := newEventScanner(&raw)
	for rows.Next() {
		var cols, whole Event
		if err := sc.scan(rows, &cols); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &whole); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cols, whole) {
			t.Fatalf("event %s from the columns:\n%+v\nstored whole:\n%+v", whole.ID, cols, whole)
		}
		n++
	}
	if n != 508 {
		t.Errorf("compared %d events, want 508", n)
	}
}
