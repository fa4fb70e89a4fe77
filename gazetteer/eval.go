package gazetteer

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// Gold is a gold file: for each document, every distinct place-name string
// it contains, with where the place really is.
type Gold struct {
	Documents []GoldDocument `json:"documents"`
}

// GoldDocument is one annotated text; File is relative to the gold file.
type GoldDocument struct {
	ID       string        `json:"id"`
	File     string        `json:"file"`
	Toponyms []GoldToponym `json:"toponyms"`
	Note     string        `json:"note,omitempty"`
}

// GoldToponym is one place name of a gold document.
type GoldToponym struct {
	Surface     string  `json:"surface"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Kind        Kind    `json:"kind"`
	ToleranceKm float64 `json:"tolerance_km,omitempty"`
}

// DefaultToleranceKm is how far a resolved place may lie from the gold point
// when the gold file does not say, by kind.
func DefaultToleranceKm(k Kind) float64 {
	switch k {
	case KindBridge, KindCheckpoint, KindBorderCrossing:
		return 2
	case KindSettlement, KindCity, KindCapital, KindBase, KindAirport, KindMine:
		return 5
	case KindRoad, KindCorridor, KindRiver:
		return 15
	case KindRegion, KindDistrict:
		return 60
	case KindCountry:
		return 400
	}
	return 5
}

// ReadGold parses and checks a gold file.
func ReadGold(r io.Reader) (*Gold, error) {
	var g Gold
	dec := json.NewDecoder(r)
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%w: gold file: %s", ErrInvalid, jsonReason(err))
	}
	if len(g.Documents) == 0 {
		return nil, fmt.Errorf("%w: gold file has no documents", ErrInvalid)
	}
	for i, d := range g.Documents {
		if d.File == "" {
			return nil, fmt.Errorf("%w: gold document %d has no file", ErrInvalid, i)
		}
		for j, t := range d.Toponyms {
			if t.Surface == "" || math.Abs(t.Lat) > 90 || math.Abs(t.Lon) > 180 {
				return nil, fmt.Errorf("%w: gold document %s, toponym %d: needs a surface and lat/lon in range", ErrInvalid, d.ID, j)
			}
		}
	}
	return &g, nil
}

// Prediction is what the geoparser said about one distinct surface of a document.
type Prediction struct {
	Surface  string
	Geometry orb.Geometry // nil when unresolved
	PlaceID  string
}

// Scores are the recognition and resolution figures of an evaluation.
type Scores struct {
	Documents int     `json:"documents"`
	Gold      int     `json:"gold_toponyms"`
	Predicted int     `json:"predicted_toponyms"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Accuracy is the share of matched toponyms resolved within tolerance;
	// EndToEnd the share of all gold toponyms found and resolved within tolerance.
	Accuracy      float64 `json:"accuracy_within_tolerance"`
	EndToEnd      float64 `json:"end_to_end_accuracy"`
	Accuracy161   float64 `json:"accuracy_within_161km"`
	MedianErrorKm float64 `json:"median_error_km"`
	MeanErrorKm   float64 `json:"mean_error_km"`
}

// Report is the result of scoring a geoparser against a gold file.
type Report struct {
	Scores
	PerDocument []DocumentReport `json:"per_document"`
}

// DocumentReport lists what went wrong in one document.
type DocumentReport struct {
	ID       string   `json:"id"`
	Scores   Scores   `json:"scores"`
	Missed   []string `json:"missed,omitempty"`   // gold surfaces no prediction matched
	Spurious []string `json:"spurious,omitempty"` // predicted surfaces that are not in gold
	Wrong    []string `json:"wrong,omitempty"`    // matched but resolved too far: "surface: place (d km)"
}

