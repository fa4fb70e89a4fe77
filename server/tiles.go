package server

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"dateline/news"
)

// OGC API – Tiles (Part 1) for the events: vector tiles in the
// WebMercatorQuad tile matrix set, so that QGIS, GDAL and MapLibre draw
// the whole archive.

const (
	mimeMVT          = "application/vnd.mapbox-vector-tile"
	webMercatorQuad  = "WebMercatorQuad"
	webMercatorURI   = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
	epsg3857         = "http://www.opengis.net/def/crs/EPSG/0/3857"
	relTilesetVector = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
	relTilingScheme  = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
	tileLayer        = "events"
)

// The conformance classes of OGC API – Tiles and of the tile matrix set
// document this server meets.
var tilesConformance = []string{
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
	"http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
}

// Bounds of a tile: at most tileEvents events are drawn one by one; a tile
// holding more draws a tileGrid × tileGrid grid of counted points instead
// (8-pixel cells at 256 pixels a tile), which keeps it under 200 KB.
const (
	tileEvents = 2000
	tileGrid   = 32
)

// tilesetLink is a link of a tileset document, possibly a URI template.
type tilesetLink struct {
	Href      string `json:"href"`
	Rel       string `json:"rel"`
	Type      string `json:"type,omitempty"`
	Title     string `json:"title,omitempty"`
	Templated bool   `json:"templated,omitempty"`
}

// tilesetDoc is a tileset's metadata (OGC API – Tiles, 2D Tile Matrix Set
// and Tileset Metadata 2.0).
type tilesetDoc struct {
	Title            string          `json:"title"`
	Description      string          `json:"description,omitempty"`
	DataType         string          `json:"dataType"`
	CRS              string          `json:"crs"`
	TileMatrixSetURI string          `json:"tileMatrixSetURI"`
	Links            []tilesetLink   `json:"links"`
	Layers           []tileLayerDoc  `json:"layers,omitempty"`
	Limits           []tileLimitsDoc `json:"tileMatrixSetLimits,omitempty"`
}

type tileLayerDoc struct {
	ID                string         `json:"id"`
	Title             string         `json:"title"`
	Description       string         `json:"description"`
	DataType          string         `json:"dataType"`
	GeometryDimension int            `json:"geometryDimension"`
	MinTileMatrix     string         `json:"minTileMatrix"`
	MaxTileMatrix     string         `json:"maxTileMatrix"`
	PropertiesSchema  map[string]any `json:"propertiesSchema"`
}

type tileLimitsDoc struct {
	TileMatrix string `json:"tileMatrix"`
	MinTileRow int    `json:"minTileRow"`
	MaxTileRow int    `json:"maxTileRow"`
	MinTileCol int    `json:"minTileCol"`
	MaxTileCol int    `json:"maxTileCol"`
}

// tileTemplate is the path of a tile, as a URI template.
const tileTemplate = "/collections/events/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}"

func (s *Server) tileset(base string) tilesetDoc {
	str := map[string]any{"type": "string"}
	integer := map[string]any{"type": "integer"}
	return tilesetDoc{
		Title: "Events", DataType: "vector", CRS: epsg3857, TileMatrixSetURI: webMercatorURI,
		Description: fmt.Sprintf("The events as vector tiles (layer %q). A tile holding at most %d matching events "+
			"has one point each (id, event_type, sub_event_type, date, place_name, precision, time_precision); "+
			"a fuller one has counted points instead, one per %d-pixel cell (count, event_type of the largest "+
			"family). The items filters (datetime, event_type, outlet, actor, q, …) apply.", tileLayer, tileEvents, 256/tileGrid),
		Links: []tilesetLink{
			{Rel: "self", Type: mimeJSON, Title: "This tileset", Href: base + "/collections/events/tiles/" + webMercatorQuad},
			{Rel: relTilingScheme, Type: mimeJSON, Title: "The WebMercatorQuad tile matrix set", Href: base + "/tileMatrixSets/" + webMercatorQuad},
			{Rel: "item", Type: mimeMVT, Title: "A tile of events (Mapbox Vector Tile)", Href: base + tileTemplate, Templated: true},
			{Rel: "collection", Type: mimeJSON, Title: "Events", Href: base + "/collections/events"},
		},
		Layers: []tileLayerDoc{{ID: tileLayer, Title: "Events", DataType: "vector", GeometryDimension: 0,
			Description:   "Events, or counted points where a tile holds too many to draw one by one.",
			MinTileMatrix: "0", MaxTileMatrix: strconv.Itoa(news.MaxZoom),
			PropertiesSchema: map[string]any{"type": "object", "properties": map[string]any{
				"id": str, "event_type": str, "sub_event_type": str, "date": str, "place_name": str,
				"precision": integer, "time_precision": integer, "count": integer,
			}}}},
	}
}

