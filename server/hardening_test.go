package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
)

// The regression tests of the adversarial probe (issue 11): each one sends
// what the attacker or the careless client sent, over a real connection to
// the real server on a real GeoPackage file.

// liveEnv is an adminEnv served over loopback.
type liveEnv struct {
	*adminEnv
	ts *httptest.Server
}

func newLiveEnv(t *testing.T) *liveEnv {
	t.Helper()
	env := newAdminEnv(t)
	ts := httptest.NewServer(env.h)
	t.Cleanup(ts.Close)
	return &liveEnv{adminEnv: env, ts: ts}
}

// call sends a request to the live server; headers come in name, value
// pairs. Signed in, it carries the session cookie and the CSRF token.
func (e *liveEnv) call(t *testing.T, method, path, body string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if e.cookie != "" {
		req.Header.Set("Cookie", e.cookie)
		req.Header.Set(headerCSRF, e.csrf)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// liveTag GETs a place over the live connection and returns its ETag.
func (e *liveEnv) liveTag(t *testing.T, id string) (string, placeResp) {
	t.Helper()
	resp, b := e.call(t, http.MethodGet, "/collections/places/items/"+id, "", echo.HeaderAcceptEncoding, "gzip")
	var p placeResp
	if resp.StatusCode != http.StatusOK || json.Unmarshal(ungzipBytes(t, resp, b), &p) != nil {
		t.Fatalf("GET %s: %d", id, resp.StatusCode)
	}
	return resp.Header.Get(headerETag), p
}

func ungzipBytes(t *testing.T, resp *http.Response, b []byte) []byte {
	t.Helper()
	if resp.Header.Get(echo.HeaderContentEncoding) != "gzip" {
		return b
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// problemOf decodes a problem body and checks its status and field.
func problemOf(t *testing.T, resp *http.Response, body []byte, status int, field string) Problem {
	t.Helper()
	var p Problem
	if resp.StatusCode != status || json.Unmarshal(body, &p) != nil || p.Field != field || p.Detail == "" {
		t.Fatalf("got %d %s; want a %d problem naming %q", resp.StatusCode, body, status, field)
	}
	return p
}

func (e *liveEnv) placeCount(t *testing.T) int {
	t.Helper()
	var n int
	if err := e.db.(*sql.DB).QueryRowContext(context.Background(), `SELECT count(*) FROM places`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// 1. Public geoparse is bounded in input, concurrency and output.
func TestProbeGeoparseIsBounded(t *testing.T) {
	e := newLiveEnv(t)
	over := strings.Repeat("Stepanakert ", GeoparseLimit/12+1)
	resp, body := e.call(t, http.MethodPost, "/api/geoparse", over, echo.HeaderContentType, echo.MIMETextPlain)
	p := problemOf(t, resp, body, http.StatusRequestEntityTooLarge, "")
	if !strings.Contains(p.Detail, strconv.Itoa(GeoparseLimit)) {
		t.Errorf("the 413 does not name the limit: %q", p.Detail)
	}

	// Every slot taken: the next request is told to come back.
	for range cap(e.srv.geoparseSlots) {
		e.srv.geoparseSlots <- struct{}{}
	}
	resp, body = e.call(t, http.MethodPost, "/api/geoparse", "Stepanakert", echo.HeaderContentType, echo.MIMETextPlain)
	problemOf(t, resp, body, http.StatusTooManyRequests, "")
	if resp.Header.Get(echo.HeaderRetryAfter) == "" {
		t.Error("429 without Retry-After")
	}
	for range cap(e.srv.geoparseSlots) {
		<-e.srv.geoparseSlots
	}

	// The largest text there is: answered, streamed rather than built whole.
	most := strings.Repeat("Stepanakert ", GeoparseLimit/12)
	resp, body = e.call(t, http.MethodPost, "/api/geoparse", most, echo.HeaderContentType, echo.MIMETextPlain)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the largest text: %d %.200s", resp.StatusCode, body)
	}
	if resp.ContentLength != -1 {
		t.Errorf("Content-Length %d: the answer was built whole before it was sent", resp.ContentLength)
	}
	var fc struct{ Features []json.RawMessage }
	if err := json.Unmarshal(body, &fc); err != nil || len(fc.Features) != GeoparseLimit/12 {
		t.Errorf("features: %d (%v), want one per name", len(fc.Features), err)
	}
}

// 2. Of concurrent posts of different texts under one name exactly one is
// stored, and it is the one the 201 answered.
func TestProbeConcurrentDocumentsUnderOneName(t *testing.T) {
	e := newLiveEnv(t)
	e.signIn(t)
	const n = 10
	var wg sync.WaitGroup
	status := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("Report %d: the road to Stepanakert was closed on %d May 2023.", i, i+1)
			resp, _ := e.call(t, http.MethodPost, "/api/documents?name=race.txt", text, echo.HeaderContentType, echo.MIMETextPlain)
			status[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	winner, created, conflicts := -1, 0, 0
	for i, s := range status {
		switch s {
		case http.StatusCreated:
			created++
			winner = i
		case http.StatusConflict:
			conflicts++
		}
	}
	if created != 1 || conflicts != n-1 {
		t.Fatalf("statuses %v: want one 201 and %d 409", status, n-1)
	}
	_, body := e.call(t, http.MethodGet, "/api/documents/race.txt", "")
	var doc struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || !strings.Contains(doc.Text, fmt.Sprintf("Report %d:", winner)) {
		t.Errorf("stored %q, want report %d, which got the 201", doc.Text, winner)
	}
}

// 3. Empty and short positions, and values out of range, are refused
// naming the geometry; nothing lands on (0, 0).
func TestProbeEmptyPositionsAreRefused(t *testing.T) {
	e := newLiveEnv(t)
	e.signIn(t)
	before := e.placeCount(t)
	for name, geom := range map[string]string{
		"empty point":             `{"type": "Point", "coordinates": []}`,
		"short point":             `{"type": "Point", "coordinates": [46]}`,
		"multipoint of nothing":   `{"type": "MultiPoint", "coordinates": [[]]}`,
		"line of empty positions": `{"type": "LineString", "coordinates": [[], []]}`,
		"line with an empty end":  `{"type": "LineString", "coordinates": [[46, 40], []]}`,
		"empty polygon ring":      `{"type": "Polygon", "coordinates": [[]]}`,
		"latitude out of range":   `{"type": "Point", "coordinates": [46, 91]}`,
		"string coordinate":       `{"type": "Point", "coordinates": ["46", 40]}`,
		"no coordinates":          `{"type": "Point"}`,
	} {
		t.Run(name, func(t *testing.T) {
			body := `{"type": "Feature", "geometry": ` + geom + `, "properties": {"name": "Null Island", "kind": "settlement",
				"names": [{"text": "Null Island", "lang": "en", "usage": "official"}]}}`
			resp, b := e.call(t, http.MethodPost, "/collections/places/items", body, echo.HeaderContentType, mimeGeoJSON)
			problemOf(t, resp, b, http.StatusBadRequest, "geometry")
		})
	}
	if after := e.placeCount(t); after != before {
		t.Errorf("places: %d before, %d after", before, after)
	}
}

// zigzag is a valid ring of about n vertices whose segments all overlap in
// longitude: the worst case of a sweep by x.
func zigzag(n int) string {
	var b strings.Builder
	b.WriteString("[[")
	half := n / 2
	for i := range half {
		x := 46.0
		if i%2 == 1 {
			x = 47.0
		}
		fmt.Fprintf(&b, "[%g, %g],", x, 39.0+float64(i)*1e-4)
	}
	top := 39.0 + float64(half)*1e-4
	fmt.Fprintf(&b, "[47.5, %g], [47.5, 38.9], [45.5, 38.9], [45.5, %g], [46, 39]]]", top, top)
	return b.String()
}

// 4. A hostile ring is refused by its size, before any quadratic work; one
// within the limit is checked and stored.
func TestProbeLongRingsAreBounded(t *testing.T) {
	e := newLiveEnv(t)
	e.signIn(t)
	feature := func(id string, vertices int) string {
		return `{"type": "Feature", "id": "` + id + `", "geometry": {"type": "Polygon", "coordinates": ` + zigzag(vertices) +
			`}, "properties": {"name": "Zigzag", "kind": "region", "names": [{"text": "Zigzag", "lang": "en", "usage": "official"}]}}`
	}
	resp, b := e.call(t, http.MethodPost, "/collections/places/items", feature("zig-large", 20000), echo.HeaderContentType, mimeGeoJSON)
	p := problemOf(t, resp, b, http.StatusBadRequest, "geometry")
	if !strings.Contains(p.Detail, strconv.Itoa(gazetteer.MaxVertices)) {
		t.Errorf("the refusal does not name the limit: %q", p.Detail)
	}
	resp, b = e.call(t, http.MethodPost, "/collections/places/items", feature("zig-small", 2000), echo.HeaderContentType, mimeGeoJSON)
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("a valid 2,000-vertex ring: %d %.300s", resp.StatusCode, b)
	}
}

// 5. Only wrong passwords count, per client address; X-Forwarded-For is
// believed from configured proxies only.
func TestProbeSignInLimit(t *testing.T) {
	e := newLiveEnv(t)
	login := func(password string, headers ...string) int {
		body := `{"password": ` + strconv.Quote(password) + `}`
		resp, _ := e.call(t, http.MethodPost, "/api/admin/login", body, append([]string{echo.HeaderContentType, echo.MIMEApplicationJSON}, headers...)...)
		return resp.StatusCode
	}
	// Junk without a password, many times over: it does not count.
	for range 3 * freeLoginTries {
		e.call(t, http.MethodPost, "/api/admin/login", "password=x", echo.HeaderContentType, "application/x-www-form-urlencoded")
		e.call(t, http.MethodPost, "/api/admin/login", `{"password": ""}`, echo.HeaderContentType, echo.MIMEApplicationJSON)
		e.call(t, http.MethodPost, "/api/admin/login", `{"pw": 1}`, echo.HeaderContentType, echo.MIMEApplicationJSON)
	}
	if got := login(testPassword); got != http.StatusOK {
		t.Fatalf("the right password after passwordless junk: %d", got)
	}
	// Wrong passwords lock out their address; a forged X-Forwarded-For does
	// not escape it when no proxy is trusted.
	for i := range freeLoginTries {
		login("wrong", echo.HeaderXForwardedFor, "203.0.113."+strconv.Itoa(i))
	}
	if got := login(testPassword, echo.HeaderXForwardedFor, "198.51.100.7"); got != http.StatusTooManyRequests {
		t.Errorf("a new X-Forwarded-For from an untrusted peer escaped the limit: %d", got)
	}

	// Behind a trusted proxy (loopback here) the client's address decides:
	// an attacker locks out only itself.
	proxied := newAdminEnv(t)
	srv, err := New(context.Background(), Config{AdminPassword: testPassword, TrustedProxies: []string{"127.0.0.1", "::1"}},
		Deps{Places: proxied.store, News: proxied.news, Geoparser: proxied.live, Ingester: proxied.srv.deps.Ingester, Static: proxied.srv.deps.Static})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e2 := &liveEnv{adminEnv: proxied, ts: ts}
	login2 := func(password, client string) int {
		body := `{"password": ` + strconv.Quote(password) + `}`
		resp, _ := e2.call(t, http.MethodPost, "/api/admin/login", body, echo.HeaderContentType, echo.MIMEApplicationJSON,
			echo.HeaderXForwardedFor, client)
		return resp.StatusCode
	}
	for range freeLoginTries + 1 {
		login2("wrong", "203.0.113.66")
	}
	if got := login2(testPassword, "203.0.113.66"); got != http.StatusTooManyRequests {
		t.Errorf("the attacker's own address: %d, want 429", got)
	}
	if got := login2(testPassword, "198.51.100.1"); got != http.StatusOK {
		t.Errorf("the admin behind the same proxy: %d, want 200", got)
	}
	if _, err := New(context.Background(), Config{TrustedProxies: []string{"not-an-address"}},
		Deps{Places: proxied.store, Static: proxied.srv.deps.Static}); err == nil {
		t.Error("a malformed trusted proxy was accepted")
	}
}

// 6. Too many filter values, or a query Go cannot read, is a 400 naming
// the parameter; a download never answers 200 with an empty body.
func TestProbeFilterValuesAreBounded(t *testing.T) {
	e := newLiveEnv(t)
	many := make([]string, MaxFilterValues+1)
	for i := range many {
		many[i] = "p" + strconv.Itoa(i)
	}
	list := strings.Join(many, ",")
	for _, path := range []string{"/collections/events/items?place_id=", "/collections/mentions/items?place_id=",
		"/download/events.geojson?place_id=", "/download/mentions.geojson?place_id=", "/collections/events/items?outlet="} {
		t.Run(path, func(t *testing.T) {
			resp, b := e.call(t, http.MethodGet, path+list, "")
			name := strings.TrimSuffix(path[strings.Index(path, "?")+1:], "=")
			problemOf(t, resp, b, http.StatusBadRequest, name)
		})
	}
	repeated := strings.Repeat("place_id=lachin&", 40000)
	for _, path := range []string{"/collections/events/items?", "/download/events.geojson?", "/collections/places/items?"} {
		resp, b := e.call(t, http.MethodGet, path+repeated, "")
		problemOf(t, resp, b, http.StatusBadRequest, "query")
	}
	resp, b := e.call(t, http.MethodGet, "/collections/events/items?limit=1;offset=2", "")
	problemOf(t, resp, b, http.StatusBadRequest, "query")
	resp, b = e.call(t, http.MethodGet, "/collections/events/items?place_id=%zz", "")
	problemOf(t, resp, b, http.StatusBadRequest, "query")
}

// 7 and 8. Text is valid UTF-8 without control characters, whatever the
// path; a JSON body is one value and nothing after it.
func TestProbeTextAndJSONBodies(t *testing.T) {
	e := newLiveEnv(t)
	placeWith := func(name string) string {
		return `{"type": "Feature", "id": "odd", "geometry": {"type": "Point", "coordinates": [46.5, 39.6]}, "properties": {"name": "Odd",
			"kind": "settlement", "names": [{"text": "` + name + `", "lang": "en", "usage": "official"}]}}`
	}
	feature := placeWith("Odd")
	tests := []struct {
		name, method, path, body, ctype string
		status                          int
		field                           string
	}{
		{"a name with a bad byte", http.MethodPost, "/collections/places/items", placeWith("Odd\xff"), mimeGeoJSON, 400, "properties.names[0].text"},
		{"a name with NUL", http.MethodPost, "/collections/places/items", placeWith(`Odd\u0000`), mimeGeoJSON, 400, "properties.names[0].text"},
		{"a name with BEL", http.MethodPost, "/collections/places/items", placeWith(`Odd\u0007`), mimeGeoJSON, 400, "properties.names[0].text"},
		{"a feature and garbage", http.MethodPost, "/collections/places/items", feature + " garbage", mimeGeoJSON, 400, ""},
		{"two features", http.MethodPost, "/collections/places/items", feature + feature, mimeGeoJSON, 400, ""},
		{"a document with a bad byte (JSON)", http.MethodPost, "/api/documents", "{\"name\": \"a.txt\", \"text\": \"Lachin \xfe\"}", echo.MIMEApplicationJSON, 400, "text"},
		{"a document with NUL (JSON)", http.MethodPost, "/api/documents", `{"name": "a.txt", "text": "Lachin \u0000"}`, echo.MIMEApplicationJSON, 400, "text"},
		{"a document with BEL (text)", http.MethodPost, "/api/documents?name=a.txt", "Lachin \a closed", echo.MIMETextPlain, 400, "text"},
		{"a document with a bad byte (text)", http.MethodPost, "/api/documents?name=a.txt", "Lachin \xff closed", echo.MIMETextPlain, 400, "text"},
		{"a document and garbage", http.MethodPost, "/api/documents", `{"name": "a.txt", "text": "Lachin"} garbage`, echo.MIMEApplicationJSON, 400, ""},
		{"a restore and garbage", http.MethodPost, "/api/places/lachin/restore", `{"version": 1} {"version": 2}`, echo.MIMEApplicationJSON, 400, ""},
	}
	e.signIn(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			headers := []string{echo.HeaderContentType, tc.ctype}
			if strings.Contains(tc.path, "restore") {
				tag, _ := e.liveTag(t, "lachin")
				headers = append(headers, headerIfMatch, tag)
			}
			resp, b := e.call(t, tc.method, tc.path, tc.body, headers...)
			problemOf(t, resp, b, tc.status, tc.field)
		})
	}
	if _, err := e.store.GetAny(context.Background(), "odd"); err == nil {
		t.Error("a refused place was stored")
	}
	if n, _, _, _, _ := e.news.Counts(context.Background()); n != len(adminDocs) {
		t.Errorf("documents: %d, want the %d the env started with", n, len(adminDocs))
	}
	// Sign-in with trailing data is refused too (signed out, it is the only door).
	e.cookie = ""
	resp, b := e.call(t, http.MethodPost, "/api/admin/login", `{"password": "`+testPassword+`"} x`, echo.HeaderContentType, echo.MIMEApplicationJSON)
	problemOf(t, resp, b, http.StatusBadRequest, "")
}

// 9. If-Match is compared strongly and whole.
func TestProbeIfMatchIsStrong(t *testing.T) {
	e := newLiveEnv(t)
	e.signIn(t)
	tag, cur := e.liveTag(t, "lachin")
	version := strconv.FormatInt(cur.Properties.Version, 10)
	patch := `{"properties": {"population": 1234}}`
	for name, bad := range map[string]string{
		"weak":             "W/" + tag,
		"forged":           `"` + version + `-0000"`,
		"the version only": `"` + version + `"`,
	} {
		resp, b := e.call(t, http.MethodPatch, "/collections/places/items/lachin", patch, echo.HeaderContentType, mimeMergePatch, headerIfMatch, bad)
		if resp.StatusCode != http.StatusPreconditionFailed {
			t.Errorf("%s If-Match %s: %d %s", name, bad, resp.StatusCode, b)
		}
	}
	if p, _ := e.store.Get(context.Background(), "lachin"); p.Version != cur.Properties.Version {
		t.Fatalf("a refused edit was stored: version %d", p.Version)
	}
	resp, b := e.call(t, http.MethodPatch, "/collections/places/items/lachin", patch, echo.HeaderContentType, mimeMergePatch, headerIfMatch, tag)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the real ETag: %d %s", resp.StatusCode, b)
	}
}

// 10. Creates without an id pick free ids under concurrency.
func TestProbeConcurrentCreatesWithoutID(t *testing.T) {
	e := newLiveEnv(t)
	e.signIn(t)
	const n = 8
	body := `{"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.6, 39.7]}, "properties": {"name": "Nor Shen",
		"kind": "settlement", "names": [{"text": "Nor Shen", "lang": "en", "usage": "official"}]}}`
	var wg sync.WaitGroup
	ids := make([]string, n)
	status := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, b := e.call(t, http.MethodPost, "/collections/places/items", body, echo.HeaderContentType, mimeGeoJSON)
			status[i] = resp.StatusCode
			var p struct{ ID string }
			json.Unmarshal(b, &p)
			ids[i] = p.ID
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range n {
		if status[i] != http.StatusCreated || ids[i] == "" || seen[ids[i]] {
			t.Errorf("create %d: %d, id %q (ids %v)", i, status[i], ids[i], ids)
		}
		seen[ids[i]] = true
	}
}

// 11. Every HTML page carries a Content-Security-Policy.
func TestProbeHTMLPagesHaveACSP(t *testing.T) {
	e := newLiveEnv(t)
	for _, path := range []string{"/", "/?f=html", "/collections?f=html", "/collections/places/items?f=html&limit=2",
		"/collections/places/items/lachin?f=html", "/conformance?f=html", "/api?f=html", "/admin"} {
		resp, _ := e.call(t, http.MethodGet, path, "", echo.HeaderAccept, "text/html")
		csp := resp.Header.Get(echo.HeaderContentSecurityPolicy)
		if resp.StatusCode != http.StatusOK || !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: %d, CSP %q", path, resp.StatusCode, csp)
		}
		// Offline by default: without a tile URL no other host is allowed.
		if strings.Contains(csp, "http:") || strings.Contains(csp, "https:") {
			t.Errorf("%s: the CSP allows another host without a tile server: %q", path, csp)
		}
	}
}

// 12. /healthz answers from the data version; the pool is capped.
func TestProbeHealthIsCheapAndFollowsChanges(t *testing.T) {
	e := newLiveEnv(t)
	health := func() (all, curated int) {
		resp, b := e.call(t, http.MethodGet, "/healthz", "")
		var h struct {
			Status  string `json:"status"`
			Places  int    `json:"places"`
			Curated int    `json:"curated_places"`
		}
		if resp.StatusCode != http.StatusOK || json.Unmarshal(b, &h) != nil || h.Status != "ok" {
			t.Fatalf("healthz: %d %s", resp.StatusCode, b)
		}
		return h.Places, h.Curated
	}
	all, curated := health()
	if again, _ := health(); again != all {
		t.Errorf("places %d then %d with nothing changed", all, again)
	}
	e.signIn(t)
	body := `{"type": "Feature", "id": "new-hamlet", "geometry": {"type": "Point", "coordinates": [46.6, 39.7]}, "properties": {"name": "New hamlet",
		"kind": "settlement", "names": [{"text": "New hamlet", "lang": "en", "usage": "official"}]}}`
	if resp, b := e.call(t, http.MethodPost, "/collections/places/items", body, echo.HeaderContentType, mimeGeoJSON); resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, b)
	}
	if a, c := health(); a != all+1 || c != curated+1 {
		t.Errorf("after a create: %d / %d, want %d / %d", a, c, all+1, curated+1)
	}
	if got := e.db.(*sql.DB).Stats().MaxOpenConnections; got != gpkg.MaxOpenConns {
		t.Errorf("connection pool cap %d, want %d", got, gpkg.MaxOpenConns)
	}
}

