package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"dateline/gazetteer"
	"dateline/seeds"
)

const base = "http://example.com" // the host httptest.NewRequest uses

func TestLanding(t *testing.T) {
	env := newTestEnv(t)
	rec := env.get(t, "/", "Accept", "application/json")
	doc := decode[landingPage](t, rec, http.StatusOK)
	if ct := rec.Header().Get(echo.HeaderContentType); ct != mimeJSON {
		t.Errorf("Content-Type %q", ct)
	}
	for _, rel := range []string{"self", "alternate", "service-desc", "service-doc", "conformance", "data"} {
		l, ok := findLink(doc.Links, rel, "")
		if !ok || l.Type == "" || !strings.HasPrefix(l.Href, base+"/") {
			t.Errorf("link %s: %+v (found %v); want a type and an absolute href", rel, l, ok)
		}
	}
	checkGolden(t, "landing", rec.Body.Bytes())
}

// TestLandingNegotiation pins down who gets the map and who the landing page at /.
func TestLandingNegotiation(t *testing.T) {
	env := newTestEnv(t)
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
	for _, tc := range []struct {
		name, target, accept string
		want                 string // "map", "json" or "html"
	}{
		{"browser gets the map", "/", browser, "map"},
		{"browser with f=json", "/?f=json", browser, "json"},
		{"browser with f=html gets the HTML landing page", "/?f=html", browser, "html"},
		{"GDAL and QGIS ask for JSON", "/", "application/json", "json"},
		{"curl sends */*", "/", "*/*", "json"},
		{"no Accept at all", "/", "", "json"},
		{"JSON preferred over HTML", "/", "application/json, text/html;q=0.5", "json"},
		{"HTML preferred over JSON", "/", "application/json;q=0.5, text/html", "map"},
		{"the map ignores its own parameters", "/?place=stepanakert", browser, "map"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.get(t, tc.target, "Accept", tc.accept)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			body, ct := rec.Body.String(), rec.Header().Get(echo.HeaderContentType)
			var got string
			switch {
			case strings.Contains(body, "Dateline map"):
				got = "map"
			case strings.HasPrefix(ct, "text/html"):
				got = "html"
			case ct == mimeJSON:
				got = "json"
			}
			if got != tc.want {
				t.Errorf("got %s (Content-Type %q), want %s", got, ct, tc.want)
			}
			if !slices.Contains(rec.Header().Values(headerVary), echo.HeaderAccept) {
				t.Errorf("Vary %q does not name Accept", rec.Header().Values(headerVary))
			}
		})
	}
}

func TestHTMLViews(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct{ target, accept, want string }{
		{"/?f=html", "", `href="/"`}, // the landing page links to the map
		{"/conformance?f=html", "", "conf/geojson"},
		{"/api?f=html", "", "/collections/checkpoints/items/{featureId}"},
		{"/api?f=html", "", "POST /api/geoparse"},
		{"/collections", "text/html", "Checkpoints"},
		{"/collections/routes", "text/html", "Roads and corridors"},
		{"/collections/checkpoints/items?f=html&limit=2", "", "Next page"},
		{"/collections/places/items/stepanakert?f=html", "", "Ստեփանակերտ"},
		{"/collections/events?f=html", "", "ACLED"},
		{"/collections/events/items?f=html", "", "none of 0"},
		{"/collections/mentions/items?f=html", "", "Place mentions"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := env.get(t, tc.target, "Accept", tc.accept)
			if rec.Code != http.StatusOK || rec.Header().Get(echo.HeaderContentType) != htmlUTF8 {
				t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get(echo.HeaderContentType))
			}
			body := rec.Body.String()
			if !strings.HasPrefix(body, "<!DOCTYPE html>") || !strings.Contains(body, tc.want) {
				t.Errorf("page lacks %q:\n%s", tc.want, body)
			}
		})
	}
}

func TestConformance(t *testing.T) {
	env := newTestEnv(t)
	doc := decode[conformanceDoc](t, env.get(t, "/conformance"), http.StatusOK)
	for _, class := range []string{"core", "geojson", "html", "oas30"} {
		if !slices.Contains(doc.ConformsTo, "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"+class) {
			t.Errorf("conformsTo lacks %s: %v", class, doc.ConformsTo)
		}
	}
}

