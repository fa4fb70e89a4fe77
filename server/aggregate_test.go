package server

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"dateline/news"
)

// synthEnv is a server over the fixture places with n synthetic events.
func synthEnv(tb testing.TB, n int) *testEnv {
	tb.Helper()
	env := newTestEnv(tb)
	outlets := []news.Outlet{
		{ID: "armenpress", Name: "Armenpress", Perspective: news.PerspectiveArmenian},
		{ID: "apa", Name: "APA", Perspective: news.PerspectiveAzerbaijani},
		{ID: "tass", Name: "TASS", Perspective: news.PerspectiveRussian},
		{ID: "reuters", Name: "Reuters", Perspective: news.PerspectiveInternational},
	}
	if _, err := env.news.Synthesize(context.Background(), news.SynthOptions{Events: n, Seed: 7,
		Places: news.SynthPlacesOf(fixturePlaces()), Outlets: outlets}); err != nil {
		tb.Fatal(err)
	}
	return env
}

type aggregateResp struct {
	Kind          string `json:"kind"`
	NumberMatched int    `json:"numberMatched"`
	Features      []struct {
		ID         string `json:"id"`
		Properties struct {
			Cluster    bool           `json:"cluster"`
			Count      int            `json:"count"`
			BBox       [4]float64     `json:"bbox"`
			EventTypes map[string]int `json:"event_types"`
			Items      string         `json:"items"`
		} `json:"properties"`
	} `json:"features"`
}

type histogramResp struct {
	Unit          string `json:"unit"`
	NumberMatched int    `json:"numberMatched"`
	Dated         int    `json:"dated"`
	Undated       int    `json:"undated"`
	Buckets       []struct {
		Start string `json:"start"`
		Count int    `json:"count"`
	} `json:"buckets"`
}

// pathOf strips the test server's base from a link.
func pathOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

// viewFilters are filter combinations the map sends.
var viewFilters = []string{
	"",
	"datetime=2023-01-01/2023-06-30",
	"event_type=Battles,Protests",
	"sub_event_type=Road+blockade+or+closure&perspective=armenian",
	"precision=2,3&modality=reported",
	"actor=Military+Forces+of+Azerbaijan&datetime=2020-09-27/2020-11-10",
	"q=shelled&outlet=apa,tass",
	"place_id=lachin,hakari-bridge&source=ICRC",
	"q=lachin+corridor&datetime=../2021-01-01",
}

// TestAggregateMatchesItems checks that a view's count is the items
// endpoint's numberMatched for the same filters and bbox, that the clusters
// sum to it, and that a cluster's items link opens exactly its events.
func TestAggregateMatchesItems(t *testing.T) {
	env := synthEnv(t, 20000)
	for _, view := range []string{"bbox=43.4,38.3,50.9,42&zoom=7", "bbox=46.4,39.4,46.9,39.9&zoom=11", "zoom=2"} {
		for _, f := range viewFilters {
			q := view
			if f != "" {
				q += "&" + f
			}
			agg := decode[aggregateResp](t, env.get(t, "/collections/events/aggregate?"+q), http.StatusOK)
			itemsQ := strings.Replace(strings.Replace(strings.Replace(q, "&zoom=7", "", 1), "&zoom=11", "", 1), "zoom=2", "bbox=-180,-90,180,90", 1)
			items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1&"+itemsQ), http.StatusOK)
			if agg.NumberMatched != items.NumberMatched {
				t.Errorf("%s: aggregate counts %d, items %d", q, agg.NumberMatched, items.NumberMatched)
			}
			sum := 0
			for _, ft := range agg.Features {
				if agg.Kind == "clusters" {
					sum += ft.Properties.Count
					types := 0
					for _, n := range ft.Properties.EventTypes {
						types += n
					}
					if types != ft.Properties.Count {
						t.Errorf("%s: cluster %s counts %d but its families %d", q, ft.ID, ft.Properties.Count, types)
					}
				} else {
					sum++
				}
			}
			if sum != agg.NumberMatched {
				t.Errorf("%s: %s sum to %d, numberMatched %d", q, agg.Kind, sum, agg.NumberMatched)
			}
			if agg.Kind == "events" && agg.NumberMatched > ViewEvents || agg.Kind == "clusters" && agg.NumberMatched <= ViewEvents {
				t.Errorf("%s: kind %s for %d events", q, agg.Kind, agg.NumberMatched)
			}
			for i, ft := range agg.Features {
				if agg.Kind != "clusters" || i > 3 {
					break
				}
				page := decode[itemsResp](t, env.get(t, pathOf(t, ft.Properties.Items)), http.StatusOK)
				if page.NumberMatched != ft.Properties.Count {
					t.Errorf("%s: cluster %s counts %d, its items link %d", q, ft.ID, ft.Properties.Count, page.NumberMatched)
				}
			}
		}
	}
}

