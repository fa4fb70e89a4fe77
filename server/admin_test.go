package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"

	"dateline/gazetteer"
)

// aghavno is a new place in the curated format; the coordinates are the
// curated gazetteer's (seeds/gazetteer/settlements.geojson).
const aghavno = `{"type": "Feature", "id": "aghavno",
 "geometry": {"type": "Point", "coordinates": [46.54333, 39.58972]},
 "properties": {"name": "Aghavno", "kind": "settlement", "parent": "nagorno-karabakh", "precision_km": 1,
  "source": "Wikipedia 'Zabukh'", "names": ` + aghavnoNames + `}}`

const aghavnoNames = `[
   {"text": "Aghavno", "lang": "en", "script": "Latn", "usage": "armenian"},
   {"text": "Zabukh", "lang": "en", "script": "Latn", "usage": "azerbaijani"}]`

// placeResp is a feature as the API answers it.
type placeResp struct {
	ID         string          `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties struct {
		Name    string           `json:"name"`
		Kind    string           `json:"kind"`
		Names   []gazetteer.Name `json:"names"`
		Version int64            `json:"version"`
		Origin  string           `json:"origin"`
	} `json:"properties"`
}

func (p placeResp) hasName(text string, usage gazetteer.Usage) bool {
	for _, n := range p.Properties.Names {
		if n.Text == text && n.Usage == usage {
			return true
		}
	}
	return false
}

// itemETag reads a place's ETag and current version the way a client does.
func (e *adminEnv) itemETag(tb testing.TB, id string) (string, placeResp) {
	tb.Helper()
	rec := e.send(tb, http.MethodGet, "/collections/places/items/"+id, "", "Accept", mimeGeoJSON, "Accept-Encoding", "gzip")
	rec = ungzip(tb, rec)
	p := decode[placeResp](tb, rec, http.StatusOK)
	return rec.Header().Get(headerETag), p
}

// ungzip returns a recorder whose body is the decompressed one.
func ungzip(tb testing.TB, rec *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	tb.Helper()
	if rec.Header().Get(echo.HeaderContentEncoding) != "gzip" {
		return rec
	}
	out := httptest.NewRecorder()
	for k, v := range rec.Header() {
		out.Header()[k] = v
	}
	out.Code = rec.Code
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		tb.Fatal(err)
	}
	out.Body.Write(readAll(tb, zr))
	return out
}

func TestChangesNeedSessionAndCSRFToken(t *testing.T) {
	env := newAdminEnv(t)
	tag, _ := env.itemETag(t, "lachin")
	patch := `{"properties": {"notes": "changed"}}`
	requests := []struct {
		name, method, target, body, ctype string
	}{
		{"create", http.MethodPost, "/collections/places/items", aghavno, mimeGeoJSON},
		{"replace", http.MethodPut, "/collections/places/items/lachin", aghavno, mimeGeoJSON},
		{"patch", http.MethodPatch, "/collections/places/items/lachin", patch, mimeMergePatch},
		{"delete", http.MethodDelete, "/collections/places/items/lachin", "", ""},
		{"restore", http.MethodPost, "/api/places/lachin/restore", `{"version": 1}`, echo.MIMEApplicationJSON},
		{"add a document", http.MethodPost, "/api/documents", "Lachin was quiet.", "text/plain"},
		{"logout", http.MethodPost, "/api/admin/logout", "", ""},
	}
	check := func(t *testing.T, want int, headers ...string) {
		for _, r := range requests {
			t.Run(r.name, func(t *testing.T) {
				h := append([]string{echo.HeaderContentType, r.ctype, headerIfMatch, tag}, headers...)
				rec := env.send(t, r.method, r.target, r.body, h...)
				if p := decode[Problem](t, rec, want); p.Detail == "" {
					t.Errorf("problem without detail: %+v", p)
				}
			})
		}
	}
	t.Run("without a session", func(t *testing.T) { check(t, http.StatusUnauthorized, headerCSRF, "made-up") })
	env.signIn(t)
	t.Run("without a CSRF token", func(t *testing.T) { check(t, http.StatusForbidden) })
	t.Run("with another token", func(t *testing.T) { check(t, http.StatusForbidden, headerCSRF, env.csrf+"x") })

	if _, p := env.itemETag(t, "lachin"); p.Properties.Version != 1 || len(p.Properties.Names) != 2 {
		t.Errorf("refused requests changed lachin: %+v", p.Properties)
	}
	if rec := env.get(t, "/collections/places/items/aghavno"); rec.Code != http.StatusNotFound {
		t.Errorf("a refused create stored the place: %d", rec.Code)
	}
	if docs, _, _, _, err := env.news.Counts(context.Background()); err != nil || docs != len(adminDocs) {
		t.Errorf("documents after refused requests: %d, %v", docs, err)
	}
}

func TestEditingAPI(t *testing.T) {
	env := newAdminEnv(t)
	env.signIn(t)
	itemsTag := env.get(t, "/collections/places/items?limit=50").Header().Get(headerETag)
	downloadTag := env.get(t, "/download/places.geojson").Header().Get(headerETag)

	// Create: 201, Location, and an ETag that GET agrees with.
	rec := env.write(t, http.MethodPost, "/collections/places/items", aghavno)
	created := decode[placeResp](t, rec, http.StatusCreated)
	if loc := rec.Header().Get(echo.HeaderLocation); loc != base+"/collections/places/items/aghavno" {
		t.Errorf("Location %q", loc)
	}
	if created.ID != "aghavno" || created.Properties.Version != 1 || created.Properties.Origin != "user" {
		t.Errorf("created: %+v", created)
	}
	if tag := rec.Header().Get(headerETag); !strings.HasPrefix(tag, `"1-`) {
		t.Errorf("ETag of the created place %q", tag)
	}
	if rec := env.get(t, "/collections/places/items/aghavno", "If-None-Match", rec.Header().Get(headerETag)); rec.Code != http.StatusNotModified {
		t.Errorf("GET with the ETag POST gave: %d, want 304", rec.Code)
	}
	if rec := env.write(t, http.MethodPost, "/collections/places/items", aghavno); rec.Code != http.StatusConflict {
		t.Errorf("creating the same id again: %d, want 409", rec.Code)
	}

	// Without an id the server makes one from the name.
	noID := strings.Replace(strings.Replace(aghavno, `"id": "aghavno",`, "", 1), `"name": "Aghavno"`, `"name": "Nerkin Sus"`, 1)
	rec = env.write(t, http.MethodPost, "/collections/places/items", noID)
	if p := decode[placeResp](t, rec, http.StatusCreated); p.ID != "nerkin-sus" {
		t.Errorf("id made from the name: %q", p.ID)
	}

	// Replace with the gzip ETag a browser got: the suffix is fine, a weak
	// tag is not (If-Match compares strongly).
	tag, cur := env.itemETag(t, "lachin")
	if !strings.HasSuffix(tag, `-gzip"`) {
		t.Fatalf("gzip ETag %q", tag)
	}
	doc := strings.NewReplacer(`"id": "aghavno"`, `"id": "lachin"`, `"name": "Aghavno"`, `"name": "Lachin"`).Replace(aghavno)
	if rec := env.write(t, http.MethodPut, "/collections/places/items/lachin", doc, headerIfMatch, "W/"+tag); rec.Code != http.StatusPreconditionFailed {
		t.Errorf("a weak If-Match: %d, want 412", rec.Code)
	}
	rec = env.write(t, http.MethodPut, "/collections/places/items/lachin", doc, headerIfMatch, tag)
	replaced := decode[placeResp](t, rec, http.StatusOK)
	if replaced.Properties.Version != cur.Properties.Version+1 || replaced.Properties.Origin != "curated" || !replaced.hasName("Zabukh", gazetteer.UsageAzerbaijani) {
		t.Errorf("replaced: %+v", replaced.Properties)
	}

	// The old tag is stale now: 412, and nothing changes.
	stale := env.write(t, http.MethodPatch, "/collections/places/items/lachin", `{"properties": {"notes": "lost update"}}`, headerIfMatch, tag)
	if p := decode[Problem](t, stale, http.StatusPreconditionFailed); !strings.Contains(p.Detail, "version") || p.Field != headerIfMatch {
		t.Errorf("stale patch: %+v", p)
	}
	staleDelete := env.write(t, http.MethodDelete, "/collections/places/items/lachin", "", headerIfMatch, tag)
	decode[Problem](t, staleDelete, http.StatusPreconditionFailed)
	stalePut := env.write(t, http.MethodPut, "/collections/places/items/lachin", doc, headerIfMatch, tag)
	decode[Problem](t, stalePut, http.StatusPreconditionFailed)
	p, err := env.store.Get(context.Background(), "lachin")
	if err != nil || p.Version != 2 || p.Notes != "" {
		t.Fatalf("stale edits changed the place: %+v %v", p, err)
	}

	// Without If-Match: 428.
	for _, m := range []string{http.MethodPut, http.MethodPatch, http.MethodDelete} {
		rec := env.write(t, m, "/collections/places/items/lachin", `{"properties": {}}`)
		decode[Problem](t, rec, http.StatusPreconditionRequired)
	}

	// Merge patch: one field changes, the rest stays.
	tag, _ = env.itemETag(t, "lachin")
	rec = env.write(t, http.MethodPatch, "/collections/places/items/lachin",
		`{"properties": {"population": 2000, "notes": "patched"}, "geometry": {"type": "Point", "coordinates": [46.55, 39.64]}}`,
		headerIfMatch, tag)
	patched := decode[placeResp](t, rec, http.StatusOK)
	if patched.Properties.Version != 3 || !patched.hasName("Zabukh", gazetteer.UsageAzerbaijani) || string(patched.Geometry) != `{"type":"Point","coordinates":[46.55,39.64]}` {
		t.Errorf("patched: %+v %s", patched.Properties, patched.Geometry)
	}
	if p, _ := env.store.Get(context.Background(), "lachin"); p.Population != 2000 || p.Notes != "patched" || p.Parent != "nagorno-karabakh" {
		t.Errorf("stored after the patch: %+v", p)
	}
	if rec := env.write(t, http.MethodPatch, "/collections/places/items/lachin", `{}`, headerIfMatch, rec.Header().Get(headerETag),
		echo.HeaderContentType, echo.MIMEApplicationJSON); rec.Code != http.StatusUnsupportedMediaType || rec.Header().Get("Accept-Patch") != mimeMergePatch {
		t.Errorf("PATCH with plain JSON: %d, Accept-Patch %q", rec.Code, rec.Header().Get("Accept-Patch"))
	}

	// Only places takes changes.
	if rec := env.write(t, http.MethodPost, "/collections/checkpoints/items", aghavno); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST to checkpoints: %d", rec.Code)
	}

	// Delete is soft: the item is gone, the history keeps it.
	tag, _ = env.itemETag(t, "lachin")
	if rec := env.write(t, http.MethodDelete, "/collections/places/items/lachin", "", headerIfMatch, tag); rec.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	if rec := env.get(t, "/collections/places/items/lachin"); rec.Code != http.StatusNotFound {
		t.Errorf("GET after delete: %d", rec.Code)
	}

	// The public views see every change without a restart.
	if got := env.get(t, "/collections/places/items?limit=50").Header().Get(headerETag); got == itemsTag {
		t.Errorf("the items ETag did not move: %s", got)
	}
	if got := env.get(t, "/download/places.geojson").Header().Get(headerETag); got == downloadTag {
		t.Errorf("the download ETag did not move: %s", got)
	}
}

