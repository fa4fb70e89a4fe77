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

		// The map at archive scale: clusters and histogram of a view, and
		// OGC API – Tiles (vector tiles) of the events.
		{"/collections/:collectionId/aggregate", s.aggregate, s.docAggregate},
		{"/collections/:collectionId/histogram", s.histogram, s.docHistogram},
		{"/collections/:collectionId/tiles", s.tilesets, s.docTilesets},
		{"/collections/:collectionId/tiles/:tileMatrixSetId", s.tilesetMetadata, s.docTileset},
		{"/collections/:collectionId/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol", s.tile, s.docTile},
		{"/tileMatrixSets", s.tileMatrixSets, s.docTileMatrixSets},
		{"/tileMatrixSets/:tileMatrixSetId", s.tileMatrixSet, s.docTileMatrixSet},

		// Whole layers: /download/{collection}.geojson and /download/dateline.gpkg.
		{"/download/:file", s.download, s.docDownloads},

		{"/api/documents", s.listDocuments, s.docDocuments},
		{"/api/documents/history", s.documentHistory, s.docDocumentHistory},
		{"/api/documents/:id", s.getDocument, s.docDocument},
		{"/api/places/search", s.searchPlaces, s.docSearch},
		{"/api/places/changes", s.recentChanges, s.docChanges},
		{"/api/places/unlocated", s.unlocatedPlaces, s.docUnlocated},
		{"/api/places/:featureId/history", s.placeHistory, s.docHistory},
		{"/healthz", s.health, s.docHealth},

		// Admin: the page, the session's CSRF token, re-geoparsing progress.
		{"/admin", s.adminPage, s.docAdminPage},
		{"/api/admin/session", s.sessionInfo, s.docSession},
		{"/api/admin/reindex", s.reindexState, s.docReindex},
		{"/api/feeds", s.listFeeds, s.docFeeds},

		// The map page's assets, embedded in the binary (the page itself is
		// what a browser gets at /).
		{"/config.js", s.pageConfig, nil},
		{"/favicon.ico", s.favicon, nil},
		{"/static/*", s.assets(), nil},
	}
}

// writeRoute is one endpoint that changes something. Unless Public, it
// needs an admin session and that session's CSRF token (requireAdmin).
type writeRoute struct {
	Method, Path string
	Handler      echo.HandlerFunc
	Public       bool
}

// writeRoutes are the changing endpoints; the gazetteer's follow OGC API –
// Features Part 4 (only the places collection accepts them).
func (s *Server) writeRoutes() []writeRoute {
	return []writeRoute{
		{Method: http.MethodPost, Path: "/api/geoparse", Handler: s.geoparse, Public: true},
		{Method: http.MethodPost, Path: "/api/admin/login", Handler: s.login, Public: true},
		{Method: http.MethodPost, Path: "/api/admin/logout", Handler: s.logout},
		{Method: http.MethodPost, Path: "/collections/:collectionId/items", Handler: s.createPlace},
		{Method: http.MethodPut, Path: "/collections/:collectionId/items/:featureId", Handler: s.replacePlace},
		{Method: http.MethodPatch, Path: "/collections/:collectionId/items/:featureId", Handler: s.patchPlace},
		{Method: http.MethodDelete, Path: "/collections/:collectionId/items/:featureId", Handler: s.deletePlace},
		{Method: http.MethodPost, Path: "/api/places/:featureId/restore", Handler: s.restorePlace},
		{Method: http.MethodPost, Path: "/api/documents", Handler: s.addDocument},
		{Method: http.MethodPost, Path: "/api/documents/preview", Handler: s.previewDocument},
		{Method: http.MethodDelete, Path: "/api/documents/:id", Handler: s.deleteDocument},
		{Method: http.MethodPost, Path: "/api/documents/:id/restore", Handler: s.restoreDocument},
		{Method: http.MethodPost, Path: "/api/documents/:id/merge", Handler: s.mergeDocument},
		{Method: http.MethodPost, Path: "/api/feeds", Handler: s.addFeed},
		{Method: http.MethodDelete, Path: "/api/feeds/:id", Handler: s.removeFeed},
		{Method: http.MethodPost, Path: "/api/feeds/:id/poll", Handler: s.pollFeed},
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
	e.Use(checkQuery)
	secure := middleware.DefaultSecureConfig
	secure.ContentSecurityPolicy = pageCSP(s.cfg.TileURL)
	e.Use(middleware.SecureWithConfig(secure))
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
	for _, r := range s.writeRoutes() {
		h := r.Handler
		if !r.Public {
			h = s.requireAdmin(h)
		}
		e.Add(r.Method, r.Path, h)
	}
}

// noGzip skips compression for the GeoPackage download, which is served with
// byte ranges, and for requests that do not accept gzip. Every ETag helper
// asks it too, since a compressed body needs a tag of its own.
func noGzip(c echo.Context) bool {
	return strings.HasSuffix(c.Request().URL.Path, ".gpkg") ||
		!strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip")
}
