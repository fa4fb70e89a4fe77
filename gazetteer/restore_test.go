package gazetteer

import (
	"context"
	"errors"
	"testing"

	"github.com/paulmach/orb"
)

func TestDiff(t *testing.T) {
	base := testPlace("alpha")
	moved := *base
	moved.Geometry = orb.Point{46.7, 39.8}
	named := *base
	named.Names = append([]Name{{Text: "Berdzor", Lang: "en", Script: "Latn", Usage: UsageArmenian}}, base.Names...)
	renamed := *base
	renamed.Name, renamed.Population = "Renamed", 1200
	tests := []struct {
		name          string
		before, after *Place
		fields        []string
	}{
		{"no change", base, base, nil},
		{"moved", base, &moved, []string{"geometry"}},
		{"a name added", base, &named, []string{"names"}},
		{"two fields", base, &renamed, []string{"name", "population"}},
		{"created", nil, base, []string{"name", "kind", "geometry", "precision_km", "source", "names"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Diff(tc.before, tc.after)
			var fields []string
			for _, c := range got {
				fields = append(fields, c.Field)
			}
			if len(fields) != len(tc.fields) {
				t.Fatalf("fields %v, want %v", fields, tc.fields)
			}
			for i := range fields {
				if fields[i] != tc.fields[i] {
					t.Fatalf("fields %v, want %v", fields, tc.fields)
				}
			}
		})
	}
	d := Diff(base, &named)
	if len(d[0].Added) != 1 || d[0].Added[0].Text != "Berdzor" || len(d[0].Removed) != 0 {
		t.Errorf("names diff: added %v, removed %v", d[0].Added, d[0].Removed)
	}
}

func TestRestoreBringsBackAnOldVersion(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	p := testPlace("alpha")
	if err := s.Create(ctx, p, "tester"); err != nil {
		t.Fatal(err)
	}
	v2 := testPlace("alpha")
	v2.Names = []Name{{Text: "Beta", Lang: "en", Script: "Latn", Usage: UsageVariant}}
	v2.Geometry = orb.Polygon{{{46, 39}, {46.1, 39}, {46.1, 39.1}, {46, 39}}}
	if err := s.Update(ctx, v2, 1, "tester"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "alpha", 2, "tester"); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Restore(ctx, "alpha", 1, 2, "tester"); !errors.Is(err, ErrConflict) {
		t.Fatalf("restore against a stale version: %v, want ErrConflict", err)
	}
	if _, err := s.Restore(ctx, "alpha", 9, 3, "tester"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("restore of a version that never was: %v, want ErrNotFound", err)
	}
	got, err := s.Restore(ctx, "alpha", 1, 3, "restorer")
	if err != nil {
		t.Fatal(err)
	}
	live, err := s.Get(ctx, "alpha")
	if err != nil {
		t.Fatalf("the restored place is not live: %v", err)
	}
	if live.Version != 4 || got.Version != 4 || live.Names[0].Text != "Test alpha" || !orb.Equal(live.Geometry, orb.Point{46.5, 39.6}) {
		t.Fatalf("restored place: %+v", live)
	}
	h, err := s.History(ctx, "alpha")
	if err != nil || len(h) != 4 {
		t.Fatalf("history: %d entries, %v", len(h), err)
	}
	last := h[3]
	if last.Action != "restore" || last.Author != "restorer" || last.Version != 4 {
		t.Errorf("last change: %+v", last)
	}
	d, err := last.Diff()
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]bool{}
	for _, c := range d {
		fields[c.Field] = true
	}
	if !fields["geometry"] || !fields["names"] || !fields["deleted"] || len(fields) != 3 {
		t.Errorf("restore diff fields %v, want geometry, names, deleted", fields)
	}
	// Restoring is an edit like any other: it can be undone in turn.
	if _, err := s.Restore(ctx, "alpha", 2, 4, "restorer"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Get(ctx, "alpha"); again.Names[0].Text != "Beta" {
		t.Errorf("restoring version 2: names %v", again.Names)
	}
}

func TestRestoreValidates(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	parent := testPlace("parent")
	if err := s.Create(ctx, parent, "tester"); err != nil {
		t.Fatal(err)
	}
	child := testPlace("child")
	child.Parent = "parent"
	if err := s.Create(ctx, child, "tester"); err != nil {
		t.Fatal(err)
	}
	child.Parent = ""
	if err := s.Update(ctx, child, 1, "tester"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "parent", 1, "tester"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Restore(ctx, "child", 1, 2, "tester")
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "parent" {
		t.Fatalf("restoring a version whose parent is gone: %v, want a parent ValidationError", err)
	}
	if now, _ := s.Get(ctx, "child"); now.Version != 2 || now.Parent != "" {
		t.Errorf("the failed restore changed the place: %+v", now)
	}
}

func TestFreeID(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if err := s.Create(ctx, testPlace("nerkin-sus"), "tester"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"Nerkin Sus", "nerkin-sus-2"},
		{"Şuşa", "susa"},
		{"Ստեփանակերտ", "place"},
		{"  Aghavno–Zabukh (old road) ", "aghavno-zabukh-old-road"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.freeID(ctx, s.db, tc.name)
			if err != nil || got != tc.want {
				t.Errorf("freeID(%q) = %q, %v; want %q", tc.name, got, err, tc.want)
			}
		})
	}
}

func TestRecentChangesAndUnlocated(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	seeded := testPlace("seeded")
	nowhere := testPlace("nowhere")
	nowhere.Geometry = nil
	if _, err := s.Import(ctx, "seed", []*Place{seeded, nowhere}, "seed"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.RecentChanges(ctx, 10); err != nil || len(got) != 0 {
		t.Fatalf("changes after the import only: %v %v", got, err)
	}
	if err := s.Create(ctx, testPlace("made"), "editor"); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Get(ctx, "seeded")
	p.Notes = "edited"
	if err := s.Update(ctx, p, 1, "editor"); err != nil {
		t.Fatal(err)
	}
	got, err := s.RecentChanges(ctx, 10)
	if err != nil || len(got) != 2 || got[0].PlaceID != "seeded" || got[0].Action != "update" || got[1].PlaceID != "made" {
		t.Fatalf("recent changes: %+v %v", got, err)
	}
	if got, _ := s.RecentChanges(ctx, 1); len(got) != 1 {
		t.Errorf("limit 1: %d changes", len(got))
	}
	un, err := s.Unlocated(ctx, nil, 10)
	if err != nil || len(un) != 1 || un[0].ID != "nowhere" {
		t.Fatalf("unlocated: %v %v", un, err)
	}
	if un, _ := s.Unlocated(ctx, []Kind{KindCity}, 10); len(un) != 0 {
		t.Errorf("unlocated cities: %v", un)
	}
}