// openAPIResp is the part of the OpenAPI document the test reads.
type openAPIResp struct {
	OpenAPI string `json:"openapi"`
	Info    struct{ Title, Version string }
	Servers []struct{ URL string }
	// Paths holds the operations of each path by method.
	Paths map[string]map[string]struct {
		OperationID string            `json:"operationId"`
		Parameters  []json.RawMessage `json:"parameters"`
		RequestBody *struct {
			Content map[string]any `json:"content"`
		} `json:"requestBody"`
		Responses map[string]any `json:"responses"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]struct{ Name, In string } `json:"parameters"`
		Schemas    map[string]any                       `json:"schemas"`
	} `json:"components"`
}

// TestAPIDocument checks the OpenAPI document against the router: every
// route is documented, every reference resolves, every documented
// parameter is accepted with its example value, and any other is refused.
func TestAPIDocument(t *testing.T) {
	env := newTestEnv(t)
	rec := env.get(t, "/api")
	if ct := rec.Header().Get(echo.HeaderContentType); ct != mimeOpenAPI {
		t.Errorf("Content-Type %q", ct)
	}
	doc := decode[openAPIResp](t, rec, http.StatusOK)
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") || doc.Info.Title == "" || doc.Info.Version == "" ||
		len(doc.Servers) != 1 || doc.Servers[0].URL != base {
		t.Errorf("header: openapi %q, info %+v, servers %+v", doc.OpenAPI, doc.Info, doc.Servers)
	}

	// Every $ref points at something.
	var refs []string
	collectRefs(decode[any](t, rec, http.StatusOK), &refs)
	for _, r := range refs {
		name, _ := strings.CutPrefix(r, "#/components/")
		kind, key, _ := strings.Cut(name, "/")
		switch {
		case kind == "parameters" && doc.Components.Parameters[key].Name != "":
		case kind == "schemas" && doc.Components.Schemas[key] != nil:
		default:
			t.Errorf("$ref %s resolves to nothing", r)
		}
	}

	// Every route but the page assets is documented.
	documented := map[string]bool{}
	for _, p := range env.srv.apiPaths() {
		documented[p.Path] = true
		if _, ok := doc.Paths[p.Path]; !ok {
			t.Errorf("path %s is missing from /api", p.Path)
		}
	}
	ids := map[string]bool{}
	for path, item := range doc.Paths {
		for method, op := range item {
			if op.OperationID == "" || ids[op.OperationID] || op.Responses["200"] == nil {
				t.Errorf("%s %s: operation id %q (unique?), responses %v", method, path, op.OperationID, op.Responses)
			}
			if method == "post" && (op.RequestBody == nil || len(op.RequestBody.Content) == 0) {
				t.Errorf("post %s: no request body described", path)
			}
			ids[op.OperationID] = true
		}
	}
	if geoparse := doc.Paths["/api/geoparse"]["post"]; geoparse.OperationID == "" {
		t.Error("POST /api/geoparse is not documented")
	}
	for _, r := range env.srv.e.Routes() {
		if r.Method != http.MethodGet || r.Path == "/config.js" || r.Path == "/favicon.ico" || r.Path == "/static/*" {
			continue
		}
		pattern := regexp.MustCompile("^" + routePattern(r.Path) + "$")
		found := false
		for p := range documented {
			found = found || pattern.MatchString(p)
		}
		if !found {
			t.Errorf("route %s is not documented in /api", r.Path)
		}
	}

	// Every documented parameter is accepted with its example; a made-up one is not.
	for _, p := range env.srv.apiPaths() {
		target := strings.NewReplacer("{featureId}", "hakari-bridge", "{tileMatrix}", "7", "{tileRow}", "48", "{tileCol}", "80").Replace(p.Path)
		if strings.HasSuffix(p.Path, ".gpkg") || p.Op.Method != "" {
			continue // built in TestDownloadGeoPackage (no parameters); other methods in their own tests
		}
		for _, param := range p.Op.Params {
			if param.In != "query" {
				continue
			}
			u := target + "?" + url.Values{param.Name: {param.Example}}.Encode()
			if param.Name != "q" && strings.HasPrefix(p.Path, "/api/places/search") {
				u += "&q=stepan"
			}
			if rec := env.get(t, u, "Accept", mimeJSON); rec.Code >= 400 && !(rec.Code == http.StatusNotFound && strings.Contains(p.Path, "{featureId}")) {
				t.Errorf("GET %s: %d %s", u, rec.Code, rec.Body)
			}
		}
		u := target + "?no_such_parameter=1"
		rec := env.get(t, u, "Accept", mimeJSON)
		if p := decode[Problem](t, rec, http.StatusBadRequest); p.Field != "no_such_parameter" {
			t.Errorf("GET %s: problem %+v, want one naming no_such_parameter", u, p)
		}
	}
}

func collectRefs(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				*out = append(*out, s)
			}
			collectRefs(x, out)
		}
	case []any:
		for _, x := range v {
			collectRefs(x, out)
		}
	}
}

// routePattern turns an echo route path into a pattern over documented paths.
func routePattern(path string) string {
	var b strings.Builder
	for _, part := range strings.Split(path, "/")[1:] {
		b.WriteString("/")
		switch {
		case strings.HasPrefix(part, ":"):
			b.WriteString(`[^/]+`)
		default:
			b.WriteString(regexp.QuoteMeta(part))
		}
	}
	if path == "/" {
		return "/"
	}
	return b.String()
}

type collectionsResp struct {
	Links       []link `json:"links"`
	Collections []struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		ItemType string   `json:"itemType"`
		CRS      []string `json:"crs"`
		Extent   struct {
			Spatial struct {
				BBox [][]float64 `json:"bbox"`
				CRS  string      `json:"crs"`
			} `json:"spatial"`
			Temporal json.RawMessage `json:"temporal"`
		} `json:"extent"`
		Links []link `json:"links"`
	} `json:"collections"`
}

func TestCollections(t *testing.T) {
	env := newTestEnv(t)
	doc := decode[collectionsResp](t, env.get(t, "/collections"), http.StatusOK)
	if _, ok := findLink(doc.Links, "self", mimeJSON); !ok {
		t.Errorf("no self link: %+v", doc.Links)
	}
	// Without documents, events and mentions have no extent.
	want := map[string][]float64{
		"places":      {44.18048, 38.86506, 47.3, 40.3},
		"checkpoints": {44.18048, 38.86506, 46.553, 40.03332},
		"routes":      {46.34, 39.51, 46.93, 39.99},
		"events":      nil,
		"mentions":    nil,
	}
	var got []string
	for _, c := range doc.Collections {
		got = append(got, c.ID)
		if c.ItemType != "feature" || c.Title == "" || !slices.Contains(c.CRS, crs84) {
			t.Errorf("%s: itemType %q, title %q, crs %v", c.ID, c.ItemType, c.Title, c.CRS)
		}
		switch box := want[c.ID]; {
		case box == nil && len(c.Extent.Spatial.BBox) != 0:
			t.Errorf("%s: spatial extent %+v, want none", c.ID, c.Extent.Spatial)
		case box != nil && (len(c.Extent.Spatial.BBox) != 1 || !slices.Equal(c.Extent.Spatial.BBox[0], box) || c.Extent.Spatial.CRS != crs84):
			t.Errorf("%s: spatial extent %+v, want %v", c.ID, c.Extent.Spatial, box)
		}
		if c.Extent.Temporal != nil {
			t.Errorf("%s: places have no time, yet the extent says %s", c.ID, c.Extent.Temporal)
		}
		if l, ok := findLink(c.Links, "items", mimeGeoJSON); !ok || l.Href != base+"/collections/"+c.ID+"/items?f=json" {
			t.Errorf("%s: items link %+v", c.ID, l)
		}
	}
	if !slices.Equal(got, []string{"places", "checkpoints", "routes", "events", "mentions"}) {
		t.Errorf("collections %v", got)
	}

	one := decode[struct {
		ID    string `json:"id"`
		Links []link `json:"links"`
	}](t, env.get(t, "/collections/checkpoints"), http.StatusOK)
	if l, ok := findLink(one.Links, "self", mimeJSON); one.ID != "checkpoints" || !ok || l.Href != base+"/collections/checkpoints?f=json" {
		t.Errorf("/collections/checkpoints: %+v", one)
	}
}

// itemsResp is an items page as a client reads it.
type itemsResp struct {
	Type     string `json:"type"`
	Features []struct {
		Type       string          `json:"type"`
		ID         string          `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	} `json:"features"`
	Links          []link `json:"links"`
	NumberMatched  int    `json:"numberMatched"`
	NumberReturned int    `json:"numberReturned"`
	TimeStamp      string `json:"timeStamp"`
}

