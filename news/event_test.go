package news

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// testArticle wraps a text as an article published on ref (zero: unknown).
func testArticle(text string, ref time.Time) *Article {
	a := &Article{ID: "t.txt", Body: text, Hash: strings.Repeat("0", 64)}
	if !ref.IsZero() {
		a.Published, a.PublishedKnown, a.PublishedPrecision = ref, true, PrecisionDay
	}
	return a
}

func TestExtractEventsByType(t *testing.T) {
	jan3 := mustDay("2023-01-03")
	tests := []struct {
		name    string
		text    string
		sub     SubEventType
		place   string
		actor1  string
		actor2  string
		date    string // event date, "" for unknown
		p       Precision
		geo     int
		ruleHas string
	}{
		{"blockade", "On Dec. 12, Azerbaijani forces blocked the Lachin corridor.",
			RoadBlockade, "lachin-corridor", ActorAzerbaijaniForces, "", "2022-12-12", PrecisionDay, 1, "road-blockade/blocked-road"},
		{"blockade passive", "The Lachin corridor was closed by Azerbaijani border guards on Monday.",
			RoadBlockade, "lachin-corridor", ActorAzerbaijaniBorderGuard, "", "2023-01-02", PrecisionDay, 1, "road-blockade/road-was-blocked"},
		{"checkpoint", "Azerbaijani border guards set up a checkpoint on the Hakari bridge on April 23.",
			CheckpointEstablished, "hakari-bridge", ActorAzerbaijaniBorderGuard, "", "2022-04-23", PrecisionDay, 1, "checkpoint-established/set-up"},
		{"utility", "On Dec. 13, Azerbaijan cut off the gas supply to Stepanakert.",
			UtilityCutOff, "stepanakert", ActorGovernmentAzerbaijan, "", "2022-12-13", PrecisionDay, 1, "utility-cut-off/cut-off"},
		{"utility region", "Azerbaijan halted the electricity supply to Nagorno-Karabakh.",
			UtilityCutOff, "nagorno-karabakh", ActorGovernmentAzerbaijan, "", "2023-01-03", PrecisionDay, 3, "utility-cut-off/halted-supply"},
		{"humanitarian", "Russian peacekeepers delivered humanitarian aid to Stepanakert yesterday.",
			HumanitarianAccess, "stepanakert", ActorRussianPeacekeepers, "", "2023-01-02", PrecisionDay, 1, "humanitarian-access/aid-moved"},
		{"escort", "Russian peacekeepers refused to escort the protesters to the Hakari bridge.",
			EscortRefused, "hakari-bridge", ActorRussianPeacekeepers, ActorProtesters, "2023-01-03", PrecisionDay, 1, "escort-refused/refuse-to-accompany"},
		{"escort specific place", "Russian peacekeepers declined to provide security to the Hakari bridge checkpoint in the Lachin corridor near Stepanakert in Nagorno-Karabakh.",
			EscortRefused, "hakari-bridge-checkpoint", ActorRussianPeacekeepers, "", "2023-01-03", PrecisionDay, 1, "escort-refused/refuse-to-provide"},
		{"protest", "Hundreds of people held a rally in Yerevan on Friday.",
			PeacefulProtest, "yerevan", "", "", "2022-12-30", PrecisionDay, 1, "peaceful-protest/held-protest"},
		{"intervention", "Police dispersed protesters in Yerevan.",
			ProtestWithIntervention, "yerevan", ActorProtesters, "", "2023-01-03", PrecisionDay, 1, "protest-intervention/threatened-protesters"},
		{"riot", "Angry crowds stormed the parliament in Yerevan.",
			ViolentDemonstration, "yerevan", "", "", "2023-01-03", PrecisionDay, 1, "violent-demonstration/stormed"},
		{"arrest", "Police detained 20 men in Stepanakert.",
			Arrests, "stepanakert", "", "", "2023-01-03", PrecisionDay, 1, "arrests/arrested"},
		{"agreement", "The leaders signed a trilateral statement in Moscow in November 2020.",
			Agreement, "moscow", "", "", "2020-11-01", PrecisionMonth, 1, "agreement/signed"},
		{"clash near", "Armenian and Azerbaijani forces clashed near Kornidzor.",
			ArmedClash, "kornidzor", ActorAzerbaijaniForces, "", "2023-01-03", PrecisionDay, 2, "armed-clash/clashed"},
		{"shelling", "Azerbaijani forces shelled Stepanakert on Tuesday.",
			ShellingArtilleryMissile, "stepanakert", ActorAzerbaijaniForces, "", "2023-01-03", PrecisionDay, 1, "shelling/shelled"},
		{"drone", "A drone strike hit a car near Khojaly.",
			AirDroneStrike, "khojaly", "", "", "2023-01-03", PrecisionDay, 2, "drone-strike/drone"},
		{"attack", "Two civilians were wounded in Khojaly.",
			Attack, "khojaly", "", "", "2023-01-03", PrecisionDay, 1, "attack/civilians-hurt"},
		{"abduction", "A shepherd was abducted near Kornidzor.",
			AbductionDisappearance, "kornidzor", "", "", "2023-01-03", PrecisionDay, 2, "abduction/abducted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testArticle(tt.text, jan3)
			evs := ExtractEvents(a, testMentions(a.Body))
			if len(evs) != 1 {
				t.Fatalf("%d events: %+v", len(evs), evs)
			}
			e := evs[0]
			if e.SubEventType != tt.sub || e.EventType != tt.sub.Type() {
				t.Errorf("type %q / %q, want %q", e.EventType, e.SubEventType, tt.sub)
			}
			if e.PlaceID != tt.place || e.GeoPrecision != tt.geo {
				t.Errorf("place %q geo %d, want %q %d", e.PlaceID, e.GeoPrecision, tt.place, tt.geo)
			}
			if e.Actor1 != tt.actor1 || e.Actor2 != tt.actor2 {
				t.Errorf("actors %q, %q; want %q, %q", e.Actor1, e.Actor2, tt.actor1, tt.actor2)
			}
			got := ""
			if !e.EventDate.IsZero() {
				got = e.EventDate.Format("2006-01-02")
			}
			if got != tt.date || e.TimePrecision != tt.p {
				t.Errorf("date %s precision %v, want %s %v", got, e.TimePrecision, tt.date, tt.p)
			}
			if !strings.Contains(e.Rule, tt.ruleHas) {
				t.Errorf("rule %q, want it to contain %q", e.Rule, tt.ruleHas)
			}
			checkEvent(t, a, e)
		})
	}
}

