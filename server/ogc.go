package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// The conformance classes of OGC API – Features Part 1 this server meets.
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
}

const crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

// base is the scheme and host absolute links start with.
func (s *Server) base(c echo.Context) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	return c.Scheme() + "://" + c.Request().Host
}

// href is an absolute link to path with query q and, when f is not empty,
// the format parameter, so that a link always gets the type it announces.
func href(base, path string, q url.Values, f string) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	if f != "" {
		v.Set("f", f)
	}
	if len(v) == 0 {
		return base + path
	}
	return base + path + "?" + v.Encode()
}

// selfLinks are the self and alternate links of a resource that is JSON
// (of type jsonType) or HTML.
func selfLinks(base, path string, q url.Values, f format, jsonType string) []link {
	j := link{Href: href(base, path, q, "json"), Type: jsonType, Title: "This document as JSON"}
	h := link{Href: href(base, path, q, "html"), Type: mimeHTML, Title: "This document as HTML"}
	if f == formatHTML {
		h.Rel, j.Rel = "self", "alternate"
		return []link{h, j}
	}
	j.Rel, h.Rel = "self", "alternate"
	return []link{j, h}
}

// send answers with v as JSON of the given type, or with the HTML page
// showing it, tagged by the body's hash.
func (s *Server) send(c echo.Context, f format, jsonType, page, title string, v any, changed time.Time) error {
	c.Response().Header().Add(headerVary, echo.HeaderAccept)
	if f == formatHTML {
		body, err := s.executePage(page, htmlPage{Title: title, Data: v})
		if err != nil {
			return err
		}
		return sendTagged(c, htmlUTF8, body, changed)
	}
	body, err := marshalJSON(v)
	if err != nil {
		return err
	}
	return sendTagged(c, jsonType, body, changed)
}

// landingPage is the OGC API landing page.
type landingPage struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Links       []link `json:"links"`
}