func (r itemsResp) ids() []string {
	var out []string
	for _, f := range r.Features {
		out = append(out, f.ID)
	}
	return out
}

func TestItemsPageShape(t *testing.T) {
	env := newTestEnv(t)
	rec := env.get(t, "/collections/checkpoints/items?limit=2")
	if ct := rec.Header().Get(echo.HeaderContentType); ct != mimeGeoJSON {
		t.Errorf("Content-Type %q", ct)
	}
	page := decode[itemsResp](t, rec, http.StatusOK)
	if page.Type != "FeatureCollection" || page.NumberMatched != 5 || page.NumberReturned != 2 || page.TimeStamp == "" {
		t.Errorf("type %q, matched %d, returned %d, timeStamp %q", page.Type, page.NumberMatched, page.NumberReturned, page.TimeStamp)
	}
	for _, rel := range []string{"self", "alternate", "next", "collection"} {
		if l, ok := findLink(page.Links, rel, ""); !ok || l.Type == "" || !strings.HasPrefix(l.Href, base+"/") {
			t.Errorf("link %s: %+v", rel, l)
		}
	}
	if _, ok := findLink(page.Links, "prev", ""); ok {
		t.Error("the first page has a prev link")
	}
	checkGolden(t, "items-checkpoints", rec.Body.Bytes())
}