// 13. The events layer's extent in gpkg_contents is the extent of the
// events, not of every mention.
func TestProbeEventsExtentIsTheEvents(t *testing.T) {
	e := newLiveEnv(t)
	e.signIn(t)
	text := "The Lachin checkpoint was closed on 5 May 2023, the Lachin corridor blocked.\n\nTravellers from the Margara crossing and the Agarak-Norduz crossing waited for news."
	if resp, b := e.call(t, http.MethodPost, "/api/documents?name=extent.txt", text, echo.HeaderContentType, echo.MIMETextPlain); resp.StatusCode != http.StatusCreated {
		t.Fatalf("add: %d %s", resp.StatusCode, b)
	}
	db := e.db.(*sql.DB)
	ctx := context.Background()
	var ext, data [4]float64
	if err := db.QueryRowContext(ctx, `SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'events'`).Scan(&ext[0], &ext[1], &ext[2], &ext[3]); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT min(ST_MinX(geom)), min(ST_MinY(geom)), max(ST_MaxX(geom)), max(ST_MaxY(geom)) FROM events`).Scan(&data[0], &data[1], &data[2], &data[3]); err != nil {
		t.Fatal(err)
	}
	var mentionsWest float64
	if err := db.QueryRowContext(ctx, `SELECT min(ST_MinX(geom)) FROM mentions`).Scan(&mentionsWest); err != nil {
		t.Fatal(err)
	}
	if mentionsWest >= data[0] {
		t.Fatalf("the test needs a mention west of every event (%v, %v)", mentionsWest, data)
	}
	if ext != data {
		t.Errorf("gpkg_contents extent of events %v, want the events' own %v", ext, data)
	}
	// What outside tools read, through the API, agrees.
	_, b := e.call(t, http.MethodGet, "/collections/events", "")
	var col struct {
		Extent struct{ Spatial struct{ BBox [][]float64 } }
	}
	if err := json.Unmarshal(b, &col); err != nil || len(col.Extent.Spatial.BBox) == 0 || col.Extent.Spatial.BBox[0][0] <= mentionsWest {
		t.Errorf("the events collection's extent %v reaches the mentions' west %v (%v)", col.Extent.Spatial.BBox, mentionsWest, err)
	}
}
