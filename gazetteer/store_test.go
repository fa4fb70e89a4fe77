package gazetteer

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
	"dateline/seeds"
)

// mustOpen opens a store on a new GeoPackage file in a temporary folder.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	db, err := gpkg.Open(filepath.Join(tb.TempDir(), "test.gpkg"))
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

func testPlace(id string) *Place {
	return &Place{
		ID: id, Name: "Test " + id, Kind: KindSettlement, Geometry: orb.Point{46.5, 39.6},
		PrecisionKm: 1, Source: "test",
		Names: []Name{{Text: "Test " + id, Lang: "en", Script: "Latn", Usage: UsageInternational}},
	}
}

func TestStoreCreateUpdateDeleteKeepsHistory(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	p := testPlace("alpha")
	if err := s.Create(ctx, p, "tester"); err != nil {
		t.Fatal(err)
	}
	if err := s.Create(ctx, testPlace("alpha"), "tester"); !errors.Is(err, ErrConflict) {
		t.Fatalf("second create with the same id: %v, want ErrConflict", err)
	}
	got, err := s.Get(ctx, "alpha")
	if err != nil || got.Version != 1 || got.Names[0].Text != "Test alpha" {
		t.Fatalf("get after create: %+v, %v", got, err)
	}

	got.Names = append(got.Names, Name{Text: "Альфа", Lang: "ru", Script: "Cyrl", Usage: UsageRussian})
	got.Geometry = orb.Point{46.6, 39.7}
	if err := s.Update(ctx, got, 1, "tester"); err != nil {
		t.Fatal(err)
	}
	stale := testPlace("alpha")
	stale.Notes = "stale edit"
	var ve *VersionError
	if err := s.Update(ctx, stale, 1, "someone else"); !errors.As(err, &ve) || !errors.Is(err, ErrConflict) {
		t.Fatalf("stale update: %v, want a VersionError", err)
	}
	now, _ := s.Get(ctx, "alpha")
	if now.Version != 2 || now.Notes != "" || len(now.Names) != 2 {
		t.Fatalf("the stale update changed the place: %+v", now)
	}
	found, err := s.Search(ctx, "альфа", 5)
	if err != nil || len(found) != 1 || found[0].ID != "alpha" {
		t.Fatalf("search by the new name: %v %v", found, err)
	}

	if err := s.Delete(ctx, "alpha", 2, "tester"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "alpha"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("get after delete: %v, want ErrNotFound", err)
	}
	h, err := s.History(ctx, "alpha")
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, c := range h {
		actions = append(actions, c.Action+"@"+c.Author)
	}
	if strings.Join(actions, ",") != "create@tester,update@tester,delete@tester" {
		t.Fatalf("history: %v", actions)
	}
	if h[1].Before == nil || h[1].After == nil || !strings.Contains(string(h[1].After), "Альфа") || strings.Contains(string(h[1].Before), "Альфа") {
		t.Fatalf("update entry lacks its before/after: %s / %s", h[1].Before, h[1].After)
	}
}

func TestStoreRefusesInvalidPlaces(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	cases := []struct {
		name  string
		edit  func(p *Place)
		field string
	}{
		{"latitude out of range", func(p *Place) { p.Geometry = orb.Point{46, 123} }, "geometry"},
		{"unknown kind", func(p *Place) { p.Kind = "village" }, "kind"},
		{"no names", func(p *Place) { p.Names = nil }, "names"},
		{"self-intersecting polygon", func(p *Place) {
			p.Geometry = orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}
		}, "geometry"},
		{"duplicate name", func(p *Place) { p.Names = append(p.Names, p.Names[0]) }, "names[1]"},
		{"unknown usage", func(p *Place) { p.Names[0].Usage = "neutral" }, "names[0].usage"},
		{"bad id", func(p *Place) { p.ID = "Not A Slug" }, "id"},
		{"unknown parent", func(p *Place) { p.Parent = "nowhere" }, "parent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testPlace("beta")
			tc.edit(p)
			err := s.Create(ctx, p, "tester")
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("create: %v, want a ValidationError", err)
			}
			if ve.Field != tc.field {
				t.Fatalf("error names field %q, want %q (%v)", ve.Field, tc.field, err)
			}
			if all, _, _ := s.Count(ctx); all != 0 {
				t.Fatalf("an invalid place was stored")
			}
		})
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	good, bad := testPlace("gamma"), testPlace("delta")
	bad.Parent = "missing-parent"
	_, err := s.Import(ctx, "file.geojson", []*Place{good, bad}, "tester")
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Feature != 1 || ie.ID != "delta" || !strings.Contains(err.Error(), "file.geojson") {
		t.Fatalf("import error %v does not name file and feature", err)
	}
	if all, _, _ := s.Count(ctx); all != 0 {
		t.Fatalf("a failed import stored %d places", all)
	}
	v1, _ := s.DataVersion(ctx)
	st, err := s.Import(ctx, "file.geojson", []*Place{testPlace("gamma")}, "tester")
	if err != nil || st.Created != 1 {
		t.Fatalf("import: %+v %v", st, err)
	}
	v2, _ := s.DataVersion(ctx)
	if v2 <= v1 {
		t.Fatalf("data version did not move: %d -> %d", v1, v2)
	}
}

