package news

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
)

// The body of the scorer's test document: two sentences.
const evalBody = "Azerbaijan closed the Lachin corridor on Monday. Aid later reached Stepanakert."

var (
	lachinGold = orb.Point{46.64306, 39.6875}
	// 100 km east of the corridor, and about 10 km from it.
	farAway = orb.Point{47.8, 39.6875}
	nearBy  = orb.Point{46.76, 39.6875}
)

// predicted is a prediction over evalBody: sentence 0 or 1, or -1 for the headline.
func predicted(sentence int, sub SubEventType, at orb.Geometry, date string, prec Precision) PredictedEvent {
	e := Event{SubEventType: sub, EventType: sub.Type(), PlaceID: "p", TimePrecision: prec}
	switch sentence {
	case -1:
		e.Headline, e.Sentence = true, "Lachin corridor closed"
	case 0:
		e.SentenceStart, e.SentenceEnd = 0, 48
	default:
		e.SentenceStart, e.SentenceEnd = 49, len(evalBody)
	}
	if date != "" {
		e.EventDate = mustDay(date)
		e.DateEnd = e.EventDate
	}
	return PredictedEvent{Event: e, Geometry: at}
}

func goldAt(sub SubEventType, kind gazetteer.Kind, date string, prec Precision, evidence ...string) GoldEvent {
	return GoldEvent{SubEventType: sub, Place: "Lachin corridor", Lat: lachinGold[1], Lon: lachinGold[0], Kind: kind,
		Date: date, TimePrecision: prec, Evidence: evidence}
}

