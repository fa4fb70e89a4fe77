// Package server adapts the gazetteer and news cores to HTTP with echo: one
// routes table, thin handlers, one error handler writing RFC 7807 problems,
// and an OGC API – Features endpoint over the feature collections.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/news"
	"dateline/news/feeds"
)

// Config holds the server's settings (cmd builds it from flags and env).
type Config struct {
	// TileURL is a raster basemap's URL template ("https://tiles.example.org/{z}/{x}/{y}.png");
	// empty: no tile layer, and no request leaves the server (the pages draw
	// the embedded vector basemap). TileAttribution is shown with the tiles.
	TileURL         string
	TileAttribution string
	// BaseURL is the scheme and host the API's absolute links start with,
	// e.g. "https://dateline.example.org"; empty means the request's own.
	BaseURL string
	// AdminPassword sets the admin account's password at start; empty keeps
	// the stored one, or generates one on first start and logs it once.
	AdminPassword string
	// TrustedProxies are the addresses or CIDR ranges of reverse proxies
	// whose X-Forwarded-For is believed for the client's address (sign-in
	// limits, logs). Empty: the peer's address is the client's.
	TrustedProxies []string
	// GeoparseSlots is how many POST /api/geoparse requests run at once
	// (0: DefaultGeoparseSlots); the others get 429 with Retry-After.
	GeoparseSlots int
	// IntakeSlots is how many article previews, page fetches and feed polls
	// of the admin API run at once (0: DefaultIntakeSlots); the others get 429.
	IntakeSlots int
}

// DefaultGeoparseSlots is how many public geoparse requests run at once by
// default: each may hold a few hundred megabytes at the input limit.
const DefaultGeoparseSlots = 2

// Deps are the cores and files the server adapts.
type Deps struct {
	Places *gazetteer.Store
	// News holds documents, mentions, events and clusters.
	News *news.Store
	// Geoparser is the live name index, rebuilt after gazetteer edits.
	Geoparser *gazetteer.Live
	// Ingester parses, geoparses and stores articles (POST /api/documents,
	// re-geoparsing after an edit).
	Ingester *news.Ingester
	// Pages fetches article pages for POST /api/documents {"url": ...};
	// nil: only texts are taken.
	Pages PageFetcher
	// Feeds are the feeds followed and Poller polls one now (/api/feeds);
	// nil: the server follows none.
	Feeds  *feeds.Store
	Poller FeedPoller
	Static fs.FS
	Logger *slog.Logger
}

// Server is the HTTP face of Dateline.
type Server struct {
	cfg         Config
	deps        Deps
	e           *echo.Echo
	log         *slog.Logger
	pages       map[string]*template.Template
	collections []*collection
	extents     *extentCache
	exports     chan struct{} // a slot per GeoPackage export that may run at once
	// export is the last GeoPackage built, reused while the data it was built
	// from is unchanged; only read or written while holding an exports slot.
	export  struct{ tag, dir string }
	auth    *auth      // admin sessions and sign-in limits
	reindex *reindexer // re-geoparsing after gazetteer edits
	// geoparseSlots bounds the public geoparse requests running at once.
	geoparseSlots limiter
	// intakeSlots bounds the admin's previews, page fetches and feed polls.
	intakeSlots limiter
	// mapSlots bounds the aggregation, histogram and tile requests running at once.
	mapSlots limiter
	counts   placeCounts // for /healthz
}

// ipExtractor returns how the client's address is found: the peer's, or
// from X-Forwarded-For when the peer is a trusted proxy. Only the ranges
// given are trusted (not loopback or private networks by default, which
// echo would otherwise trust).
func ipExtractor(proxies []string) (echo.IPExtractor, error) {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect(), nil
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range proxies {
		p = strings.TrimSpace(p)
		if !strings.Contains(p, "/") {
			if ip := net.ParseIP(p); ip != nil {
				bits := 32
				if ip.To4() == nil {
					bits = 128
				}
				p = fmt.Sprintf("%s/%d", p, bits)
			}
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("server: trusted proxy %q is not an IP address or CIDR range", p)
		}
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...), nil
}

// New builds the server and its routes.
func New(ctx context.Context, cfg Config, deps Deps) (*Server, error) {
	if deps.Places == nil || deps.Static == nil {
		return nil, errors.New("server: Places and Static are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	extract, err := ipExtractor(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	if cfg.GeoparseSlots <= 0 {
		cfg.GeoparseSlots = DefaultGeoparseSlots
	}
	if cfg.IntakeSlots <= 0 {
		cfg.IntakeSlots = DefaultIntakeSlots
	}
	e := echo.New()
	e.IPExtractor = extract
	e.HideBanner = true
	e.HidePort = true
	e.Debug = false
	s := &Server{cfg: cfg, deps: deps, e: e, log: deps.Logger, pages: pages, extents: newExtentCache(),
		exports: make(chan struct{}, 1), geoparseSlots: newLimiter(cfg.GeoparseSlots),
		intakeSlots: newLimiter(cfg.IntakeSlots), mapSlots: newLimiter(mapSlots)}
	s.collections = s.newCollections()
	e.HTTPErrorHandler = s.handleError
	if err := s.startAdmin(ctx); err != nil {
		return nil, err
	}
	s.register()
	return s, nil
}

// Handler returns the http.Handler serving every route.
func (s *Server) Handler() http.Handler { return s.e }
