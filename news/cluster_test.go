package news

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestClusterEventsSeeds(t *testing.T) {
	var all []Event
	for _, k := range []string{"000", "001", "002", "003", "004"} {
		a := mustSeed(t, k)
		all = append(all, ExtractEvents(a, testMentions(a.Body))...)
	}
	clusters := ClusterEvents(all, testWithin)
	n := 0
	for _, c := range clusters {
		n += len(c.Events)
		if c.SubEventType != EscortRefused {
			continue
		}
		want := []string{seedFiles["000"], seedFiles["001"], seedFiles["002"]}
		if strings.Join(c.Documents, ",") != strings.Join(want, ",") {
			t.Errorf("escort cluster documents %v, want %v", c.Documents, want)
		}
		if strings.Join(c.Outlets, ",") != "azatutyun,massispost,trend" {
			t.Errorf("escort cluster outlets %v", c.Outlets)
		}
		if len(c.Perspectives) != 3 {
			t.Errorf("escort cluster perspectives %v", c.Perspectives)
		}
		if c.PlaceID != "hakari-bridge-checkpoint" {
			t.Errorf("escort cluster place %q, want the most specific one", c.PlaceID)
		}
		// RFE/RL's "last week" (7-13 Aug) within Massis Post's August; Trend is undated.
		if c.Date.Format("2006-01-02") != "2023-08-07" || c.DateEnd.Format("2006-01-02") != "2023-08-13" || c.TimePrecision != PrecisionWeek {
			t.Errorf("escort cluster dates %v..%v (%v)", c.Date, c.DateEnd, c.TimePrecision)
		}
	}
	if n != len(all) {
		t.Errorf("clusters hold %d events, want %d", n, len(all))
	}
	again := ClusterEvents(all, testWithin)
	a, _ := json.Marshal(clusters)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Error("clustering is not deterministic")
	}
}

func TestClusterEvents(t *testing.T) {
	ev := func(id, doc string, sub SubEventType, place, from, to string, inherited bool) Event {
		e := Event{ID: id, Doc: doc, EventType: sub.Type(), SubEventType: sub, PlaceID: place, GeoPrecision: 1,
			DateInherited: inherited, Outlet: "o-" + doc}
		if from != "" {
			e.EventDate, e.DateEnd = mustDay(from), mustDay(to)
			e.TimePrecision = precisionOf(e.EventDate, e.DateEnd)
		}
		return e
	}
	tests := []struct {
		name   string
		events []Event
		want   string // clusters as member ids, "|" between clusters
	}{
		{"same place and day from two documents",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false),
				ev("b", "d2", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false)},
			"a,b"},
		{"nested places",
			[]Event{ev("a", "d1", EscortRefused, "hakari-bridge", "2023-08-07", "2023-08-13", false),
				ev("b", "d2", EscortRefused, "hakari-bridge-checkpoint", "2023-08-01", "2023-08-31", true)},
			"b,a"}, // members in date order
		{"different sub-types",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false),
				ev("b", "d2", UtilityCutOff, "lachin-corridor", "2022-12-12", "2022-12-12", false)},
			"a|b"},
		{"dates apart",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-03", "2022-12-03", false),
				ev("b", "d2", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false)},
			"a|b"},
		{"unrelated places",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false),
				ev("b", "d2", RoadBlockade, "aghdam-khankendi-road", "2022-12-12", "2022-12-12", false)},
			"a|b"},
		{"one document, two blockades stay apart",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-28", "2023-01-03", true),
				ev("b", "d1", RoadBlockade, "lachin-corridor", "2022-12-28", "2023-01-03", true)},
			"a|b"},
		{"one document, the same event told twice",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false),
				ev("b", "d1", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false)},
			"a,b"},
		{"a report does not chain two events of one document",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-03", "2022-12-03", false),
				ev("b", "d1", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false),
				ev("c", "d2", RoadBlockade, "lachin-corridor", "2022-12-01", "2022-12-31", false)},
			"c,a|b"},
		{"undated joins the only fitting cluster",
			[]Event{ev("a", "d1", EscortRefused, "hakari-bridge", "2023-08-07", "2023-08-13", false),
				ev("b", "d2", EscortRefused, "hakari-bridge", "", "", false)},
			"a,b"},
		{"undated with two fitting clusters stays alone",
			[]Event{ev("a", "d1", RoadBlockade, "lachin-corridor", "2022-12-03", "2022-12-03", false),
				ev("b", "d2", RoadBlockade, "lachin-corridor", "2022-12-12", "2022-12-12", false),
				ev("c", "d3", RoadBlockade, "lachin-corridor", "", "", false)},
			"a|b|c"},
		{"statements of different speakers",
			func() []Event {
				a := ev("a", "d1", Statement, "karabakh", "2023-01-05", "2023-01-05", false)
				b := ev("b", "d2", Statement, "karabakh", "2023-01-05", "2023-01-05", false)
				a.Actor1, b.Actor1 = ActorGovernmentArmenia, ActorGovernmentRussia
				return []Event{a, b}
			}(),
			"a|b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, c := range ClusterEvents(tt.events, testWithin) {
				var ids []string
				for _, e := range c.Events {
					ids = append(ids, e.ID)
				}
				parts = append(parts, strings.Join(ids, ","))
				if c.ID != clusterID(c.Events[0].ID) {
					t.Errorf("cluster id %q not from its first member", c.ID)
				}
			}
			if got := strings.Join(parts, "|"); got != tt.want {
				t.Errorf("clusters %s, want %s", got, tt.want)
			}
		})
	}
}

func TestClusterEventsWithoutNesting(t *testing.T) {
	a := Event{ID: "a", Doc: "d1", EventType: StrategicDevelopments, SubEventType: EscortRefused, PlaceID: "hakari-bridge"}
	b := Event{ID: "b", Doc: "d2", EventType: StrategicDevelopments, SubEventType: EscortRefused, PlaceID: "hakari-bridge-checkpoint"}
	if got := ClusterEvents([]Event{a, b}, nil); len(got) != 2 {
		t.Errorf("without nesting, different places give %d clusters", len(got))
	}
	if got := ClusterEvents(nil, nil); len(got) != 0 {
		t.Errorf("no events, %d clusters", len(got))
	}
}

func TestClusterJSON(t *testing.T) {
	c := Cluster{ID: "cl-x", Date: time.Date(2022, 12, 12, 0, 0, 0, 0, time.UTC)}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"date":"2022-12-12"`) || !strings.Contains(string(data), `"date_end":null`) {
		t.Errorf("cluster JSON %s", data)
	}
}