// landing answers /. The path is shared by the map page and the OGC API
// landing page: a browser that does not ask for a format (its Accept header
// ranks text/html first) gets the map; f=json, or an Accept header that
// prefers JSON (GDAL, QGIS, OWSLib, curl's */*), gets the landing page as
// JSON; f=html gets the landing page as HTML, which links to the map.
func (s *Server) landing(c echo.Context) error {
	f, explicit, err := negotiate(c)
	if err != nil {
		return err
	}
	if f == formatHTML && !explicit {
		c.Response().Header().Add(headerVary, echo.HeaderAccept)
		// The map keeps its own state in the URL, so its parameters are not checked.
		return s.mapPage(c)
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	base := s.base(c)
	links := append(selfLinks(base, "/", nil, f, mimeJSON),
		link{Rel: "service-desc", Type: mimeOpenAPI, Title: "The API definition (OpenAPI 3.0)", Href: href(base, "/api", nil, "json")},
		link{Rel: "service-doc", Type: mimeHTML, Title: "The API documentation", Href: href(base, "/api", nil, "html")},
		link{Rel: "conformance", Type: mimeJSON, Title: "The OGC API conformance classes this server implements", Href: href(base, "/conformance", nil, "json")},
		link{Rel: "data", Type: mimeJSON, Title: "The feature collections", Href: href(base, "/collections", nil, "json")},
		link{Rel: "related", Type: mimeHTML, Title: "The map", Href: base + "/"},
	)
	for _, col := range s.collections {
		links = append(links, link{Rel: "enclosure", Type: mimeGeoJSON, Title: "Download " + col.Title + " (GeoJSON)",
			Href: base + "/download/" + col.ID + ".geojson"})
	}
	links = append(links, link{Rel: "enclosure", Type: mimeGPKG, Title: "Download every layer (GeoPackage)",
		Href: base + "/download/dateline.gpkg"})
	doc := landingPage{
		Title: "Dateline",
		Description: "News reports on the map: places named in articles on the Nagorno-Karabakh conflict, " +
			"with every side's names for them, served as OGC API – Features.",
		Links: links,
	}
	return s.send(c, f, mimeJSON, "landing", doc.Title, doc, time.Time{})
}

// conformanceDoc is the conformance declaration.
type conformanceDoc struct {
	ConformsTo []string `json:"conformsTo"`
	Links      []link   `json:"links"`
}

func (s *Server) conformance(c echo.Context) error {
	f, _, err := negotiate(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	classes := conformanceClasses
	if s.deps.News != nil {
		classes = append(slices.Clone(classes), tilesConformance...)
	}
	doc := conformanceDoc{ConformsTo: classes, Links: selfLinks(s.base(c), "/conformance", nil, f, mimeJSON)}
	return s.send(c, f, mimeJSON, "conformance", "Conformance", doc, time.Time{})
}

func (s *Server) apiDocument(c echo.Context) error {
	f, _, err := negotiate(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	if f == formatHTML {
		return s.send(c, f, "", "api", "API", s.apiPaths(), time.Time{})
	}
	return s.send(c, f, mimeOpenAPI, "api", "API", s.openAPI(s.base(c)), time.Time{})
}

// collectionDoc describes one collection (OGC API – Features, 7.14).
type collectionDoc struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	ItemType    string     `json:"itemType"`
	CRS         []string   `json:"crs"`
	Extent      *extentDoc `json:"extent,omitempty"`
	Links       []link     `json:"links"`
	// Filters are for the HTML page.
	Filters []filter `json:"-"`
}

type extentDoc struct {
	Spatial *spatialExtent `json:"spatial,omitempty"`
	// Temporal is left out for collections without time (the places).
	Temporal *temporalExtent `json:"temporal,omitempty"`
}

type spatialExtent struct {
	BBox [][4]float64 `json:"bbox"`
	CRS  string       `json:"crs"`
}

type temporalExtent struct {
	Interval [][2]*string `json:"interval"`
	TRS      string       `json:"trs"`
}

// collectionsDoc lists the collections.
type collectionsDoc struct {
	Links       []link          `json:"links"`
	Collections []collectionDoc `json:"collections"`
}

// describe builds a collection's description at its current state.
func (s *Server) describe(c echo.Context, col *collection, base string) (collectionDoc, time.Time, error) {
	ctx := c.Request().Context()
	st, err := col.State(ctx)
	if err != nil {
		return collectionDoc{}, time.Time{}, err
	}
	ext, err := s.extents.get(ctx, col, st)
	if err != nil {
		return collectionDoc{}, time.Time{}, err
	}
	path := "/collections/" + col.ID
	d := collectionDoc{
		ID: col.ID, Title: col.Title, Description: col.Description, ItemType: "feature",
		CRS: []string{crs84}, Filters: col.Filters,
		Links: []link{
			{Rel: "self", Type: mimeJSON, Title: col.Title, Href: href(base, path, nil, "json")},
			{Rel: "alternate", Type: mimeHTML, Title: col.Title + " as HTML", Href: href(base, path, nil, "html")},
			{Rel: "items", Type: mimeGeoJSON, Title: col.Title + " (GeoJSON)", Href: href(base, path+"/items", nil, "json")},
			{Rel: "items", Type: mimeHTML, Title: col.Title + " (HTML)", Href: href(base, path+"/items", nil, "html")},
			{Rel: "enclosure", Type: mimeGeoJSON, Title: "Download " + col.Title + " (GeoJSON)", Href: base + "/download/" + col.ID + ".geojson"},
		},
	}
	if col.ID == "events" {
		d.Links = append(d.Links,
			link{Rel: relTilesetVector, Type: mimeJSON, Title: "Vector tiles of the events", Href: base + path + "/tiles"},
			link{Rel: "related", Type: mimeGeoJSON, Title: "Clusters of the events in a view", Href: base + path + "/aggregate"},
			link{Rel: "related", Type: mimeJSON, Title: "A histogram of the events by date", Href: base + path + "/histogram"})
	}
	if ext.BBox != nil || ext.Time != nil {
		d.Extent = &extentDoc{}
	}
	if b := ext.BBox; b != nil {
		d.Extent.Spatial = &spatialExtent{BBox: [][4]float64{{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}}, CRS: crs84}
	}
	if t := ext.Time; t != nil {
		d.Extent.Temporal = &temporalExtent{Interval: [][2]*string{{timeOrNull(t.Start), timeOrNull(t.End)}},
			TRS: "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
	}
	return d, st.Changed, nil
}

func timeOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func (s *Server) listCollections(c echo.Context) error {
	f, _, err := negotiate(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	base := s.base(c)
	doc := collectionsDoc{Links: selfLinks(base, "/collections", nil, f, mimeJSON)}
	var changed time.Time
	for _, col := range s.collections {
		d, at, err := s.describe(c, col, base)
		if err != nil {
			return err
		}
		// The document's links are its own; the collection's self link stays.
		doc.Collections = append(doc.Collections, d)
		if at.After(changed) {
			changed = at
		}
	}
	return s.send(c, f, mimeJSON, "collections", "Collections", doc, changed)
}

func (s *Server) describeCollection(c echo.Context) error {
	col, err := s.collection(c.Param("collectionId"))
	if err != nil {
		return err
	}
	f, _, err := negotiate(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	base := s.base(c)
	d, changed, err := s.describe(c, col, base)
	if err != nil {
		return err
	}
	d.Links = append(selfLinks(base, "/collections/"+col.ID, nil, f, mimeJSON), d.Links[2:]...)
	return s.send(c, f, mimeJSON, "collection", col.Title, d, changed)
}

// itemsPage is what the HTML items page shows.
type itemsPage struct {
	Collection *collection
	Page       featureCollection
}

func (s *Server) items(c echo.Context) error {
	col, err := s.collection(c.Param("collectionId"))
	if err != nil {
		return err
	}
	f, _, err := negotiate(c)
	if err != nil {
		return err
	}
	q, canon, err := parseItems(c, col, true)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	st, err := col.State(ctx)
	if err != nil {
		return err
	}
	base := s.base(c)
	c.Response().Header().Add(headerVary, echo.HeaderAccept)
	if validators(c, entityTag(c, st.Tag, "items", col.ID, canon.Encode(), f.String(), base), st.Changed) {
		return c.NoContent(http.StatusNotModified)
	}

	fc := featureCollection{Type: "FeatureCollection", Features: make([]geoJSONFeature, 0, min(q.Limit, 1024))}
	fc.NumberMatched, err = col.Items(ctx, q, func(ft *feature) error {
		fc.Features = append(fc.Features, toGeoJSON(ft))
		return nil
	})
	if err != nil {
		return err
	}
	fc.NumberReturned = len(fc.Features)
	// The time of the data rather than of the request, so that the same
	// ETag always stands for the same bytes.
	fc.TimeStamp = st.Changed.UTC().Format(time.RFC3339)
	fc.Links = pageLinks(base, col, canon, q, fc.NumberMatched, fc.NumberReturned, f)

	if f == formatHTML {
		body, err := s.executePage("items", htmlPage{Title: col.Title, Data: itemsPage{Collection: col, Page: fc}})
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, htmlUTF8, body)
	}
	body, err := fc.encode()
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mimeGeoJSON, body)
}

// pageLinks are the links of an items page: self, alternate, next (when
// more matches follow), prev (when the page does not start at the first
// match) and the collection. Paging links keep every other parameter.
func pageLinks(base string, col *collection, canon url.Values, q itemsQuery, matched, returned int, f format) []link {
	path := "/collections/" + col.ID + "/items"
	typ, fp := mimeGeoJSON, "json"
	if f == formatHTML {
		typ, fp = mimeHTML, "html"
	}
	links := selfLinks(base, path, canon, f, mimeGeoJSON)
	at := func(offset int) url.Values {
		v := url.Values{}
		for k, vs := range canon {
			v[k] = vs
		}
		v.Del("offset")
		if offset > 0 {
			v.Set("offset", strconv.Itoa(offset))
		}
		return v
	}
	if q.Offset+returned < matched {
		links = append(links, link{Rel: "next", Type: typ, Title: "Next page", Href: href(base, path, at(q.Offset+q.Limit), fp)})
	}
	if q.Offset > 0 {
		links = append(links, link{Rel: "prev", Type: typ, Title: "Previous page", Href: href(base, path, at(max(0, q.Offset-q.Limit)), fp)})
	}
	return append(links, link{Rel: "collection", Type: mimeJSON, Title: col.Title, Href: href(base, "/collections/"+col.ID, nil, "json")})
}

// itemPage is what the HTML feature page shows.
type itemPage struct {
	Collection *collection
	Feature    geoJSONFeature
}

func (s *Server) item(c echo.Context) error {
	col, err := s.collection(c.Param("collectionId"))
	if err != nil {
		return err
	}
	f, _, err := negotiate(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	id := c.Param("featureId")
	ft, err := col.Item(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if ft == nil {
		return notFound("there is no feature " + strconv.Quote(id) + " in " + col.ID)
	}
	base := s.base(c)
	c.Response().Header().Add(headerVary, echo.HeaderAccept)
	if validators(c, itemTag(c, col, ft, f, base), ft.Updated) {
		return c.NoContent(http.StatusNotModified)
	}
	path := "/collections/" + col.ID + "/items/" + url.PathEscape(ft.ID)
	gf := toGeoJSON(ft)
	gf.Links = append(selfLinks(base, path, nil, f, mimeGeoJSON),
		link{Rel: "collection", Type: mimeJSON, Title: col.Title, Href: href(base, "/collections/"+col.ID, nil, "json")})
	if f == formatHTML {
		body, err := s.executePage("item", htmlPage{Title: ft.ID, Data: itemPage{Collection: col, Feature: gf}})
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, htmlUTF8, body)
	}
	body, err := marshalJSON(gf)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mimeGeoJSON, body)
}

// itemTag is the strong ETag of one feature: its version, then a hash of
// what else decides the bytes (collection, id, format, base URL). The
// version comes first so that the admin API can read it out of an If-Match
// header: `"<version>-<hash>"`, with "-gzip" appended for a gzip body.
func itemTag(c echo.Context, col *collection, ft *feature, f format, base string) string {
	return itemTagOf(!noGzip(c), col, ft, f, base)
}

func itemTagOf(gzip bool, col *collection, ft *feature, f format, base string) string {
	v := strconv.FormatInt(ft.Version, 10)
	return `"` + v + "-" + tagOf(gzip, "item", col.ID, ft.ID, v, f.String(), base)[1:]
}

// itemTags are the ETags any representation of the feature's current
// version has (JSON or HTML, compressed or not): an edit must send one.
func itemTags(col *collection, ft *feature, base string) []string {
	var tags []string
	for _, f := range []format{formatJSON, formatHTML} {
		for _, gz := range []bool{false, true} {
			tags = append(tags, itemTagOf(gz, col, ft, f, base))
		}
	}
	return tags
}