// TestAggregateEvents checks that a view holding few events gets them one by one.
func TestAggregateEvents(t *testing.T) {
	env := synthEnv(t, 20000)
	q := "bbox=46.5,39.6,46.6,39.7&zoom=13&datetime=2023-03-01/2023-03-31"
	agg := decode[aggregateResp](t, env.get(t, "/collections/events/aggregate?"+q), http.StatusOK)
	if agg.Kind != "events" || agg.NumberMatched == 0 || len(agg.Features) != agg.NumberMatched {
		t.Fatalf("kind %s, %d features of %d", agg.Kind, len(agg.Features), agg.NumberMatched)
	}
	items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1000&bbox=46.5,39.6,46.6,39.7&datetime=2023-03-01/2023-03-31"), http.StatusOK)
	for i, f := range agg.Features {
		if f.ID != items.Features[i].ID {
			t.Fatalf("event %d is %s, items has %s", i, f.ID, items.Features[i].ID)
		}
	}
}

// TestViewBadParams checks that a bad parameter is a 400 naming it.
func TestViewBadParams(t *testing.T) {
	env := synthEnv(t, 1000)
	for _, tc := range []struct{ target, field string }{
		{"/collections/events/aggregate?bbox=1,2,3&zoom=3", "bbox"},
		{"/collections/events/aggregate?zoom=23", "zoom"},
		{"/collections/events/aggregate?zoom=x", "zoom"},
		{"/collections/events/aggregate?zoom=14", "zoom"}, // the whole world in 64-pixel cells at z14
		{"/collections/events/aggregate?zoom=3&datetime=yesterday", "datetime"},
		{"/collections/events/aggregate?zoom=3&precision=4", "precision"},
		{"/collections/events/aggregate?zoom=3&q=%2B%2B", "q"},
		{"/collections/events/aggregate?zoom=3&limit=10", "limit"},
		{"/collections/events/histogram?bins=0", "bins"},
		{"/collections/events/histogram?bins=5000", "bins"},
		{"/collections/events/histogram?datetime=2024-01-01/2023-01-01", "datetime"},
		{"/collections/events/histogram?zoom=3", "zoom"},
		{"/collections/events/tiles/WebMercatorQuad/23/0/0", "tileMatrix"},
		{"/collections/events/tiles/WebMercatorQuad/2/4/0", "tileRow"},
		{"/collections/events/tiles/WebMercatorQuad/2/0/x", "tileCol"},
		{"/collections/events/tiles/WebMercatorQuad/2/0/0?bbox=1,2,3,4", "bbox"},
	} {
		rec := env.get(t, tc.target)
		if ct := rec.Header().Get("Content-Type"); ct != mimeProblem {
			t.Errorf("%s: Content-Type %q", tc.target, ct)
		}
		if p := decode[Problem](t, rec, http.StatusBadRequest); p.Field != tc.field {
			t.Errorf("%s: problem %+v, want field %s", tc.target, p, tc.field)
		}
	}
	for _, target := range []string{"/collections/places/aggregate?zoom=1", "/collections/mentions/tiles",
		"/collections/events/tiles/WorldCRS84Quad", "/tileMatrixSets/WorldCRS84Quad"} {
		decode[Problem](t, env.get(t, target), http.StatusNotFound)
	}
}

