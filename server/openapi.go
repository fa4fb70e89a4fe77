package server

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// apiPath is one path of the OpenAPI document and its GET operation.
type apiPath struct {
	Path string // OpenAPI syntax: /collections/places/items/{featureId}
	Op   apiOp
}

// apiOp is an OpenAPI operation, reduced to what this API needs.
type apiOp struct {
	// Method is the HTTP method, lower case as OpenAPI writes it; "" is get.
	Method      string
	ID          string
	Summary     string
	Description string
	Tag         string
	Params      []apiParam
	// Body describes the request body a post takes, by media type.
	Body      []apiBody
	Responses []apiResponse
}

// apiBody is one media type of a request body, with its schema.
type apiBody struct {
	Type   string
	Schema map[string]any
}

// apiParam is a parameter of an operation. Example is a valid value: the
// tests send it to check that every documented parameter is accepted.
type apiParam struct {
	Name        string
	In          string // query or path
	Description string
	Required    bool
	Schema      map[string]any
	Example     string
	// Ref names a shared parameter of components/parameters instead.
	Ref string
}

// apiResponse is one response of an operation.
type apiResponse struct {
	Status      string
	Description string
	Types       []string // media types
	Schema      string   // a components/schemas name, or "" for any
}

// The tags that group the operations.
const (
	tagCapabilities = "Capabilities"
	tagData         = "Data"
	tagDownloads    = "Downloads"
	tagDocuments    = "Documents"
	tagPlaces       = "Places"
	tagService      = "Service"
)

// Shared parameters, defined once in components/parameters.
var sharedParams = map[string]apiParam{
	"f": {Name: "f", In: "query", Example: "json",
		Description: "The format of the response: json, or html for a web page. Without it the Accept header decides.",
		Schema:      map[string]any{"type": "string", "enum": []string{"json", "html"}}},
	"bbox": {Name: "bbox", In: "query", Example: "46.5,39.5,47,40",
		Description: "Only features whose geometry intersects this box: minLon,minLat,maxLon,maxLat in WGS 84 " +
			"(CRS84); six numbers (with heights) are accepted and the heights ignored. A box whose minLon is " +
			"greater than its maxLon crosses the antimeridian.",
		Schema: map[string]any{"type": "array", "minItems": 4, "maxItems": 6, "items": map[string]any{"type": "number"}}},
	"datetime": {Name: "datetime", In: "query", Example: "2022-12-12T00:00:00Z/..",
		Description: "Only features whose time intersects this instant or interval (RFC 3339: an instant, a date " +
			"for the whole day, a/b, ../b or a/..). Collections without time accept it and select every feature.",
		Schema: map[string]any{"type": "string"}},
	"limit": {Name: "limit", In: "query", Example: "10",
		Description: "The number of features a page holds at most (default " + strconv.Itoa(defaultLimit) +
			"); larger values than " + strconv.Itoa(maxLimit) + " are taken as " + strconv.Itoa(maxLimit) + ".",
		Schema: map[string]any{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit}},
	"offset": {Name: "offset", In: "query", Example: "10",
		Description: "The number of matching features to skip; the next and prev links carry it.",
		Schema:      map[string]any{"type": "integer", "minimum": 0, "default": 0}},
}

// ref uses a shared parameter.
func ref(name string) apiParam {
	p := sharedParams[name]
	p.Ref = name
	return p
}

// Responses every operation may give.
var (
	respBad        = apiResponse{Status: "400", Description: "A parameter is unknown or has a bad value; the problem names it in field.", Types: []string{mimeProblem}, Schema: "problem"}
	respNotFound   = apiResponse{Status: "404", Description: "No such collection or feature.", Types: []string{mimeProblem}, Schema: "problem"}
	respNotChanged = apiResponse{Status: "304", Description: "The copy named by If-None-Match is current."}
	respFailed     = apiResponse{Status: "500", Description: "The server failed; the error is logged.", Types: []string{mimeProblem}, Schema: "problem"}
)