// tilesets answers /collections/events/tiles: the list of its tilesets.
func (s *Server) tilesets(c echo.Context) error {
	if _, err := s.eventsOnly(c); err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	base := s.base(c)
	ts := s.tileset(base)
	ts.Layers = nil
	doc := map[string]any{
		"links": []tilesetLink{{Rel: "self", Type: mimeJSON, Title: "The tilesets of events", Href: base + "/collections/events/tiles"}},
		"tilesets": []any{map[string]any{"title": ts.Title, "dataType": ts.DataType, "crs": ts.CRS,
			"tileMatrixSetURI": ts.TileMatrixSetURI, "links": ts.Links}},
	}
	body, err := marshalJSON(doc)
	if err != nil {
		return err
	}
	return sendTagged(c, mimeJSON, body, time.Time{})
}

// tilesetMetadata answers /collections/events/tiles/WebMercatorQuad.
func (s *Server) tilesetMetadata(c echo.Context) error {
	if _, err := s.eventsOnly(c); err != nil {
		return err
	}
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	if id := c.Param("tileMatrixSetId"); id != webMercatorQuad {
		return notFound(fmt.Sprintf("there is no tile matrix set %q; the events are tiled in %s", id, webMercatorQuad))
	}
	body, err := marshalJSON(s.tileset(s.base(c)))
	if err != nil {
		return err
	}
	return sendTagged(c, mimeJSON, body, time.Time{})
}

// tile answers /collections/events/tiles/WebMercatorQuad/{z}/{y}/{x}.
func (s *Server) tile(c echo.Context) error {
	col, err := s.eventsOnly(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c, tileParams(col)...); err != nil {
		return err
	}
	if id := c.Param("tileMatrixSetId"); id != webMercatorQuad {
		return notFound(fmt.Sprintf("there is no tile matrix set %q; the events are tiled in %s", id, webMercatorQuad))
	}
	z, err := pathWhole(c, "tileMatrix", news.MaxZoom)
	if err != nil {
		return err
	}
	y, err := pathWhole(c, "tileRow", 1<<z-1)
	if err != nil {
		return err
	}
	x, err := pathWhole(c, "tileCol", 1<<z-1)
	if err != nil {
		return err
	}
	q, canon, err := readItems(c, col, false)
	if err != nil {
		return err
	}
	_, release, notModified, err := s.mapRead(c, col, "tile", strconv.Itoa(z), strconv.Itoa(y), strconv.Itoa(x), canon.Encode())
	defer release()
	if err != nil || notModified {
		return err
	}
	ctx := c.Request().Context()
	t := maptile.New(uint32(x), uint32(y), maptile.Zoom(z))
	content, err := s.deps.News.EventTile(ctx, eventQuery(q), t, tileEvents, tileGrid)
	if err != nil {
		return err
	}
	body, err := encodeTile(t, content)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mimeMVT, body)
}

// tileParams are the query parameters of a tile: the items filters but
// bbox, which the tile is.
func tileParams(col *collection) []string {
	names := []string{"datetime"}
	for _, f := range col.Filters {
		names = append(names, f.Name)
	}
	return names
}

