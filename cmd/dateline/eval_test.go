package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEvalMeetsTheBar runs `dateline eval` on both gold sets, as CI does, and
// holds the geoparser to the quality bar.
func TestEvalMeetsTheBar(t *testing.T) {
	db := seededDB(t)
	cases := []struct {
		gold          string
		minF1, minE2E float64
	}{
		{"../../seeds/gold/seeds.json", 0.97, 0.95},
		{"../../seeds/gold/multilingual.json", 0.95, 0.90},
	}
	for _, tc := range cases {
		t.Run(tc.gold, func(t *testing.T) {
			r := runCLI(t, "eval", "--gold", tc.gold, "--db", db)
			if r.code != 0 {
				t.Fatalf("eval: exit %d: %s", r.code, r.stderr)
			}
			var rep struct {
				F1          float64 `json:"f1"`
				Precision   float64 `json:"precision"`
				Recall      float64 `json:"recall"`
				EndToEnd    float64 `json:"end_to_end_accuracy"`
				Accuracy    float64 `json:"accuracy_within_tolerance"`
				PerDocument []struct {
					ID       string   `json:"id"`
					Missed   []string `json:"missed"`
					Spurious []string `json:"spurious"`
					Wrong    []string `json:"wrong"`
				} `json:"per_document"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatalf("eval output is not JSON: %v\n%s", err, r.stdout)
			}
			t.Logf("P %.3f R %.3f F1 %.3f accuracy %.3f end-to-end %.3f", rep.Precision, rep.Recall, rep.F1, rep.Accuracy, rep.EndToEnd)
			var problems []string
			for _, d := range rep.PerDocument {
				for _, m := range d.Missed {
					problems = append(problems, d.ID+" missed "+m)
				}
				for _, s := range d.Spurious {
					problems = append(problems, d.ID+" spurious "+s)
				}
				for _, w := range d.Wrong {
					problems = append(problems, d.ID+" wrong "+w)
				}
			}
			if rep.F1 < tc.minF1 || rep.EndToEnd < tc.minE2E {
				t.Fatalf("F1 %.3f (want >= %.2f), end-to-end accuracy %.3f (want >= %.2f):\n%s",
					rep.F1, tc.minF1, rep.EndToEnd, tc.minE2E, strings.Join(problems, "\n"))
			}
			if len(problems) > 0 {
				t.Logf("remaining errors:\n%s", strings.Join(problems, "\n"))
			}
		})
	}
}