// checkEvent asserts what every event must satisfy.
func checkEvent(t *testing.T, a *Article, e Event) {
	t.Helper()
	if err := e.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if e.Headline {
		if e.Sentence != a.Title {
			t.Errorf("headline event sentence %q, want the title", e.Sentence)
		}
		return
	}
	if a.Body[e.SentenceStart:e.SentenceEnd] != e.Sentence {
		t.Errorf("sentence offsets do not give the sentence")
	}
	if a.Body[e.TriggerStart:e.TriggerEnd] != e.Trigger || e.TriggerStart < e.SentenceStart || e.TriggerEnd > e.SentenceEnd {
		t.Errorf("trigger offsets [%d,%d] do not give %q inside the sentence", e.TriggerStart, e.TriggerEnd, e.Trigger)
	}
	if e.PlaceStart < e.SentenceStart || e.PlaceEnd > e.SentenceEnd {
		t.Errorf("place mention [%d,%d] outside the sentence", e.PlaceStart, e.PlaceEnd)
	}
	if (e.ID != eventID(a.ID, e.SentenceStart, e.SubEventType) && e.ID != eventID(a.ID, e.PlaceStart, e.SubEventType)) || e.Doc != a.ID {
		t.Errorf("id %q doc %q", e.ID, e.Doc)
	}
}