// Evaluate scores predictions (per gold document id, one per distinct
// surface) against the gold: surfaces match when their normalised forms are
// equal or one contains the other as whole words; each gold toponym and each
// prediction is used once, exact matches first.
func Evaluate(g *Gold, predictions map[string][]Prediction) Report {
	var rep Report
	var errs []float64
	for _, d := range g.Documents {
		dr := DocumentReport{ID: d.ID}
		preds := dedupePredictions(predictions[d.ID])
		gold := d.Toponyms
		usedP := make([]bool, len(preds))
		matchOf := make([]int, len(gold))
		for i := range matchOf {
			matchOf[i] = -1
		}
		// Exact matches first, then containment, so "Lachin" and "Lachin corridor" pair with their own.
		for pass := 0; pass < 2; pass++ {
			for i, t := range gold {
				if matchOf[i] >= 0 {
					continue
				}
				tk := NormalizeName(t.Surface)
				for j, p := range preds {
					if usedP[j] {
						continue
					}
					pk := NormalizeName(p.Surface)
					if (pass == 0 && pk == tk) || (pass == 1 && (containsWords(pk, tk) || containsWords(tk, pk))) {
						matchOf[i], usedP[j] = j, true
						break
					}
				}
			}
		}
		var docErrs []float64
		within := 0
		for i, t := range gold {
			j := matchOf[i]
			if j < 0 {
				dr.Missed = append(dr.Missed, t.Surface)
				continue
			}
			tol := t.ToleranceKm
			if tol == 0 {
				tol = DefaultToleranceKm(t.Kind)
			}
			d := math.Inf(1)
			if preds[j].Geometry != nil {
				d = geo.DistanceToGeometry(orb.Point{t.Lon, t.Lat}, preds[j].Geometry)
			}
			docErrs = append(docErrs, d)
			if d <= tol {
				within++
			} else {
				dr.Wrong = append(dr.Wrong, fmt.Sprintf("%s: %s (%.1f km, tolerance %.1f)", t.Surface, orDashID(preds[j].PlaceID), d, tol))
			}
		}
		for j, p := range preds {
			if !usedP[j] {
				dr.Spurious = append(dr.Spurious, p.Surface)
			}
		}
		dr.Scores = score(1, len(gold), len(preds), len(docErrs), within, docErrs)
		rep.PerDocument = append(rep.PerDocument, dr)
		rep.Gold += len(gold)
		rep.Predicted += len(preds)
		rep.Matched += len(docErrs)
		rep.Accuracy += float64(within) // summed here, divided in score
		errs = append(errs, docErrs...)
	}
	within := int(rep.Accuracy)
	rep.Scores = score(len(g.Documents), rep.Gold, rep.Predicted, rep.Matched, within, errs)
	return rep
}

func score(docs, gold, pred, matched, within int, errs []float64) Scores {
	s := Scores{Documents: docs, Gold: gold, Predicted: pred, Matched: matched}
	s.Precision = ratio(matched, pred)
	s.Recall = ratio(matched, gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = round3(2 * s.Precision * s.Recall / (s.Precision + s.Recall))
	}
	s.Accuracy = ratio(within, matched)
	s.EndToEnd = ratio(within, gold)
	n161 := 0
	var finite []float64
	for _, e := range errs {
		if e <= 161 {
			n161++
		}
		if !math.IsInf(e, 1) {
			finite = append(finite, e)
		}
	}
	s.Accuracy161 = ratio(n161, matched)
	if len(finite) > 0 {
		sort.Float64s(finite)
		mid := len(finite) / 2
		med := finite[mid]
		if len(finite)%2 == 0 {
			med = (finite[mid-1] + finite[mid]) / 2
		}
		s.MedianErrorKm = round3(med)
		sum := 0.0
		for _, e := range finite {
			sum += e
		}
		s.MeanErrorKm = round3(sum / float64(len(finite)))
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round3(float64(a) / float64(b))
}

func orDashID(s string) string {
	if s == "" {
		return "(unresolved)"
	}
	return s
}

// dedupePredictions keeps one prediction per normalised surface: the
// document's first resolved reading of it.
func dedupePredictions(ps []Prediction) []Prediction {
	seen := map[string]int{}
	var out []Prediction
	for _, p := range ps {
		k := NormalizeName(p.Surface)
		if i, ok := seen[k]; ok {
			if out[i].Geometry == nil && p.Geometry != nil {
				out[i] = p
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, p)
	}
	return out
}

// containsWords reports whether the words of b appear, in order and
// adjacent, among the words of a.
func containsWords(a, b string) bool {
	if b == "" {
		return false
	}
	return strings.Contains(" "+a+" ", " "+b+" ")
}

// Predictions turns a document's mentions into evaluation predictions.
func Predictions(ms []Mention) []Prediction {
	out := make([]Prediction, 0, len(ms))
	for _, m := range ms {
		p := Prediction{Surface: m.Surface, Geometry: m.Geometry}
		if m.Place != nil {
			p.PlaceID = m.Place.ID
		}
		out = append(out, p)
	}
	return out
}
