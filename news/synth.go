package news

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo"
	"dateline/geo/gpkg"
)

// SynthRegion is the box synthetic events are drawn in: Armenia,
// Azerbaijan and Karabakh.
var SynthRegion = orb.Bound{Min: orb.Point{43.4, 38.3}, Max: orb.Point{50.9, 42.0}}

// SynthPlace is a place synthetic events may happen at.
type SynthPlace struct {
	ID, Name string
	Kind     gazetteer.Kind
	Point    orb.Point // the place's representative point
	// Weight is how much news the place draws relative to the others
	// (0: a default by kind).
	Weight float64
}

// SynthOptions says what Synthesize makes.
type SynthOptions struct {
	Events int
	// Seed decides every choice: the same seed over the same places and
	// outlets gives the same rows.
	Seed uint64
	// Places are where events happen (those outside SynthRegion are left
	// out); Outlets who reports them. Both must not be empty.
	Places  []SynthPlace
	Outlets []Outlet
	// Progress, when set, is called after each batch with the events stored so far.
	Progress func(done int)
	// viaTriggers stores each row through the insert triggers (the tests
	// compare the indexes both ways build).
	viaTriggers bool
}

// SynthStats is what Synthesize stored.
type SynthStats struct {
	Events, Documents, Undated int
}

// SynthRule prefixes the rule of every synthetic event ("synthetic/shelling"),
// and SynthFormat is the format of their documents, so that both can be
// told from real ones (and deleted) with one condition.
const (
	SynthRule   = "synthetic/"
	SynthFormat = "synthetic"
)

// synthBatch is how many events one transaction stores: big enough that
// commits cost nothing, small enough that a reader never waits long.
const synthBatch = 50000

// synthPerDoc is how many events one synthetic document reports.
const synthPerDoc = 40

