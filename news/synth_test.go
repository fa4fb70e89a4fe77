package news

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
)

// synthTestPlaces are a few places of the region, one of them an area.
func synthTestPlaces() []SynthPlace {
	return []SynthPlace{
		{ID: "stepanakert", Name: "Stepanakert", Kind: gazetteer.KindCity, Point: orb.Point{46.7528, 39.8177}},
		{ID: "shusha", Name: "Shusha", Kind: gazetteer.KindCity, Point: orb.Point{46.74989, 39.76006}},
		{ID: "lachin", Name: "Lachin", Kind: gazetteer.KindSettlement, Point: orb.Point{46.54694, 39.64083}},
		{ID: "hakari-bridge", Name: "Hakari bridge", Kind: gazetteer.KindBridge, Point: orb.Point{46.553, 39.552}},
		{ID: "yerevan", Name: "Yerevan", Kind: gazetteer.KindCapital, Point: orb.Point{44.5126, 40.1776}},
		{ID: "baku", Name: "Baku", Kind: gazetteer.KindCapital, Point: orb.Point{49.8671, 40.4093}},
		{ID: "nagorno-karabakh", Name: "Nagorno-Karabakh", Kind: gazetteer.KindRegion, Point: orb.Point{46.75, 39.85}},
		{ID: "lachin-corridor", Name: "Lachin corridor", Kind: gazetteer.KindCorridor, Point: orb.Point{46.6, 39.65}},
		{ID: "paris", Name: "Paris", Kind: gazetteer.KindCapital, Point: orb.Point{2.35, 48.85}}, // outside: never used
	}
}

func synthTestOutlets() []Outlet {
	return []Outlet{
		{ID: "armenpress", Name: "Armenpress", Perspective: PerspectiveArmenian},
		{ID: "apa", Name: "APA", Perspective: PerspectiveAzerbaijani},
		{ID: "tass", Name: "TASS", Perspective: PerspectiveRussian},
		{ID: "reuters", Name: "Reuters", Perspective: PerspectiveInternational},
	}
}

// mustSynth opens a store in a temporary folder with n synthetic events.
func mustSynth(tb testing.TB, n int, seed uint64) *Store {
	tb.Helper()
	ctx := context.Background()
	db, err := gpkg.Open(filepath.Join(tb.TempDir(), "synth.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s, err := NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := s.Synthesize(ctx, SynthOptions{Events: n, Seed: seed, Places: synthTestPlaces(), Outlets: synthTestOutlets()}); err != nil {
		tb.Fatal(err)
	}
	return s
}

func BenchmarkSynthesize(b *testing.B) {
	for b.Loop() {
		mustSynth(b, 50000, 1)
	}
}
