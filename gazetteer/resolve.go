package gazetteer

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// Mention is one place name found in a text and what it was resolved to.
type Mention struct {
	Start, End int    // byte offsets into the text
	Surface    string // text[Start:End]
	Place      *Place // nil when the name could not be resolved
	// Geometry is the place's geometry, or a route built between the two ends
	// of a compound name ("the Aghdam-Khankendi road") that the gazetteer lacks.
	Geometry orb.Geometry
	// Point is where the mention sits on a map: the place's representative
	// point (inside its area, on its line), or the middle of a built route.
	Point      orb.Point
	Kind       Kind
	NameUsage  Usage   // usage of the name as written (Khankendi: azerbaijani)
	Usages     []Usage // every usage the written name has
	Score      float64
	Rule       string // the rule pass that decided
	Candidates []Candidate
	BuiltFrom  []string // place ids a built route joins
	Form       Form
}

// Candidate is a runner-up reading of a mention.
type Candidate struct {
	PlaceID string  `json:"place_id"`
	Score   float64 `json:"score"`
}

// The rule names a mention can carry, from the first pass to the last.
const (
	RuleOnlyCandidate  = "only-candidate"
	RuleCompound       = "compound-name"
	RuleBuiltRoute     = "built-route"
	RuleCountryFirst   = "countries-and-regions-first"
	RuleInNamedArea    = "inside-named-area"
	RuleCoLocated      = "co-located"
	RuleRegionalPrior  = "regional-prior"
	RulePopulationKind = "population-and-kind"
	RuleOneSense       = "one-sense-per-document"
	RuleUnresolved     = "unresolved"
)

// Geoparser is an immutable snapshot of the gazetteer ready to find and
// resolve place names: the name index plus what the resolver needs of each
// place. It is safe for concurrent use.
//
// It is kept compact: the world background makes it hundreds of thousands
// of names, and every geoparsing command holds one. Places are numbered by
// slot (one per distinct id), what is kept per place or per name sits in
// flat slices indexed by slot or by index entry (Hit.Entry), and the name
// keys share one string.
type Geoparser struct {
	ix *Index
	// slot numbers the distinct place ids in the order first given; per
	// slot, the place (the last one given with that id) and its
	// representative point (worked out once: finding one inside a country's
	// polygon is too slow to repeat per mention).
	slot      idTable
	slotPlace []*Place
	slotPoint []orb.Point
	slotHasPt []bool
	sites     []*Place            // bridges, checkpoints, border crossings, roads and corridors: compound names resolve among them
	children  map[string][]string // place id -> ids of the places whose parent it is
	// Per index entry: its place's slot, the usage of its name
	// (usageNames[entryUsage[e]]), and the usages the place gives the
	// name's key (usageLists[entryList[e]]: Stepanakert is armenian and
	// international), so a mention need not normalise the place's names
	// again.
	entrySlot  []int32
	entryUsage []uint32
	entryList  []uint32
	usageNames []Usage
	usageLists [][]Usage
	// The name key (NormalizeName) of entry e is keys[keyOff[e]:keyOff[e+1]].
	keys   string
	keyOff []uint32
	// bySlot lists the entries slot by slot, each slot's in entry order:
	// the entries of slot s are bySlot[slotStart[s]:slotStart[s+1]].
	bySlot    []int32
	slotStart []int32
	// siteWords maps each word of a site's names to the sites (indexes into
	// sites) that carry it: "hakari" -> the Hakari bridge.
	siteWords map[string][]int
	// areaBounds are the bounds of area places, to skip distance tests that cannot succeed.
	areaBounds map[string]orb.Bound
	within     sync.Map // "child\x00parent" -> bool, memoised Within answers
	version    int64
	region     orb.Bound // the bounds of the curated entries: the region the corpus is about
}