// TestHistogram checks the timeline's counts against the items endpoint.
func TestHistogram(t *testing.T) {
	env := synthEnv(t, 20000)
	for _, tc := range []struct{ query, unit string }{
		{"", "month"},
		{"datetime=2023-01-01/2023-06-30", "day"},
		{"datetime=2021-01-01/2023-12-31&event_type=Battles", "week"},
		{"datetime=2021-01-01/2023-12-31&bins=10", "year"},
		{"bbox=46.4,39.4,46.9,39.9&q=blocked", "month"},
	} {
		h := decode[histogramResp](t, env.get(t, "/collections/events/histogram?"+tc.query), http.StatusOK)
		itemsQ := strings.Replace(tc.query, "&bins=10", "", 1)
		items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1&"+itemsQ), http.StatusOK)
		sum := 0
		for _, b := range h.Buckets {
			sum += b.Count
		}
		if h.Unit != tc.unit || sum != h.Dated || h.Dated+h.Undated != h.NumberMatched || h.NumberMatched != items.NumberMatched {
			t.Errorf("%s: unit %s (want %s), buckets sum to %d, dated %d + undated %d = %d, items %d", tc.query, h.Unit,
				tc.unit, sum, h.Dated, h.Undated, h.NumberMatched, items.NumberMatched)
		}
		if strings.Contains(tc.query, "datetime") && h.Undated != 0 || tc.query == "" && h.Undated == 0 {
			t.Errorf("%s: %d undated", tc.query, h.Undated)
		}
	}
	h := decode[histogramResp](t, env.get(t, "/collections/events/histogram?datetime=2023-01-01/2023-06-30"), http.StatusOK)
	if len(h.Buckets) != 181 || h.Buckets[0].Start != "2023-01-01" || h.Buckets[180].Start != "2023-06-30" {
		t.Errorf("%d buckets from %+v", len(h.Buckets), h.Buckets[0])
	}
}

