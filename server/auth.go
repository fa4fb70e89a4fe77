package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
)

// Session and sign-in limits.
const (
	sessionCookie = "dateline_session"
	headerCSRF    = "X-CSRF-Token"
	// sessionIdle ends a session nobody used for this long; sessionMax ends
	// any session, so a stolen cookie does not last for ever.
	sessionIdle = 12 * time.Hour
	sessionMax  = 7 * 24 * time.Hour
	maxSessions = 1000
	// freeLoginTries wrong passwords from one address cost nothing; each
	// further one doubles the wait before the next try, up to maxLoginDelay.
	freeLoginTries = 5
	maxLoginDelay  = 15 * time.Minute
	// forgetFailures is how long after its last failure an address starts
	// again with free tries.
	forgetFailures    = time.Hour
	maxTrackedClients = 10000
	editorKey         = "dateline.editor" // echo context key of the signed-in editor
)

// auth holds the admin sessions and the sign-in failures per client
// address, in memory: a restart signs everybody out, which is acceptable
// for one admin account.
type auth struct {
	now      func() time.Time
	mu       sync.Mutex
	sessions map[string]*session // by the SHA-256 of the cookie's token
	failures map[string]*loginFailures
}

// session is one signed-in browser.
type session struct {
	editor        string
	csrf          string
	created, seen time.Time
}

func (s *session) expires() time.Time {
	idle, end := s.seen.Add(sessionIdle), s.created.Add(sessionMax)
	if idle.Before(end) {
		return idle
	}
	return end
}

// loginFailures counts the sign-in attempts of one client address that
// did not succeed, and until when it must wait.
type loginFailures struct {
	count    int
	last     time.Time
	until    time.Time
	checking bool // a password from the address is being checked
}

func newAuth() *auth {
	return &auth{now: time.Now, sessions: map[string]*session{}, failures: map[string]*loginFailures{}}
}

// randomToken returns 256 random bits, URL-safe.
func randomToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("server: random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// tokenKey is what the session map is keyed by: a hash, so that the tokens
// themselves are kept nowhere.
func tokenKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// begin is called when a password from ip is about to be checked. It
// returns how long the address must still wait (0: go ahead). Only wrong
// passwords count, and an address has one password check at a time, so that
// many attempts sent at once cannot slip past the count: a second one while
// the first is being checked is answered like a wait of a second. After a
// go-ahead the caller must report the outcome with finish; busy says the
// wait is for another check of the same address.
func (a *auth) begin(ip string) (wait time.Duration, busy bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	f := a.failures[ip]
	if f != nil && now.Before(f.until) {
		return f.until.Sub(now), false
	}
	if f != nil && f.checking {
		return time.Second, true
	}
	if f == nil || now.Sub(f.last) > forgetFailures {
		if len(a.failures) >= maxTrackedClients {
			a.forgetOldFailures(now)
		}
		f = &loginFailures{}
		a.failures[ip] = f
	}
	f.checking = true
	return 0, false
}

// finish records the outcome of the password check begin allowed: a right
// password clears the address's failures, a wrong one counts.
func (a *auth) finish(ip string, right bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f := a.failures[ip]
	if right || f == nil {
		delete(a.failures, ip)
		return
	}
	now := a.now()
	f.checking = false
	f.count++
	f.last = now
	if f.count >= freeLoginTries {
		f.until = now.Add(loginDelay(f.count))
	}
}

// loginDelay is the wait after the n-th wrong password in a row.
func loginDelay(n int) time.Duration {
	shift := min(n-freeLoginTries, 20)
	return min(time.Second<<shift, maxLoginDelay)
}

// forgetOldFailures drops the addresses that may try again freely; when
// that is not enough, it drops some at random rather than grow without end.
func (a *auth) forgetOldFailures(now time.Time) {
	for ip, f := range a.failures {
		if now.Sub(f.last) > forgetFailures && !now.Before(f.until) {
			delete(a.failures, ip)
		}
	}
	for ip := range a.failures {
		if len(a.failures) < maxTrackedClients {
			break
		}
		delete(a.failures, ip)
	}
}

// start opens a session for editor and returns its cookie token. The
// session the browser had before, if any, ends: a new sign-in never keeps a
// token somebody else may have planted.
func (a *auth) start(editor, oldToken string) (string, session, error) {
	token, err := randomToken()
	if err != nil {
		return "", session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return "", session{}, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if oldToken != "" {
		delete(a.sessions, tokenKey(oldToken))
	}
	if len(a.sessions) >= maxSessions {
		a.dropSessions(now)
	}
	s := &session{editor: editor, csrf: csrf, created: now, seen: now}
	a.sessions[tokenKey(token)] = s
	return token, *s, nil
}

// dropSessions removes expired sessions, then the least recently used ones
// until there is room for one more.
func (a *auth) dropSessions(now time.Time) {
	for k, s := range a.sessions {
		if !now.Before(s.expires()) {
			delete(a.sessions, k)
		}
	}
	for len(a.sessions) >= maxSessions {
		var oldest string
		for k, s := range a.sessions {
			if oldest == "" || s.seen.Before(a.sessions[oldest].seen) {
				oldest = k
			}
		}
		delete(a.sessions, oldest)
	}
}

// lookup returns the session of the request's cookie and marks it used;
// false when there is none or it has expired.
func (a *auth) lookup(c echo.Context) (session, bool) {
	ck, err := c.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return session{}, false
	}
	key := tokenKey(ck.Value)
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.sessions[key]
	if !ok {
		return session{}, false
	}
	now := a.now()
	if !now.Before(s.expires()) {
		delete(a.sessions, key)
		return session{}, false
	}
	s.seen = now
	return *s, true
}

// end closes the session of token.
func (a *auth) end(token string) {
	a.mu.Lock()
	delete(a.sessions, tokenKey(token))
	a.mu.Unlock()
}

// clientIP is the address sign-in attempts are counted by: the peer's own,
// or, when the peer is one of the configured trusted proxies, the client
// address it reports in X-Forwarded-For (the server's IPExtractor decides).
// A client's own X-Forwarded-For is never believed, or it could escape the
// limit by naming another address each time.
func clientIP(c echo.Context) string {
	return c.RealIP()
}

// overTLS reports whether the client reached us over HTTPS, itself or
// through a proxy. Any peer's X-Forwarded-Proto is believed here: a Secure
// cookie it causes is only ever stricter.
func overTLS(c echo.Context) bool {
	return c.Scheme() == "https" || strings.EqualFold(c.Request().Header.Get(echo.HeaderXForwardedProto), "https")
}

func unauthorized() error {
	return &problemError{status: http.StatusUnauthorized,
		detail: "sign in first: this needs an admin session (POST /api/admin/login)"}
}

// requireAdmin lets a changing request through only with a live admin
// session and that session's CSRF token in the X-CSRF-Token header. The
// token is in no cookie, so a page of another site that makes the browser
// send the cookie cannot send it (SameSite=Strict already keeps the cookie
// from such requests; the token also covers browsers that ignore it).
func (s *Server) requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess, ok := s.auth.lookup(c)
		if !ok {
			return unauthorized()
		}
		got := c.Request().Header.Get(headerCSRF)
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.csrf)) != 1 {
			return &problemError{status: http.StatusForbidden, field: headerCSRF,
				detail: "the X-CSRF-Token header is missing or is not this session's token (GET /api/admin/session gives it)"}
		}
		c.Set(editorKey, sess.editor)
		return next(c)
	}
}

