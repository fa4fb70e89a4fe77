package server

import (
	"bytes"
	"context"
	"database/sql"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
	"dateline/seeds"
)

const testPassword = "correct horse battery staple"

// adminEnv is a server with the whole article pipeline on a seeded database,
// and a browser's cookie jar of one session.
type adminEnv struct {
	testEnv
	news   *news.Store
	live   *gazetteer.Live
	path   string
	cookie string // the session cookie, as a Cookie header value
	csrf   string
}

// adminDocs are the articles an adminEnv stores; the names in them decide
// which documents an edit makes the server read again.
var adminDocs = map[string]string{
	"zabukh.txt": "Villagers in Zabukh said on 3 April 2023 that the road to Stepanakert was closed.\n\n" +
		"Residents of Berdzor waited for news.\n",
	"shusha.txt": "Shusha hosted a festival on 12 May 2023, officials in Shusha said.\n",
}

// newAdminEnv seeds a database with fixturePlaces and adminDocs and starts
// the server on it with the admin password testPassword.
func newAdminEnv(tb testing.TB) *adminEnv {
	tb.Helper()
	return newAdminEnvWith(tb, nil)
}

// newAdminEnvWith is newAdminEnv with more dependencies: with, when not
// nil, adds them to the server's before it starts.
func newAdminEnvWith(tb testing.TB, with func(d *Deps, db *sql.DB)) *adminEnv {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "admin.gpkg")
	db, err := gpkg.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	places, err := gazetteer.NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := places.Import(ctx, "fixture", fixturePlaces(), "test"); err != nil {
		tb.Fatal(err)
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	live, err := gazetteer.NewLive(ctx, places)
	if err != nil {
		tb.Fatal(err)
	}
	ob, err := fs.ReadFile(seeds.FS(), "outlets.json")
	if err != nil {
		tb.Fatal(err)
	}
	outlets, err := news.ParseOutlets(ob)
	if err != nil {
		tb.Fatal(err)
	}
	in := &news.Ingester{Store: docs, Outlets: outlets, Geoparser: live.Current}
	for name, text := range adminDocs {
		if _, err := in.Ingest(ctx, name, []byte(text), false); err != nil {
			tb.Fatal(err)
		}
	}
	static := fstest.MapFS{
		"index.html": {Data: []byte("<!DOCTYPE html><title>Dateline map</title>")},
		"admin.html": {Data: []byte("<!DOCTYPE html><title>Dateline admin</title>")},
	}
	deps := Deps{Places: places, News: docs, Geoparser: live, Ingester: in, Static: static}
	if with != nil {
		with(&deps, db)
	}
	srv, err := New(ctx, Config{AdminPassword: testPassword}, deps)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	return &adminEnv{testEnv: testEnv{srv: srv, h: srv.Handler(), store: places, db: db}, news: docs, live: live, path: path}
}

