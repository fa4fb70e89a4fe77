package server

import (
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
)

func (s *Server) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("method", c.Request().Method), slog.String("path", c.Request().URL.Path),
			slog.Int("status", c.Response().Status), slog.Duration("took", time.Since(start)),
			slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)))
		return nil
	}
}

// health answers /healthz from one single-row read (the gazetteer's data
// version): the place counts are counted again only after a change, so a
// load balancer polling it costs next to nothing.
func (s *Server) health(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := s.deps.Places.DataVersion(ctx)
	if err != nil {
		return err
	}
	all, curated, err := s.counts.get(ctx, v, s.deps.Places.Count)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, map[string]any{"status": "ok", "places": all, "curated_places": curated})
}

// placeCounts keeps the gazetteer's place counts for one data version.
type placeCounts struct {
	mu           sync.Mutex
	version      int64
	known        bool
	all, curated int
}

func (pc *placeCounts) get(ctx context.Context, version int64, count func(context.Context) (int, int, error)) (int, int, error) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !pc.known || pc.version != version {
		all, curated, err := count(ctx)
		if err != nil {
			return 0, 0, err
		}
		pc.version, pc.known, pc.all, pc.curated = version, true, all, curated
	}
	return pc.all, pc.curated, nil
}

// placeHit is one answer of the place search (autocomplete).
type placeHit struct {
	ID      string           `json:"id"`
	Name    string           `json:"name"`
	Kind    gazetteer.Kind   `json:"kind"`
	Country string           `json:"country,omitempty"`
	Names   []gazetteer.Name `json:"names"`
	Lon     *float64         `json:"lon,omitempty"`
	Lat     *float64         `json:"lat,omitempty"`
}

func (s *Server) searchPlaces(c echo.Context) error {
	if err := onlyParams(c, "q", "limit"); err != nil {
		return err
	}
	q := c.QueryParam("q")
	if q == "" {
		return badRequest("q", "parameter q (the name to look for) is required")
	}
	limit := 10
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return badRequest("limit", "limit must be a whole number from 1 to 100")
		}
		limit = n
	}
	found, err := s.deps.Places.Search(c.Request().Context(), q, limit)
	if err != nil {
		return err
	}
	out := make([]placeHit, 0, len(found))
	for _, p := range found {
		h := placeHit{ID: p.ID, Name: p.Name, Kind: p.Kind, Country: p.Country, Names: p.Names}
		if pt, ok := gazetteer.PointOf(p); ok {
			lon, lat := pt.Lon(), pt.Lat()
			h.Lon, h.Lat = &lon, &lat
		}
		out = append(out, h)
	}
	return c.JSON(http.StatusOK, out)
}

// mapPage serves the map, the embedded index.html.
func (s *Server) mapPage(c echo.Context) error {
	b, err := fs.ReadFile(s.deps.Static, "index.html")
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	return c.HTMLBlob(http.StatusOK, b)
}

// favicon serves the pages' icon, an SVG, where browsers look for one.
func (s *Server) favicon(c echo.Context) error {
	b, err := fs.ReadFile(s.deps.Static, "favicon.svg")
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=86400")
	return c.Blob(http.StatusOK, "image/svg+xml", b)
}

// pageConfig hands the page its settings as a script, so the HTML stays static.
func (s *Server) pageConfig(c echo.Context) error {
	b, err := json.Marshal(map[string]string{"tileURL": s.cfg.TileURL, "tileAttribution": s.cfg.TileAttribution})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", append(append([]byte("window.DATELINE_CONFIG = "), b...), ';', '\n'))
}

func (s *Server) assets() echo.HandlerFunc {
	h := http.StripPrefix("/static/", http.FileServer(http.FS(s.deps.Static)))
	return echo.WrapHandler(h)
}