func TestInvalidPlacesAreRefusedNamingTheField(t *testing.T) {
	env := newAdminEnv(t)
	env.signIn(t)
	// A geometry that cannot be read or drawn is a malformed request (400);
	// a place that breaks a rule of the gazetteer is 422.
	tests := []struct {
		name, from, to, field string
		status                int
	}{
		{"latitude 123", `[46.54333, 39.58972]`, `[46.54333, 123]`, "geometry", http.StatusBadRequest},
		{"unknown kind", `"kind": "settlement"`, `"kind": "hamlet"`, "kind", http.StatusUnprocessableEntity},
		{"no names", aghavnoNames, `[]`, "names", http.StatusUnprocessableEntity},
		{"self-intersecting polygon", `{"type": "Point", "coordinates": [46.54333, 39.58972]}`,
			`{"type": "Polygon", "coordinates": [[[46.5, 39.5], [46.6, 39.6], [46.6, 39.5], [46.5, 39.6], [46.5, 39.5]]]}`, "geometry", http.StatusBadRequest},
		{"the same name twice", `{"text": "Zabukh"`, `{"text": "Aghavno", "lang": "en", "script": "Latn", "usage": "armenian"}, {"text": "Zabukh"`, "names[1]", http.StatusUnprocessableEntity},
		{"a misspelt property", `"precision_km"`, `"precison_km"`, "properties", http.StatusUnprocessableEntity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.Replace(aghavno, tc.from, tc.to, 1)
			if body == aghavno {
				t.Fatal("the test did not change the feature")
			}
			rec := env.write(t, http.MethodPost, "/collections/places/items", body)
			if p := decode[Problem](t, rec, tc.status); p.Field != tc.field {
				t.Errorf("create: problem %+v, want field %q", p, tc.field)
			}
			if rec := env.get(t, "/collections/places/items/aghavno"); rec.Code != http.StatusNotFound {
				t.Errorf("the invalid place was stored: %d", rec.Code)
			}

			tag, _ := env.itemETag(t, "lachin")
			body = strings.Replace(body, `"id": "aghavno"`, `"id": "lachin"`, 1)
			rec = env.write(t, http.MethodPut, "/collections/places/items/lachin", body, headerIfMatch, tag)
			if p := decode[Problem](t, rec, tc.status); p.Field != tc.field {
				t.Errorf("replace: problem %+v, want field %q", p, tc.field)
			}
			if p, _ := env.store.Get(context.Background(), "lachin"); p.Version != 1 || p.Kind != gazetteer.KindSettlement {
				t.Errorf("the invalid replacement was stored: %+v", p)
			}
		})
	}
}