// TestItemsPaging follows next links to the end and prev links back.
func TestItemsPaging(t *testing.T) {
	env := newTestEnv(t)
	var seen []string
	target := "/collections/places/items?limit=4"
	pages := 0
	var last itemsResp
	for target != "" {
		pages++
		last = decode[itemsResp](t, env.get(t, target), http.StatusOK)
		if last.NumberMatched != 13 {
			t.Fatalf("%s: numberMatched %d, want 13", target, last.NumberMatched)
		}
		seen = append(seen, last.ids()...)
		target = ""
		if l, ok := findLink(last.Links, "next", mimeGeoJSON); ok {
			target = strings.TrimPrefix(l.Href, base)
		}
	}
	all := fixturePlaces()
	var want []string
	for _, p := range all {
		want = append(want, p.ID)
	}
	if pages != 4 || !slices.Equal(seen, want) {
		t.Errorf("%d pages gave %v, want 4 pages giving %v", pages, seen, want)
	}
	prev, ok := findLink(last.Links, "prev", mimeGeoJSON)
	if !ok {
		t.Fatal("the last page has no prev link")
	}
	back := decode[itemsResp](t, env.get(t, strings.TrimPrefix(prev.Href, base)), http.StatusOK)
	if !slices.Equal(back.ids(), want[8:12]) {
		t.Errorf("prev page %v, want %v", back.ids(), want[8:12])
	}
	// Paging links keep the filters.
	filtered := decode[itemsResp](t, env.get(t, "/collections/places/items?kind=checkpoint,bridge&limit=1"), http.StatusOK)
	next, _ := findLink(filtered.Links, "next", "")
	if u, err := url.Parse(next.Href); err != nil || u.Query().Get("kind") != "bridge,checkpoint" || u.Query().Get("offset") != "1" {
		t.Errorf("next link %q lost the filter", next.Href)
	}
}