func TestExtractEventsNone(t *testing.T) {
	for _, text := range []string{
		"Azerbaijan did not block the Lachin corridor.",
		"Peacekeepers failed to disperse protesters in Stepanakert.",
		"Baku would like to set up a checkpoint on the Hakari bridge.",
		"Armenia on Thursday accused Azerbaijan of provocations in Karabakh.",
		"Протестующие требуют открыть Лачинский коридор.",
		"Лачинский коридор не был закрыт.",
		"Laçın dəhlizi bağlanmayıb.",
		"Der Latschin-Korridor wurde nicht gesperrt.",
		"Since the Lachin corridor has been blocked, prices in Stepanakert rose.",
		"Activists blocked the road.",
		"The blockade has resulted in shortages in Stepanakert.",
		"The fighting claimed more than 6,500 lives.",
		"A village close to the border with Armenia.",
		"The Russian peacekeepers deployed in Nagorno-Karabakh watched the protest in Stepanakert.",
		"Baku demands the disarmament of the Karabakh forces.",
		"Talks between Baku and Yerevan have stalled.",
	} {
		a := testArticle(text, mustDay("2023-01-03"))
		if evs := ExtractEvents(a, testMentions(a.Body)); len(evs) != 0 {
			t.Errorf("%q gave %d events: %s %s", text, len(evs), evs[0].SubEventType, evs[0].Rule)
		}
	}
}

func TestExtractEventsSeveralPerSentence(t *testing.T) {
	// Each event takes the place of its own part of the sentence.
	a := mustSeed(t, "000")
	evs := ExtractEvents(a, testMentions(a.Body))
	var blockade, intervention *Event
	for i := range evs {
		if evs[i].SentenceStart != 0 {
			continue
		}
		switch evs[i].SubEventType {
		case RoadBlockade:
			blockade = &evs[i]
		case ProtestWithIntervention:
			intervention = &evs[i]
		}
	}
	if blockade == nil || intervention == nil {
		t.Fatalf("the first sentence of 000 should give a blockade and a protest with intervention: %+v", evs)
	}
	if blockade.PlaceID != "lachin-corridor" || intervention.PlaceID != "khojaly" {
		t.Errorf("places %q and %q, want lachin-corridor and khojaly", blockade.PlaceID, intervention.PlaceID)
	}
	if intervention.Actor1 != ActorProtestersArmenia || intervention.Actor2 != ActorRussianPeacekeepers {
		t.Errorf("intervention actors %q, %q", intervention.Actor1, intervention.Actor2)
	}
}

