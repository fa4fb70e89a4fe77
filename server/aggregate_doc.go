package server

import (
	"fmt"
	"strconv"

	"dateline/news"
)

// The OpenAPI documentation of the map-at-scale endpoints (aggregate.go, tiles.go).

func (s *Server) eventsCollection() *collection {
	for _, c := range s.collections {
		if c.ID == "events" {
			return c
		}
	}
	return nil
}

// viewFilterParams are the items filters an endpoint over the events takes.
func (s *Server) viewFilterParams(withBBox bool) []apiParam {
	var out []apiParam
	if withBBox {
		out = append(out, ref("bbox"))
	}
	return append(append(out, ref("datetime")), filterParams(s.eventsCollection())...)
}

func (s *Server) docAggregate() []apiPath {
	if s.eventsCollection() == nil {
		return nil
	}
	zoom := apiParam{Name: "zoom", In: "query", Example: "2",
		Description: fmt.Sprintf("The map's zoom level (0 to %d, default 0): clusters are the cells of a grid of %d "+
			"pixels at it, in Web Mercator. A bbox spanning more than %d cells across or down is refused.",
			news.MaxZoom, news.CellPixels, maxViewCells),
		Schema: map[string]any{"type": "integer", "minimum": 0, "maximum": news.MaxZoom, "default": 0}}
	return []apiPath{{"/collections/events/aggregate", apiOp{ID: "aggregateEvents", Tag: tagData,
		Summary: "The events of a map view: clusters with exact counts, or the events themselves",
		Description: "Every filter of the items endpoint applies; bbox defaults to the whole world. numberMatched is " +
			"the items endpoint's for the same filters and bbox. When at most " + strconv.Itoa(ViewEvents) + " events " +
			"match (kind \"events\") the features are those events as the items endpoint gives them; otherwise " +
			"(kind \"clusters\") each feature is a grid cell holding events: id zoom/x/y, a point at the mean of " +
			"its events, properties count, bbox (the box of its events), event_types (the count of each family) " +
			"and items, a link to its events, paged, through the items endpoint with that bbox.",
		Params: append(s.viewFilterParams(true), zoom),
		Responses: []apiResponse{okResponse("The view.", "featureCollectionGeoJSON", mimeGeoJSON), respNotChanged, respBad,
			respNotFound, {Status: "429", Description: "Too many map requests at once; Retry-After says when to come back.",
				Types: []string{mimeProblem}, Schema: "problem"}, respFailed}}}}
}

func (s *Server) docHistogram() []apiPath {
	if s.eventsCollection() == nil {
		return nil
	}
	bins := apiParam{Name: "bins", In: "query", Example: "100",
		Description: fmt.Sprintf("The most buckets wanted (1 to %d, default %d): the unit is the shortest of day, "+
			"week (from Monday), month and year that spans the datetime (or the matching events' days) in as many.",
			news.MaxBins, defaultBins),
		Schema: map[string]any{"type": "integer", "minimum": 1, "maximum": news.MaxBins, "default": defaultBins}}
	return []apiPath{{"/collections/events/histogram", apiOp{ID: "eventHistogram", Tag: tagData,
		Summary: "How many events happened when: the timeline of a view",
		Description: "Every filter of the items endpoint applies. The answer has unit, buckets (start, a UTC day, " +
			"and count, every bucket of the span, empty ones included; an event counts in the bucket of its first " +
			"day in the span), dated, undated (events without a date, which only queries without datetime match) " +
			"and numberMatched = dated + undated, the items endpoint's for the same filters.",
		Params:    append(s.viewFilterParams(true), bins),
		Responses: []apiResponse{okResponse("The histogram.", "", mimeJSON), respNotChanged, respBad, respNotFound, respFailed}}}}
}

func (s *Server) docTilesets() []apiPath {
	if s.eventsCollection() == nil {
		return nil
	}
	return []apiPath{{"/collections/events/tiles", apiOp{ID: "getEventTilesets", Tag: tagData,
		Summary:   "The vector tilesets of the events (OGC API – Tiles)",
		Responses: []apiResponse{okResponse("The tilesets.", "", mimeJSON), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docTileset() []apiPath {
	if s.eventsCollection() == nil {
		return nil
	}
	return []apiPath{{"/collections/events/tiles/WebMercatorQuad", apiOp{ID: "getEventTileset", Tag: tagData,
		Summary:   "The events' WebMercatorQuad tileset: its tile URL template, layer and properties",
		Responses: []apiResponse{okResponse("The tileset metadata.", "", mimeJSON), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docTile() []apiPath {
	if s.eventsCollection() == nil {
		return nil
	}
	path := func(name, doc string) apiParam {
		return apiParam{Name: name, In: "path", Required: true, Example: "0", Description: doc, Schema: map[string]any{"type": "integer", "minimum": 0}}
	}
	return []apiPath{{"/collections/events/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}", apiOp{ID: "getEventTile", Tag: tagData,
		Summary: "A vector tile of the events (Mapbox Vector Tile, layer events)",
		Description: fmt.Sprintf("At most %d events one by one, with id, event_type, sub_event_type, date, place_name, "+
			"precision and time_precision; more as points counting the events of each %d-pixel cell (count, "+
			"event_type of the largest family), which keeps a tile small. The items filters but bbox apply. "+
			"Compressed with gzip when the client accepts it; the ETag follows the data.", tileEvents, 256/tileGrid),
		Params: append([]apiParam{path("tileMatrix", fmt.Sprintf("The zoom level, 0 to %d.", news.MaxZoom)),
			path("tileRow", "The row, from the north."), path("tileCol", "The column, from the west.")},
			s.viewFilterParams(false)...),
		Responses: []apiResponse{okResponse("The tile.", "", mimeMVT), respNotChanged, respBad, respNotFound, respFailed}}}}
}

func (s *Server) docTileMatrixSets() []apiPath {
	return []apiPath{{"/tileMatrixSets", apiOp{ID: "getTileMatrixSets", Tag: tagCapabilities,
		Summary:   "The tile matrix sets tiles are served in",
		Responses: []apiResponse{okResponse("The tile matrix sets.", "", mimeJSON), respNotChanged, respBad, respFailed}}}}
}

func (s *Server) docTileMatrixSet() []apiPath {
	return []apiPath{{"/tileMatrixSets/WebMercatorQuad", apiOp{ID: "getTileMatrixSet", Tag: tagCapabilities,
		Summary:   "The WebMercatorQuad tile matrix set (OGC 2D Tile Matrix Set 2.0)",
		Responses: []apiResponse{okResponse("The tile matrix set.", "", mimeJSON), respNotChanged, respBad, respFailed}}}}
}