func TestEvaluateEvents(t *testing.T) {
	closed := "closed the Lachin corridor"
	cases := []struct {
		name  string
		gold  []GoldEvent
		preds []PredictedEvent
		title string
		want  EventScores
		// missed and spurious counts of the document
		missed, spurious int
	}{
		{
			name:  "sentence overlaps the evidence, place far",
			gold:  []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed)},
			preds: []PredictedEvent{predicted(0, RoadBlockade, farAway, "", 0)},
			want: EventScores{Gold: 1, Predicted: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1, PlaceOK: 0,
				RecallAtPlace: 0, RecallAtPlaceAndDate: 0, PrecisionAnyMatch: 1},
		},
		{
			name:  "near place, other sentence",
			gold:  []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed)},
			preds: []PredictedEvent{predicted(1, RoadBlockade, nearBy, "", 0)},
			want: EventScores{Gold: 1, Predicted: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1, PlaceOKCount: 1, PlaceOK: 1,
				RecallAtPlace: 1, RecallAtPlaceAndDate: 1, PrecisionAnyMatch: 1},
		},
		{
			name:  "near place but the settlement tolerance is 5 km",
			gold:  []GoldEvent{goldAt(RoadBlockade, gazetteer.KindSettlement, "", 0, closed)},
			preds: []PredictedEvent{predicted(0, RoadBlockade, nearBy, "", 0)},
			want: EventScores{Gold: 1, Predicted: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1,
				RecallAtPlace: 1, RecallAtPlaceAndDate: 1, PrecisionAnyMatch: 1},
		},
		{
			name:   "other sub-event type never matches",
			gold:   []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed)},
			preds:  []PredictedEvent{predicted(0, HumanitarianAccess, lachinGold, "", 0)},
			want:   EventScores{Gold: 1, Predicted: 1},
			missed: 1, spurious: 1,
		},
		{
			name:   "far and elsewhere does not match",
			gold:   []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed)},
			preds:  []PredictedEvent{predicted(1, RoadBlockade, farAway, "", 0)},
			want:   EventScores{Gold: 1, Predicted: 1},
			missed: 1, spurious: 1,
		},
		{
			name:  "two reports of one happening: one matches",
			gold:  []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed)},
			preds: []PredictedEvent{predicted(0, RoadBlockade, lachinGold, "", 0), predicted(-1, RoadBlockade, lachinGold, "", 0)},
			title: "Lachin corridor closed",
			want: EventScores{Gold: 1, Predicted: 2, Matched: 1, Precision: 0.5, Recall: 1, F1: 0.667, PlaceOKCount: 1,
				PlaceOK: 1, RecallAtPlace: 1, RecallAtPlaceAndDate: 1, PrecisionAnyMatch: 1},
			spurious: 1,
		},
		{
			name:  "headline event matches evidence in the title",
			gold:  []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, "Lachin corridor closed")},
			preds: []PredictedEvent{predicted(-1, RoadBlockade, farAway, "", 0)},
			title: "Lachin corridor closed",
			want: EventScores{Gold: 1, Predicted: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1,
				PrecisionAnyMatch: 1},
		},
		{
			name: "evidence first, then the nearest",
			gold: []GoldEvent{
				goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, "Aid later reached"),
				goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed),
			},
			// The first prediction is nearer the first gold event but overlaps the second's evidence.
			preds: []PredictedEvent{predicted(0, RoadBlockade, nearBy, "", 0), predicted(1, RoadBlockade, farAway, "", 0)},
			want: EventScores{Gold: 2, Predicted: 2, Matched: 2, Precision: 1, Recall: 1, F1: 1, PlaceOKCount: 1,
				PlaceOK: 0.5, RecallAtPlace: 0.5, RecallAtPlaceAndDate: 0.5, PrecisionAnyMatch: 1},
		},
		{
			name: "a line passing near the gold point is at the place",
			gold: []GoldEvent{goldAt(RoadBlockade, gazetteer.KindRoad, "", 0, closed)},
			preds: []PredictedEvent{predicted(0, RoadBlockade,
				orb.LineString{{46.5, 39.688}, {46.8, 39.688}}, "", 0)},
			want: EventScores{Gold: 1, Predicted: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1, PlaceOKCount: 1, PlaceOK: 1,
				RecallAtPlace: 1, RecallAtPlaceAndDate: 1, PrecisionAnyMatch: 1},
		},
		{
			name:  "ellipsis and case in the evidence",
			gold:  []GoldEvent{goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, "AZERBAIJAN closed … on  Monday")},
			preds: []PredictedEvent{predicted(0, RoadBlockade, farAway, "", 0)},
			want: EventScores{Gold: 1, Predicted: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1,
				PrecisionAnyMatch: 1},
		},
		{
			name: "dates: same day, inside the month, outside, coarser, undated prediction",
			gold: []GoldEvent{
				goldAt(RoadBlockade, gazetteer.KindCorridor, "2023-07-24", PrecisionDay),
				goldAt(RoadReopened, gazetteer.KindCorridor, "2023-07-01", PrecisionMonth),
				goldAt(HumanitarianAccess, gazetteer.KindCorridor, "2023-07-24", PrecisionDay),
				goldAt(UtilityCutOff, gazetteer.KindCorridor, "2023-07-24", PrecisionWeek),
				goldAt(UtilityRestored, gazetteer.KindCorridor, "2023-07-24", PrecisionDay),
				goldAt(Displacement, gazetteer.KindCorridor, "", PrecisionNone),
			},
			preds: []PredictedEvent{
				predicted(0, RoadBlockade, lachinGold, "2023-07-24", PrecisionDay),
				predicted(0, RoadReopened, lachinGold, "2023-07-31", PrecisionDay),
				predicted(0, HumanitarianAccess, lachinGold, "2023-07-25", PrecisionDay),
				predicted(0, UtilityCutOff, lachinGold, "2023-07-01", PrecisionMonth),
				predicted(0, UtilityRestored, lachinGold, "", PrecisionNone),
				predicted(0, Displacement, lachinGold, "2023-07-24", PrecisionDay),
			},
			want: EventScores{Gold: 6, Predicted: 6, Matched: 6, Precision: 1, Recall: 1, F1: 1, PlaceOKCount: 6, PlaceOK: 1,
				Dated: 5, DateOKCount: 2, DateOK: 0.4, RecallAtPlace: 1, RecallAtPlaceAndDate: 0.5, PrecisionAnyMatch: 1},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs := []EventGoldDocument{{ID: "en-001", File: "en/001.txt", Language: "en", Events: tc.gold}}
			preds := []PredictedDocument{{Title: tc.title, Body: evalBody, Events: tc.preds}}
			rep := EvaluateEvents(docs, preds)
			got := rep.EventScores
			want := tc.want
			want.Documents = 1
			// The attribute shares are tested apart.
			got.ModalityOK, got.SourceOK, got.Actor1OK = 0, 0, 0
			got.modalityOK, got.sourceOK, got.actor1OK, got.atPlace, got.atPlaceDate, got.anyMatch = 0, 0, 0, 0, 0, 0
			if got != want {
				t.Errorf("scores\n got %+v\nwant %+v", got, want)
			}
			dr := rep.PerDocument[0]
			if len(dr.Missed) != tc.missed || len(dr.Spurious) != tc.spurious {
				t.Errorf("missed %q, spurious %q; want %d and %d", dr.Missed, dr.Spurious, tc.missed, tc.spurious)
			}
			if len(dr.Extracted) != len(tc.preds) {
				t.Errorf("extracted lists %d predictions, want %d: %q", len(dr.Extracted), len(tc.preds), dr.Extracted)
			}
			for i, line := range dr.Extracted {
				if p := tc.preds[i]; !strings.HasPrefix(line, string(p.SubEventType)+" [") || !strings.Contains(line, dayOrEmpty(p.EventDate)) {
					t.Errorf("extracted %q does not say %s on %s", line, p.SubEventType, dayOrEmpty(p.EventDate))
				}
			}
			if en := rep.PerLanguage["en"]; en == nil || en.F1 != want.F1 || en.Gold != want.Gold {
				t.Errorf("per language: %+v", rep.PerLanguage)
			}
		})
	}
}