func TestItemsFilters(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct {
		name, target string
		want         []string
	}{
		// The R-tree finds the road (its envelope covers the box), the exact test drops it.
		{"bbox is exact, not the envelope's", "/collections/routes/items?bbox=46.88,39.83,46.92,39.86", nil},
		{"bbox", "/collections/checkpoints/items?bbox=46.5,39.5,46.6,39.6", []string{"hakari-bridge", "lachin-checkpoint", "kornidzor-checkpoint"}},
		{"bbox with heights", "/collections/checkpoints/items?bbox=46.5,39.5,0,46.6,39.6,100", []string{"hakari-bridge", "lachin-checkpoint", "kornidzor-checkpoint"}},
		{"bbox inside a polygon finds it", "/collections/places/items?bbox=46.9,40.0,46.95,40.05", []string{"nagorno-karabakh"}},
		{"bbox across the antimeridian", "/collections/places/items?bbox=170,-10,-170,10", nil},
		{"bbox crossing a line", "/collections/routes/items?bbox=46.6,39.65,46.7,39.75", []string{"lachin-corridor"}},
		{"kind", "/collections/places/items?kind=border_crossing", []string{"margara-crossing", "agarak-crossing"}},
		{"kinds", "/collections/checkpoints/items?kind=bridge,border_crossing", []string{"hakari-bridge", "margara-crossing", "agarak-crossing"}},
		{"q on any name, diacritics ignored", "/collections/places/items?q=xanken", []string{"stepanakert"}},
		{"q in another script", "/collections/places/items?q=Степ", []string{"stepanakert"}},
		{"q and bbox", "/collections/places/items?q=lachin&bbox=46.5,39.5,46.6,39.6", []string{"lachin-checkpoint", "lachin-corridor"}},
		{"places accept datetime and ignore it", "/collections/checkpoints/items?datetime=2023-01-01/2023-02-01",
			[]string{"hakari-bridge", "lachin-checkpoint", "kornidzor-checkpoint", "margara-crossing", "agarak-crossing"}},
		{"deleted places never show", "/collections/checkpoints/items?q=gone", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := decode[itemsResp](t, env.get(t, tc.target), http.StatusOK)
			if !slices.Equal(page.ids(), tc.want) || page.NumberMatched != len(tc.want) {
				t.Errorf("got %v (numberMatched %d), want %v", page.ids(), page.NumberMatched, tc.want)
			}
		})
	}
}

func TestItemsLimit(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct {
		target    string
		limit     string
		returned  int
		nextLimit bool
	}{
		{"/collections/places/items", "100", 13, false},
		{"/collections/places/items?limit=20000", "10000", 13, false}, // clamped, not refused
		{"/collections/places/items?limit=3", "3", 3, true},
	} {
		page := decode[itemsResp](t, env.get(t, tc.target), http.StatusOK)
		self, _ := findLink(page.Links, "self", "")
		u, _ := url.Parse(self.Href)
		if u.Query().Get("limit") != tc.limit || page.NumberReturned != tc.returned {
			t.Errorf("%s: self %s, returned %d; want limit %s and %d", tc.target, self.Href, page.NumberReturned, tc.limit, tc.returned)
		}
		if _, ok := findLink(page.Links, "next", ""); ok != tc.nextLimit {
			t.Errorf("%s: next link %v", tc.target, ok)
		}
	}
}

func TestBadRequests(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct {
		name, target string
		status       int
		field        string
	}{
		{"unknown parameter", "/collections/places/items?colour=red", 400, "colour"},
		{"unknown parameter on the landing page", "/?f=json&x=1", 400, "x"},
		{"unknown parameter on collections", "/collections?x=1", 400, "x"},
		{"a parameter twice", "/collections/places/items?limit=1&limit=2", 400, "limit"},
		{"bbox with 3 numbers", "/collections/places/items?bbox=46,39,47", 400, "bbox"},
		{"bbox with a word", "/collections/places/items?bbox=46,39,47,north", 400, "bbox"},
		{"bbox latitude 91", "/collections/places/items?bbox=46,39,47,91", 400, "bbox"},
		{"bbox longitude 181", "/collections/places/items?bbox=46,39,181,40", 400, "bbox"},
		{"bbox upside down", "/collections/places/items?bbox=46,40,47,39", 400, "bbox"},
		{"reversed datetime interval", "/collections/places/items?datetime=2023-02-01/2023-01-01", 400, "datetime"},
		{"datetime not a time", "/collections/places/items?datetime=yesterday", 400, "datetime"},
		{"datetime three parts", "/collections/places/items?datetime=2023-01-01/2023-01-02/2023-01-03", 400, "datetime"},
		{"limit=-1", "/collections/places/items?limit=-1", 400, "limit"},
		{"limit=0", "/collections/places/items?limit=0", 400, "limit"},
		{"limit not a number", "/collections/places/items?limit=ten", 400, "limit"},
		{"offset=-1", "/collections/places/items?offset=-1", 400, "offset"},
		{"unknown kind", "/collections/places/items?kind=castle", 400, "kind"},
		{"a kind outside the collection", "/collections/checkpoints/items?kind=road", 400, "kind"},
		{"empty kind in a list", "/collections/places/items?kind=bridge,", 400, "kind"},
		{"q without letters", "/collections/places/items?q=--", 400, "q"},
		{"unknown format", "/collections/places/items?f=xml", 400, "f"},
		{"download takes no paging", "/download/places.geojson?limit=10", 400, "limit"},
		{"the GeoPackage takes no parameters", "/download/dateline.gpkg?bbox=46,39,47,40", 400, "bbox"},
		{"unknown collection", "/collections/rivers", 404, ""},
		{"unknown collection's items", "/collections/rivers/items", 404, ""},
		{"unknown feature id", "/collections/places/items/atlantis", 404, ""},
		{"a place outside the collection", "/collections/routes/items/hakari-bridge", 404, ""},
		{"a deleted place", "/collections/places/items/gone-checkpoint", 404, ""},
		{"unknown download", "/download/rivers.geojson", 404, ""},
		{"unknown download format", "/download/places.kml", 404, ""},
		{"unknown path", "/no/such/thing", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.get(t, tc.target)
			if ct := rec.Header().Get(echo.HeaderContentType); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			p := decode[Problem](t, rec, tc.status)
			if p.Status != tc.status || p.Field != tc.field || p.Detail == "" || p.Title == "" {
				t.Errorf("problem %+v, want status %d naming %q", p, tc.status, tc.field)
			}
		})
	}
}