func TestCuratedEntryReplacesItsBackgroundTwin(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	bg := testPlace("gn-146970")
	bg.Name, bg.Origin, bg.GeoNamesID = "Xankandi", OriginBackground, 146970
	bg.Names = []Name{{Text: "Xankandi", Lang: "und", Usage: UsageOfficial}}
	bg.Geometry = orb.Point{46.7528, 39.8177}
	near := testPlace("gn-1")
	near.Name, near.Origin = "Stepanakert", OriginBackground
	near.Names = []Name{{Text: "Stepanakert", Lang: "und", Usage: UsageOfficial}}
	near.Geometry = orb.Point{46.76, 39.82}
	far := testPlace("gn-2")
	far.Name, far.Origin = "Stepanakert", OriginBackground
	far.Names = []Name{{Text: "Stepanakert", Lang: "und", Usage: UsageOfficial}}
	far.Geometry = orb.Point{40, 40}
	if _, err := s.Import(ctx, "world", []*Place{bg, near, far}, "seed"); err != nil {
		t.Fatal(err)
	}
	cur := testPlace("stepanakert")
	cur.Origin, cur.GeoNamesID = OriginCurated, 146970
	cur.Geometry = orb.Point{46.7519, 39.8153}
	cur.Names = []Name{{Text: "Stepanakert", Lang: "en", Script: "Latn", Usage: UsageArmenian}}
	st, err := s.Import(ctx, "curated", []*Place{cur}, "seed")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"gn-146970", "gn-1"} {
		if _, err := s.GetAny(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("background %s survived the curated entry (stats %+v)", id, st)
		}
	}
	if _, err := s.Get(ctx, "gn-2"); err != nil {
		t.Errorf("a far-away namesake was dropped: %v", err)
	}
}

func TestLoadWorld(t *testing.T) {
	places, err := LoadWorld(seeds.Sub("world"))
	if err != nil {
		t.Fatalf("LoadWorld: %v (run `make` to copy the world files)", err)
	}
	byID := map[string]*Place{}
	for _, p := range places {
		byID[p.ID] = p
	}
	if len(places) < 130000 {
		t.Fatalf("only %d world places", len(places))
	}
	am := byID["country-am"]
	if am == nil || am.Kind != KindCountry {
		t.Fatal("no Armenia in the world background")
	}
	if _, ok := am.Geometry.(orb.Polygon); !ok {
		if _, ok := am.Geometry.(orb.MultiPolygon); !ok {
			t.Fatalf("Armenia is a %T, want a polygon", am.Geometry)
		}
	}
	names := map[string]bool{}
	for _, n := range byID["country-az"].Names {
		names[n.Text] = true
	}
	for _, want := range []string{"Azerbaijan", "Azerbaïdjan", "Aserbaidschan", "Azerbaiyán", "Азербайджан", "Ադրբեջան", "Azərbaycan"} {
		if !names[want] {
			t.Errorf("Azerbaijan lacks the exonym %q", want)
		}
	}
	baku := byID["gn-587084"]
	if baku == nil || baku.Kind != KindCapital || baku.Population < 1000000 {
		t.Fatalf("Baku: %+v", baku)
	}
	if d := baku.Geometry.(orb.Point); d.Lon() < 49.8 || d.Lon() > 50 || d.Lat() < 40.3 || d.Lat() > 40.5 {
		t.Fatalf("Baku decoded at %v", d)
	}
	for _, p := range places {
		if err := p.Validate(); err != nil {
			t.Fatalf("world place %s is invalid: %v", p.ID, err)
		}
	}
}
