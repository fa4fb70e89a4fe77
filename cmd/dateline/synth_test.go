package main

import (
	"strings"
	"testing"

	"dateline/geo/gpkg"
)

// TestSynthCommand adds synthetic events to a seeded database twice with
// different seeds and refuses a seed stored already.
func TestSynthCommand(t *testing.T) {
	db := seededDB(t)
	for _, seed := range []string{"1", "2"} {
		r := runCLI(t, "synth", "--events", "500", "--seed", seed, "--db", db)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "synthesized 500 events") {
			t.Fatalf("seed %s: exit %d, stdout %q, stderr %q", seed, r.code, r.stdout, r.stderr)
		}
	}
	conn, err := gpkg.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n, synthetic, unknownPlace int
	if err := conn.QueryRow(`SELECT count(*), sum(rule LIKE 'synthetic/%'),
		sum(place_id NOT IN (SELECT id FROM places)) FROM events`).Scan(&n, &synthetic, &unknownPlace); err != nil {
		t.Fatal(err)
	}
	if synthetic != 1000 || n <= 1000 || unknownPlace != 0 {
		t.Errorf("%d events, %d synthetic (want 1000 beside the seed articles'), %d at places not in the gazetteer", n, synthetic, unknownPlace)
	}
	var inIndex int
	if err := conn.QueryRow(`SELECT count(*) FROM rtree_events_geom r JOIN events e ON e.fid = r.id WHERE e.rule LIKE 'synthetic/%'`).
		Scan(&inIndex); err != nil || inIndex != 1000 {
		t.Errorf("%d synthetic events in the R-tree (%v)", inIndex, err)
	}
	r := runCLI(t, "synth", "--events", "5", "--seed", "2", "--db", db)
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "seed 2") {
		t.Errorf("the same seed again: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSynthUsage checks that a bad command line is exit status 2 with one line.
func TestSynthUsage(t *testing.T) {
	for _, args := range [][]string{
		{"synth"},
		{"synth", "--events", "0"},
		{"synth", "--events", "lots"},
		{"synth", "--events", "10", "--seed", "-1"},
		{"synth", "--events", "10", "extra"},
		{"synth", "--nope"},
	} {
		r := runCLI(t, args...)
		if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "dateline: synth: ") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}
