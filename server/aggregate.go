package server

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"

	"dateline/news"
)

// The map at archive scale: what a view shows of the events, whatever their
// number. The counting is news.Store's (an in-memory index of the events,
// see news/aggregate.go); these handlers parse, bound and encode.

// ViewEvents is how many events a view holds at most for /aggregate to
// give them one by one rather than as clusters.
const ViewEvents = 500

// maxViewCells bounds the cells a view spans across and down at its zoom:
// 256 cells of 64 pixels are a screen 16,384 pixels wide.
const maxViewCells = 256

// mapSlots is how many aggregation, histogram and tile requests run at once.
const mapSlots = 8

// world is the bbox of a view that gives none.
var world = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// eventsOnly returns the events collection for a path that only it has.
func (s *Server) eventsOnly(c echo.Context) (*collection, error) {
	col, err := s.collection(c.Param("collectionId"))
	if err != nil {
		return nil, err
	}
	if col.ID != "events" {
		return nil, notFound(fmt.Sprintf("collection %q has no %s; only events does", col.ID, lastSegment(c.Path())))
	}
	return col, nil
}

// mapRead starts a map read (aggregate, histogram, tile): it takes one of
// the map's slots and checks the client's validators against the data
// version, the request's kind and its canonical parameters. notModified
// means the 304 has been written; release must be called in any case.
func (s *Server) mapRead(c echo.Context, col *collection, tagParts ...string) (st state, release func(), notModified bool, err error) {
	release, err = s.mapSlots.enter(c, "map")
	if err != nil {
		return state{}, func() {}, false, err
	}
	if st, err = col.State(c.Request().Context()); err != nil {
		return state{}, release, false, err
	}
	if validators(c, entityTag(c, append([]string{st.Tag}, tagParts...)...), st.Changed) {
		return st, release, true, c.NoContent(http.StatusNotModified)
	}
	return st, release, false, nil
}

func lastSegment(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

// viewParams are the parameters of an aggregation-like endpoint: the items
// filters without paging, and its own.
func viewParams(col *collection, own ...string) []string {
	names := slices.DeleteFunc(itemsParams(col, false), func(n string) bool { return n == "sortby" })
	return append(names, own...)
}

// parseWhole reads a whole number parameter within [lo, hi].
func parseWhole(c echo.Context, name string, lo, hi, def int, required bool) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		if required {
			return 0, badRequest(name, fmt.Sprintf("%s is required: a whole number from %d to %d", name, lo, hi))
		}
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest(name, fmt.Sprintf("%s must be a whole number from %d to %d, not %q", name, lo, hi, v))
	}
	return n, nil
}

// viewCollection is the answer of /aggregate: a GeoJSON FeatureCollection
// of clusters (kind "clusters") or of the events themselves (kind "events").
type viewCollection struct {
	Type          string           `json:"type"`
	Kind          string           `json:"kind"`
	Zoom          int              `json:"zoom"`
	NumberMatched int              `json:"numberMatched"`
	Threshold     int              `json:"threshold"`
	CellPixels    int              `json:"cellPixels"`
	Features      []geoJSONFeature `json:"features"`
	Links         []link           `json:"links"`
	TimeStamp     string           `json:"timeStamp"`
}

// clusterProperties are the properties of a cluster feature.
type clusterProperties struct {
	Cluster bool `json:"cluster"`
	Count   int  `json:"count"`
	// BBox is the box of the cluster's events; the items of that box with
	// the same filters are exactly them (Items links to them, paged).
	BBox       [4]float64     `json:"bbox"`
	EventTypes map[string]int `json:"event_types"`
	Items      string         `json:"items"`
}