// Synthesize adds opt.Events synthetic events to the store, for trying and
// benchmarking the map at archive scale: clustered around the places (a
// place draws news by its weight; most events sit at its point, some near
// it, area places' events only "in the region"), dated over 2019–2024 with
// the 2020 war and the 2022–2023 blockade busier, about 7% undated, every
// sub-event type, outlet and perspective, actors, sources and modalities.
// Every event's rule starts with SynthRule, its detail says "synthetic":
// true, and its document (one per synthPerDoc events, format SynthFormat,
// id synthetic-<seed>-<n>) says so in its title. The rows go through the
// ordinary INSERT and triggers, so the R-trees and extents are those any
// stored event gets, in transactions of synthBatch events. Synthesizing a
// seed that is stored already is refused with ErrConflict.
//
// The rows are those any stored event has, and so are the R-tree entries,
// but these are not written by the insert triggers: each batch drops the
// two, writes the same entries with the same expressions in one statement
// (see synthRTrees) and creates the triggers again from their stored SQL,
// all in its one transaction, so no reader ever sees the schema without
// them. TestSynthesizeIndexesAsTriggers compares both ways.
func (s *Store) Synthesize(ctx context.Context, opt SynthOptions) (SynthStats, error) {
	var st SynthStats
	if opt.Events < 0 {
		return st, &ValidationError{"events", "must not be negative"}
	}
	places := make([]SynthPlace, 0, len(opt.Places))
	for _, p := range opt.Places {
		if SynthRegion.Contains(p.Point) && p.ID != "" {
			places = append(places, p)
		}
	}
	if len(places) == 0 {
		return st, &ValidationError{"places", "no place lies in the region to put events at"}
	}
	if len(opt.Outlets) == 0 {
		return st, &ValidationError{"outlets", "no outlet to report the events"}
	}
	// The order given must not change the rows.
	slices.SortFunc(places, func(a, b SynthPlace) int { return cmp.Compare(a.ID, b.ID) })
	outlets := slices.Clone(opt.Outlets)
	slices.SortFunc(outlets, func(a, b Outlet) int { return cmp.Compare(a.ID, b.ID) })

	first := synthDocID(opt.Seed, 0)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, first).Scan(&n); err != nil {
		return st, fmt.Errorf("news: synthesize: %w", err)
	}
	if n > 0 {
		return st, fmt.Errorf("%w: the synthetic events of seed %d are stored already; use another seed", ErrConflict, opt.Seed)
	}

	g := newSynthGen(opt.Seed, places, outlets)
	// A batch dirties more pages than SQLite's default cache of 2 MB holds,
	// and each insert's statement journal (its triggers write two R-trees)
	// would go to a temporary file, some twenty writes a row: the connection
	// that writes gets a large cache and keeps temporary data in memory for
	// as long as it does.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("news: synthesize: %w", err)
	}
	defer conn.Close()
	for _, p := range []string{`PRAGMA cache_size = -64000`, `PRAGMA temp_store = MEMORY`} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return st, fmt.Errorf("news: synthesize: %w", err)
		}
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT`)
	g.bulk = !opt.viaTriggers
	var triggers []string
	for _, name := range synthTriggers {
		var stmt string
		if err := conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).
			Scan(&stmt); err != nil {
			return st, fmt.Errorf("news: synthesize: trigger %s: %w", name, err)
		}
		triggers = append(triggers, stmt)
	}
	for done := 0; done < opt.Events; {
		size := min(synthBatch, opt.Events-done)
		err := versionedTx(ctx, conn, func(tx *sql.Tx) error {
			if g.bulk {
				for _, name := range synthTriggers {
					if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+name); err != nil {
						return fmt.Errorf("news: synthesize: %w", err)
					}
				}
			}
			if err := g.store(ctx, tx, done, size, &st); err != nil {
				return err
			}
			if g.bulk {
				for _, stmt := range triggers {
					if _, err := tx.ExecContext(ctx, stmt); err != nil {
						return fmt.Errorf("news: synthesize: restore trigger: %w", err)
					}
				}
			}
			return nil
		})
		if err != nil {
			return st, err
		}
		done += size
		if opt.Progress != nil {
			opt.Progress(done)
		}
	}
	return st, nil
}

func synthDocID(seed uint64, n int) string {
	return fmt.Sprintf("synthetic-%d-%07d", seed, n)
}

// synthGen draws the events; it carries the random state from one batch to
// the next.
type synthGen struct {
	// bulk: the insert triggers are dropped for the batch (and restored in
	// the same transaction) and synthRTrees write the index rows instead.
	bulk    bool
	rng     *rand.Rand
	seed    uint64
	places  []SynthPlace
	cum     []float64 // cumulative place weights
	outlets []Outlet
	days    []int // the day numbers events start on, weighted by how busy they were
}

func newSynthGen(seed uint64, places []SynthPlace, outlets []Outlet) *synthGen {
	g := &synthGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), seed: seed, places: places, outlets: outlets}
	total := 0.0
	for _, p := range places {
		w := p.Weight
		if w <= 0 {
			w = kindWeight(p.Kind)
		}
		total += w
		g.cum = append(g.cum, total)
	}
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	war := [2]time.Time{time.Date(2020, 9, 27, 0, 0, 0, 0, time.UTC), time.Date(2020, 11, 10, 0, 0, 0, 0, time.UTC)}
	blockade := [2]time.Time{time.Date(2022, 12, 12, 0, 0, 0, 0, time.UTC), time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC)}
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		w := 1
		switch {
		case !d.Before(war[0]) && d.Before(war[1]):
			w = 12
		case !d.Before(blockade[0]) && d.Before(blockade[1]):
			w = 4
		}
		for range w {
			g.days = append(g.days, int(dayNumber(d)))
		}
	}
	return g
}

// kindWeight is how much news a place of a kind draws by default.
func kindWeight(k gazetteer.Kind) float64 {
	switch k {
	case gazetteer.KindCapital:
		return 40
	case gazetteer.KindCity:
		return 20
	case gazetteer.KindCheckpoint, gazetteer.KindBridge, gazetteer.KindBorderCrossing:
		return 12
	case gazetteer.KindRoad, gazetteer.KindCorridor:
		return 8
	case gazetteer.KindRegion, gazetteer.KindDistrict, gazetteer.KindCountry:
		return 4
	}
	return 3
}

// The actors, sources and words synthetic events are made of.
var (
	synthActors = []string{ActorAzerbaijaniForces, ActorArmenianForces, ActorKarabakhArmedGroups, ActorRussianPeacekeepers,
		ActorAzerbaijaniBorderGuard, ActorArmenianBorderGuard, ActorAzerbaijaniEcoActivist, ActorArmenianCivilians,
		ActorAzerbaijaniCivilians, ActorProtestersArmenia, ActorGovernmentArmenia, ActorGovernmentAzerbaijan, ActorICRC}
	synthSources = []string{"Ministry of Defence of Azerbaijan", "Ministry of Defence of Armenia", "Karabakh Armenian authorities",
		"Russian Ministry of Defence", "ICRC", "local residents", "the Human Rights Defender of Armenia"}
	synthVerbs = map[EventType][]string{
		Battles:               {"clashed with", "exchanged fire with", "attacked positions of"},
		ExplosionsRemote:      {"shelled", "struck with drones", "fired artillery at"},
		ViolenceCivilians:     {"fired at civilians near", "detained villagers near", "wounded a farmer near"},
		Protests:              {"rallied against", "marched in protest at", "held a sit-in over"},
		Riots:                 {"clashed with police over", "stormed a building over", "threw stones over"},
		StrategicDevelopments: {"blocked the road to", "set up a checkpoint near", "cut the gas supply to", "let a convoy through to"},
	}
)

// synthInsert stores a batch of events given as one JSON array of rows
// (the geometry blob in hex): one statement a batch rather than a bound
// parameter at a time, each of which is a call from Go into SQLite.
const synthInsert = `INSERT INTO events (geom, id, doc_id, event_date, date_end, time_precision,
	event_type, sub_event_type, actor1, actor2, place_id, place_name, place_kind, geo_precision, sentence,
	sentence_start, sentence_end, confidence, rule, outlet, perspective, source, modality, detail)
	SELECT unhex(value->>0), value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
		value->>8, value->>9, value->>10, value->>11, value->>12, value->>13, value->>14, value->>15, value->>16,
		value->>17, value->>18, value->>19, value->>20, value->>21, value->>22, value->>23
	FROM json_each(?) ORDER BY key`

// synthRTrees write the index rows of a batch that the insert triggers
// events_when_insert and rtree_events_geom_insert would, with the same
// expressions, but with the point's coordinates from the batch instead of
// ST_MinX(geom) and its kin: those are functions in Go, and nine calls back
// from SQLite into Go for each row took 190 µs a row on the benchmark
// machine, three minutes for a million events.
var synthRTrees = []string{
	`INSERT INTO rtree_events_geom SELECT t.fid, j.value->>24, j.value->>24, j.value->>25, j.value->>25
		FROM json_each(?) j CROSS JOIN events t ON t.id = j.value->>1`,
	`INSERT INTO rtree_events_when SELECT t.fid, coalesce(j.value->>24, 1000), coalesce(j.value->>24, 1000),
		coalesce(j.value->>25, 1000), coalesce(j.value->>25, 1000),
		julianday(t.event_date) - 2451544.5, julianday(coalesce(t.date_end, t.event_date)) - 2451544.5
		FROM json_each(?) j CROSS JOIN events t ON t.id = j.value->>1 WHERE t.event_date IS NOT NULL`,
}

// synthTriggers are the insert triggers a bulk batch replaces by synthRTrees.
var synthTriggers = []string{"rtree_events_geom_insert", "events_when_insert"}

// synthRows is how many events one synthInsert stores.
const synthRows = 500

// store writes events [from, from+n) with their documents in tx.
func (g *synthGen) store(ctx context.Context, tx *sql.Tx, from, n int, st *SynthStats) error {
	docSt, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, hash, title, outlet, outlet_name, perspective,
		published, published_precision, format, body, raw, naming, gazetteer_version, ingested, event_count)
		VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, 1, ?, '', '', '{"counts":{},"mentions":0}', 0, ?, ?)`)
	if err != nil {
		return fmt.Errorf("news: synthesize: %w", err)
	}
	defer docSt.Close()
	evSt, err := tx.PrepareContext(ctx, synthInsert)
	if err != nil {
		return fmt.Errorf("news: synthesize: %w", err)
	}
	defer evSt.Close()

	now := time.Now().UTC().Format(time.RFC3339)
	bound := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	var outlet *Outlet
	var docID string
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	batch := make([][]any, 0, synthRows)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		b, err := json.Marshal(batch)
		if err != nil {
			return fmt.Errorf("news: synthesize: %w", err)
		}
		if _, err := evSt.ExecContext(ctx, string(b)); err != nil {
			return fmt.Errorf("news: synthesize events: %w", err)
		}
		if g.bulk {
			for _, q := range synthRTrees {
				if _, err := tx.ExecContext(ctx, q, string(b)); err != nil {
					return fmt.Errorf("news: synthesize event index: %w", err)
				}
			}
		}
		batch = batch[:0]
		return nil
	}
	for i := from; i < from+n; i++ {
		if i%synthPerDoc == 0 {
			// The document goes in before its events, which refer to it.
			if err := flush(); err != nil {
				return err
			}
			docID = synthDocID(g.seed, i/synthPerDoc)
			outlet = nil
			if g.rng.IntN(20) > 0 { // one document in twenty has no known outlet
				outlet = &g.outlets[g.rng.IntN(len(g.outlets))]
			}
			var oid, oname, persp string
			if outlet != nil {
				oid, oname, persp = outlet.ID, outlet.Name, string(outlet.Perspective)
			}
			pub := dayZeroTime.AddDate(0, 0, g.days[g.rng.IntN(len(g.days))]).Format(time.DateOnly)
			size := min(synthPerDoc, from+n-i)
			if _, err := docSt.ExecContext(ctx, docID, "synthetic:"+docID, "Synthetic report "+docID, oid, oname, persp,
				pub, SynthFormat, now, size); err != nil {
				return fmt.Errorf("news: synthesize document %s: %w", docID, err)
			}
			st.Documents++
		}
		e, pt := g.event(i, docID, outlet)
		if e.EventDate.IsZero() {
			st.Undated++
		}
		bound = bound.Extend(pt)
		geom, err := gpkg.EncodeGeometry(pt, gpkg.SRSWGS84)
		if err != nil {
			return fmt.Errorf("news: synthesize: %w", err)
		}
		d, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("news: synthesize: %w", err)
		}
		// Event writes its own JSON; the mark goes after its last member.
		d = append(d[:len(d)-1], `,"synthetic":true}`...)
		batch = append(batch, []any{hex.EncodeToString(geom), e.ID, e.Doc, dateOrNil(e.EventDate), dateOrNil(e.DateEnd),
			int(e.TimePrecision), string(e.EventType), string(e.SubEventType), null(e.Actor1), null(e.Actor2), e.PlaceID,
			e.PlaceName, string(e.PlaceKind), e.GeoPrecision, e.Sentence, e.SentenceStart, e.SentenceEnd, e.Confidence,
			e.Rule, null(e.Outlet), null(string(e.Perspective)), null(e.Source), string(e.Modality), string(d), pt[0], pt[1]})
		if len(batch) == synthRows {
			if err := flush(); err != nil {
				return err
			}
		}
		st.Events++
	}
	if err := flush(); err != nil {
		return err
	}
	if n > 0 {
		if err := gpkg.ExtendExtent(ctx, tx, "events", bound); err != nil {
			return fmt.Errorf("news: synthesize: %w", err)
		}
	}
	return nil
}

