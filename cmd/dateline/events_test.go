package main

import (
	"database/sql"
	"dateline/news"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"dateline/geo/gpkg"
)

// eventGoldDir is the event gold set; the eval reads every events-*.json in it.
const eventGoldDir = "../../seeds/gold/events"

// eventScores is the report's figures as the CLI prints them, decoded into
// the scorer's own type.
type eventScores struct{ news.EventScores }

func (s eventScores) String() string {
	return fmt.Sprintf("%d docs, %d gold, %d predicted, %d matched: P %.3f R %.3f F1 %.3f, place_ok %.3f, date_ok %.3f, "+
		"recall at place %.3f, at place and date %.3f, precision (any match) %.3f",
		s.Documents, s.Gold, s.Predicted, s.Matched, s.Precision, s.Recall, s.F1, s.PlaceOK, s.DateOK,
		s.RecallAtPlace, s.RecallAtPlaceAndDate, s.PrecisionAnyMatch)
}

// TestEventEvalMeetsTheBar runs `dateline eval --events` on the whole event
// gold set, as CI does, and holds event extraction to the quality bar.
func TestEventEvalMeetsTheBar(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(eventGoldDir, "events-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no events-*.json gold file in %s", eventGoldDir)
	}
	db := seededDB(t)
	r := runCLI(t, "eval", "--events", "--gold", eventGoldDir, "--db", db)
	if r.code != 0 {
		t.Fatalf("eval --events: exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Gold []string `json:"gold"`
		eventScores
		PerLanguage     map[string]eventScores `json:"per_language"`
		PerSubEventType map[string]eventScores `json:"per_sub_event_type"`
		PerDocument     []struct {
			ID        string   `json:"id"`
			Missed    []string `json:"missed"`
			Spurious  []string `json:"spurious"`
			WrongSite []string `json:"wrong_place"`
			WrongDate []string `json:"wrong_date"`
			Unfound   []string `json:"evidence_not_found"`
		} `json:"per_document"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("eval output is not JSON: %v\n%s", err, r.stdout)
	}
	if !slices.Equal(rep.Gold, files) {
		t.Fatalf("eval read %q, want every gold file %q", rep.Gold, files)
	}
	t.Logf("overall: %s", rep.eventScores)
	langs := make([]string, 0, len(rep.PerLanguage))
	for l := range rep.PerLanguage {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		t.Logf("%s: %s", l, rep.PerLanguage[l])
	}
	var problems []string
	for _, d := range rep.PerDocument {
		for _, x := range d.Missed {
			problems = append(problems, d.ID+" missed "+x)
		}
		for _, x := range d.Spurious {
			problems = append(problems, d.ID+" spurious "+x)
		}
		for _, x := range d.WrongSite {
			problems = append(problems, d.ID+" wrong place "+x)
		}
		for _, x := range d.WrongDate {
			problems = append(problems, d.ID+" wrong date "+x)
		}
		for _, x := range d.Unfound {
			problems = append(problems, d.ID+" evidence not in the text: "+x)
		}
	}
	// Issue 12's bar: make test fails below it. (The per-language floor is
	// above the 0.70: every language reaches 0.80 today, and a rule
	// that breaks one language should show.)
	const (
		floorF1, goalF1         = 0.80, 0.80
		floorLangF1, goalLangF1 = 0.75, 0.75
		floorPlace, goalPlace   = 0.90, 0.90
		floorDate, goalDate     = 0.85, 0.85
	)
	var failed, short []string
	check := func(what string, got, floor, goal float64) {
		switch {
		case got < floor:
			failed = append(failed, fmt.Sprintf("%s %.3f (floor %.2f)", what, got, floor))
		case got < goal:
			short = append(short, fmt.Sprintf("%s %.3f (goal %.2f)", what, got, goal))
		}
	}
	check("event F1", rep.F1, floorF1, goalF1)
	for _, l := range langs {
		if s := rep.PerLanguage[l]; s.Documents >= 5 {
			check(l+" event F1", s.F1, floorLangF1, goalLangF1)
		}
	}
	check("place_ok", rep.PlaceOK, floorPlace, goalPlace)
	check("date_ok", rep.DateOK, floorDate, goalDate)
	if len(short) > 0 {
		t.Logf("below the goal: %s", strings.Join(short, "; "))
	}
	if len(failed) > 0 {
		t.Fatalf("%s:\n%s", strings.Join(failed, "; "), strings.Join(problems, "\n"))
	}
	if len(problems) > 0 {
		t.Logf("remaining errors:\n%s", strings.Join(problems, "\n"))
	}
}

func TestEvalEventsUsage(t *testing.T) {
	empty := t.TempDir()
	cases := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"no gold", []string{"eval", "--events"}, 2, "want --events --gold"},
		{"folder without gold files", []string{"eval", "--events", "--gold", empty}, 1, "no events-*.json"},
		{"missing file", []string{"eval", "--events", filepath.Join(empty, "nope.json")}, 1, "nope.json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.inStderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tc.code, tc.inStderr)
			}
		})
	}
}

// TestReanalyseRestoresEvents deletes the events of a seeded database, runs
// `dateline reanalyse`, and checks that they are back and that nothing else
// changed.
func TestReanalyseRestoresEvents(t *testing.T) {
	db := seededDB(t)
	sqlDB, err := gpkg.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	snapshot := func(query string) []string {
		t.Helper()
		rows, err := sqlDB.Query(query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out []string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals))
		}
		return out
	}
	const docs = `SELECT id, hash, title, outlet, published, url, body, raw, naming, ingested, mention_count, event_count
		FROM documents ORDER BY id`
	const mentions = `SELECT doc_id, start, "end", surface, place_id, score, rule FROM mentions ORDER BY doc_id, start`
	const events = `SELECT id, doc_id, event_date, sub_event_type, place_id, source, modality, sentence FROM events ORDER BY id`
	docsBefore, mentionsBefore, eventsBefore := snapshot(docs), snapshot(mentions), snapshot(events)
	if len(docsBefore) == 0 || len(eventsBefore) == 0 {
		t.Fatalf("the seeded database has %d documents and %d events", len(docsBefore), len(eventsBefore))
	}
	if _, err := sqlDB.Exec(`DELETE FROM events`); err != nil {
		t.Fatal(err)
	}

	r := runCLI(t, "reanalyse", "--db", db, "--batch", "2")
	if r.code != 0 {
		t.Fatalf("reanalyse: exit %d: %s", r.code, r.stderr)
	}
	want := fmt.Sprintf(`^reanalysed %d articles in \S+: events 0 → %d, mentions %d → %d, 0 failed\n$`,
		len(docsBefore), len(eventsBefore), len(mentionsBefore), len(mentionsBefore))
	if !regexp.MustCompile(want).MatchString(r.stdout) {
		t.Errorf("summary %q, want it to match %q", r.stdout, want)
	}
	for _, c := range []struct {
		name          string
		before, after []string
	}{
		{"documents", docsBefore, snapshot(docs)},
		{"mentions", mentionsBefore, snapshot(mentions)},
		{"events", eventsBefore, snapshot(events)},
	} {
		if !slices.Equal(c.before, c.after) {
			t.Errorf("%s differ after reanalyse:\nbefore %q\nafter  %q", c.name, c.before, c.after)
		}
	}
	var orphans int
	if err := sqlDB.QueryRow(`SELECT count(*) FROM events WHERE cluster_id IS NULL
		OR cluster_id NOT IN (SELECT id FROM clusters)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d events are in no stored cluster after reanalyse", orphans)
	}
}