// itemResp is a place feature as a client reads it.
type itemResp struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	Geometry struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties struct {
		Name       string           `json:"name"`
		Kind       string           `json:"kind"`
		Names      []gazetteer.Name `json:"names"`
		Parent     string           `json:"parent"`
		Country    string           `json:"country"`
		Population int64            `json:"population"`
		Wikidata   string           `json:"wikidata"`
		Version    int64            `json:"version"`
		Source     string           `json:"source"`
	} `json:"properties"`
	Links []link `json:"links"`
}

func TestItem(t *testing.T) {
	env := newTestEnv(t)
	rec := env.get(t, "/collections/places/items/stepanakert")
	if ct := rec.Header().Get(echo.HeaderContentType); ct != mimeGeoJSON {
		t.Errorf("Content-Type %q", ct)
	}
	f := decode[itemResp](t, rec, http.StatusOK)
	p := f.Properties
	if f.Type != "Feature" || f.ID != "stepanakert" || f.Geometry.Type != "Point" ||
		!slices.Equal(f.Geometry.Coordinates, []float64{46.7528, 39.8177}) {
		t.Errorf("feature %+v", f)
	}
	if p.Name != "Stepanakert" || p.Kind != "city" || p.Parent != "nagorno-karabakh" || p.Country != "AZ" ||
		p.Population != 55200 || p.Wikidata != "Q185480" || p.Version != 1 || p.Source != "test fixture" {
		t.Errorf("properties %+v", p)
	}
	wantName := gazetteer.Name{Text: "Ստեփանակերտ", Lang: "hy", Script: "Armn", Usage: gazetteer.UsageArmenian}
	if len(p.Names) != 5 || !slices.Contains(p.Names, wantName) {
		t.Errorf("names %+v lack %+v", p.Names, wantName)
	}
	for _, rel := range []string{"self", "alternate", "collection"} {
		if _, ok := findLink(f.Links, rel, ""); !ok {
			t.Errorf("no %s link: %+v", rel, f.Links)
		}
	}
	tag := rec.Header().Get(headerETag)
	if !strings.HasPrefix(tag, `"1-`) {
		t.Errorf("ETag %s: want a strong tag starting with the version", tag)
	}

	// Every property is there for every place, null when unknown.
	rec = env.get(t, "/collections/places/items/unlocated-village")
	raw := decode[struct {
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}](t, rec, http.StatusOK)
	if string(raw.Geometry) != "null" {
		t.Errorf("geometry %s, want null", raw.Geometry)
	}
	for _, k := range []string{"name", "kind", "names", "parent", "country", "population", "geonames_id", "wikidata",
		"precision_km", "source", "notes", "origin", "version", "updated"} {
		if _, ok := raw.Properties[k]; !ok {
			t.Errorf("property %s missing", k)
		}
	}
}