// editor returns the name of the signed-in editor a handler acts for.
func editor(c echo.Context) string {
	if e, ok := c.Get(editorKey).(string); ok {
		return e
	}
	return ""
}

// sessionDoc is what the login and session endpoints answer.
type sessionDoc struct {
	User      string    `json:"user"`
	CSRFToken string    `json:"csrf_token"`
	Expires   time.Time `json:"expires"`
	// The kinds and usages the gazetteer knows, for the page's menus.
	Kinds  []gazetteer.Kind  `json:"kinds"`
	Usages []gazetteer.Usage `json:"usages"`
}

func newSessionDoc(s session) sessionDoc {
	return sessionDoc{User: s.editor, CSRFToken: s.csrf, Expires: s.expires().UTC(), Kinds: gazetteer.Kinds, Usages: gazetteer.Usages}
}

func (s *Server) login(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	// A request that carries no password is refused before the limit is
	// consulted: only wrong passwords count against an address.
	var body struct {
		Password string `json:"password"`
	}
	if err := readJSON(c, 4<<10, &body); err != nil {
		return err
	}
	if body.Password == "" {
		return badRequest("password", "give the admin password as {\"password\": \"...\"}")
	}
	ip := clientIP(c)
	if wait, busy := s.auth.begin(ip); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		c.Response().Header().Set(echo.HeaderRetryAfter, strconv.Itoa(secs))
		detail := fmt.Sprintf("too many wrong passwords from your address: wait %d s before the next try", secs)
		if busy {
			detail = "a password from your address is being checked; send one at a time"
		}
		return &problemError{status: http.StatusTooManyRequests, detail: detail}
	}
	ok, err := s.deps.Places.Authenticate(c.Request().Context(), gazetteer.AdminEditor, body.Password)
	s.auth.finish(ip, err == nil && ok)
	if err != nil {
		return err
	}
	if !ok {
		s.log.Warn("admin sign-in failed", "ip", ip)
		return &problemError{status: http.StatusUnauthorized, field: "password", detail: "wrong password"}
	}
	var old string
	if ck, err := c.Cookie(sessionCookie); err == nil {
		old = ck.Value
	}
	token, sess, err := s.auth.start(gazetteer.AdminEditor, old)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: overTLS(c),
	})
	s.log.Info("admin signed in", "ip", ip)
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, newSessionDoc(sess))
}

func (s *Server) logout(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		s.auth.end(ck.Value)
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: overTLS(c),
	})
	return c.NoContent(http.StatusNoContent)
}

// sessionInfo tells a signed-in page its CSRF token and when the session
// ends; 401 otherwise.
func (s *Server) sessionInfo(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	sess, ok := s.auth.lookup(c)
	if !ok {
		return unauthorized()
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, newSessionDoc(sess))
}
