package gazetteer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
)

// mustOpenQuery opens a store on a new GeoPackage file in a temporary folder
// and imports places into it.
func mustOpenQuery(tb testing.TB, places ...*Place) *Store {
	tb.Helper()
	db, err := gpkg.Open(filepath.Join(tb.TempDir(), "query.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s, err := NewStore(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	if len(places) > 0 {
		if _, err := s.Import(context.Background(), "test", places, "test"); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

func queryPlace(id string, kind Kind, g orb.Geometry, names ...string) *Place {
	p := &Place{ID: id, Name: names[0], Kind: kind, Geometry: g, Source: "test", Origin: OriginCurated}
	for _, n := range names {
		p.Names = append(p.Names, Name{Text: n, Lang: "en", Script: "Latn", Usage: UsageVariant})
	}
	return p
}

// queryFixture is a small map: its coordinates are made up, shaped so that
// envelopes and geometries disagree where a bbox test could go wrong.
func queryFixture() []*Place {
	return []*Place{
		queryPlace("alpha", KindSettlement, orb.Point{46.123456789, 39.5}, "Alpha", "Xankəndi"),
		queryPlace("bravo", KindBridge, orb.Point{46.6, 39.6}, "Bravo Bridge"),
		queryPlace("charlie", KindCheckpoint, orb.Point{46.61, 39.61}, "Charlie"),
		// A diagonal road: its envelope covers (46..47, 39..40), the line itself
		// only the diagonal.
		queryPlace("diag-road", KindRoad, orb.LineString{{46, 39}, {47, 40}}, "Diagonal Road"),
		// An L-shaped polygon whose notch (46.5..47, 39.5..40) is outside it.
		queryPlace("ell-region", KindRegion, orb.Polygon{{{45, 38}, {47, 38}, {47, 39.5}, {46.5, 39.5}, {46.5, 40}, {45, 40}, {45, 38}}}, "Ell Region"),
		queryPlace("nowhere", KindOther, nil, "Nowhere"),
		queryPlace("dateline-east", KindSettlement, orb.Point{179.5, -17}, "East Dateline"),
		queryPlace("dateline-west", KindSettlement, orb.Point{-179.5, -17}, "West Dateline"),
		queryPlace("echo", KindSettlement, orb.Point{46.9, 39.1}, "Echo", "Ekho"),
	}
}

func ids(places []*Place) []string {
	out := make([]string, len(places))
	for i, p := range places {
		out[i] = p.ID
	}
	return out
}

func box(minx, miny, maxx, maxy float64) *orb.Bound {
	return &orb.Bound{Min: orb.Point{minx, miny}, Max: orb.Point{maxx, maxy}}
}

func TestQueryPlaces(t *testing.T) {
	ctx := context.Background()
	s := mustOpenQuery(t, queryFixture()...)
	all := ids(queryFixture())
	for _, tc := range []struct {
		name    string
		q       PlaceQuery
		want    []string
		matched int
	}{
		{"everything in row order", PlaceQuery{}, all, len(all)},
		{"first page", PlaceQuery{Limit: 2}, all[:2], len(all)},
		{"second page", PlaceQuery{Limit: 2, Offset: 2}, all[2:4], len(all)},
		{"offset past the end", PlaceQuery{Limit: 2, Offset: 50}, nil, len(all)},
		{"kinds", PlaceQuery{Kinds: []Kind{KindBridge, KindCheckpoint}}, []string{"bravo", "charlie"}, 2},
		{"name prefix ignores case and diacritics", PlaceQuery{Q: "XANK"}, []string{"alpha"}, 1},
		{"name prefix on any name", PlaceQuery{Q: "ekh"}, []string{"echo"}, 1},
		{"name prefix and kind", PlaceQuery{Q: "b", Kinds: []Kind{KindCheckpoint}}, nil, 0},
		// The box lies in the notch of the L and below the diagonal: every
		// envelope around it intersects it, no geometry does.
		{"bbox tests geometries exactly", PlaceQuery{BBox: box(46.8, 39.55, 46.95, 39.7)}, nil, 0},
		{"bbox with points inside and a line crossing", PlaceQuery{BBox: box(46.55, 39.55, 46.65, 39.65)},
			[]string{"bravo", "charlie", "diag-road"}, 3},
		{"bbox inside a polygon", PlaceQuery{BBox: box(45.5, 38.5, 45.6, 38.6)}, []string{"ell-region"}, 1},
		{"bbox touching a polygon's edge and a point", PlaceQuery{BBox: box(46.9, 39.0, 47.5, 39.1)}, []string{"ell-region", "echo"}, 2},
		{"bbox page keeps the exact count", PlaceQuery{BBox: box(46.55, 39.55, 46.65, 39.65), Limit: 1, Offset: 1},
			[]string{"charlie"}, 3},
		{"bbox and kind", PlaceQuery{BBox: box(46.55, 39.55, 46.65, 39.65), Kinds: []Kind{KindRoad}}, []string{"diag-road"}, 1},
		{"bbox across the antimeridian", PlaceQuery{BBox: box(179, -18, -179, -16)}, []string{"dateline-east", "dateline-west"}, 2},
		{"bbox of the whole world skips places without geometry", PlaceQuery{BBox: box(-180, -90, 180, 90)},
			slices.DeleteFunc(slices.Clone(all), func(id string) bool { return id == "nowhere" }), len(all) - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, matched, err := s.QueryPlaces(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tc.want) || matched != tc.matched {
				t.Errorf("got %v (matched %d), want %v (matched %d)", ids(got), matched, tc.want, tc.matched)
			}
		})
	}
}

func TestQueryPlacesSkipsDeleted(t *testing.T) {
	ctx := context.Background()
	s := mustOpenQuery(t, queryFixture()...)
	p, err := s.Get(ctx, "bravo")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "bravo", p.Version, "test"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []PlaceQuery{{Kinds: []Kind{KindBridge}}, {BBox: box(46.55, 39.55, 46.65, 39.65), Kinds: []Kind{KindBridge}}} {
		got, matched, err := s.QueryPlaces(ctx, q)
		if err != nil || len(got) != 0 || matched != 0 {
			t.Errorf("query %+v after delete: %v (matched %d), %v; want nothing", q, ids(got), matched, err)
		}
	}
}

func TestPlaceQueryValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		q     PlaceQuery
		field string
	}{
		{"latitude out of range", PlaceQuery{BBox: box(46, 39, 47, 91)}, "bbox"},
		{"longitude out of range", PlaceQuery{BBox: box(-181, 39, 47, 40)}, "bbox"},
		{"south above north", PlaceQuery{BBox: box(46, 40, 47, 39)}, "bbox"},
		{"unknown kind", PlaceQuery{Kinds: []Kind{"castle"}}, "kind"},
		{"name without letters", PlaceQuery{Q: " -- "}, "q"},
		{"negative offset", PlaceQuery{Offset: -1}, "offset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.q.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != tc.field || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate() = %v, want a ValidationError on %s", err, tc.field)
			}
		})
	}
	if err := (PlaceQuery{BBox: box(179, -18, -179, -16)}).Validate(); err != nil {
		t.Errorf("a box across the antimeridian is valid: %v", err)
	}
}