// TestGeometriesFollowRFC7946 checks ring order and coordinate precision.
func TestGeometriesFollowRFC7946(t *testing.T) {
	precise := &gazetteer.Place{ID: "precise", Name: "Precise", Kind: gazetteer.KindOther,
		Geometry: orb.Point{46.123456789, -39.0000001}, Origin: gazetteer.OriginCurated,
		Names: []gazetteer.Name{{Text: "Precise", Lang: "en", Usage: gazetteer.UsageVariant}}}
	env := newTestEnv(t, precise)
	region := decode[struct {
		Geometry struct {
			Type        string        `json:"type"`
			Coordinates [][][]float64 `json:"coordinates"`
		} `json:"geometry"`
	}](t, env.get(t, "/collections/places/items/nagorno-karabakh"), http.StatusOK)
	var ring orb.Ring
	for _, c := range region.Geometry.Coordinates[0] {
		ring = append(ring, orb.Point{c[0], c[1]})
	}
	if region.Geometry.Type != "Polygon" || planar.Area(ring) <= 0 {
		t.Errorf("exterior ring %v is not counter-clockwise (stored clockwise, must be rewound)", ring)
	}
	rec := env.get(t, "/collections/places/items/precise")
	if !strings.Contains(rec.Body.String(), `"coordinates":[46.123457,-39]`) {
		t.Errorf("coordinates not rounded to 6 decimals: %s", rec.Body)
	}
}

func TestETagAndNotModified(t *testing.T) {
	env := newTestEnv(t)
	for _, target := range []string{
		"/?f=json", "/conformance", "/api", "/collections", "/collections/places",
		"/collections/places/items?limit=5", "/collections/places/items/stepanakert",
		"/download/checkpoints.geojson", "/download/dateline.gpkg",
	} {
		t.Run(target, func(t *testing.T) {
			first := env.get(t, target)
			tag := first.Header().Get(headerETag)
			if first.Code != http.StatusOK || !strings.HasPrefix(tag, `"`) {
				t.Fatalf("status %d, ETag %q: want 200 with a strong tag", first.Code, tag)
			}
			again := env.get(t, target)
			if again.Header().Get(headerETag) != tag {
				t.Errorf("the same request got another tag: %s, then %s", tag, again.Header().Get(headerETag))
			}
			cached := env.get(t, target, headerIfNoneMatch, `"other", `+tag)
			if cached.Code != http.StatusNotModified || cached.Body.Len() != 0 || cached.Header().Get(headerETag) != tag {
				t.Errorf("If-None-Match with the tag: %d, %d bytes, ETag %q; want 304, empty", cached.Code, cached.Body.Len(), cached.Header().Get(headerETag))
			}
			if stale := env.get(t, target, headerIfNoneMatch, `"stale"`); stale.Code != http.StatusOK {
				t.Errorf("If-None-Match with another tag: %d", stale.Code)
			}
		})
	}

	// A change to the gazetteer changes the tag of every page built from it.
	items := "/collections/places/items?limit=5"
	before := env.get(t, items).Header().Get(headerETag)
	// An equivalent spelling of the request is the same resource.
	if same := env.get(t, "/collections/places/items?limit=5&offset=0").Header().Get(headerETag); same != before {
		t.Errorf("offset=0 changed the tag: %s vs %s", same, before)
	}
	p, err := env.store.Get(context.Background(), "shusha")
	if err != nil {
		t.Fatal(err)
	}
	p.Notes = "edited"
	if err := env.store.Update(context.Background(), p, p.Version, "test"); err != nil {
		t.Fatal(err)
	}
	if rec := env.get(t, items, headerIfNoneMatch, before); rec.Code != http.StatusOK || rec.Header().Get(headerETag) == before {
		t.Errorf("after an edit: %d with tag %s, want 200 with a new tag", rec.Code, rec.Header().Get(headerETag))
	}
	if rec := env.get(t, "/collections/places/items/shusha"); !strings.HasPrefix(rec.Header().Get(headerETag), `"2-`) {
		t.Errorf("edited place's tag %s does not start with its new version", rec.Header().Get(headerETag))
	}
}