// send makes a request with the env's session cookie (when signed in);
// headers come in name, value pairs.
func (e *adminEnv) send(tb testing.TB, method, target, body string, headers ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if e.cookie != "" {
		req.Header.Set("Cookie", e.cookie)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "RemoteAddr" {
			req.RemoteAddr = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// write makes a changing request as the signed-in admin, with the CSRF token.
func (e *adminEnv) write(tb testing.TB, method, target, body string, headers ...string) *httptest.ResponseRecorder {
	tb.Helper()
	ct := mimeGeoJSON
	if method == http.MethodPatch {
		ct = mimeMergePatch
	}
	return e.send(tb, method, target, body, append([]string{headerCSRF, e.csrf, echo.HeaderContentType, ct}, headers...)...)
}

func (e *adminEnv) login(tb testing.TB, password string, headers ...string) *httptest.ResponseRecorder {
	tb.Helper()
	return e.send(tb, http.MethodPost, "/api/admin/login", `{"password": `+strconv.Quote(password)+`}`,
		append([]string{echo.HeaderContentType, echo.MIMEApplicationJSON}, headers...)...)
}

// signIn signs in with testPassword and keeps the cookie and the CSRF token.
func (e *adminEnv) signIn(tb testing.TB) {
	tb.Helper()
	rec := e.login(tb, testPassword)
	doc := decode[sessionDoc](tb, rec, http.StatusOK)
	ck := sessionCookieOf(tb, rec)
	e.cookie, e.csrf = ck.Name+"="+ck.Value, doc.CSRFToken
}

func sessionCookieOf(tb testing.TB, rec *httptest.ResponseRecorder) *http.Cookie {
	tb.Helper()
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == sessionCookie {
			return ck
		}
	}
	tb.Fatalf("no %s cookie in %v", sessionCookie, rec.Header().Values("Set-Cookie"))
	return nil
}

func TestLoginSetsASafeCookie(t *testing.T) {
	env := newAdminEnv(t)
	if rec := env.send(t, http.MethodGet, "/api/admin/session", ""); rec.Code != http.StatusUnauthorized {
		t.Fatalf("session before signing in: %d", rec.Code)
	}
	rec := env.login(t, "wrong password")
	if p := decode[Problem](t, rec, http.StatusUnauthorized); p.Field != "password" {
		t.Errorf("wrong password: problem %+v", p)
	}
	if len(rec.Result().Cookies()) != 0 {
		t.Errorf("a wrong password got a cookie: %v", rec.Result().Cookies())
	}

	rec = env.login(t, testPassword)
	doc := decode[sessionDoc](t, rec, http.StatusOK)
	ck := sessionCookieOf(t, rec)
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.Secure || len(ck.Value) < 40 {
		t.Errorf("cookie over plain HTTP: %+v", ck)
	}
	if len(doc.CSRFToken) < 40 || doc.User != gazetteer.AdminEditor || !doc.Expires.After(time.Now().Add(11*time.Hour)) {
		t.Errorf("session: %+v", doc)
	}
	if strings.Contains(rec.Body.String(), ck.Value) {
		t.Error("the body repeats the session token, which must stay in the HttpOnly cookie")
	}

	behindTLS := env.login(t, testPassword, "X-Forwarded-Proto", "https")
	if ck := sessionCookieOf(t, behindTLS); !ck.Secure {
		t.Errorf("cookie behind a TLS proxy is not Secure: %+v", ck)
	}

	env.cookie = ck.Name + "=" + ck.Value
	got := decode[sessionDoc](t, env.send(t, http.MethodGet, "/api/admin/session", ""), http.StatusOK)
	if got.CSRFToken != doc.CSRFToken {
		t.Errorf("session CSRF token %q, login gave %q", got.CSRFToken, doc.CSRFToken)
	}

	env.csrf = doc.CSRFToken
	if rec := env.write(t, http.MethodPost, "/api/admin/logout", ""); rec.Code != http.StatusNoContent {
		t.Fatalf("logout: %d %s", rec.Code, rec.Body)
	}
	if rec := env.send(t, http.MethodGet, "/api/admin/session", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("session after logout: %d", rec.Code)
	}
}

func TestSessionsExpire(t *testing.T) {
	env := newAdminEnv(t)
	now := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	env.srv.auth.now = func() time.Time { return now }
	env.signIn(t)
	now = now.Add(sessionIdle - time.Minute)
	if rec := env.send(t, http.MethodGet, "/api/admin/session", ""); rec.Code != http.StatusOK {
		t.Fatalf("session used within the idle time: %d", rec.Code)
	}
	now = now.Add(sessionIdle - time.Minute) // idle from the last use, not from sign-in
	if rec := env.send(t, http.MethodGet, "/api/admin/session", ""); rec.Code != http.StatusOK {
		t.Fatalf("session used again within the idle time: %d", rec.Code)
	}
	now = now.Add(sessionIdle)
	if rec := env.send(t, http.MethodGet, "/api/admin/session", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("session idle too long: %d", rec.Code)
	}

	env.signIn(t)
	for i := 0; i < 30; i++ { // in use all along, yet not for ever
		now = now.Add(sessionIdle / 2)
		env.send(t, http.MethodGet, "/api/admin/session", "")
	}
	if rec := env.send(t, http.MethodGet, "/api/admin/session", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("session older than %s: %d", sessionMax, rec.Code)
	}
}

func TestWrongPasswordsAreSlowedDown(t *testing.T) {
	env := newAdminEnv(t)
	now := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	env.srv.auth.now = func() time.Time { return now }
	attacker := []string{"RemoteAddr", "198.51.100.7:40000"}
	for i := 1; i <= freeLoginTries; i++ {
		if rec := env.login(t, "guess"+strconv.Itoa(i), attacker...); rec.Code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i, rec.Code)
		}
	}
	// Now every try waits, even the right password, and X-Forwarded-For does not help.
	rec := env.login(t, testPassword, append(attacker, "X-Forwarded-For", "203.0.113.9")...)
	decode[Problem](t, rec, http.StatusTooManyRequests)
	if ra := rec.Header().Get(echo.HeaderRetryAfter); ra != "1" {
		t.Errorf("Retry-After %q, want 1", ra)
	}
	// Another address is not held up.
	if rec := env.login(t, testPassword, "RemoteAddr", "192.0.2.50:1234"); rec.Code != http.StatusOK {
		t.Errorf("sign-in from another address: %d", rec.Code)
	}
	// Each further wrong password doubles the wait.
	for i, want := range []string{"2", "4", "8"} {
		now = now.Add(time.Hour / 2)
		if rec := env.login(t, "again", attacker...); rec.Code != http.StatusUnauthorized {
			t.Fatalf("try %d after waiting: %d", i, rec.Code)
		}
		rec := env.login(t, "again", attacker...)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get(echo.HeaderRetryAfter) != want {
			t.Errorf("try %d at once: %d, Retry-After %q, want 429 and %s", i, rec.Code, rec.Header().Get(echo.HeaderRetryAfter), want)
		}
	}
	now = now.Add(time.Minute)
	if rec := env.login(t, testPassword, attacker...); rec.Code != http.StatusOK {
		t.Fatalf("the right password after waiting: %d", rec.Code)
	}
	// A success starts the count again.
	if rec := env.login(t, "typo", attacker...); rec.Code != http.StatusUnauthorized {
		t.Errorf("after a success: %d", rec.Code)
	}
}