// NewGeoparser builds a geoparser over places (every name of every place is indexed).
func NewGeoparser(places []*Place, version int64) *Geoparser {
	g := &Geoparser{slot: newIDTable(len(places)), version: version, children: map[string][]string{},
		siteWords: map[string][]int{}, areaBounds: map[string]orb.Bound{}}
	first := true
	nEntries := 0
	for _, p := range places {
		nEntries += len(p.Names)
	}
	entries := make([]IndexEntry, 0, nEntries)
	g.entrySlot = make([]int32, 0, nEntries)
	g.entryUsage = make([]uint32, 0, nEntries)
	usageCode := map[Usage]uint32{}
	for _, p := range places {
		s, cell, ok := g.slot.find(p.ID, g.slotPlace)
		if !ok {
			s = int32(len(g.slotPlace))
			g.slot.cells[cell] = s + 1
			g.slotPlace = append(g.slotPlace, p)
			g.slotPoint = append(g.slotPoint, orb.Point{})
			g.slotHasPt = append(g.slotHasPt, false)
		}
		g.slotPlace[s] = p
		if pt, ok := PointOf(p); ok {
			g.slotPoint[s], g.slotHasPt[s] = pt, true
		}
		if p.Parent != "" {
			g.children[p.Parent] = append(g.children[p.Parent], p.ID)
		}
		if p.Kind.IsCheckpoint() || p.Kind.IsRoute() {
			g.sites = append(g.sites, p)
		}
		for _, n := range p.Names {
			entries = append(entries, IndexEntry{PlaceID: p.ID, Name: n, Kind: p.Kind, Origin: p.Origin, Population: p.Population})
			code, ok := usageCode[n.Usage]
			if !ok {
				code = uint32(len(g.usageNames))
				usageCode[n.Usage] = code
				g.usageNames = append(g.usageNames, n.Usage)
			}
			g.entrySlot = append(g.entrySlot, s)
			g.entryUsage = append(g.entryUsage, code)
		}
		// The region the corpus is about: where its curated sites, settlements
		// and districts are (curated world cities and capitals are not it).
		if p.Origin == OriginCurated && p.Geometry != nil && p.Kind != KindCountry && p.Kind != KindCapital && p.Kind != KindCity {
			b := p.Geometry.Bound()
			if first {
				g.region, first = b, false
			} else {
				g.region = g.region.Union(b)
			}
		}
	}
	// NormalizeName of every entry, one scanner's buffers reused.
	var arena []byte
	var sc normScanner
	g.keyOff = make([]uint32, len(entries)+1)
	for i, e := range entries {
		if sc.scan(e.Name.Text); len(sc.keys) > 0 {
			arena = append(arena, sc.keys[:len(sc.keys)-1]...)
		}
		g.keyOff[i+1] = uint32(len(arena))
	}
	g.keys = string(arena)
	g.groupBySlot()
	g.listUsages()
	for i, site := range g.sites {
		for _, n := range site.Names {
			for _, w := range strings.Fields(NormalizeName(n.Text)) {
				if l := g.siteWords[w]; len(l) == 0 || l[len(l)-1] != i {
					g.siteWords[w] = append(l, i)
				}
			}
		}
	}
	for _, p := range places {
		if p.Kind.IsArea() && p.Geometry != nil {
			g.areaBounds[p.ID] = p.Geometry.Bound()
		}
	}
	g.ix = NewIndex(entries)
	return g
}

// key returns the name key of entry e.
func (g *Geoparser) key(e int32) string { return g.keys[g.keyOff[e]:g.keyOff[e+1]] }

// slotEntries returns the entries of slot s, in entry order.
func (g *Geoparser) slotEntries(s int32) []int32 { return g.bySlot[g.slotStart[s]:g.slotStart[s+1]] }

