package news

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGoldenEvents compares the events of each seed (with the test
// mentions) to testdata/events/<seed>.golden.json, and their clusters to
// testdata/events/clusters.golden.json. Run with -update to rewrite them
// after a reviewed change.
func TestGoldenEvents(t *testing.T) {
	shorts := make([]string, 0, len(seedFiles))
	for k := range seedFiles {
		shorts = append(shorts, k)
	}
	sort.Strings(shorts)
	var all []Event
	for _, k := range shorts {
		a := mustSeed(t, k)
		evs := ExtractEvents(a, testMentions(a.Body))
		if evs == nil {
			evs = []Event{}
		}
		all = append(all, evs...)
		name := strings.TrimSuffix(seedFiles[k], ".txt") + ".golden.json"
		compareGolden(t, filepath.Join("testdata", "events", name), evs)
	}
	compareGolden(t, filepath.Join("testdata", "events", "clusters.golden.json"), ClusterEvents(all, testWithin))
}

func compareGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenEvents -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run with -update after reviewing the change.\n got: %s", path, firstDiff(got, want))
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ": " + strings.TrimSpace(g[i]) + "\nwant: " + strings.TrimSpace(w[i])
		}
	}
	return "lengths differ: " + itoa(len(g)) + " vs " + itoa(len(w)) + " lines"
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
