package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// route is one GET (and HEAD) endpoint and what the OpenAPI document says
// about it.
type route struct {
	Path    string // echo syntax: /collections/:collectionId
	Handler echo.HandlerFunc
	// Doc returns the API document's paths for this route (a route under
	// /collections/:collectionId gives one path per collection); nil keeps
	// the route out of the document, which only page assets may do.
	Doc func() []apiPath
}

// routes is the whole API on one screen.
func (s *Server) routes() []route {
	return []route{
		// OGC API – Features, Part 1.
		{"/", s.landing, s.docLanding},
		{"/conformance", s.conformance, s.docConformance},
		{"/api", s.apiDocument, s.docAPI},
		{"/collections", s.listCollections, s.docCollections},
		{"/collections/:collectionId", s.describeCollection, s.docCollection},
		{"/collections/:collectionId/items", s.items, s.docItems},
		{"/collections/:collectionId/items/:featureId", s.item, s.docItem},

		// Whole layers: /download/{collection}.geojson and /download/dateline.gpkg.
		{"/download/:file", s.download, s.docDownloads},

		{"/api/places/search", s.searchPlaces, s.docSearch},
		{"/healthz", s.health, s.docHealth},

		// The map page's assets, embedded in the binary (the page itself is
		// what a browser gets at /).
		{"/config.js", s.pageConfig, nil},
		{"/static/*", s.assets(), nil},
	}
}

// register installs the middleware and every route, for GET and HEAD.
func (s *Server) register() {
	e := s.e
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{
		Skipper: func(c echo.Context) bool { return c.Request().URL.Path == "/" },
	}))
	e.Use(middleware.RequestID())
	e.Use(s.requestLog)
	e.Use(middleware.Recover())
	e.Use(middleware.Secure())
	// Anyone may read the data from another origin; writes (the admin API)
	// stay same-origin because preflights allow only GET and HEAD.
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:  []string{"*"},
		AllowMethods:  []string{http.MethodGet, http.MethodHead},
		ExposeHeaders: []string{headerETag, echo.HeaderContentDisposition, echo.HeaderXRequestID, echo.HeaderLastModified},
	}))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Skipper: noGzip}))
	for _, r := range s.routes() {
		e.Match([]string{http.MethodGet, http.MethodHead}, r.Path, r.Handler)
	}
}

// noGzip skips compression for the GeoPackage download, which is served with
// byte ranges, and for requests that do not accept gzip. Every ETag helper
// asks it too, since a compressed body needs a tag of its own.
func noGzip(c echo.Context) bool {
	return strings.HasSuffix(c.Request().URL.Path, ".gpkg") ||
		!strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip")
}