// groupBySlot lays out bySlot and slotStart by counting.
func (g *Geoparser) groupBySlot() {
	g.slotStart = make([]int32, len(g.slotPlace)+1)
	for _, s := range g.entrySlot {
		g.slotStart[s+1]++
	}
	for s := 1; s < len(g.slotStart); s++ {
		g.slotStart[s] += g.slotStart[s-1]
	}
	g.bySlot = make([]int32, len(g.entrySlot))
	next := slices.Clone(g.slotStart[:len(g.slotStart)-1])
	for e, s := range g.entrySlot {
		g.bySlot[next[s]] = int32(e)
		next[s]++
	}
}

// listUsages works out, for every entry, the usages its place gives its
// name's key, in entry order, each once; equal lists are shared.
func (g *Geoparser) listUsages() {
	g.entryList = make([]uint32, len(g.entrySlot))
	ids := map[string]uint32{}
	var list []Usage
	var sig []byte
	var firstOf map[string]int32 // for a slot of many entries: each key's first entry
	for s := range g.slotPlace {
		es := g.slotEntries(int32(s))
		if len(es) > 32 {
			firstOf = make(map[string]int32, len(es))
		} else {
			firstOf = nil
		}
		for i, e := range es {
			k := g.key(e)
			// An earlier entry of the place with this key has the list.
			if firstOf != nil {
				if f, ok := firstOf[k]; ok {
					g.entryList[e] = g.entryList[f]
					continue
				}
				firstOf[k] = e
			} else if f := slices.IndexFunc(es[:i], func(f int32) bool { return g.key(f) == k }); f >= 0 {
				g.entryList[e] = g.entryList[es[f]]
				continue
			}
			list, sig = list[:0], sig[:0]
			for _, f := range es[i:] {
				if g.key(f) != k {
					continue
				}
				if u := g.usageNames[g.entryUsage[f]]; !containsUsage(list, u) {
					list = append(list, u)
					sig = append(append(sig, u...), 0)
				}
			}
			id, ok := ids[string(sig)]
			if !ok {
				id = uint32(len(g.usageLists))
				ids[string(sig)] = id
				g.usageLists = append(g.usageLists, slices.Clone(list))
			}
			g.entryList[e] = id
		}
	}
}

// usagesOf returns the usages the place with this id gives the key of
// entry e's name (nil when it has no name with that key).
func (g *Geoparser) usagesOf(id string, e int) []Usage {
	s, ok := g.slotOf(id)
	if !ok {
		return nil
	}
	if g.entrySlot[e] == s {
		return g.usageLists[g.entryList[e]]
	}
	k := g.key(int32(e))
	for _, f := range g.slotEntries(s) {
		if g.key(f) == k {
			return g.usageLists[g.entryList[f]]
		}
	}
	return nil
}

// LoadGeoparser reads every live place of the store and builds a geoparser.
func LoadGeoparser(ctx context.Context, s *Store) (*Geoparser, error) {
	v, err := s.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	var places []*Place
	if err := s.Each(ctx, func(p *Place) error { places = append(places, p); return nil }); err != nil {
		return nil, err
	}
	return NewGeoparser(places, v), nil
}

// point returns a place's representative point from the precomputed table.
func (g *Geoparser) point(p *Place) (orb.Point, bool) {
	if p == nil {
		return orb.Point{}, false
	}
	s, ok := g.slotOf(p.ID)
	if !ok || !g.slotHasPt[s] {
		return orb.Point{}, false
	}
	return g.slotPoint[s], true
}

// Version is the gazetteer data version the snapshot was built from.
func (g *Geoparser) Version() int64 { return g.version }

// Place returns a place of the snapshot by id.
func (g *Geoparser) Place(id string) *Place {
	if s, ok := g.slotOf(id); ok {
		return g.slotPlace[s]
	}
	return nil
}

// slotOf returns the slot of a place id.
func (g *Geoparser) slotOf(id string) (int32, bool) {
	s, _, ok := g.slot.find(id, g.slotPlace)
	return s, ok
}

// Names returns how many names the index holds.
func (g *Geoparser) Names() int { return g.ix.Len() }