func TestRequestIDAndCORS(t *testing.T) {
	env := newTestEnv(t)
	rec := env.get(t, "/collections", "Origin", "https://analyst.example.org")
	if rec.Header().Get(echo.HeaderXRequestID) == "" {
		t.Error("no X-Request-Id")
	}
	if got := rec.Header().Get(echo.HeaderAccessControlAllowOrigin); got != "*" {
		t.Errorf("Access-Control-Allow-Origin %q", got)
	}
	if got := rec.Header().Get(echo.HeaderAccessControlExposeHeaders); !strings.Contains(got, headerETag) {
		t.Errorf("Access-Control-Expose-Headers %q does not expose the ETag", got)
	}
	pre := env.do(t, http.MethodOptions, "/collections/places/items", "Origin", "https://analyst.example.org",
		echo.HeaderAccessControlRequestMethod, http.MethodGet)
	allowed := pre.Header().Get(echo.HeaderAccessControlAllowMethods)
	if pre.Code != http.StatusNoContent || !strings.Contains(allowed, http.MethodGet) || strings.Contains(allowed, http.MethodPut) {
		t.Errorf("preflight: %d, methods %q; want GET and HEAD only", pre.Code, allowed)
	}
}

// TestServerErrorsStayGeneric makes sure a store failure is a 500 whose body
// says nothing of the driver.
func TestServerErrorsStayGeneric(t *testing.T) {
	env := newTestEnv(t)
	env.db.Close()
	rec := env.get(t, "/collections/places/items")
	p := decode[Problem](t, rec, http.StatusInternalServerError)
	if strings.Contains(strings.ToLower(p.Detail), "sql") || strings.Contains(p.Detail, "closed") {
		t.Errorf("detail leaks the cause: %q", p.Detail)
	}
}

func TestResponsesAreValidGeoJSON(t *testing.T) {
	env := newTestEnv(t)
	bodies := map[string][]byte{}
	for _, target := range []string{
		"/collections/places/items", "/collections/checkpoints/items?limit=2", "/collections/routes/items",
		"/collections/places/items?bbox=46.5,39.5,47,40", "/collections/places/items?bbox=0,0,1,1",
		"/download/places.geojson", "/download/routes.geojson", "/download/checkpoints.geojson?kind=bridge",
	} {
		rec := env.get(t, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", target, rec.Code)
		}
		bodies[target] = rec.Body.Bytes()
	}
	for _, p := range fixturePlaces() {
		target := "/collections/places/items/" + p.ID
		bodies[target] = env.get(t, target).Body.Bytes()
	}
	checkGeoJSON(t, bodies)
}

// TestCuratedGazetteerIsValidGeoJSON serves the curated gazetteer
// (seeds/gazetteer) and checks every page of every collection, and the
// downloads, with check-geojson.
func TestCuratedGazetteerIsValidGeoJSON(t *testing.T) {
	ctx := context.Background()
	env := newTestEnv(t)
	curated, err := gazetteer.ReadCurated(seeds.Sub("gazetteer"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.Import(ctx, "seeds/gazetteer", curated, "test"); err != nil {
		t.Fatal(err)
	}
	bodies := map[string][]byte{}
	for _, col := range env.srv.collections {
		target := "/collections/" + col.ID + "/items?limit=50"
		for target != "" {
			rec := env.get(t, target)
			page := decode[itemsResp](t, rec, http.StatusOK)
			bodies[target] = rec.Body.Bytes()
			target = ""
			if next, ok := findLink(page.Links, "next", mimeGeoJSON); ok {
				target = strings.TrimPrefix(next.Href, base)
			}
		}
		download := "/download/" + col.ID + ".geojson"
		bodies[download] = env.get(t, download).Body.Bytes()
	}
	if len(bodies) < 8 {
		t.Fatalf("only %d bodies: is the curated gazetteer empty?", len(bodies))
	}
	checkGeoJSON(t, bodies)
}

// TestBadGeoJSONIsCaught makes sure the checker really runs: a position
// with one number must fail it.
func TestBadGeoJSONIsCaught(t *testing.T) {
	bad := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":{}}]}`
	out, err := runCheckGeoJSON(t, map[string][]byte{"bad": []byte(bad)})
	if err == nil || !strings.Contains(string(out), "position") {
		t.Errorf("check-geojson on a position with one number: %v, %s; want it named as the issue", err, out)
	}
}