func TestEvaluateEventsBreakdowns(t *testing.T) {
	closed := "closed the Lachin corridor"
	g := goldAt(RoadBlockade, gazetteer.KindCorridor, "", 0, closed)
	g.Modality, g.Source, g.Actor1 = Denied, "Government of Azerbaijan", "Military Forces of Azerbaijan"
	p := predicted(0, RoadBlockade, lachinGold, "", 0)
	p.Modality, p.Source, p.Actor1 = Denied, "government of azerbaijan", "Protesters (Azerbaijan)"
	docs := []EventGoldDocument{
		{ID: "en-001", File: "en/001.txt", Events: []GoldEvent{g}},
		{ID: "ru-001", File: "ru/001.txt", Events: []GoldEvent{goldAt(RoadReopened, gazetteer.KindCorridor, "", 0, "not in the text")}},
	}
	preds := []PredictedDocument{
		{Body: evalBody, Events: []PredictedEvent{p}},
		{Body: evalBody},
	}
	rep := EvaluateEvents(docs, preds)
	cases := []struct {
		name        string
		got, want   float64
		gotN, wantN int
	}{
		{"overall recall", rep.Recall, 0.5, rep.Gold, 2},
		{"overall precision", rep.Precision, 1, rep.Predicted, 1},
		{"en recall (language from the file's folder)", rep.PerLanguage["en"].Recall, 1, rep.PerLanguage["en"].Documents, 1},
		{"ru recall", rep.PerLanguage["ru"].Recall, 0, rep.PerLanguage["ru"].Gold, 1},
		{"blockade F1", rep.PerSubEventType[string(RoadBlockade)].F1, 1, rep.PerSubEventType[string(RoadBlockade)].Matched, 1},
		{"reopened recall", rep.PerSubEventType[string(RoadReopened)].Recall, 0, rep.PerSubEventType[string(RoadReopened)].Gold, 1},
		{"modality", rep.ModalityOK, 1, 0, 0},
		{"source, case aside", rep.SourceOK, 1, 0, 0},
		{"actor1", rep.Actor1OK, 0, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want || tc.gotN != tc.wantN {
				t.Errorf("got %v (%d), want %v (%d)", tc.got, tc.gotN, tc.want, tc.wantN)
			}
		})
	}
	if u := rep.PerDocument[1].Unfound; !slices.Equal(u, []string{"not in the text"}) {
		t.Errorf("evidence not found: %q", u)
	}
}

func TestReadEventGold(t *testing.T) {
	cases := []struct {
		name, json string
		wantErr    string // "" for a valid file
	}{
		{"valid, null date", `{"documents":[{"id":"en-001","file":"en/001.txt","language":"en","events":[
			{"sub_event_type":"Road blockade or closure","modality":"reported","place":"Lachin corridor","lat":39.6875,
			 "lon":46.64306,"kind":"corridor","date":null,"time_precision":0,"evidence":["a b c"]}]}]}`, ""},
		{"no documents", `{"documents":[]}`, "no documents"},
		{"no file", `{"documents":[{"id":"x","events":[]}]}`, "has no file"},
		{"unknown type", `{"documents":[{"id":"x","file":"x.txt","events":[{"sub_event_type":"Picnic","lat":1,"lon":1}]}]}`, "unknown sub_event_type"},
		{"bad modality", `{"documents":[{"id":"x","file":"x.txt","events":[{"sub_event_type":"Agreement","modality":"rumour","lat":1,"lon":1}]}]}`, "unknown modality"},
		{"no point", `{"documents":[{"id":"x","file":"x.txt","events":[{"sub_event_type":"Agreement"}]}]}`, "lat/lon"},
		{"bad date", `{"documents":[{"id":"x","file":"x.txt","events":[{"sub_event_type":"Agreement","lat":1,"lon":1,"date":"July 2023","time_precision":3}]}]}`, "not YYYY-MM-DD"},
		{"not JSON", `{"documents":`, "invalid event gold"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g, err := ReadEventGold(strings.NewReader(tc.json))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if e := g.Documents[0].Events[0]; e.Date != "" || e.Tolerance() != 15 {
					t.Errorf("event %+v: want no date and 15 km tolerance", e)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalidGold) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %v, want one about %q", err, tc.wantErr)
			}
		})
	}
}

func TestGoldEventPeriod(t *testing.T) {
	cases := []struct {
		date     string
		prec     Precision
		from, to string
	}{
		{"2023-07-27", PrecisionDay, "2023-07-27", "2023-07-27"},
		{"2023-07-24", PrecisionWeek, "2023-07-24", "2023-07-30"},
		{"2024-02-01", PrecisionMonth, "2024-02-01", "2024-02-29"},
		{"2023-01-01", PrecisionYear, "2023-01-01", "2023-12-31"},
	}
	for _, tc := range cases {
		t.Run(tc.date+"/"+tc.prec.String(), func(t *testing.T) {
			g := GoldEvent{Date: tc.date, TimePrecision: tc.prec}
			from, to, ok := g.Period()
			if !ok || dayOrEmpty(from) != tc.from || dayOrEmpty(to) != tc.to {
				t.Errorf("period %s..%s %v, want %s..%s", dayOrEmpty(from), dayOrEmpty(to), ok, tc.from, tc.to)
			}
		})
	}
}