// Live holds the current geoparser and swaps in a rebuilt one atomically
// when the gazetteer changes; readers never wait for a rebuild.
type Live struct {
	store *Store
	cur   atomic.Pointer[Geoparser]
}

// NewLive builds the first snapshot from the store.
func NewLive(ctx context.Context, s *Store) (*Live, error) {
	g, err := LoadGeoparser(ctx, s)
	if err != nil {
		return nil, err
	}
	l := &Live{store: s}
	l.cur.Store(g)
	return l, nil
}

// Current returns the snapshot in use.
func (l *Live) Current() *Geoparser { return l.cur.Load() }

// Refresh rebuilds the snapshot when the store's data version has moved and
// reports whether it did.
func (l *Live) Refresh(ctx context.Context) (bool, error) {
	v, err := l.store.DataVersion(ctx)
	if err != nil {
		return false, err
	}
	if v == l.Current().Version() {
		return false, nil
	}
	g, err := LoadGeoparser(ctx, l.store)
	if err != nil {
		return false, err
	}
	l.cur.Store(g)
	return true, nil
}

// scored is one candidate place of a span with its score and deciding rule.
type scored struct {
	place *Place
	hit   Hit
	score float64
	rule  string
}

// Parse finds every place name in text and resolves it. Unknown names never
// stop the document; a span whose candidates are all unusable is returned
// unresolved.
func (g *Geoparser) Parse(text string) []Mention {
	spans := g.ix.Tag(text)
	ms := make([]Mention, len(spans))
	cands := make([][]scored, len(spans))
	// One backing array for every span's candidates, and one for the
	// runners-up reported, rather than a few small allocations per mention.
	total := 0
	for _, sp := range spans {
		total += len(sp.Hits)
	}
	pool := make([]scored, 0, total)
	runners := make([]Candidate, 0, total)
	for i, sp := range spans {
		ms[i] = Mention{Start: sp.Start, End: sp.End, Surface: sp.Surface, Form: sp.Form}
		start := len(pool)
		for _, h := range sp.Hits {
			if p := g.Place(h.PlaceID); p != nil {
				pool = append(pool, scored{place: p, hit: h})
			}
		}
		cands[i] = pool[start:len(pool):len(pool)]
		if n := len(cands[i]) - 1; n > 0 {
			ms[i].Candidates = runners[len(runners) : len(runners) : len(runners)+n]
			runners = runners[:len(runners)+n]
		}
	}
	ctx := g.newDocContext(text)

	// Pass 1: compounds, single readings, and countries and regions.
	for i, sp := range spans {
		switch {
		case sp.Compound != nil:
			g.resolveCompound(&ms[i], sp, cands[i], ctx)
		case len(cands[i]) == 1:
			g.settle(&ms[i], cands[i], 0, 1, RuleOnlyCandidate)
		default:
			if best := bestArea(cands[i]); best >= 0 {
				g.settle(&ms[i], cands[i], best, 0.9, RuleCountryFirst)
			}
		}
		if ms[i].Place != nil {
			ctx.add(ms[i].Place)
		}
	}
	// Pass 2: the rest, scored against what the document has already settled,
	// with one sense per name per document.
	// The same name written again, letter for letter, keeps its sense.
	sense := map[string]*Place{}
	for i := range ms {
		if ms[i].Place != nil {
			sense[ms[i].Surface] = ms[i].Place
		}
	}
	for i := range ms {
		if ms[i].Place != nil || ms[i].Geometry != nil || len(cands[i]) == 0 {
			continue
		}
		key := ms[i].Surface
		if p := sense[key]; p != nil {
			for j, c := range cands[i] {
				if c.place == p {
					g.settle(&ms[i], cands[i], j, 0.95, RuleOneSense)
					break
				}
			}
			if ms[i].Place != nil {
				continue
			}
		}
		best, score, rule := g.rank(cands[i], ctx)
		g.settle(&ms[i], cands[i], best, score, rule)
		sense[key] = ms[i].Place
		ctx.add(ms[i].Place)
	}
	kept := ms[:0]
	for i := range ms {
		if g.unlikely(ms[i], ctx) {
			continue
		}
		if ms[i].Place == nil && ms[i].Geometry == nil {
			ms[i].Rule = RuleUnresolved
		}
		kept = append(kept, ms[i])
	}
	return kept
}

