package gazetteer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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

// DocumentMentions are the mentions found in one document.
type DocumentMentions struct {
	Doc      string
	Mentions []Mention
}

// WriteMentions writes the mentions of docs as one GeoJSON FeatureCollection
// in the layout of a json.Encoder indenting by one space, one feature at a
// time: the answer for a long text is never held whole in memory.
func WriteMentions(w io.Writer, docs ...DocumentMentions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n \"features\": [")
	n := 0
	var buf bytes.Buffer
	for _, d := range docs {
		for _, m := range d.Mentions {
			b, err := json.Marshal(MentionFeature(d.Doc, m))
			if err != nil {
				return fmt.Errorf("gazetteer: encode mention: %w", err)
			}
			buf.Reset()
			if err := json.Indent(&buf, b, "  ", " "); err != nil {
				return fmt.Errorf("gazetteer: encode mention: %w", err)
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n  ")
			bw.Write(buf.Bytes())
			n++
		}
	}
	if n > 0 {
		bw.WriteString("\n ")
	}
	bw.WriteString("],\n \"type\": \"FeatureCollection\"\n}\n")
	return bw.Flush()
}
