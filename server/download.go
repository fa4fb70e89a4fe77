package server

import (
	"bufio"
	"context"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/geo/gpkg"
)

// exportName is the file name of the GeoPackage download.
const exportName = "dateline.gpkg"

// download serves /download/{collection}.geojson, /download/events.csv and
// /download/dateline.gpkg.
func (s *Server) download(c echo.Context) error {
	file := c.Param("file")
	if file == exportName {
		return s.downloadGeoPackage(c)
	}
	if id, ok := strings.CutSuffix(file, ".csv"); ok {
		col, err := s.collection(id)
		if err != nil {
			return err
		}
		if col.ID != "events" {
			return notFound(fmt.Sprintf("there is no download %q: only events.csv is given as CSV", file))
		}
		return s.downloadEventsCSV(c, col)
	}
	id, ok := strings.CutSuffix(file, ".geojson")
	if !ok {
		return notFound(fmt.Sprintf("there is no download %q: /download/{collection}.geojson, /download/events.csv or /download/%s", file, exportName))
	}
	col, err := s.collection(id)
	if err != nil {
		return err
	}
	return s.downloadGeoJSON(c, col)
}

// downloadGeoJSON streams every feature of a collection that the filters
// select as one FeatureCollection, never holding the layer in memory.
func (s *Server) downloadGeoJSON(c echo.Context, col *collection) error {
	q, canon, err := parseItems(c, col, false)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	st, err := col.State(ctx)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": col.ID + ".geojson"}))
	if validators(c, entityTag(c, st.Tag, "download", col.ID, canon.Encode()), st.Changed) {
		return c.NoContent(http.StatusNotModified)
	}
	h.Set(echo.HeaderContentType, mimeGeoJSON)

	// The status goes out with the first feature, or once the query has
	// finished: a query that fails before any row is a problem answer, never
	// a 200 with an empty body.
	w := bufio.NewWriterSize(c.Response(), 64<<10)
	started := false
	start := func() {
		if !started {
			started = true
			c.Response().WriteHeader(http.StatusOK)
			fmt.Fprintf(w, `{"type":"FeatureCollection","name":%q,"features":[`, col.ID)
		}
	}
	n := 0
	var buf []byte
	matched, err := col.Items(ctx, q, func(ft *feature) error {
		start()
		if n > 0 {
			w.WriteByte(',')
		}
		n++
		var err error
		if buf, err = appendFeature(buf[:0], toGeoJSON(ft)); err != nil {
			return err
		}
		buf = append(buf, '\n')
		_, err = w.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	start()
	fmt.Fprintf(w, `],"numberMatched":%d,"numberReturned":%d,"timeStamp":%q}`+"\n",
		matched, n, st.Changed.UTC().Format(time.RFC3339))
	return w.Flush()
}

// exportFile returns the standalone GeoPackage for the data state tag,
// building it only when the last one was built from another state. Builds
// run one at a time; the file is opened before the slot is given back, so a
// later rebuild that removes it does not cut a download short.
func (s *Server) exportFile(ctx context.Context, tag string, layers []gpkg.Layer) (*os.File, error) {
	select {
	case s.exports <- struct{}{}:
		defer func() { <-s.exports }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if s.export.tag != tag || s.export.dir == "" {
		dir, err := os.MkdirTemp("", "dateline-export-*")
		if err != nil {
			return nil, fmt.Errorf("server: export: %w", err)
		}
		if err := gpkg.Export(ctx, filepath.Join(dir, exportName), layers); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("server: export: %w", err)
		}
		if s.export.dir != "" {
			os.RemoveAll(s.export.dir)
		}
		s.export.tag, s.export.dir = tag, dir
	}
	f, err := os.Open(filepath.Join(s.export.dir, exportName))
	if err != nil {
		return nil, fmt.Errorf("server: export: %w", err)
	}
	return f, nil
}

// downloadGeoPackage serves a standalone GeoPackage of every collection with
// a Layer (with byte ranges, for resumed downloads), built again only when
// the data has changed since the last one. Its ETag follows the data versions of those collections, so a
// client that has the current file is told so without a new build.
func (s *Server) downloadGeoPackage(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	ctx := c.Request().Context()
	var (
		layers  []gpkg.Layer
		parts   = []string{"gpkg"}
		changed time.Time
	)
	for _, col := range s.collections {
		if col.Layer == nil {
			continue
		}
		st, err := col.State(ctx)
		if err != nil {
			return err
		}
		parts = append(parts, col.ID, st.Tag)
		if st.Changed.After(changed) {
			changed = st.Changed
		}
		layers = append(layers, col.Layer(ctx))
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": exportName}))
	if validators(c, entityTag(c, parts...), changed) {
		return c.NoContent(http.StatusNotModified)
	}
	h.Set(echo.HeaderContentType, mimeGPKG)
	if c.Request().Method == http.MethodHead {
		// The headers are known without building the file; its length is not.
		return c.NoContent(http.StatusOK)
	}

	f, err := s.exportFile(ctx, strings.Join(parts, "\x00"), layers)
	if err != nil {
		return err
	}
	defer f.Close()
	http.ServeContent(c.Response(), c.Request(), exportName, changed, f)
	return nil
}