// farAwayKm is how far from the curated region a small background place
// must be for unlikely to doubt it.
const farAwayKm = 1500

// unlikely reports whether a mention is better read as an ordinary word: in a
// document about the region, a one-word name whose only reading is a small
// background town far away, in a country the document never names
// ("Schlangen" and "Lage" in German, "Croix" and "Les" in French). Capitals,
// cities of 100,000 and more, and curated places are never doubted.
func (g *Geoparser) unlikely(m Mention, ctx *docContext) bool {
	if m.Place == nil || !ctx.regional || strings.ContainsAny(strings.TrimSpace(m.Surface), " -") {
		return false
	}
	if !g.smallAndFar(m.Place, ctx) {
		return false
	}
	for _, c := range m.Candidates {
		if p := g.Place(c.PlaceID); p == nil || !g.smallAndFar(p, ctx) {
			return false
		}
	}
	return true
}

func (g *Geoparser) smallAndFar(p *Place, ctx *docContext) bool {
	if p.Origin != OriginBackground || p.Kind.IsArea() || p.Kind == KindCapital || p.Population >= 100000 || ctx.named[p.Country] {
		return false
	}
	pt, ok := g.point(p)
	return ok && geo.DistanceToGeometry(pt, g.regionPolygon()) > farAwayKm
}

// regionPolygon is the curated region's bounds as a polygon, for distances.
func (g *Geoparser) regionPolygon() orb.Geometry { return g.region.ToPolygon() }

// settle records candidate best as the reading of m, with the others as runners-up.
func (g *Geoparser) settle(m *Mention, cands []scored, best int, score float64, rule string) {
	c := cands[best]
	m.Place, m.Geometry, m.Kind, m.Score, m.Rule = c.place, c.place.Geometry, c.place.Kind, round3(score), rule
	m.Point, _ = g.point(c.place)
	if e := c.hit.Entry; e >= 0 && e < len(g.entryUsage) {
		m.NameUsage = g.usageNames[g.entryUsage[e]]
		m.Usages = g.usagesOf(c.place.ID, e)
	}
	m.Candidates = m.Candidates[:0]
	for j, o := range cands {
		if j == best {
			continue
		}
		m.Candidates = append(m.Candidates, Candidate{PlaceID: o.place.ID, Score: round3(o.score)})
	}
	slices.SortStableFunc(m.Candidates, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	if len(m.Candidates) > 5 {
		m.Candidates = m.Candidates[:5]
	}
}

func containsUsage(us []Usage, u Usage) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}

func bestArea(cands []scored) int {
	best := -1
	for i, c := range cands {
		if !c.place.Kind.IsArea() {
			continue
		}
		if best < 0 || areaRank(c.place) > areaRank(cands[best].place) {
			best = i
		}
	}
	// Only decisive when every reading is an area: "Armenia" the country, not
	// the Colombian city, is settled here; "Lachin" (town or district) waits.
	for _, c := range cands {
		if !c.place.Kind.IsArea() && c.place.Origin != OriginBackground {
			return -1
		}
	}
	return best
}

func areaRank(p *Place) int {
	r := 0
	switch p.Kind {
	case KindCountry:
		r = 3
	case KindRegion:
		r = 2
	case KindDistrict:
		r = 1
	}
	if p.Origin != OriginBackground {
		r += 4
	}
	return r
}

