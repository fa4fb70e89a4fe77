package news

import (
	"context"
	"path/filepath"
	"testing"

	"dateline/gazetteer"
	"dateline/geo/gpkg"

	"github.com/paulmach/orb"
)

// A checkpoint reported at a town or on a bridge is stored at the checkpoint
// the gazetteer knows there, with its point, though no mention names it.
func TestAnalyseMovesACheckpointReportToTheCheckpoint(t *testing.T) {
	g, err := benchGeoparser()
	if err != nil {
		t.Fatalf("default gazetteer: %v (run `make` to copy the world files)", err)
	}
	ctx := context.Background()
	db, err := gpkg.Open(filepath.Join(t.TempDir(), "cp.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := NewStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	in := &Ingester{Store: st, Geoparser: func() *gazetteer.Geoparser { return g }}
	a := testArticle("On 23 April Azerbaijan set up a checkpoint on the Hakari bridge.", mustDay("2023-04-24"))
	a.ID = "cp-1"
	p := in.Analyse(a)
	var ev *Event
	for i := range p.Events {
		if p.Events[i].SubEventType == CheckpointEstablished {
			ev = &p.Events[i]
		}
	}
	if ev == nil {
		t.Fatalf("no checkpoint event in %+v", p.Events)
	}
	if ev.PlaceID != "lachin-checkpoint" || ev.PlaceKind != "checkpoint" || ev.Rule != "checkpoint-established/set-up+checkpoint" {
		t.Fatalf("event at %s (%s), rule %s", ev.PlaceID, ev.PlaceKind, ev.Rule)
	}
	if _, ok := p.Sites["lachin-checkpoint"]; !ok {
		t.Fatalf("no point for the checkpoint: %v", p.Sites)
	}
	if pd := Predict(p); pd.Events[0].Geometry == nil {
		t.Errorf("the prediction has no geometry for the checkpoint")
	}
	if _, err := st.Save(ctx, p, g); err != nil {
		t.Fatal(err)
	}
	box := orb.Bound{Min: orb.Point{46.5, 39.5}, Max: orb.Point{46.6, 39.6}}
	n, err := st.QueryEvents(ctx, EventQuery{BBox: &box}, func(*EventRecord) error { return nil })
	if err != nil || n != 1 {
		t.Errorf("stored events at the checkpoint: %d, %v", n, err)
	}
}