func TestHistoryAndRestore(t *testing.T) {
	env := newAdminEnv(t)
	env.signIn(t)
	ctx := context.Background()
	original, _ := env.store.Get(ctx, "lachin")

	// Two edits: drop Berdzor and move the point, then rename.
	tag, _ := env.itemETag(t, "lachin")
	rec := env.write(t, http.MethodPatch, "/collections/places/items/lachin",
		`{"geometry": {"type": "Point", "coordinates": [46.6, 39.7]}, "properties": {"names": [{"text": "Lachin", "lang": "en", "script": "Latn", "usage": "international"}]}}`,
		headerIfMatch, tag)
	decode[placeResp](t, rec, http.StatusOK)
	rec = env.write(t, http.MethodPatch, "/collections/places/items/lachin", `{"properties": {"name": "Laçın"}}`,
		headerIfMatch, rec.Header().Get(headerETag))
	decode[placeResp](t, rec, http.StatusOK)

	hrec := env.get(t, "/api/places/lachin/history")
	h := decode[historyDoc](t, hrec, http.StatusOK)
	if h.Version != 3 || len(h.Versions) != 3 {
		t.Fatalf("history: version %d, %d entries", h.Version, len(h.Versions))
	}
	wantActions := []string{"import", "update", "update"}
	wantFields := [][]string{{"name", "kind", "geometry", "country", "precision_km", "source", "origin", "names"}, {"geometry", "names"}, {"name"}}
	for i, v := range h.Versions {
		if v.Version != int64(i+1) || v.Action != wantActions[i] || v.At.IsZero() || v.Author == "" {
			t.Errorf("version %d: %+v", i+1, v)
		}
		var fields []string
		for _, d := range v.Diff {
			fields = append(fields, d.Field)
		}
		if strings.Join(fields, ",") != strings.Join(wantFields[i], ",") {
			t.Errorf("version %d changed %v, want %v", i+1, fields, wantFields[i])
		}
	}
	if h.Versions[1].Author != gazetteer.AdminEditor {
		t.Errorf("author of an edit: %q", h.Versions[1].Author)
	}
	names := h.Versions[1].Diff[1]
	if len(names.Removed) != 1 || names.Removed[0].Text != "Berdzor" || len(names.Added) != 0 {
		t.Errorf("names diff: %+v", names)
	}

	// Restore version 1: an edit like another, against the current version.
	hTag := hrec.Header().Get(headerETag)
	if !strings.HasPrefix(hTag, `"3-`) {
		t.Errorf("history ETag %q does not start with the version", hTag)
	}
	if rec := env.write(t, http.MethodPost, "/api/places/lachin/restore", `{"version": 1}`, headerIfMatch, `"2-x"`,
		echo.HeaderContentType, echo.MIMEApplicationJSON); rec.Code != http.StatusPreconditionFailed {
		t.Errorf("restore against a stale version: %d", rec.Code)
	}
	rec = env.write(t, http.MethodPost, "/api/places/lachin/restore", `{"version": 1}`, headerIfMatch, hTag,
		echo.HeaderContentType, echo.MIMEApplicationJSON)
	restored := decode[placeResp](t, rec, http.StatusOK)
	if restored.Properties.Version != 4 || !restored.hasName("Berdzor", gazetteer.UsageArmenian) || restored.Properties.Name != "Lachin" {
		t.Errorf("restored: %+v", restored.Properties)
	}
	now, _ := env.store.Get(ctx, "lachin")
	if !orb.Equal(now.Geometry, original.Geometry) || len(now.Names) != len(original.Names) {
		t.Errorf("after restore: %v %v, want %v %v", now.Geometry, now.Names, original.Geometry, original.Names)
	}
	h = decode[historyDoc](t, env.get(t, "/api/places/lachin/history"), http.StatusOK)
	if last := h.Versions[len(h.Versions)-1]; last.Action != "restore" || last.Version != 4 {
		t.Errorf("last history entry: %+v", last)
	}

	// A deleted place comes back by restoring, with its history's ETag.
	tag, _ = env.itemETag(t, "lachin")
	if rec := env.write(t, http.MethodDelete, "/collections/places/items/lachin", "", headerIfMatch, tag); rec.Code != http.StatusNoContent {
		t.Fatalf("delete: %d", rec.Code)
	}
	hrec = env.get(t, "/api/places/lachin/history")
	if h := decode[historyDoc](t, hrec, http.StatusOK); !h.Deleted || h.Version != 5 {
		t.Errorf("history of the deleted place: deleted %v, version %d", h.Deleted, h.Version)
	}
	rec = env.write(t, http.MethodPost, "/api/places/lachin/restore", `{"version": 4}`, headerIfMatch, hrec.Header().Get(headerETag),
		echo.HeaderContentType, echo.MIMEApplicationJSON)
	decode[placeResp](t, rec, http.StatusOK)
	if rec := env.get(t, "/collections/places/items/lachin"); rec.Code != http.StatusOK {
		t.Errorf("GET after restoring the deleted place: %d", rec.Code)
	}
	if rec := env.get(t, "/api/places/nowhere/history"); rec.Code != http.StatusNotFound {
		t.Errorf("history of an unknown place: %d", rec.Code)
	}
}

