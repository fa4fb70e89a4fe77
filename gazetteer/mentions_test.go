package gazetteer

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TestWriteMentionsMatchesTheEncoder: the streamed collection has the bytes
// an indenting json.Encoder gives for the whole FeatureCollection, so the
// CLI and the API answer alike.
func TestWriteMentionsMatchesTheEncoder(t *testing.T) {
	road := &Place{ID: "road", Name: "Road", Kind: KindRoad}
	tests := []struct {
		name string
		docs []DocumentMentions
	}{
		{"none", nil},
		{"empty document", []DocumentMentions{{Doc: "a"}}},
		{"two documents", []DocumentMentions{
			{Doc: "a", Mentions: []Mention{{Start: 1, End: 5, Surface: "Abc", Place: road, Kind: KindRoad,
				Geometry: orb.LineString{{46.5, 39.5}, {46.7, 39.8}}, Score: 0.5}}},
			{Doc: "b", Mentions: []Mention{{Start: 7, End: 9, Surface: "Xy"}, {Start: 12, End: 14, Surface: "Zw"}}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fc := geojson.NewFeatureCollection()
			for _, d := range tc.docs {
				for _, m := range d.Mentions {
					fc.Append(MentionFeature(d.Doc, m))
				}
			}
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", " ")
			if err := enc.Encode(fc); err != nil {
				t.Fatal(err)
			}
			if err := WriteMentions(&got, tc.docs...); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("WriteMentions:\n%s\nencoder:\n%s", got.String(), want.String())
			}
		})
	}
}