// docContext is what the document has settled so far: the areas it names and
// the points of its places.
type docContext struct {
	countries map[string]bool // ISO codes of countries named or implied
	named     map[string]bool // ISO codes of countries named outright (a country or its capital)
	areas     []*Place        // regions and districts named
	points    []orb.Point
	regional  bool // the document is about the curated region
	seen      map[string]bool
	g         *Geoparser
}

func (g *Geoparser) newDocContext(string) *docContext {
	return &docContext{countries: map[string]bool{}, named: map[string]bool{}, seen: map[string]bool{}, g: g}
}

func (c *docContext) add(p *Place) {
	if p == nil || c.seen[p.ID] {
		return // a long document names the same places again and again
	}
	c.seen[p.ID] = true
	if p.Country != "" {
		c.countries[p.Country] = true
		if p.Kind == KindCountry || p.Kind == KindCapital {
			c.named[p.Country] = true
		}
	}
	if p.Kind == KindRegion || p.Kind == KindDistrict {
		c.areas = append(c.areas, p)
	}
	if p.Origin != OriginBackground {
		c.regional = true
	}
	if pt, ok := c.g.point(p); ok {
		c.points = append(c.points, pt)
	}
}

// rank scores the candidates of one span. Each rule adds evidence; the rule
// that added the most to the winner is reported.
func (g *Geoparser) rank(cands []scored, ctx *docContext) (best int, score float64, rule string) {
	type part struct {
		rule string
		w    float64
	}
	total := 0.0
	var winnerParts []part
	for i := range cands {
		c := &cands[i]
		var parts []part
		pt, hasPoint := g.point(c.place)
		if c.place.Country != "" && ctx.countries[c.place.Country] {
			parts = append(parts, part{RuleInNamedArea, 1.0})
		}
		if hasPoint {
			for _, a := range ctx.areas {
				// 0.1° of padding is more than the 5 km the test allows anywhere below 60° of latitude.
				if b, ok := g.areaBounds[a.ID]; ok && b.Pad(0.1).Contains(pt) && geo.DistanceToGeometry(pt, a.Geometry) < 5 {
					parts = append(parts, part{RuleInNamedArea, 1.0})
					break
				}
			}
			for _, q := range ctx.points {
				if d := geo.Distance(pt, q); d < 60 && d > 0 {
					parts = append(parts, part{RuleCoLocated, 0.8})
					break
				}
			}
		}
		if c.place.Origin != OriginBackground {
			w := 0.6
			if ctx.regional {
				w = 1.2
			}
			parts = append(parts, part{RuleRegionalPrior, w})
		} else if ctx.regional && hasPoint && g.region.Pad(0.5).Contains(pt) {
			parts = append(parts, part{RuleRegionalPrior, 0.8})
		}
		parts = append(parts, part{RulePopulationKind, kindPrior(c.place) + 0.1*math.Log10(float64(c.place.Population)+1)})
		if c.hit.Form == FormInflected || c.hit.Form == FormAdjective {
			parts = append(parts, part{RulePopulationKind, -0.1})
		}
		s := 0.05
		for _, p := range parts {
			s += p.w
		}
		c.score = math.Max(s, 0.01)
		total += c.score
		if i == 0 || c.score > cands[best].score {
			best, winnerParts = i, parts
		}
	}
	for i := range cands {
		cands[i].score /= total
	}
	rule = RulePopulationKind
	top := 0.0
	for _, p := range winnerParts {
		if p.w > top {
			top, rule = p.w, p.rule
		}
	}
	return best, cands[best].score, rule
}

func kindPrior(p *Place) float64 {
	switch p.Kind {
	case KindCountry:
		return 0.5
	case KindCapital:
		return 0.4
	case KindRegion:
		return 0.3
	case KindCity:
		return 0.2
	case KindCheckpoint, KindBridge, KindRoad, KindCorridor, KindBorderCrossing:
		return 0.25
	default:
		return 0.1
	}
}