func TestEditsGeoparseDocumentsAgain(t *testing.T) {
	env := newAdminEnv(t)
	env.signIn(t)
	ctx := context.Background()
	zabukhOf := func() string {
		d, err := env.news.Document(ctx, "zabukh.txt")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range d.Mentions {
			if m.Surface == "Zabukh" {
				return m.PlaceID
			}
		}
		return ""
	}
	if got := zabukhOf(); got != "" {
		t.Fatalf("before the edit Zabukh resolves to %q", got)
	}
	if rec := env.send(t, http.MethodGet, "/api/admin/reindex", ""); decode[reindexStatus](t, rec, http.StatusOK).Job != 0 {
		t.Errorf("a job before any edit: %s", rec.Body)
	}
	newsBefore, _ := env.news.DataVersion(ctx)

	rec := env.write(t, http.MethodPost, "/collections/places/items", aghavno)
	decode[placeResp](t, rec, http.StatusCreated)
	env.srv.reindex.wait()

	st := decode[reindexStatus](t, env.send(t, http.MethodGet, "/api/admin/reindex", ""), http.StatusOK)
	if !st.Done || st.State != "done" || !st.IndexRebuilt || st.Job != 1 || strings.Join(st.Places, ",") != "aghavno" {
		t.Errorf("status: %+v", st)
	}
	// Only the document that names Zabukh is read again, and it changed.
	if st.DocumentsStored != len(adminDocs) || st.Documents != 1 || st.DocumentsChanged != 1 || st.MentionsChanged < 1 || st.Failed != 0 {
		t.Errorf("counts: %+v", st)
	}
	if got := zabukhOf(); got != "aghavno" {
		t.Errorf("after the edit Zabukh resolves to %q, want aghavno", got)
	}
	if v, _ := env.news.DataVersion(ctx); v == newsBefore {
		t.Error("the news data version did not move, so the map's ETags would not")
	}
	found := false
	for _, m := range env.live.Current().Parse("Convoys passed Zabukh.") {
		found = found || (m.Place != nil && m.Place.ID == "aghavno")
	}
	if !found {
		t.Error("the live geoparser does not know the new place")
	}

	// Removing the name resolves the mention away again.
	tag := rec.Header().Get(headerETag)
	rec = env.write(t, http.MethodPatch, "/collections/places/items/aghavno",
		`{"properties": {"names": [{"text": "Aghavno", "lang": "en", "script": "Latn", "usage": "armenian"}]}}`, headerIfMatch, tag)
	decode[placeResp](t, rec, http.StatusOK)
	env.srv.reindex.wait()
	if got := zabukhOf(); got != "" {
		t.Errorf("after dropping the name Zabukh resolves to %q", got)
	}
	if st := env.srv.reindex.state(); st.Job != 2 || st.Documents != 1 {
		t.Errorf("second job: %+v", st)
	}
	if rec := env.send(t, http.MethodGet, "/api/admin/reindex", ""); rec.Code != http.StatusOK {
		t.Errorf("reindex status with a session: %d", rec.Code)
	}
	env.cookie = ""
	if rec := env.send(t, http.MethodGet, "/api/admin/reindex", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("reindex status without a session: %d", rec.Code)
	}
}