// dayZeroTime is day 0 of dayNumber.
var dayZeroTime = time.Unix(dayZero, 0).UTC()

// event draws the i-th event, reported in document doc by outlet (nil: unknown).
func (g *synthGen) event(i int, doc string, outlet *Outlet) (Event, orb.Point) {
	r := g.rng
	p := g.places[min(len(g.places)-1, pickWeighted(g.cum, r.Float64()*g.cum[len(g.cum)-1]))]
	cat := Taxonomy[r.IntN(len(Taxonomy))]
	e := Event{ID: fmt.Sprintf("synthetic-%d-%08d", g.seed, i), Doc: doc,
		EventType: cat.Type, SubEventType: cat.Sub, PlaceID: p.ID, PlaceName: p.Name, PlaceKind: p.Kind,
		GeoPrecision: 1, Confidence: 0.5 + float64(r.IntN(50))/100, Rule: SynthRule + cat.Slug, Modality: Reported,
		Trigger: "synthetic"}
	pt := p.Point
	switch {
	case p.Kind.IsArea():
		e.GeoPrecision = 3 // somewhere in the region
	case r.IntN(7) == 0:
		// Near the place: up to about 5 km away.
		e.GeoPrecision = 2
		a, d := r.Float64()*2*math.Pi, r.Float64()*0.045
		pt = orb.Point{pt[0] + d*math.Cos(a)/math.Cos(pt[1]*math.Pi/180), pt[1] + d*math.Sin(a)}
	}
	if r.IntN(100) >= 7 {
		start := dayZeroTime.AddDate(0, 0, g.days[r.IntN(len(g.days))])
		e.EventDate, e.DateEnd, e.TimePrecision = start, start, PrecisionDay
		switch x := r.IntN(100); {
		case x < 15:
			e.DateEnd, e.TimePrecision = start.AddDate(0, 0, 6), PrecisionWeek
		case x < 24:
			start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
			e.EventDate, e.DateEnd, e.TimePrecision = start, start.AddDate(0, 1, -1), PrecisionMonth
		case x < 27:
			start = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			e.EventDate, e.DateEnd, e.TimePrecision = start, start.AddDate(1, 0, -1), PrecisionYear
		}
		e.DateText = e.EventDate.Format("2 January 2006")
	}
	if r.IntN(5) > 0 {
		e.Actor1 = synthActors[r.IntN(len(synthActors))]
		if r.IntN(3) == 0 {
			e.Actor2 = synthActors[r.IntN(len(synthActors))]
		}
	}
	if r.IntN(5) < 2 {
		e.Source = synthSources[r.IntN(len(synthSources))]
	}
	switch x := r.IntN(100); {
	case x < 4:
		e.Modality = Planned
	case x < 8:
		e.Modality = Threatened
	case x < 12:
		e.Modality = Denied
	}
	if outlet != nil {
		e.Outlet, e.Perspective = outlet.ID, outlet.Perspective
	}
	who := e.Actor1
	if who == "" {
		who = "Unidentified forces"
	}
	verbs := synthVerbs[e.EventType]
	e.Sentence = fmt.Sprintf("%s %s %s (%s), a synthetic report.", who, verbs[r.IntN(len(verbs))], p.Name,
		cat.Sub)
	if e.DateText != "" {
		e.Sentence = "On " + e.DateText + ", " + e.Sentence
	}
	e.SentenceStart = (i % synthPerDoc) * 200
	e.SentenceEnd = e.SentenceStart + len(e.Sentence)
	return e, pt
}

// pickWeighted returns the first index whose cumulative weight exceeds v.
func pickWeighted(cum []float64, v float64) int {
	i, _ := slices.BinarySearch(cum, v)
	if i < len(cum) && cum[i] == v {
		i++
	}
	return i
}

// SynthPlacesOf turns gazetteer places into places for Synthesize: their
// representative points, weighted by population where it is known (a city
// of a million draws about fifty times the news of a village). Places
// without a geometry, and rivers, are left out.
func SynthPlacesOf(places []*gazetteer.Place) []SynthPlace {
	var out []SynthPlace
	for _, p := range places {
		if p.Geometry == nil || p.Kind == gazetteer.KindRiver {
			continue
		}
		sp := SynthPlace{ID: p.ID, Name: p.Name, Kind: p.Kind, Point: geo.RepresentativePoint(p.Geometry)}
		if p.Population > 0 {
			sp.Weight = max(kindWeight(p.Kind), math.Sqrt(float64(p.Population))/20)
		}
		out = append(out, sp)
	}
	return out
}