// resolveCompound settles a compound name: the curated place the whole
// phrase names when there is one; otherwise, for a road between two places,
// a route built between them; for a bridge or checkpoint, a place of that
// kind carrying the part's name.
func (g *Geoparser) resolveCompound(m *Mention, sp Span, cands []scored, ctx *docContext) {
	for i, c := range cands {
		if c.place.Kind == sp.Compound.Kind || (sp.Compound.Kind == KindRoad && c.place.Kind.IsRoute()) ||
			(sp.Compound.Kind == KindCheckpoint && c.place.Kind.IsCheckpoint()) || (sp.Compound.Kind == KindBridge && c.place.Kind.IsCheckpoint()) {
			g.settle(m, cands, i, 1, RuleCompound)
			return
		}
	}
	var parts []*Place
	for _, part := range sp.Compound.Parts {
		var pc []scored
		for _, h := range part.Hits {
			if p := g.Place(h.PlaceID); p != nil {
				pc = append(pc, scored{place: p, hit: h})
			}
		}
		if len(pc) == 0 {
			continue
		}
		best, _, _ := g.rank(pc, ctx)
		parts = append(parts, pc[best].place)
	}
	if len(parts) == 0 {
		return
	}
	if sp.Compound.Kind != KindRoad || len(parts) < 2 {
		if p := g.namedSite(sp.Compound.Kind, parts[0]); p != nil {
			m.Place, m.Geometry, m.Kind, m.Score, m.Rule = p, p.Geometry, p.Kind, 0.9, RuleCompound
			m.Point, _ = g.point(p)
			m.Usages = nil
			return
		}
		// No such site in the gazetteer: the place the phrase is built on stands in.
		p := parts[0]
		m.Place, m.Geometry, m.Kind, m.Score, m.Rule = p, p.Geometry, p.Kind, 0.6, RuleCompound
		m.Point, _ = g.point(p)
		return
	}
	a, aok := g.point(parts[0])
	b, bok := g.point(parts[len(parts)-1])
	if !aok || !bok {
		return
	}
	if r := g.routeBetween(a, b); r != nil {
		m.Place, m.Geometry, m.Kind, m.Score, m.Rule = r, r.Geometry, r.Kind, 0.8, RuleCompound
		m.Point, _ = g.point(r)
		return
	}
	m.Geometry = orb.LineString{a, b}
	m.Point = geo.RepresentativePoint(m.Geometry)
	m.Kind = KindRoad
	m.Score = 0.7
	m.Rule = RuleBuiltRoute
	m.BuiltFrom = []string{parts[0].ID, parts[len(parts)-1].ID}
}

// namedSite finds a bridge or checkpoint named after a place: "Hakari" ->
// the Hakari bridge; the nearest such site within 15 km when names do not say.
func (g *Geoparser) namedSite(kind Kind, on *Place) *Place {
	best := -1
	s, ok := g.slotOf(on.ID)
	if !ok {
		return nil
	}
	for _, e := range g.slotEntries(s) {
		for _, i := range g.siteWords[g.key(e)] {
			p := g.sites[i]
			if (p.Kind == kind || (kind == KindCheckpoint && p.Kind.IsCheckpoint())) && (best < 0 || i < best) {
				best = i
			}
		}
	}
	if best < 0 {
		return nil
	}
	return g.sites[best]
}