func TestAddDocument(t *testing.T) {
	env := newAdminEnv(t)
	env.signIn(t)
	text := "Stepanakert, 2 June 2023. A convoy reached Shusha after the Hakari bridge checkpoint reopened.\n"
	post := func(target, body, ctype string) *httptest.ResponseRecorder {
		return env.send(t, http.MethodPost, target, body, headerCSRF, env.csrf, echo.HeaderContentType, ctype)
	}
	rec := post("/api/documents?name=convoy.txt", text, "text/plain; charset=utf-8")
	res := decode[map[string]any](t, rec, http.StatusCreated)
	if res["id"] != "convoy.txt" || res["stored"] != true || res["mentions"].(float64) < 2 {
		t.Errorf("ingest result: %v", res)
	}
	if loc := rec.Header().Get(echo.HeaderLocation); loc != base+"/api/documents/convoy.txt" {
		t.Errorf("Location %q", loc)
	}
	if rec := post("/api/documents", text, "text/plain"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"stored":false`) {
		t.Errorf("the same text again: %d %s", rec.Code, rec.Body)
	}
	body, _ := json.Marshal(map[string]string{"name": "other.txt", "text": "Khojaly was quiet on 3 June 2023.\n"})
	if rec := post("/api/documents", string(body), echo.MIMEApplicationJSON); rec.Code != http.StatusCreated {
		t.Errorf("JSON: %d %s", rec.Code, rec.Body)
	}
	tests := []struct {
		name, target, body, ctype string
		status                    int
		field                     string
	}{
		{"a stored name with other text", "/api/documents?name=convoy.txt", "Different text about Lachin.", "text/plain", http.StatusConflict, "name"},
		{"an empty text", "/api/documents?name=empty.txt", "  \n", "text/plain", http.StatusUnprocessableEntity, "text"},
		{"a path as name", "/api/documents?name=..%2Fetc%2Fpasswd", "Lachin.", "text/plain", http.StatusBadRequest, "name"},
		{"a binary file", "/api/documents", "PK\x00\x03", "text/plain", http.StatusBadRequest, "text"},
		{"an unknown type", "/api/documents", "Lachin.", "application/pdf", http.StatusUnsupportedMediaType, echo.HeaderContentType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if p := decode[Problem](t, post(tc.target, tc.body, tc.ctype), tc.status); p.Field != tc.field {
				t.Errorf("problem %+v, want field %q", p, tc.field)
			}
		})
	}
	if d, err := env.news.Document(context.Background(), "convoy.txt"); err != nil || !strings.Contains(d.Body, "convoy") {
		t.Errorf("the stored document was replaced: %v", err)
	}
}

func TestIfMatchTag(t *testing.T) {
	tests := []struct {
		name, header string
		want         string
		status       int
	}{
		{"a feature's tag", `"7-0a1b2c"`, `"7-0a1b2c"`, 0},
		{"gzip", `"12-0a1b2c-gzip"`, `"12-0a1b2c-gzip"`, 0},
		{"weak", `W/"12-0a1b2c-gzip"`, "", http.StatusPreconditionFailed},
		{"missing", ``, "", http.StatusPreconditionRequired},
		{"any", `*`, "", http.StatusPreconditionRequired},
		{"not quoted", `7-0a1b`, "", http.StatusBadRequest},
		{"a list", `"1-a", "2-b"`, "", http.StatusBadRequest},
	}
	e := echo.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPut, "/", nil)
			if tc.header != "" {
				req.Header.Set(headerIfMatch, tc.header)
			}
			got, err := ifMatchTag(e.NewContext(req, httptest.NewRecorder()))
			var status int
			if pe, ok := err.(*problemError); ok {
				status = pe.status
			}
			if got != tc.want || status != tc.status {
				t.Errorf("ifMatchTag(%q) = %q, %v; want %q, status %d", tc.header, got, err, tc.want, tc.status)
			}
		})
	}
}

func TestMergePatch(t *testing.T) {
	// The examples of RFC 7396, appendix A.
	tests := []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":"b","b":"c"}`, `{"a":null}`, `{"b":"c"}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"c"}`, `{"a":["b"]}`, `{"a":["b"]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`["a","b"]`, `["c","d"]`, `["c","d"]`},
		{`{"a":"b"}`, `["c"]`, `["c"]`},
		{`{"a":"foo"}`, `null`, `null`},
		{`{"a":"foo"}`, `"bar"`, `"bar"`},
		{`{"e":null}`, `{"a":1}`, `{"a":1,"e":null}`},
		{`[1,2]`, `{"a":"b","c":null}`, `{"a":"b"}`},
		{`{}`, `{"a":{"bb":{"ccc":null}}}`, `{"a":{"bb":{}}}`},
		{`{"n":147625123456789}`, `{}`, `{"n":147625123456789}`},
	}
	for _, tc := range tests {
		got, err := mergePatch([]byte(tc.target), []byte(tc.patch))
		if err != nil || string(got) != tc.want {
			t.Errorf("mergePatch(%s, %s) = %s, %v; want %s", tc.target, tc.patch, got, err, tc.want)
		}
	}
	if _, err := mergePatch([]byte(`{}`), []byte(`{"a":`)); err == nil {
		t.Error("a malformed patch was applied")
	}
}

func TestAdminPage(t *testing.T) {
	env := newAdminEnv(t)
	rec := env.get(t, "/admin")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Dateline admin") {
		t.Fatalf("/admin: %d %s", rec.Code, rec.Body)
	}
	// No tile server is configured: images come from the server alone.
	if csp := rec.Header().Get(echo.HeaderContentSecurityPolicy); !strings.Contains(csp, "script-src 'self';") ||
		!strings.Contains(csp, "img-src 'self' data: blob:;") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	for tiles, want := range map[string]string{
		"": "img-src 'self' data: blob:;",
		"https://tile.openstreetmap.org/{z}/{x}/{y}.png": "blob: https://tile.openstreetmap.org;",
		"https://{s}.tile.example.org/{z}/{x}/{y}.png":   "blob: https:;",
		"http://tiles.local:8081/{z}/{x}/{y}.png":        "blob: http://tiles.local:8081;",
	} {
		if csp := pageCSP(tiles); !strings.Contains(csp, want) {
			t.Errorf("CSP for tiles %s: %q, want %q", tiles, csp, want)
		}
	}
}

func TestReviewLists(t *testing.T) {
	env := newAdminEnv(t)
	env.signIn(t)
	lines := func(target string) []placeLine {
		t.Helper()
		return decode[[]placeLine](t, env.get(t, target), http.StatusOK)
	}
	ids := func(ls []placeLine) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids(lines("/api/places/changes")); got != "" {
		t.Errorf("changes before any edit: %s", got)
	}
	if got := ids(lines("/api/places/unlocated")); got != "unlocated-village" {
		t.Errorf("unlocated: %s", got)
	}
	if got := ids(lines("/api/places/unlocated?kind=city,bridge")); got != "" {
		t.Errorf("unlocated cities and bridges: %s", got)
	}

	tag, _ := env.itemETag(t, "unlocated-village")
	rec := env.write(t, http.MethodPatch, "/collections/places/items/unlocated-village",
		`{"geometry": {"type": "Point", "coordinates": [46.7, 39.7]}}`, headerIfMatch, tag)
	decode[placeResp](t, rec, http.StatusOK)
	tag, _ = env.itemETag(t, "khojaly")
	if rec := env.write(t, http.MethodDelete, "/collections/places/items/khojaly", "", headerIfMatch, tag); rec.Code != http.StatusNoContent {
		t.Fatalf("delete: %d", rec.Code)
	}
	changes := lines("/api/places/changes?limit=10")
	if ids(changes) != "khojaly,unlocated-village" || changes[0].Action != "delete" || !changes[0].Deleted ||
		changes[1].Author != gazetteer.AdminEditor || !changes[1].Located {
		t.Errorf("changes: %+v", changes)
	}
	if got := ids(lines("/api/places/unlocated")); got != "" {
		t.Errorf("unlocated after giving coordinates: %s", got)
	}
	for _, target := range []string{"/api/places/unlocated?kind=hamlet", "/api/places/changes?limit=0"} {
		if rec := env.get(t, target); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d", target, rec.Code)
		}
	}
}
