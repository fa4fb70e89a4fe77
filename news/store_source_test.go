package news

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"dateline/gazetteer"
	"dateline/geo"
	"dateline/geo/gpkg"
)

// TestStoreKeepsSourceAndModality stores events with a source and a
// modality in a real file, reads them back through every path (document,
// event, query) and filters on them.
func TestStoreKeepsSourceAndModality(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	body := "Baku denied closing the road at Lachin. The ministry said it would reopen the road at Lachin. Traffic resumed at Lachin."
	p := &gazetteer.Place{ID: "lachin", Name: "Lachin", Kind: gazetteer.KindSettlement, Geometry: queryPlaces["lachin"]}
	m := gazetteer.Mention{Start: 32, End: 38, Surface: "Lachin", Place: p, Geometry: p.Geometry,
		Point: geo.RepresentativePoint(p.Geometry), Kind: p.Kind, Score: 0.9, Rule: "test"}
	mk := func(id string, sub SubEventType, src string, mod Modality) Event {
		return Event{ID: id, Doc: "d.txt", EventType: sub.Type(), SubEventType: sub, PlaceID: "lachin", PlaceName: "Lachin",
			GeoPrecision: 1, Sentence: "s", Confidence: 0.7, Rule: "test", Source: src, Modality: mod}
	}
	events := []Event{
		mk("denied", RoadBlockade, "Government of Azerbaijan", Denied),
		mk("planned", RoadReopened, "Ministry of Defence", Planned),
		mk("plain", RoadReopened, "", ""),
	}
	sum := sha256.Sum256([]byte(body))
	a := &Article{ID: "d.txt", Format: "text", Body: body, Raw: body, Hash: hex.EncodeToString(sum[:])}
	if _, err := s.Save(ctx, &Parsed{Article: a, Mentions: []gazetteer.Mention{m}, Events: events}, samePlaceOnly{}); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"denied":  {"Government of Azerbaijan", "denied"},
		"planned": {"Ministry of Defence", "planned"},
		"plain":   {"", "reported"}, // stored explicit
	}
	doc, err := s.Document(ctx, "d.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Events {
		if got := [2]string{e.Source, string(e.Modality)}; got != want[e.ID] {
			t.Errorf("document event %s: source, modality %q, want %q", e.ID, got, want[e.ID])
		}
	}
	for id, w := range want {
		r, err := s.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := [2]string{r.Source, string(r.Modality)}; got != w {
			t.Errorf("event %s: source, modality %q, want %q", id, got, w)
		}
	}
	cases := []struct {
		name string
		q    EventQuery
		want []string
	}{
		{"reported", EventQuery{Modalities: []string{"reported"}}, []string{"plain"}},
		{"planned or denied", EventQuery{Modalities: []string{"planned", "denied"}}, []string{"denied", "planned"}},
		{"by source", EventQuery{Sources: []string{"Ministry of Defence"}}, []string{"planned"}},
		{"source and modality", EventQuery{Sources: []string{"Ministry of Defence"}, Modalities: []string{"denied"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, n := eventIDs(t, s, tc.q)
			if !slices.Equal(got, tc.want) || n != len(tc.want) {
				t.Errorf("got %v (%d matched), want %v", got, n, tc.want)
			}
		})
	}
	if err := (EventQuery{Modalities: []string{"rumoured"}}).Validate(); err == nil {
		t.Error("an unknown modality is accepted")
	}
}

// TestMigrationFillsSourceAndModality stores an event in a file migrated
// only up to 0002, as an older Dateline did (source and modality kept in
// detail alone), then opens it with every migration: the columns are filled.
func TestMigrationFillsSourceAndModality(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.gpkg")
	db, err := gpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := gpkg.LoadMigrations(sub)
	if err != nil {
		t.Fatal(err)
	}
	if err := gpkg.Migrate(ctx, db, "news", ms[:2]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO documents (id, hash, body, raw, naming, gazetteer_version, ingested)
		VALUES ('a.txt', 'h', '', '', '{}', 1, '2024-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct{ id, detail string }{
		{"old", `{"id":"old","doc":"a.txt","source":"Armenpress","modality":"threatened"}`},
		{"bare", `{"id":"bare","doc":"a.txt"}`},
	} {
		if _, err := db.ExecContext(ctx, `INSERT INTO events (id, doc_id, time_precision, event_type, sub_event_type,
			place_id, geo_precision, sentence, sentence_start, sentence_end, confidence, rule, detail)
			VALUES (?, 'a.txt', 0, 'Strategic developments', 'Road blockade or closure', 'lachin', 1, 's', 0, 1, 0.5, 'r', ?)`,
			r.id, r.detail); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ id, source, modality string }{
		{"old", "Armenpress", "threatened"},
		{"bare", "", "reported"},
	}
	for _, tc := range cases {
		var src, mod sql.NullString
		if err := s.db.QueryRowContext(ctx, `SELECT source, coalesce(modality, 'reported') FROM events WHERE id = ?`, tc.id).Scan(&src, &mod); err != nil {
			t.Fatal(err)
		}
		if src.String != tc.source || mod.String != tc.modality {
			t.Errorf("%s: source %q modality %q, want %q %q", tc.id, src.String, mod.String, tc.source, tc.modality)
		}
	}
	if got, _ := eventIDs(t, s, EventQuery{Modalities: []string{"reported"}}); !slices.Equal(got, []string{"bare"}) {
		t.Errorf("reported events %v, want [bare]", got)
	}
}
