package gazetteer

import (
	"strconv"

	"github.com/paulmach/orb/geojson"

	"dateline/geo"
)

// MentionFeature returns a mention in the shape DESIGN.md fixes: one GeoJSON
// Feature per place name, id "<doc>:<start>", the place's own geometry (null
// when unresolved), byte offsets into the UTF-8 text.
func MentionFeature(doc string, m Mention) *geojson.Feature {
	var g = m.Geometry
	if g != nil {
		g = geo.Round(geo.Rewind(g), 6)
	}
	f := geojson.NewFeature(g)
	f.ID = doc + ":" + strconv.Itoa(m.Start)
	props := geojson.Properties{
		"surface": m.Surface,
		"start":   m.Start,
		"end":     m.End,
		"doc":     doc,
		"score":   m.Score,
		"rule":    m.Rule,
	}
	if m.Place != nil {
		props["place_id"] = m.Place.ID
		props["name"] = m.Place.Name
	}
	if m.Kind != "" {
		props["kind"] = string(m.Kind)
	}
	if m.NameUsage != "" {
		props["name_usage"] = string(m.NameUsage)
		us := make([]string, len(m.Usages))
		for i, u := range m.Usages {
			us[i] = string(u)
		}
		props["name_usages"] = us
	}
	if m.Form != 0 {
		props["form"] = m.Form.String()
	}
	if len(m.BuiltFrom) > 0 {
		props["built_from"] = m.BuiltFrom
	}
	cands := make([]map[string]any, 0, len(m.Candidates))
	for _, c := range m.Candidates {
		cands = append(cands, map[string]any{"place_id": c.PlaceID, "score": c.Score})
	}
	props["candidates"] = cands
	f.Properties = props
	return f
}

// MentionCollection returns every mention of a document as a FeatureCollection.
func MentionCollection(doc string, ms []Mention) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, m := range ms {
		fc.Append(MentionFeature(doc, m))
	}
	return fc
}