const mimeProblem = "application/problem+json"

func okResponse(description, schema string, types ...string) apiResponse {
	return apiResponse{Status: "200", Description: description, Types: types, Schema: schema}
}

func (s *Server) docLanding() []apiPath {
	return []apiPath{{"/", apiOp{ID: "getLandingPage", Tag: tagCapabilities, Summary: "Landing page",
		Description: "Links to the API definition, the conformance classes and the collections. A browser that " +
			"asks for no format gets the map page here; f=html gives the landing page as HTML.",
		Params:    []apiParam{ref("f")},
		Responses: []apiResponse{okResponse("The landing page.", "landingPage", mimeJSON, mimeHTML), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docConformance() []apiPath {
	return []apiPath{{"/conformance", apiOp{ID: "getConformanceDeclaration", Tag: tagCapabilities,
		Summary: "The conformance classes this server implements", Params: []apiParam{ref("f")},
		Responses: []apiResponse{okResponse("The conformance declaration.", "confClasses", mimeJSON, mimeHTML), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docAPI() []apiPath {
	return []apiPath{{"/api", apiOp{ID: "getAPIDefinition", Tag: tagCapabilities,
		Summary: "This document", Params: []apiParam{ref("f")},
		Responses: []apiResponse{okResponse("The OpenAPI 3.0 definition of the API.", "", mimeOpenAPI, mimeHTML), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docCollections() []apiPath {
	return []apiPath{{"/collections", apiOp{ID: "getCollections", Tag: tagCapabilities,
		Summary: "The feature collections", Params: []apiParam{ref("f")},
		Responses: []apiResponse{okResponse("The collections, with their extents and links.", "collections", mimeJSON, mimeHTML), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docCollection() []apiPath {
	var out []apiPath
	for _, col := range s.collections {
		out = append(out, apiPath{"/collections/" + col.ID, apiOp{ID: "describe" + title(col.ID) + "Collection", Tag: tagCapabilities,
			Summary: "The " + col.ID + " collection", Description: col.Description, Params: []apiParam{ref("f")},
			Responses: []apiResponse{okResponse("The collection, with its extent and links.", "collection", mimeJSON, mimeHTML), respNotChanged, respBad, respFailed}}})
	}
	return out
}

// filterParams documents a collection's property filters.
func filterParams(col *collection) []apiParam {
	var out []apiParam
	for _, f := range col.Filters {
		p := apiParam{Name: f.Name, In: "query", Description: f.Description, Schema: map[string]any{"type": "string"}}
		switch {
		case f.List && len(f.Enum) > 0:
			p.Schema = map[string]any{"type": "array", "maxItems": MaxFilterValues, "items": map[string]any{"type": "string", "enum": f.Enum}}
			p.Example = f.Enum[0]
		case len(f.Enum) > 0:
			p.Schema["enum"] = f.Enum
			p.Example = f.Enum[0]
		case f.List:
			p.Schema = map[string]any{"type": "array", "maxItems": MaxFilterValues, "items": map[string]any{"type": "string"}}
			p.Example = "x"
		default:
			p.Example = "a"
		}
		if f.List {
			p.Description += fmt.Sprintf(" At most %d values.", MaxFilterValues)
		}
		out = append(out, p)
	}
	return out
}

// sortbyParam documents the order of a Sortable collection's items.
func sortbyParam() apiParam {
	return apiParam{Name: "sortby", In: "query", Example: "-datetime",
		Description: "The order of the features (OGC API – Features Part 5): datetime, oldest first, or -datetime, " +
			"newest first; undated features come last. Without it, the order the features were stored in.",
		Schema: map[string]any{"type": "string", "enum": []string{"datetime", "-datetime"}}}
}

// downloadParams are the parameters of a layer download.
func downloadParams(col *collection) []apiParam {
	params := append([]apiParam{ref("bbox"), ref("datetime")}, filterParams(col)...)
	if col.Sortable {
		params = append(params, sortbyParam())
	}
	return params
}

func (s *Server) docItems() []apiPath {
	var out []apiPath
	for _, col := range s.collections {
		params := append([]apiParam{ref("bbox"), ref("datetime"), ref("limit"), ref("offset")}, filterParams(col)...)
		if col.Sortable {
			params = append(params, sortbyParam())
		}
		out = append(out, apiPath{"/collections/" + col.ID + "/items", apiOp{ID: "get" + title(col.ID) + "Features", Tag: tagData,
			Summary: "The features of " + col.ID + ", a page at a time",
			Description: "Features in a stable order; next and prev links page through them. numberMatched " +
				"counts every feature the filters select.",
			Params: append(params, ref("f")),
			Responses: []apiResponse{okResponse("A page of features.", "featureCollectionGeoJSON", mimeGeoJSON, mimeHTML),
				respNotChanged, respBad, respNotFound, respFailed}}})
	}
	return out
}

func (s *Server) docItem() []apiPath {
	var out []apiPath
	for _, col := range s.collections {
		out = append(out, apiPath{"/collections/" + col.ID + "/items/{featureId}", apiOp{ID: "get" + title(col.ID) + "Feature", Tag: tagData,
			Summary: "One feature of " + col.ID,
			Description: "The feature's strong ETag starts with its version; send it back in If-None-Match to " +
				"learn whether it changed.",
			Params: []apiParam{{Name: "featureId", In: "path", Required: true, Example: "x",
				Description: "The feature's id: a place's slug, an event's id, or <document>:<byte offset> for a mention.",
				Schema:      map[string]any{"type": "string"}}, ref("f")},
			Responses: []apiResponse{okResponse("The feature.", "featureGeoJSON", mimeGeoJSON, mimeHTML),
				respNotChanged, respBad, respNotFound, respFailed}}})
	}
	return out
}

func (s *Server) docDownloads() []apiPath {
	var out []apiPath
	for _, col := range s.collections {
		out = append(out, apiPath{"/download/" + col.ID + ".geojson", apiOp{ID: "download" + title(col.ID), Tag: tagDownloads,
			Summary:     "Every feature of " + col.ID + " as one GeoJSON file",
			Description: "The whole layer, as an attachment; the filters of the items request apply.",
			Params:      downloadParams(col),
			Responses: []apiResponse{okResponse("A GeoJSON FeatureCollection.", "featureCollectionGeoJSON", mimeGeoJSON),
				respNotChanged, respBad, respFailed}}})
		if col.ID == "events" {
			out = append(out, apiPath{"/download/events.csv", apiOp{ID: "downloadEventsCSV", Tag: tagDownloads,
				Summary: "Every event as one CSV file (ACLED-style columns)",
				Description: "RFC 4180 CSV in UTF-8 with a header row: " + strings.Join(csvHeader(), ", ") +
					"; one row per report. The filters of the items request apply.",
				Params: downloadParams(col),
				Responses: []apiResponse{okResponse("A CSV file.", "", mimeCSV),
					respNotChanged, respBad, respFailed}}})
		}
	}
	var layers []string
	for _, col := range s.collections {
		if col.Layer != nil {
			layers = append(layers, col.ID)
		}
	}
	return append(out, apiPath{"/download/" + exportName, apiOp{ID: "downloadGeoPackage", Tag: tagDownloads,
		Summary:     "Every layer as one GeoPackage",
		Description: "A standalone GeoPackage 1.3 file with the layers " + strings.Join(layers, ", ") + ", built on request.",
		Responses:   []apiResponse{okResponse("A GeoPackage file.", "", mimeGPKG), respNotChanged, respBad, respFailed}}})
}

func (s *Server) docSearch() []apiPath {
	return []apiPath{{"/api/places/search", apiOp{ID: "searchPlaces", Tag: tagPlaces,
		Summary:     "Find places by any of their names (autocomplete)",
		Description: "Case, diacritics and punctuation are ignored; exact names first, then names starting with q.",
		Params: []apiParam{
			{Name: "q", In: "query", Required: true, Example: "stepan", Description: "The name or its beginning.", Schema: map[string]any{"type": "string"}},
			{Name: "limit", In: "query", Example: "5", Description: "At most this many places (1 to 100, default 10).",
				Schema: map[string]any{"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
		},
		Responses: []apiResponse{okResponse("The places found, best first.", "", mimeJSON), respBad, respFailed}}}}
}

func (s *Server) docDocuments() []apiPath {
	return []apiPath{{"/api/documents", apiOp{ID: "listDocuments", Tag: tagDocuments,
		Summary: "The stored articles, a page at a time",
		Description: "The documents, newest publication first: id, title, outlet, outlet_name, perspective, " +
			"published, url, dateline, the numbers of mentions and events, and the naming profile (which " +
			"side's place names the text uses); with numberMatched, numberReturned, the next page's link " +
			"and every outlet with its number of articles. POST adds one (admin only).",
		Params: []apiParam{
			{Name: "limit", In: "query", Example: "50", Description: "At most this many documents (0 to 1000, default 100).",
				Schema: map[string]any{"type": "integer", "minimum": 0, "maximum": maxDocumentsPage, "default": defaultDocumentsPage}},
			{Name: "offset", In: "query", Example: "50", Description: "Skip this many documents of the list.",
				Schema: map[string]any{"type": "integer", "minimum": 0, "default": 0}},
		},
		Responses: []apiResponse{okResponse("One page of the documents.", "", mimeJSON), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docDocument() []apiPath {
	return []apiPath{{"/api/documents/{id}", apiOp{ID: "getDocument", Tag: tagDocuments,
		Summary: "One article: metadata, text, mentions and events",
		Description: "The text without boilerplate, its place mentions with offsets in UTF-8 bytes (start, end) " +
			"and in UTF-16 code units (start16, end16, for JavaScript strings), the events found in it, and " +
			"its naming profile.",
		Params: []apiParam{{Name: "id", In: "path", Required: true, Example: "x",
			Description: "The document's id (its file name).", Schema: map[string]any{"type": "string"}}},
		Responses: []apiResponse{okResponse("The document.", "", mimeJSON), respNotChanged, respBad,
			{Status: "404", Description: "No such document.", Types: []string{mimeProblem}, Schema: "problem"}, respFailed}}}}
}

func (s *Server) docGeoparse() []apiPath {
	return []apiPath{{"/api/geoparse", apiOp{Method: "post", ID: "geoparse", Tag: tagDocuments,
		Summary: "Find and resolve the place names of a text",
		Description: "The text as it is (no article boilerplate is looked for) goes through the live geoparser; " +
			"the answer is the mention FeatureCollection `dateline geoparse` prints: one feature per place " +
			"name, id <doc>:<start>, byte offsets into the text, the place's own geometry (null when " +
			"unresolved). Bounded for a public endpoint: at most " + strconv.Itoa(GeoparseLimit) + " bytes of text " +
			"(413 beyond, naming the limit); text must be valid UTF-8 without control characters other than tab " +
			"and line breaks (400 naming `text`); a few requests run at once and the others get 429 with " +
			"Retry-After; the answer is streamed feature by feature.",
		Params: []apiParam{{Name: "doc", In: "query", Example: "note.txt",
			Description: "The document name the features carry (text/plain bodies; default \"text\").",
			Schema:      map[string]any{"type": "string"}}},
		Body: []apiBody{
			{Type: echo.MIMETextPlain, Schema: map[string]any{"type": "string"}},
			{Type: echo.MIMEApplicationJSON, Schema: map[string]any{"type": "object", "required": []string{"text"},
				"properties": map[string]any{"text": map[string]any{"type": "string"},
					"doc": map[string]any{"type": "string", "description": "The document name the features carry."}}}},
		},
		Responses: []apiResponse{okResponse("The mentions.", "", mimeGeoJSON),
			{Status: "400", Description: "The text is empty or not UTF-8.", Types: []string{mimeProblem}, Schema: "problem"},
			{Status: "413", Description: "The text is too large.", Types: []string{mimeProblem}, Schema: "problem"},
			{Status: "415", Description: "The body is neither text/plain nor JSON.", Types: []string{mimeProblem}, Schema: "problem"},
			respFailed}}}}
}

func (s *Server) docHealth() []apiPath {
	return []apiPath{{"/healthz", apiOp{ID: "getHealth", Tag: tagService, Summary: "Whether the server is up, with the gazetteer's size",
		Responses: []apiResponse{okResponse("The server is up.", "", mimeJSON), respBad, respFailed}}}}
}

// title upper-cases the first letter, for operation ids.
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// apiPaths lists every documented path, sorted.
func (s *Server) apiPaths() []apiPath {
	var out []apiPath
	for _, r := range s.routes() {
		if r.Doc != nil {
			out = append(out, r.Doc()...)
		}
	}
	// The operations that are not GET.
	out = append(out, s.docGeoparse()...)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// openAPI builds the OpenAPI 3.0 document of the API served at base.
func (s *Server) openAPI(base string) map[string]any {
	paths := map[string]any{}
	for _, p := range s.apiPaths() {
		ops, _ := paths[p.Path].(map[string]any)
		if ops == nil {
			ops = map[string]any{}
			paths[p.Path] = ops
		}
		method := p.Op.Method
		if method == "" {
			method = "get"
		}
		ops[method] = operationJSON(p.Op)
	}
	params := map[string]any{}
	for name, p := range sharedParams {
		params[name] = paramJSON(p)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "Dateline",
			"version": "1.0.0",
			"description": "News reports on the map: the gazetteer's places (with every side's names for them), " +
				"the events reported in the articles and every place name found in them, served as OGC API – " +
				"Features (Part 1: core, GeoJSON, HTML, OpenAPI 3.0), with GeoJSON and GeoPackage downloads, the " +
				"articles themselves, and a geoparser for any text. Responses carry strong ETags and answer " +
				"If-None-Match with 304; errors are RFC 7807 problems.",
		},
		"servers": []any{map[string]any{"url": base}},
		"tags": []any{
			map[string]any{"name": tagCapabilities, "description": "What the API offers"},
			map[string]any{"name": tagData, "description": "The features"},
			map[string]any{"name": tagDownloads, "description": "Whole layers as files"},
			map[string]any{"name": tagDocuments, "description": "The articles, and geoparsing any text"},
			map[string]any{"name": tagPlaces, "description": "The gazetteer"},
			map[string]any{"name": tagService, "description": "Operations"},
		},
		"paths": paths,
		"components": map[string]any{
			"parameters": params,
			"schemas":    apiSchemas(),
		},
	}
}

func operationJSON(op apiOp) map[string]any {
	o := map[string]any{"operationId": op.ID, "summary": op.Summary, "tags": []string{op.Tag}}
	if op.Description != "" {
		o["description"] = op.Description
	}
	if len(op.Params) > 0 {
		var ps []any
		for _, p := range op.Params {
			if p.Ref != "" {
				ps = append(ps, map[string]any{"$ref": "#/components/parameters/" + p.Ref})
			} else {
				ps = append(ps, paramJSON(p))
			}
		}
		o["parameters"] = ps
	}
	if len(op.Body) > 0 {
		content := map[string]any{}
		for _, b := range op.Body {
			content[b.Type] = map[string]any{"schema": b.Schema}
		}
		o["requestBody"] = map[string]any{"required": true, "content": content}
	}
	resps := map[string]any{}
	for _, r := range op.Responses {
		rj := map[string]any{"description": r.Description}
		if len(r.Types) > 0 {
			content := map[string]any{}
			for _, t := range r.Types {
				schema := map[string]any{}
				switch {
				case t == mimeHTML:
					schema = map[string]any{"type": "string"}
				case t == mimeGPKG:
					schema = map[string]any{"type": "string", "format": "binary"}
				case r.Schema != "":
					schema = map[string]any{"$ref": "#/components/schemas/" + r.Schema}
				}
				content[t] = map[string]any{"schema": schema}
			}
			rj["content"] = content
		}
		resps[r.Status] = rj
	}
	o["responses"] = resps
	return o
}

func paramJSON(p apiParam) map[string]any {
	m := map[string]any{"name": p.Name, "in": p.In, "description": p.Description, "schema": p.Schema}
	if p.Required || p.In == "path" {
		m["required"] = true
	}
	if t, _ := p.Schema["type"].(string); t == "array" {
		m["style"], m["explode"] = "form", false
	}
	return m
}

// apiSchemas are the response schemas, after OGC API – Features Part 1.
func apiSchemas() map[string]any {
	str := map[string]any{"type": "string"}
	arr := func(items any) map[string]any { return map[string]any{"type": "array", "items": items} }
	sref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	obj := func(required []string, props map[string]any) map[string]any {
		m := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			m["required"] = required
		}
		return m
	}
	return map[string]any{
		"link": obj([]string{"href", "rel"}, map[string]any{"href": str, "rel": str, "type": str, "title": str}),
		"landingPage": obj([]string{"links"}, map[string]any{
			"title": str, "description": str, "links": arr(sref("link"))}),
		"confClasses": obj([]string{"conformsTo"}, map[string]any{"conformsTo": arr(str), "links": arr(sref("link"))}),
		"collections": obj([]string{"links", "collections"}, map[string]any{
			"links": arr(sref("link")), "collections": arr(sref("collection"))}),
		"collection": obj([]string{"id", "links"}, map[string]any{
			"id": str, "title": str, "description": str, "itemType": str, "crs": arr(str),
			"links": arr(sref("link")),
			"extent": obj(nil, map[string]any{
				"spatial": obj(nil, map[string]any{
					"bbox": arr(map[string]any{"type": "array", "minItems": 4, "maxItems": 6, "items": map[string]any{"type": "number"}}),
					"crs":  str}),
				"temporal": obj(nil, map[string]any{
					"interval": arr(map[string]any{"type": "array", "minItems": 2, "maxItems": 2,
						"items": map[string]any{"type": "string", "format": "date-time", "nullable": true}}),
					"trs": str}),
			}),
		}),
		"featureCollectionGeoJSON": obj([]string{"type", "features"}, map[string]any{
			"type":           map[string]any{"type": "string", "enum": []string{"FeatureCollection"}},
			"features":       arr(sref("featureGeoJSON")),
			"links":          arr(sref("link")),
			"timeStamp":      map[string]any{"type": "string", "format": "date-time"},
			"numberMatched":  map[string]any{"type": "integer", "minimum": 0},
			"numberReturned": map[string]any{"type": "integer", "minimum": 0},
		}),
		"featureGeoJSON": obj([]string{"type", "geometry", "properties"}, map[string]any{
			"type":       map[string]any{"type": "string", "enum": []string{"Feature"}},
			"id":         str,
			"geometry":   map[string]any{"type": "object", "nullable": true, "description": "An RFC 7946 geometry, longitude first."},
			"properties": map[string]any{"type": "object", "nullable": true},
			"links":      arr(sref("link")),
		}),
		"problem": obj([]string{"type", "title", "status"}, map[string]any{
			"type": str, "title": str, "status": map[string]any{"type": "integer"}, "detail": str, "instance": str,
			"field": map[string]any{"type": "string", "description": "The request parameter at fault."},
		}),
	}
}