// aggregate answers /collections/events/aggregate: for a view (bbox and
// zoom) and the items filters, every matching event when at most
// ViewEvents match, else the cells of a 64-pixel grid at the zoom with
// their exact counts, mean point, box and families.
func (s *Server) aggregate(c echo.Context) error {
	col, err := s.eventsOnly(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, viewParams(col, "zoom")...); err != nil {
		return err
	}
	zoom, err := parseWhole(c, "zoom", 0, news.MaxZoom, 0, false)
	if err != nil {
		return err
	}
	q, canon, err := readItems(c, col, false)
	if err != nil {
		return err
	}
	if q.BBox == nil {
		q.BBox = &world
	}
	if err := checkViewSize(*q.BBox, zoom); err != nil {
		return err
	}
	canon.Set("zoom", strconv.Itoa(zoom))
	base := s.base(c)
	st, release, notModified, err := s.mapRead(c, col, "aggregate", canon.Encode(), base)
	defer release()
	if err != nil || notModified {
		return err
	}
	ctx := c.Request().Context()
	out := viewCollection{Type: "FeatureCollection", Kind: "events", Zoom: zoom, Threshold: ViewEvents,
		CellPixels: news.CellPixels, Features: []geoJSONFeature{}, TimeStamp: st.Changed.UTC().Format(time.RFC3339)}
	view, err := s.deps.News.AggregateEvents(ctx, eventQuery(q), zoom, ViewEvents, func(r *news.EventRecord) error {
		out.Features = append(out.Features, toGeoJSON(eventFeature(r)))
		return nil
	})
	if err != nil {
		return err
	}
	out.NumberMatched = view.Matched
	itemsOf := func(b orb.Bound) string {
		v := url.Values{}
		for k, vs := range canon {
			v[k] = vs
		}
		v.Del("zoom")
		v.Set("bbox", formatBBox(b))
		return href(base, "/collections/events/items", v, "json")
	}
	if view.Cells != nil {
		out.Kind = "clusters"
		out.Features = make([]geoJSONFeature, 0, len(view.Cells))
		for _, cell := range view.Cells {
			types := map[string]int{}
			for i, n := range cell.Types {
				if n > 0 {
					types[string(news.EventTypes[i])] = n
				}
			}
			b := cell.Bound
			out.Features = append(out.Features, geoJSONFeature{Type: "Feature",
				ID:       fmt.Sprintf("%d/%d/%d", cell.Zoom, cell.X, cell.Y),
				Geometry: geometryJSON{cell.Point},
				Properties: clusterProperties{Cluster: true, Count: cell.Count, BBox: [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]},
					EventTypes: types, Items: itemsOf(b)}})
		}
	}
	out.Links = []link{
		{Rel: "self", Type: mimeGeoJSON, Title: "This view", Href: href(base, "/collections/events/aggregate", canon, "")},
		{Rel: "items", Type: mimeGeoJSON, Title: "The view's events, a page at a time", Href: itemsOf(*q.BBox)},
		{Rel: "collection", Type: mimeJSON, Title: col.Title, Href: href(base, "/collections/events", nil, "json")},
	}
	body, err := marshalJSON(out)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mimeGeoJSON, body)
}

// checkViewSize refuses a view spanning more than maxViewCells cells across
// or down at its zoom, which would answer with more clusters than any
// screen shows.
func checkViewSize(b orb.Bound, zoom int) error {
	width := b.Max[0] - b.Min[0]
	if width < 0 {
		width += 360 // across the antimeridian
	}
	n := float64(news.CellsPerSide(zoom))
	lat := func(l float64) float64 {
		l = max(-85.05112878, min(85.05112878, l)) * math.Pi / 180
		return 0.5 - math.Log(math.Tan(math.Pi/4+l/2))/(2*math.Pi)
	}
	across, down := width/360*n, (lat(b.Min[1])-lat(b.Max[1]))*n
	if across > maxViewCells || down > maxViewCells {
		return badRequest("zoom", fmt.Sprintf("the bbox spans %.0f × %.0f cells of %d pixels at zoom %d; "+
			"at most %d across and down are answered: zoom out or send a smaller bbox",
			math.Ceil(across), math.Ceil(down), news.CellPixels, zoom, maxViewCells))
	}
	return nil
}

// histogramDoc is the answer of /histogram.
type histogramDoc struct {
	Unit          string      `json:"unit"`
	Bins          int         `json:"bins"`
	NumberMatched int         `json:"numberMatched"`
	Dated         int         `json:"dated"`
	Undated       int         `json:"undated"`
	Buckets       []bucketDoc `json:"buckets"`
	Links         []link      `json:"links"`
	TimeStamp     string      `json:"timeStamp"`
}

type bucketDoc struct {
	Start string `json:"start"`
	Count int    `json:"count"`
}

// defaultBins is how many buckets a histogram has at most by default.
const defaultBins = 200

// histogram answers /collections/events/histogram: the events the items
// filters select, counted per day, week, month or year for the timeline.
func (s *Server) histogram(c echo.Context) error {
	col, err := s.eventsOnly(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, viewParams(col, "bins")...); err != nil {
		return err
	}
	bins, err := parseWhole(c, "bins", 1, news.MaxBins, defaultBins, false)
	if err != nil {
		return err
	}
	q, canon, err := readItems(c, col, false)
	if err != nil {
		return err
	}
	canon.Set("bins", strconv.Itoa(bins))
	base := s.base(c)
	st, release, notModified, err := s.mapRead(c, col, "histogram", canon.Encode(), base)
	defer release()
	if err != nil || notModified {
		return err
	}
	ctx := c.Request().Context()
	h, err := s.deps.News.EventHistogram(ctx, eventQuery(q), bins)
	if err != nil {
		return err
	}
	doc := histogramDoc{Unit: h.Unit, Bins: bins, NumberMatched: h.Dated + h.Undated, Dated: h.Dated, Undated: h.Undated,
		Buckets: make([]bucketDoc, len(h.Buckets)), TimeStamp: st.Changed.UTC().Format(time.RFC3339),
		Links: []link{{Rel: "self", Type: mimeJSON, Title: "This histogram", Href: href(base, "/collections/events/histogram", canon, "")}}}
	for i, b := range h.Buckets {
		doc.Buckets[i] = bucketDoc{Start: b.Start.Format(time.DateOnly), Count: b.Count}
	}
	body, err := marshalJSON(doc)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mimeJSON, body)
}