func TestGeneratedPasswordIsLoggedOnceAndStoredHashed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gen.gpkg")
	start := func() (string, *Server) {
		t.Helper()
		db, err := gpkg.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		store, err := gazetteer.NewStore(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		srv, err := New(ctx, Config{}, Deps{Places: store, Static: fstest.MapFS{},
			Logger: slog.New(slog.NewTextHandler(&log, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
		return log.String(), srv
	}
	first, srv := start()
	i := strings.Index(first, "password=")
	if i < 0 {
		t.Fatalf("the first start logged no password:\n%s", first)
	}
	password := strings.Fields(first[i+len("password="):])[0]
	if len(password) < 32 {
		t.Fatalf("generated password %q is weak", password)
	}

	env := &adminEnv{testEnv: testEnv{srv: srv, h: srv.Handler()}}
	if rec := env.login(t, password); rec.Code != http.StatusOK {
		t.Fatalf("signing in with the logged password: %d %s", rec.Code, rec.Body)
	}

	second, _ := start()
	if strings.Contains(second, password) || strings.Contains(second, "password=") {
		t.Errorf("the second start logged a password again:\n%s", second)
	}

	// Nothing in the file holds the password in clear.
	db, err := gpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM editors WHERE password_hash LIKE '$2a$%'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("bcrypt hashes in editors: %d, %v", n, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM editors WHERE instr(name || password_hash || created || updated, ?) > 0`,
		password).Scan(&n); err != nil || n != 0 {
		t.Errorf("rows holding the clear password: %d, %v", n, err)
	}
}

func TestAdminPasswordFromConfig(t *testing.T) {
	env := newAdminEnv(t)
	if rec := env.login(t, testPassword); rec.Code != http.StatusOK {
		t.Fatalf("configured password: %d", rec.Code)
	}
	ctx := context.Background()
	if _, err := New(ctx, Config{AdminPassword: "short"}, Deps{Places: env.store, Static: fstest.MapFS{}}); err == nil ||
		!strings.Contains(err.Error(), "password") {
		t.Errorf("a too short password: %v, want an error naming the password", err)
	}
}