// pathWhole reads a whole-number path parameter from 0 to hi.
func pathWhole(c echo.Context, name string, hi int) (int, error) {
	v := c.Param(name)
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > hi {
		return 0, badRequest(name, fmt.Sprintf("%s must be a whole number from 0 to %d, not %q", name, hi, v))
	}
	return n, nil
}

// encodeTile writes a tile's events or counted points as one MVT layer.
func encodeTile(t maptile.Tile, content news.Tile) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	for _, e := range content.Events {
		f := geojson.NewFeature(e.Point)
		f.Properties = geojson.Properties{"id": e.ID, "event_type": string(e.EventType),
			"sub_event_type": string(e.SubEventType), "place_name": e.PlaceName, "precision": e.GeoPrecision,
			"time_precision": int(e.TimePrecision)}
		if e.Date != "" {
			f.Properties["date"] = e.Date
		}
		fc.Append(f)
	}
	for _, cell := range content.Cells {
		f := geojson.NewFeature(cell.Point)
		top := 0
		for i, n := range cell.Types {
			if n > cell.Types[top] {
				top = i
			}
		}
		f.Properties = geojson.Properties{"count": cell.Count}
		if cell.Types[top] > 0 {
			f.Properties["event_type"] = string(news.EventTypes[top])
		}
		fc.Append(f)
	}
	layers := mvt.NewLayers(map[string]*geojson.FeatureCollection{tileLayer: fc})
	layers.ProjectToTile(t)
	layers.Clip(mvt.MapboxGLDefaultExtentBound)
	return mvt.Marshal(layers)
}

// tileMatrixSets answers /tileMatrixSets.
func (s *Server) tileMatrixSets(c echo.Context) error {
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	base := s.base(c)
	doc := map[string]any{"tileMatrixSets": []any{map[string]any{"id": webMercatorQuad, "title": "Google Maps Compatible for the World",
		"uri": webMercatorURI, "links": []tilesetLink{{Rel: "self", Type: mimeJSON, Href: base + "/tileMatrixSets/" + webMercatorQuad}}}}}
	body, err := marshalJSON(doc)
	if err != nil {
		return err
	}
	return sendTagged(c, mimeJSON, body, time.Time{})
}

// tileMatrixSet answers /tileMatrixSets/WebMercatorQuad with its
// definition (OGC 17-083r4, Annex D).
func (s *Server) tileMatrixSet(c echo.Context) error {
	if err := onlyParams(c, "f"); err != nil {
		return err
	}
	if id := c.Param("tileMatrixSetId"); id != webMercatorQuad {
		return notFound(fmt.Sprintf("there is no tile matrix set %q; this server has %s", id, webMercatorQuad))
	}
	const half = 20037508.3427892
	var matrices []any
	for z := 0; z <= news.MaxZoom; z++ {
		cell := 2 * half / float64(int64(256)<<z)
		n := 1 << z
		matrices = append(matrices, map[string]any{"id": strconv.Itoa(z), "scaleDenominator": cell / 0.00028,
			"cellSize": cell, "cornerOfOrigin": "topLeft", "pointOfOrigin": []float64{-half, half},
			"tileWidth": 256, "tileHeight": 256, "matrixWidth": n, "matrixHeight": n})
	}
	doc := map[string]any{"id": webMercatorQuad, "title": "Google Maps Compatible for the World", "uri": webMercatorURI,
		"crs": epsg3857, "orderedAxes": []string{"E", "N"}, "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
		"boundingBox":  map[string]any{"lowerLeft": []float64{-half, -half}, "upperRight": []float64{half, half}, "crs": epsg3857},
		"tileMatrices": matrices}
	body, err := marshalJSON(doc)
	if err != nil {
		return err
	}
	return sendTagged(c, mimeJSON, body, time.Time{})
}