// TestEventTiles reads tiles with orb's decoder and with GDAL, and checks
// that at a low zoom the counted points add up to the events in the tile.
func TestEventTiles(t *testing.T) {
	env := synthEnv(t, 20000)
	ts := decode[map[string]any](t, env.get(t, "/collections/events/tiles/WebMercatorQuad"), http.StatusOK)
	if ts["dataType"] != "vector" || ts["tileMatrixSetURI"] != webMercatorURI {
		t.Errorf("tileset %v", ts)
	}
	templated := false
	for _, l := range ts["links"].([]any) {
		l := l.(map[string]any)
		if l["rel"] == "item" && l["templated"] == true && l["type"] == mimeMVT &&
			strings.HasSuffix(l["href"].(string), "/{tileMatrix}/{tileRow}/{tileCol}") {
			templated = true
		}
	}
	if !templated {
		t.Errorf("no templated tile link in %v", ts["links"])
	}
	list := decode[map[string]any](t, env.get(t, "/collections/events/tiles"), http.StatusOK)
	if sets, _ := list["tilesets"].([]any); len(sets) != 1 {
		t.Errorf("tilesets %v", list)
	}
	decode[map[string]any](t, env.get(t, "/tileMatrixSets/WebMercatorQuad"), http.StatusOK)
	conf := decode[conformanceResp](t, env.get(t, "/conformance"), http.StatusOK)
	if !strings.Contains(strings.Join(conf.ConformsTo, " "), "ogcapi-tiles-1/1.0/conf/mvt") {
		t.Errorf("conformance %v", conf.ConformsTo)
	}

	stepanakert := maptile.At(orb.Point{46.7528, 39.8177}, 7)
	for _, tc := range []struct {
		tile   maptile.Tile
		query  string
		counts bool
	}{{stepanakert, "", true}, {maptile.At(orb.Point{46.7528, 39.8177}, 16), "datetime=2023-01-01/2023-12-31", false}} {
		target := "/collections/events/tiles/WebMercatorQuad/" + itoa(int(tc.tile.Z)) + "/" + itoa(int(tc.tile.Y)) + "/" + itoa(int(tc.tile.X))
		if tc.query != "" {
			target += "?" + tc.query
		}
		rec := env.get(t, target)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mimeMVT {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Header().Get("Content-Type"))
		}
		if rec.Body.Len() > 200<<10 {
			t.Errorf("%s: %d bytes", target, rec.Body.Len())
		}
		layers, err := mvt.Unmarshal(rec.Body.Bytes())
		if err != nil || len(layers) != 1 || layers[0].Name != "events" {
			t.Fatalf("%s: %v, %d layers", target, err, len(layers))
		}
		b := tc.tile.Bound()
		items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1&bbox="+formatBBox(b)+"&"+tc.query), http.StatusOK)
		total := 0
		for _, f := range layers[0].Features {
			if n, ok := f.Properties["count"].(float64); ok {
				total += int(n)
			} else if _, ok := f.Properties["id"].(string); ok {
				total++
			}
		}
		// The tile's west and north edges are in, the items bbox takes all four: none of the
		// synthetic points lies on an edge.
		if total != items.NumberMatched || (layers[0].Features[0].Properties["count"] != nil) != tc.counts {
			t.Errorf("%s: %d events in the tile, items %d; first feature %v", target, total, items.NumberMatched, layers[0].Features[0].Properties)
		}

		path := filepath.Join(t.TempDir(), "tile.mvt")
		if err := os.WriteFile(path, rec.Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-ro", "-al", "-so", "-oo", "X=" + itoa(int(tc.tile.X)), "-oo", "Y=" + itoa(int(tc.tile.Y)), "-oo", "Z=" + itoa(int(tc.tile.Z)), path}
		out, err := exec.Command("ogrinfo", args...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Layer name: events") || !strings.Contains(string(out), "Feature Count: "+itoa(len(layers[0].Features))) {
			t.Errorf("ogrinfo %s: %v\n%s", strings.Join(args, " "), err, out)
		}

		tag := rec.Header().Get(headerETag)
		if again := env.get(t, target, headerIfNoneMatch, tag); tag == "" || again.Code != http.StatusNotModified {
			t.Errorf("%s: ETag %q, If-None-Match gives %d", target, tag, again.Code)
		}
		gz := env.get(t, target, "Accept-Encoding", "gzip")
		if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get(headerETag) == tag {
			t.Errorf("%s: gzip: encoding %q, ETag %q", target, gz.Header().Get("Content-Encoding"), gz.Header().Get(headerETag))
		}
	}
}

// TestViewETag checks that a view answers If-None-Match with 304 until the data changes.
func TestViewETag(t *testing.T) {
	env := synthEnv(t, 2000)
	for _, target := range []string{"/collections/events/aggregate?zoom=5", "/collections/events/histogram"} {
		rec := env.get(t, target)
		tag := rec.Header().Get(headerETag)
		if again := env.get(t, target, headerIfNoneMatch, tag); tag == "" || again.Code != http.StatusNotModified {
			t.Errorf("%s: ETag %q, If-None-Match gives %d", target, tag, again.Code)
		}
	}
	before := decode[aggregateResp](t, env.get(t, "/collections/events/aggregate?zoom=5"), http.StatusOK).NumberMatched
	if _, err := env.news.Synthesize(context.Background(), news.SynthOptions{Events: 10, Seed: 8,
		Places: news.SynthPlacesOf(fixturePlaces()), Outlets: []news.Outlet{{ID: "apa", Name: "APA", Perspective: news.PerspectiveAzerbaijani}}}); err != nil {
		t.Fatal(err)
	}
	if after := decode[aggregateResp](t, env.get(t, "/collections/events/aggregate?zoom=5"), http.StatusOK).NumberMatched; after != before+10 {
		t.Errorf("after adding 10 events: %d, was %d", after, before)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

type conformanceResp struct {
	ConformsTo []string `json:"conformsTo"`
}