func TestExtractEventsSeeds(t *testing.T) {
	type want struct {
		seed      string
		sub       SubEventType
		places    []string
		actor1    string
		from, to  string
		p         Precision
		inherited bool
		outlet    string
		persp     Perspective
	}
	wants := []want{
		{"000", EscortRefused, []string{"hakari-bridge", "hakari-bridge-checkpoint"}, ActorRussianPeacekeepers, "2023-08-07", "2023-08-13", PrecisionWeek, false, "azatutyun", PerspectiveInternational},
		{"001", EscortRefused, []string{"hakari-bridge", "hakari-bridge-checkpoint"}, ActorRussianPeacekeepers, "2023-08-01", "2023-08-31", PrecisionMonth, true, "massispost", PerspectiveArmenian},
		{"002", EscortRefused, []string{"hakari-bridge", "hakari-bridge-checkpoint"}, ActorRussianPeacekeepers, "", "", PrecisionNone, false, "trend", PerspectiveAzerbaijani},
		{"002", CheckpointEstablished, []string{"lachin-khankendi-road"}, ActorAzerbaijaniBorderGuard, "2023-04-23", "2023-04-23", PrecisionDay, false, "trend", PerspectiveAzerbaijani},
		{"004", RoadBlockade, []string{"lachin-corridor"}, ActorAzerbaijaniEcoActivist, "2022-12-12", "2022-12-12", PrecisionDay, false, "moscowtimes", PerspectiveInternational},
		{"004", UtilityCutOff, []string{"nagorno-karabakh"}, ActorGovernmentAzerbaijan, "2022-12-13", "2022-12-13", PrecisionDay, false, "moscowtimes", PerspectiveInternational},
	}
	for _, w := range wants {
		a := mustSeed(t, w.seed)
		found := false
		for _, e := range ExtractEvents(a, testMentions(a.Body)) {
			checkEvent(t, a, e)
			if e.SubEventType != w.sub || e.Actor1 != w.actor1 {
				continue
			}
			okPlace := false
			for _, p := range w.places {
				okPlace = okPlace || e.PlaceID == p
			}
			from, to := "", ""
			if !e.EventDate.IsZero() {
				from, to = e.EventDate.Format("2006-01-02"), e.DateEnd.Format("2006-01-02")
			}
			if okPlace && from == w.from && to == w.to && e.TimePrecision == w.p && e.DateInherited == w.inherited &&
				e.Outlet == w.outlet && e.Perspective == w.persp {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s event at %v by %s dated %s..%s (%v, inherited %v)", w.seed, w.sub, w.places, w.actor1, w.from, w.to, w.p, w.inherited)
		}
	}
	// The Trend article has no publication date: its checkpoint date comes
	// from "April 23 this year" and the text's "April 22, 2023", and says so.
	a := mustSeed(t, "002")
	for _, e := range ExtractEvents(a, testMentions(a.Body)) {
		if e.SubEventType == CheckpointEstablished && !strings.Contains(e.DateNote, "April 22, 2023") {
			t.Errorf("checkpoint date note %q", e.DateNote)
		}
	}
}

func TestExtractEventsDeterministic(t *testing.T) {
	a := mustSeed(t, "004")
	ms := testMentions(a.Body)
	first, _ := json.Marshal(ExtractEvents(a, ms))
	second, _ := json.Marshal(ExtractEvents(a, ms))
	if string(first) != string(second) {
		t.Error("two runs differ")
	}
	seen := map[string]bool{}
	for _, e := range ExtractEvents(a, ms) {
		if seen[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		seen[e.ID] = true
	}
	if evs := ExtractEvents(a, nil); len(evs) != 0 {
		t.Errorf("no mentions, no events; got %d", len(evs))
	}
	// Mentions out of range or unresolved are ignored, not a panic.
	bad := []PlaceMention{{Start: -1, End: 3, PlaceID: "x"}, {Start: 5, End: len(a.Body) + 10, PlaceID: "y"}, {Start: 0, End: 5}}
	if evs := ExtractEvents(a, bad); len(evs) != 0 {
		t.Errorf("bad mentions gave %d events", len(evs))
	}
}

func TestEventJSON(t *testing.T) {
	a := mustSeed(t, "004")
	evs := ExtractEvents(a, testMentions(a.Body))
	data, err := json.Marshal(evs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"event_date":"2022-12-12"`) {
		t.Errorf("event_date not written as a day: %s", data)
	}
	var back Event
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !back.EventDate.Equal(evs[0].EventDate) || back.ID != evs[0].ID || back.Sentence != evs[0].Sentence {
		t.Errorf("round trip lost data: %+v", back)
	}
	undated := Event{ID: "x"}
	data, _ = json.Marshal(undated)
	if !strings.Contains(string(data), `"event_date":null`) {
		t.Errorf("unknown date not null: %s", data)
	}
}

func TestEventValidate(t *testing.T) {
	good := Event{ID: "e", Doc: "d", EventType: StrategicDevelopments, SubEventType: RoadBlockade, PlaceID: "p",
		GeoPrecision: 1, Confidence: 0.5}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid event: %v", err)
	}
	for name, edit := range map[string]func(*Event){
		"sub_event_type": func(e *Event) { e.SubEventType = "Picnic" },
		"event_type":     func(e *Event) { e.EventType = Protests },
		"time_precision": func(e *Event) { e.TimePrecision = 9 },
		"event_date":     func(e *Event) { e.TimePrecision = PrecisionDay },
		"place_id":       func(e *Event) { e.PlaceID = "" },
		"geo_precision":  func(e *Event) { e.GeoPrecision = 0 },
		"confidence":     func(e *Event) { e.Confidence = 1.5 },
		"perspective":    func(e *Event) { e.Perspective = "neutral" },
	} {
		e := good
		edit(&e)
		err := e.Validate()
		ve, ok := err.(*ValidationError)
		if !ok || ve.Field != name {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestTaxonomy(t *testing.T) {
	seen := map[SubEventType]bool{}
	slugs := map[string]bool{}
	for _, c := range Taxonomy {
		if !c.Type.Valid() || seen[c.Sub] || slugs[c.Slug] || c.Doc == "" {
			t.Errorf("bad taxonomy entry %+v", c)
		}
		seen[c.Sub], slugs[c.Slug] = true, true
	}
	for _, r := range rules {
		c, ok := CategoryOf(r.sub)
		if !ok || !strings.HasPrefix(r.id, c.Slug+"/") {
			t.Errorf("rule %q: sub-type %q (slug %q)", r.id, r.sub, c.Slug)
		}
	}
	for _, want := range []SubEventType{RoadBlockade, CheckpointEstablished, UtilityCutOff, HumanitarianAccess,
		EscortRefused, Statement, PeacefulProtest, Arrests, Agreement} {
		if want.Type() != StrategicDevelopments && want.Type() != Protests {
			t.Errorf("%q has type %q", want, want.Type())
		}
	}
	if SubEventType("Picnic").Valid() || EventType("Picnics").Valid() {
		t.Error("unknown types are valid")
	}
}

// TestExtractEventsFraming checks that a report, claim or denial of a
// happening is the happening, with its source and modality.
func TestExtractEventsFraming(t *testing.T) {
	jan3 := mustDay("2023-01-03")
	tests := []struct {
		name     string
		text     string
		sub      SubEventType
		actor1   string
		source   string
		modality Modality
		date     string
	}{
		{"quote", "“Azerbaijan blocked the Lachin corridor,” Pashinyan said.",
			RoadBlockade, ActorGovernmentAzerbaijan, ActorGovernmentArmenia, Reported, "2023-01-03"},
		{"said", "Pashinyan said Azerbaijan blocked the Lachin corridor.",
			RoadBlockade, ActorGovernmentAzerbaijan, ActorGovernmentArmenia, Reported, "2023-01-03"},
		{"attribution", "Azerbaijan blocked the Lachin corridor, the Armenian government said.",
			RoadBlockade, ActorGovernmentAzerbaijan, ActorGovernmentArmenia, Reported, "2023-01-03"},
		{"dated by the happening", "On Tuesday Pashinyan said that Azerbaijan blocked the Lachin corridor on Dec. 12.",
			RoadBlockade, ActorGovernmentAzerbaijan, ActorGovernmentArmenia, Reported, "2022-12-12"},
		{"denied", "Baku denied blocking the Lachin corridor.",
			RoadBlockade, ActorGovernmentAzerbaijan, ActorGovernmentAzerbaijan, Denied, "2023-01-03"},
		{"planned", "Activists plan to block the Lachin corridor next week.",
			RoadBlockade, ActorProtesters, "", Planned, "2023-01-09"},
		{"due", "Kalbajar district is due to be handed over to Azerbaijan.",
			NonViolentTerritoryChange, "", "", Planned, "2023-01-03"},
		// Said on a day, of nothing dated otherwise: that day's news.
		{"said on a day", "On 2 January the Azerbaijani Defence Ministry announced that the Lachin corridor was closed.",
			RoadBlockade, "", "Government of Azerbaijan", Reported, "2023-01-02"},
		// A plan's weekday is the coming one (published on Tuesday 3 January).
		{"german planned", "Der Lachin Corridor soll ab Montag gesperrt werden.",
			RoadBlockade, "", "", Planned, "2023-01-09"},
		{"planned handover day", "Kalbajar district is due to be handed over to Azerbaijan on 5 January.",
			NonViolentTerritoryChange, "", "", Planned, "2023-01-05"},
		{"russian denied", "Минобороны Азербайджана опровергло, что Лачинский коридор заблокирован.",
			RoadBlockade, ActorGovernmentAzerbaijan, ActorGovernmentAzerbaijan, Denied, "2023-01-03"},
		{"threatened", "Baku threatened to close the Lachin corridor.",
			RoadBlockade, ActorGovernmentAzerbaijan, "", Threatened, "2023-01-03"},
		{"to have", "The Lachin corridor is reported to have been closed.",
			RoadBlockade, "", "", Reported, "2023-01-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testArticle(tt.text, jan3)
			evs := ExtractEvents(a, testMentions(a.Body))
			if len(evs) != 1 {
				t.Fatalf("%d events: %+v", len(evs), evs)
			}
			e := evs[0]
			if e.SubEventType != tt.sub || e.Modality != tt.modality {
				t.Errorf("%q %q, want %q %q", e.SubEventType, e.Modality, tt.sub, tt.modality)
			}
			if e.Actor1 != tt.actor1 || (tt.source != "" && e.Source != tt.source) {
				t.Errorf("actor1 %q source %q, want %q %q", e.Actor1, e.Source, tt.actor1, tt.source)
			}
			if got := e.EventDate.Format("2006-01-02"); got != tt.date {
				t.Errorf("date %s, want %s", got, tt.date)
			}
			checkEvent(t, a, e)
		})
	}
}

// TestExtractEventsMultilingual checks the stem rules in each language,
// inflected forms included.
func TestExtractEventsMultilingual(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		sub   SubEventType
		place string
	}{
		{"ru blockade", "Азербайджан заблокировал Лачинский коридор.", RoadBlockade, "lachin-corridor"},
		{"ru gas", "Азербайджан прекратил подачу газа в Степанакерт.", UtilityCutOff, "stepanakert"},
		{"ru convoy", "Колонна с гуманитарной помощью остановлена у Корнидзора.", ConvoyBlocked, "kornidzor"},
		{"ru reopened", "Лачинский коридор снова открыт для движения.", RoadReopened, "lachin-corridor"},
		{"hy blockade", "Ադրբեջանը փակել է Լաչինի միջանցքը։", RoadBlockade, "lachin-corridor"},
		{"az checkpoint", "Laçın dəhlizində sərhəd-buraxılış məntəqəsi quraşdırılıb.", CheckpointEstablished, "lachin-corridor"},
		{"az gas", "Xankəndiyə qaz verilməsi kəsilib, Stepanakert qazsız qalıb.", UtilityCutOff, "stepanakert"},
		{"tr closed", "Azerbaycan Laçın koridorunu kapattı.", RoadBlockade, "lachin-corridor"},
		{"de closed", "Baku hat den Latschin-Korridor gesperrt.", RoadBlockade, "lachin-corridor"},
		{"fr convoy", "Le convoi humanitaire est bloqué à Kornidzor.", ConvoyBlocked, "kornidzor"},
		{"it reopened", "Il corridoio di Lachin è stato riaperto.", RoadReopened, "lachin-corridor"},
		{"es checkpoint", "Azerbaiyán instaló un puesto de control en el corredor de Lachín.", CheckpointEstablished, "lachin-corridor"},
		{"en fled", "More than 100,000 people have fled to Armenia since September 19.", Displacement, "armenia"},
		{"en negated access", "The Red Cross convoy was not allowed to pass through Kornidzor.", ConvoyBlocked, "kornidzor"},
		{"en offensive", "Azerbaijan launched a military operation in Nagorno-Karabakh on September 19.", MilitaryOperation, "nagorno-karabakh"},
		{"en reception", "A reception centre for refugees was opened in Kornidzor.", ReceptionCentreOpened, "kornidzor"},
		{"ru deployed", "Российские миротворцы 10 ноября размещены в Степанакерте.", ChangeToGroupActivity, "stepanakert"},
		{"en border guards", "On May 24 Armenian border guards took under protection the border near Kornidzor.", ChangeToGroupActivity, "kornidzor"},
		{"es disarmed", "Los separatistas de Nagorno-Karabakh han empezado a deponer las armas.", ChangeToGroupActivity, "nagorno-karabakh"},
		{"hy demining", "Ականազերծման աշխատանքներ են սկսվել Kornidzor գյուղի մոտ։", DisruptedWeaponsUse, "kornidzor"},
		{"de talks", "In Stepanakert begannen am Montag Gespräche über die Integration.", Talks, "stepanakert"},
		{"fr depot", "Lundi, un dépôt de carburant a explosé près de Stepanakert.", AccidentalExplosion, "stepanakert"},
	}
	ms := map[string][]PlaceMention{
		"Лачинский коридор":   {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"Степанакерт":         {{PlaceID: "stepanakert", Kind: "city", Name: "Stepanakert"}},
		"Корнидзора":          {{PlaceID: "kornidzor", Kind: "settlement", Name: "Kornidzor"}},
		"Լաչինի միջանցքը":     {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"Laçın dəhlizində":    {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"Stepanakert":         {{PlaceID: "stepanakert", Kind: "city", Name: "Stepanakert"}},
		"Laçın koridorunu":    {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"Latschin-Korridor":   {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"Kornidzor":           {{PlaceID: "kornidzor", Kind: "settlement", Name: "Kornidzor"}},
		"corridoio di Lachin": {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"corredor de Lachín":  {{PlaceID: "lachin-corridor", Kind: "corridor", Name: "Lachin corridor"}},
		"Armenia":             {{PlaceID: "armenia", Kind: "country", Name: "Armenia"}},
		"Nagorno-Karabakh":    {{PlaceID: "nagorno-karabakh", Kind: "region", Name: "Nagorno-Karabakh"}},
		"Степанакерте":        {{PlaceID: "stepanakert", Kind: "city", Name: "Stepanakert"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testArticle(tt.text, mustDay("2023-01-03"))
			var mentions []PlaceMention
			for surf, pm := range ms {
				if k := strings.Index(a.Body, surf); k >= 0 {
					m := pm[0]
					m.Start, m.End = k, k+len(surf)
					mentions = append(mentions, m)
				}
			}
			evs := ExtractEvents(a, mentions)
			found := false
			for _, e := range evs {
				checkEvent(t, a, e)
				found = found || (e.SubEventType == tt.sub && e.PlaceID == tt.place && e.Modality == Reported)
			}
			if !found {
				t.Errorf("no reported %s at %s in %+v", tt.sub, tt.place, evs)
			}
		})
	}
}

func TestExtractEventsCarryTheDayOfTheSentenceBefore(t *testing.T) {
	// A narrative names the day once and goes on without it; the next
	// paragraph, or a day long before the publication, is not carried (these
	// short texts' second sentence is a lead: it takes the publication day).
	pub := time.Date(2020, 10, 12, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, text string
		want       time.Time
		prec       Precision
		carried    bool
	}{
		{"same paragraph", "On October 11, Stepanakert was quiet. Even in the shelter, airstrikes on Stepanakert were heard.",
			time.Date(2020, 10, 11, 0, 0, 0, 0, time.UTC), PrecisionDay, true},
		{"next paragraph", "On October 11, Stepanakert was quiet.\n\nEven in the shelter, airstrikes on Stepanakert were heard.",
			pub, PrecisionDay, false},
		{"background day", "On August 11, Stepanakert was quiet. Even in the shelter, airstrikes on Stepanakert were heard.",
			pub, PrecisionDay, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := testArticle(c.text, pub)
			var strike *Event
			evs := ExtractEvents(a, testMentions(a.Body))
			for i := range evs {
				if evs[i].SubEventType == AirDroneStrike {
					strike = &evs[i]
				}
			}
			if strike == nil {
				t.Fatalf("no air strike in %q: %+v", c.text, evs)
			}
			if carried := strike.DateText != ""; carried != c.carried ||
				carried && (strike.DateText != "October 11" || !strings.Contains(strike.DateNote, "carried")) {
				t.Errorf("date text %q, note %q", strike.DateText, strike.DateNote)
			}
			if !strike.EventDate.Equal(c.want) || strike.TimePrecision != c.prec || !strike.DateInherited {
				t.Errorf("date %s/%d inherited %v, want %s/%d inherited", strike.EventDate.Format(time.DateOnly),
					strike.TimePrecision, strike.DateInherited, c.want.Format(time.DateOnly), c.prec)
			}
		})
	}
}

// A capital or country the sentence names as a party, or inside an actor's
// name, is not the event's place; after "in" it is.
func TestExtractEventsPartiesAreNotPlaces(t *testing.T) {
	tests := []struct{ name, text, sub, place string }{
		{"party capital", "In Stepanakert, on 20 September, the Karabakh authorities agreed a ceasefire with Baku.", string(Agreement), "stepanakert"},
		{"place in an actor's name", "Trucks waited at Kornidzor. On 21 September Russia’s peacekeepers arrived.", string(ChangeToGroupActivity), "kornidzor"},
		{"capital after in", "On 21 September protesters rallied in Yerevan against Azerbaijan.", string(PeacefulProtest), "yerevan"},
	}
	for _, tt := range tests {
		a := testArticle(tt.text, mustDay("2023-09-21"))
		evs := ExtractEvents(a, testMentions(a.Body))
		found := false
		for _, e := range evs {
			checkEvent(t, a, e)
			if string(e.SubEventType) == tt.sub {
				found = true
				if e.PlaceID != tt.place {
					t.Errorf("%s: %s at %s, want %s", tt.name, e.SubEventType, e.PlaceID, tt.place)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s in %+v", tt.name, tt.sub, evs)
		}
	}
}

// Two happenings of one sub-type in one sentence, each with its own day,
// are two events; one happening told twice is one.
func TestExtractEventsSameTypeTwicePerSentence(t *testing.T) {
	a := testArticle("On April 22 Armenia set up a checkpoint at Kornidzor, and on April 23 Azerbaijani border guards set up their own checkpoint on the Lachin-Khankendi road.", mustDay("2023-07-11"))
	var got []string
	for _, e := range ExtractEvents(a, testMentions(a.Body)) {
		checkEvent(t, a, e)
		if e.SubEventType == CheckpointEstablished {
			got = append(got, e.PlaceID+" "+e.EventDate.Format("2006-01-02"))
		}
	}
	if len(got) != 2 || got[0] != "kornidzor 2023-04-22" || got[1] != "lachin-khankendi-road 2023-04-23" {
		t.Errorf("checkpoints %v, want Kornidzor on 22 April and the road on 23 April", got)
	}
	b := testArticle("On April 23 Azerbaijan closed the Lachin corridor, and the corridor has stayed closed since Sunday.", mustDay("2023-04-25"))
	n := 0
	for _, e := range ExtractEvents(b, testMentions(b.Body)) {
		if e.SubEventType == RoadBlockade {
			n++
		}
	}
	if n != 1 {
		t.Errorf("one closure told twice gave %d events", n)
	}
}

// An operation the text dates is the one a later undated mention speaks of.
func TestExtractEventsSingularHappeningIsOne(t *testing.T) {
	a := testArticle("On 19 September Azerbaijan launched a military operation in Nagorno-Karabakh.\n\nResidents of Stepanakert said the military operation had left the city without power.", mustDay("2023-09-25"))
	var ops []Event
	for _, e := range ExtractEvents(a, testMentions(a.Body)) {
		if e.SubEventType == MilitaryOperation {
			ops = append(ops, e)
		}
	}
	if len(ops) != 1 || ops[0].EventDate.Format("2006-01-02") != "2023-09-19" || ops[0].PlaceID != "nagorno-karabakh" {
		t.Errorf("operations %+v, want one on 19 September in Nagorno-Karabakh", ops)
	}
}