// CheckpointOf returns the checkpoint a place stands for in a report of a
// checkpoint: one named after it ("Lachin" -> the Lachin checkpoint), or for
// a road, corridor or bridge the one on it (within 1 km). It returns nil
// for other kinds of place and when there is no single such checkpoint.
func (g *Geoparser) CheckpointOf(id string) *Place {
	on := g.Place(id)
	if on == nil || on.Kind.IsCheckpoint() && on.Kind != KindBridge {
		return nil
	}
	switch on.Kind {
	case KindSettlement, KindCity, KindDistrict:
		return g.namedSite(KindCheckpoint, on)
	case KindRoad, KindCorridor, KindBridge:
	default:
		return nil
	}
	if on.Geometry == nil {
		return nil
	}
	var found *Place
	for _, p := range g.sites {
		if p.Kind != KindCheckpoint || p.Geometry == nil {
			continue
		}
		pt, ok := g.point(p)
		if !ok || geo.DistanceToGeometry(pt, on.Geometry) > 1 {
			continue
		}
		if found != nil {
			return nil // two checkpoints on it: the text must say which
		}
		found = p
	}
	return found
}

// routeBetween finds a curated road or corridor passing within 5 km of both ends.
func (g *Geoparser) routeBetween(a, b orb.Point) *Place {
	var best *Place
	bestD := math.Inf(1)
	for _, p := range g.sites {
		if !p.Kind.IsRoute() || p.Geometry == nil {
			continue
		}
		da, db := geo.DistanceToGeometry(a, p.Geometry), geo.DistanceToGeometry(b, p.Geometry)
		if da < 5 && db < 5 && da+db < bestD {
			best, bestD = p, da+db
		}
	}
	return best
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// String describes a mention for logs and test failures.
func (m Mention) String() string {
	id := "-"
	if m.Place != nil {
		id = m.Place.ID
	}
	return fmt.Sprintf("%q@%d -> %s (%s %.2f)", m.Surface, m.Start, id, m.Rule, m.Score)
}

// Within reports whether the place child lies within parent: parent is an
// ancestor through the parent links, its area contains child's point, or
// both are sites (bridges, checkpoints) at the same spot. Answers are
// memoised: testing a point against a country's polygon is not cheap.
func (g *Geoparser) Within(child, parent string) bool {
	if child == parent {
		return true
	}
	key := child + "\x00" + parent
	if v, ok := g.within.Load(key); ok {
		return v.(bool)
	}
	in := g.computeWithin(child, parent)
	g.within.Store(key, in)
	return in
}

func (g *Geoparser) computeWithin(child, parent string) bool {
	c := g.Place(child)
	for i := 0; c != nil && i < 8; i++ {
		if c.Parent == parent {
			return true
		}
		c = g.Place(c.Parent)
	}
	c, p := g.Place(child), g.Place(parent)
	if c == nil || p == nil || p.Geometry == nil {
		return false
	}
	pt, ok := g.point(c)
	if !ok {
		return false
	}
	if c.Kind.IsCheckpoint() && p.Kind.IsCheckpoint() {
		// A checkpoint set up at a bridge is the same site for anyone reporting on it.
		return geo.DistanceToGeometry(pt, p.Geometry) <= siteRadiusKm
	}
	return p.Kind.IsArea() && geo.DistanceToGeometry(pt, p.Geometry) == 0
}

// Related lists the places whose events may be reports of the same event as
// one at id: the place itself, its ancestors, its descendants through the
// parent links, and sites at the same spot. It bounds what clustering reads.
func (g *Geoparser) Related(id string) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	add := func(x string) {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	for p, i := g.Place(id), 0; p != nil && i < 8; p, i = g.Place(p.Parent), i+1 {
		add(p.Parent)
	}
	queue := []string{id}
	for len(queue) > 0 && len(out) < 1000 {
		for _, c := range g.children[queue[0]] {
			if !seen[c] {
				add(c)
				queue = append(queue, c)
			}
		}
		queue = queue[1:]
	}
	if p := g.Place(id); p != nil && p.Kind.IsCheckpoint() {
		for _, s := range g.sites {
			if s.Kind.IsCheckpoint() && g.Within(s.ID, id) {
				add(s.ID)
			}
		}
	}
	return out
}

// siteRadiusKm is how close two sites (a bridge, the checkpoint on it) must
// be to count as one place when reports are grouped.
const siteRadiusKm = 1.5