func TestExtentIsExact(t *testing.T) {
	ctx := context.Background()
	s := mustOpenQuery(t)
	if _, ok, err := s.Extent(ctx, nil); err != nil || ok {
		t.Fatalf("empty gazetteer: ok %v, err %v; want no extent", ok, err)
	}
	s = mustOpenQuery(t, queryFixture()...)
	for _, tc := range []struct {
		name  string
		kinds []Kind
		want  orb.Bound
	}{
		{"all", nil, orb.Bound{Min: orb.Point{-179.5, -17}, Max: orb.Point{179.5, 40}}},
		{"settlements", []Kind{KindSettlement}, orb.Bound{Min: orb.Point{-179.5, -17}, Max: orb.Point{179.5, 39.5}}},
		{"checkpoints and bridges", []Kind{KindCheckpoint, KindBridge}, orb.Bound{Min: orb.Point{46.6, 39.6}, Max: orb.Point{46.61, 39.61}}},
		{"routes", []Kind{KindRoad}, orb.Bound{Min: orb.Point{46, 39}, Max: orb.Point{47, 40}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := s.Extent(ctx, tc.kinds)
			if err != nil || !ok || got != tc.want {
				t.Fatalf("Extent = %v, %v, %v; want %v", got, ok, err, tc.want)
			}
		})
	}
	// Neither coordinate is a float32: the R-tree alone would widen the box.
	s2 := mustOpenQuery(t, queryPlace("only", KindCity, orb.Point{46.123456789, 39.987654321}, "Only"))
	got, _, err := s2.Extent(ctx, nil)
	if err != nil || got.Min != (orb.Point{46.123456789, 39.987654321}) || got.Max != got.Min {
		t.Errorf("extent of one point = %v, %v", got, err)
	}
}

func TestChangedFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	s := mustOpenQuery(t)
	v0, _, err := s.Changed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, "test", queryFixture(), "test"); err != nil {
		t.Fatal(err)
	}
	v1, at, err := s.Changed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dv, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v1 <= v0 || v1 != dv || at.IsZero() || at.Location().String() != "UTC" {
		t.Errorf("after import: version %d -> %d (DataVersion %d), changed at %v", v0, v1, dv, at)
	}
}

func TestEachPlaceStopsOnError(t *testing.T) {
	s := mustOpenQuery(t, queryFixture()...)
	stop := errors.New("stop")
	n := 0
	_, err := s.EachPlace(context.Background(), PlaceQuery{}, func(*Place) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("EachPlace returned %v after %d places, want stop after 3", err, n)
	}
	// The connection went back to the pool outside any transaction: a write works.
	if err := s.Create(context.Background(), queryPlace("foxtrot", KindSettlement, orb.Point{1, 1}, "Foxtrot"), "test"); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkQueryPlacesBBox pages through a box holding 10,000 of 40,000
// points, 1,000 at a time.
func BenchmarkQueryPlacesBBox(b *testing.B) {
	var places []*Place
	for i := range 40000 {
		lon, lat := 40+float64(i%200)*0.05, 35+float64(i/200)*0.05
		places = append(places, queryPlace(fmt.Sprintf("p-%d", i), KindSettlement, orb.Point{lon, lat}, fmt.Sprintf("Place %d", i)))
	}
	s := mustOpenQuery(b, places...)
	ctx := context.Background()
	q := PlaceQuery{BBox: box(42.5, 37.5, 47.49, 42.49), Limit: 1000}
	b.ResetTimer()
	for b.Loop() {
		got, matched, err := s.QueryPlaces(ctx, q)
		if err != nil || len(got) != 1000 || matched != 10000 {
			b.Fatalf("got %d of %d, %v", len(got), matched, err)
		}
	}
}
