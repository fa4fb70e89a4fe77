package server

import (
	"bufio"
	"encoding/csv"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"

	"dateline/news"
)

// mimeCSV is RFC 4180's type, with the charset every export uses.
const mimeCSV = "text/csv; charset=utf-8; header=present"

// csvHeader returns the header row of /download/events.csv: ACLED's export
// columns where Dateline has them (event_id_cnty is the event's id, notes
// the sentence it comes from, source the outlet), then Dateline's own.
func csvHeader() []string {
	return []string{"event_id_cnty", "event_date", "date_end", "year", "time_precision", "event_type",
		"sub_event_type", "actor1", "actor2", "location", "place_id", "latitude", "longitude", "geo_precision",
		"source", "source_perspective", "claimed_by", "modality", "notes", "doc", "title", "url", "cluster_id"}
}

// downloadEventsCSV streams the events the filters select as one CSV file
// (RFC 4180: CRLF line ends, quoted where needed, UTF-8, a header row), one
// row per report, as ACLED exports do.
func (s *Server) downloadEventsCSV(c echo.Context, col *collection) error {
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
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": col.ID + ".csv"}))
	if validators(c, entityTag(c, st.Tag, "download-csv", col.ID, canon.Encode()), st.Changed) {
		return c.NoContent(http.StatusNotModified)
	}
	h.Set(echo.HeaderContentType, mimeCSV)
	buf := bufio.NewWriterSize(c.Response(), 64<<10)
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	// As with GeoJSON, the status goes out with the first row or once the
	// query has finished, so a failing query is a problem answer.
	header := csvHeader()
	started := false
	start := func() error {
		if started {
			return nil
		}
		started = true
		c.Response().WriteHeader(http.StatusOK)
		return w.Write(header)
	}
	row := make([]string, len(header))
	_, err = s.deps.News.QueryEvents(ctx, eventQuery(q), func(r *news.EventRecord) error {
		if err := start(); err != nil {
			return err
		}
		return w.Write(csvRow(row, r))
	})
	if err != nil {
		return err
	}
	if err := start(); err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return buf.Flush()
}

// csvRow fills row with an event's values, in csvHeader's order.
func csvRow(row []string, r *news.EventRecord) []string {
	e := &r.Event
	date := func(t time.Time) string {
		if t.IsZero() || e.TimePrecision == 0 {
			return ""
		}
		return t.UTC().Format(time.DateOnly)
	}
	var lat, lon, year string
	if p, ok := r.Point.(orb.Point); ok {
		lon, lat = strconv.FormatFloat(p[0], 'f', -1, 64), strconv.FormatFloat(p[1], 'f', -1, 64)
	}
	if d := date(e.EventDate); d != "" {
		year = d[:4]
	}
	outlet := r.OutletName
	if outlet == "" {
		outlet = e.Outlet
	}
	persp := string(e.Perspective)
	if persp == "" {
		persp = news.PerspectiveUnknown
	}
	modality := string(e.Modality)
	if modality == "" {
		modality = string(news.Reported)
	}
	t := inert
	copy(row, []string{e.ID, date(e.EventDate), date(e.DateEnd), year, strconv.Itoa(int(e.TimePrecision)),
		string(e.EventType), string(e.SubEventType), t(e.Actor1), t(e.Actor2), t(e.PlaceName), t(e.PlaceID), lat, lon,
		strconv.Itoa(e.GeoPrecision), t(outlet), persp, t(e.Source), modality, t(e.Sentence), t(e.Doc), t(r.Title),
		t(r.URL), r.ClusterID})
	return row
}

// inert keeps a text cell from being run as a formula by the spreadsheet
// that opens the file (an article's sentence or title starting with "=",
// "+", "-", "@", a tab or a carriage return): such a cell gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
