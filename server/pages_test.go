package server

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"dateline/static"
)

// The pages' own files: the favicon both pages link, and the settings that
// keep the map offline unless a tile server is configured.
func TestFaviconAndOfflineConfig(t *testing.T) {
	env := newAdminEnvWith(t, func(d *Deps, _ *sql.DB) { d.Static = static.FS() })
	rec := env.get(t, "/favicon.ico")
	if rec.Code != http.StatusOK || rec.Header().Get(echo.HeaderContentType) != "image/svg+xml" ||
		!strings.HasPrefix(rec.Body.String(), "<svg") {
		t.Fatalf("/favicon.ico: %d %q %.40q", rec.Code, rec.Header().Get(echo.HeaderContentType), rec.Body.String())
	}
	for _, page := range []string{"/", "/admin"} {
		rec := env.get(t, page, echo.HeaderAccept, "text/html")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<link rel="icon" href="/favicon.ico" type="image/svg+xml">`) {
			t.Errorf("%s: %d, no icon link", page, rec.Code)
		}
	}
	rec = env.get(t, "/config.js")
	body := strings.TrimSuffix(strings.TrimPrefix(rec.Body.String(), "window.DATELINE_CONFIG = "), ";\n")
	var cfg map[string]string
	if err := json.Unmarshal([]byte(body), &cfg); err != nil {
		t.Fatalf("/config.js %q: %v", rec.Body.String(), err)
	}
	if cfg["tileURL"] != "" || cfg["tileAttribution"] != "" {
		t.Errorf("a tile server is configured by default: %v", cfg)
	}
}
