package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// newTestClient is a client for the loopback test servers: private
// addresses allowed, a short host delay, and o's other fields.
func newTestClient(o Options) *Client {
	o.AllowPrivate = true
	if o.HostDelay == 0 {
		o.HostDelay = time.Millisecond
	}
	return New(o)
}

// recorder is a test server's log of the paths it was asked for.
type recorder struct {
	mu    sync.Mutex
	paths []string
	times []time.Time
}

func (r *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.paths = append(r.paths, req.URL.Path)
		r.times = append(r.times, time.Now())
		r.mu.Unlock()
		h.ServeHTTP(w, req)
	})
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.paths...)
}

// serve starts a loopback server whose requests are recorded.
func serve(t *testing.T, h http.Handler) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(rec.wrap(h))
	t.Cleanup(srv.Close)
	return srv, rec
}

func htmlHandler(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func assertFetchError(t *testing.T, err error, sentinel error, contains string) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", sentinel)
	}
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %q is not %v", err, sentinel)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %q is %T, not *Error", err, err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error message %q has more than one line", err)
	}
	if contains != "" && !strings.Contains(err.Error(), contains) {
		t.Errorf("error %q does not mention %q", err, contains)
	}
	return fe
}

func TestGetPage(t *testing.T) {
	srv, _ := serve(t, htmlHandler("<html><body><p>Hello, world.</p></body></html>"))
	c := newTestClient(Options{})
	resp, err := c.Get(t.Context(), Request{URL: srv.URL + "/news/1#top"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || resp.ContentType != "text/html" || resp.Charset != "utf-8" {
		t.Errorf("status, type, charset = %d %q %q", resp.Status, resp.ContentType, resp.Charset)
	}
	if resp.URL != srv.URL+"/news/1" {
		t.Errorf("URL = %q, want the fragment dropped", resp.URL)
	}
	if !bytes.Contains(resp.Body, []byte("Hello, world.")) {
		t.Errorf("body = %q", resp.Body)
	}
}

func TestGetSendsHeaders(t *testing.T) {
	var ua, accept atomic.Value
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		ua.Store(r.UserAgent())
		accept.Store(r.Header.Get("Accept"))
		htmlHandler("<p>x</p>")(w, r)
	}))
	c := newTestClient(Options{})
	if _, err := c.Get(t.Context(), Request{URL: srv.URL, Accept: HTML}); err != nil {
		t.Fatal(err)
	}
	if got := ua.Load().(string); !strings.Contains(got, "Dateline") {
		t.Errorf("User-Agent %q does not name Dateline", got)
	}
	if got := accept.Load().(string); !strings.Contains(got, "text/html") || strings.Contains(got, "rss") {
		t.Errorf("Accept %q for an HTML-only request", got)
	}
}

func TestGetSchemes(t *testing.T) {
	c := newTestClient(Options{})
	tests := []struct {
		url      string
		sentinel error
	}{
		{"ftp://example.com/file", ErrScheme},
		{"file:///etc/passwd", ErrScheme},
		{"javascript:alert(1)", ErrScheme},
		{"gopher://example.com/", ErrScheme},
		{"example.com/page", ErrScheme},
		{"http://", ErrInvalidURL},
		{"http://[::1", ErrInvalidURL},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := c.Get(t.Context(), Request{URL: tt.url})
			assertFetchError(t, err, tt.sentinel, "")
		})
	}
}

func TestGetRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			htmlHandler("<p>arrived</p>")(w, r)
			return
		}
		http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/self", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/no-location", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound)
	})
	srv, _ := serve(t, mux)
	c := newTestClient(Options{})

	t.Run("five redirects are followed", func(t *testing.T) {
		resp, err := c.Get(t.Context(), Request{URL: srv.URL + "/r/5"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.URL != srv.URL+"/r/0" || !bytes.Contains(resp.Body, []byte("arrived")) {
			t.Errorf("ended at %q with %q", resp.URL, resp.Body)
		}
	})
	tests := []struct {
		name, path string
		sentinel   error
		contains   string
	}{
		{"six redirects are refused", "/r/6", ErrTooManyRedirects, "more than 5 redirects"},
		{"a redirect loop", "/loop/a", ErrTooManyRedirects, "redirect loop"},
		{"a redirect to itself", "/self", ErrTooManyRedirects, "redirect loop"},
		{"a redirect to file:", "/to-file", ErrScheme, "file"},
		{"a redirect without Location", "/no-location", ErrStatus, "302"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Get(t.Context(), Request{URL: srv.URL + tt.path})
			assertFetchError(t, err, tt.sentinel, tt.contains)
		})
	}
	t.Run("MaxRedirects is configurable", func(t *testing.T) {
		c := newTestClient(Options{MaxRedirects: 2})
		if _, err := c.Get(t.Context(), Request{URL: srv.URL + "/r/2"}); err != nil {
			t.Errorf("two redirects: %v", err)
		}
		_, err := c.Get(t.Context(), Request{URL: srv.URL + "/r/3"})
		assertFetchError(t, err, ErrTooManyRedirects, "")
		c = newTestClient(Options{MaxRedirects: -1})
		_, err = c.Get(t.Context(), Request{URL: srv.URL + "/r/1"})
		assertFetchError(t, err, ErrTooManyRedirects, "")
	})
}

func TestGetErrorStatus(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	srv, _ := serve(t, mux)
	c := newTestClient(Options{})
	tests := []struct {
		path   string
		status int
		reason string
	}{
		{"/missing", 404, "status 404 Not Found"},
		{"/broken", 500, "status 500 Internal Server Error"},
		{"/gone", 410, "status 410 Gone"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := c.Get(t.Context(), Request{URL: srv.URL + tt.path})
			fe := assertFetchError(t, err, ErrStatus, tt.reason)
			if fe.Status != tt.status {
				t.Errorf("Status = %d, want %d", fe.Status, tt.status)
			}
			if want := "fetch " + srv.URL + tt.path + ": " + tt.reason; err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
		})
	}
}

func TestGetTimeout(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // longer than any Timeout: until the client gives up
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<p>first part")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	srv, _ := serve(t, mux)
	c := newTestClient(Options{Timeout: 100 * time.Millisecond, IgnoreRobots: true})
	for _, path := range []string{"/slow-headers", "/slow-body"} {
		t.Run(path, func(t *testing.T) {
			_, err := c.Get(t.Context(), Request{URL: srv.URL + path})
			assertFetchError(t, err, ErrTimeout, "timed out")
		})
	}
	t.Run("the caller's cancellation is not a timeout", func(t *testing.T) {
		arrived := make(chan struct{})
		var once sync.Once
		srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			once.Do(func() { close(arrived) })
			<-r.Context().Done()
		}))
		ctx, cancel := context.WithCancel(t.Context())
		go func() {
			<-arrived
			cancel()
		}()
		_, err := newTestClient(Options{IgnoreRobots: true}).Get(ctx, Request{URL: srv.URL + "/hang"})
		if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
			t.Errorf("error %v, want context.Canceled and not ErrTimeout", err)
		}
	})
}

func TestGetTooLarge(t *testing.T) {
	const total = 50 << 20
	const limit = 1 << 20
	written := make(chan int64, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/streamed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>lorem ipsum dolor sit amet</p>\n"), 2000)
		var n int64
		for n < total {
			k, err := w.Write(chunk[:min(int64(len(chunk)), total-n)])
			n += int64(k)
			if err != nil {
				break
			}
			w.(http.Flusher).Flush()
		}
		written <- n
	})
	mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(total))
		w.WriteHeader(200)
		// Send nothing: the client must refuse on the header alone.
	})
	srv, _ := serve(t, mux)
	c := newTestClient(Options{MaxBytes: limit})

	t.Run("streamed without a length", func(t *testing.T) {
		_, err := c.Get(t.Context(), Request{URL: srv.URL + "/streamed"})
		assertFetchError(t, err, ErrTooLarge, "over the limit of 1048576 bytes")
		// The client hung up once it had limit+1 bytes: the server could not
		// push the other tens of megabytes anywhere.
		if n := <-written; n >= total {
			t.Errorf("server wrote all %d bytes; the client read on", n)
		}
	})
	t.Run("declared by Content-Length", func(t *testing.T) {
		_, err := c.Get(t.Context(), Request{URL: srv.URL + "/declared"})
		assertFetchError(t, err, ErrTooLarge, "52428800 bytes")
	})
	t.Run("exactly MaxBytes is fine", func(t *testing.T) {
		body := "<p>" + strings.Repeat("a", 100-7) + "</p>"
		srv, _ := serve(t, htmlHandler(body))
		c := newTestClient(Options{MaxBytes: int64(len(body))})
		resp, err := c.Get(t.Context(), Request{URL: srv.URL})
		if err != nil || string(resp.Body) != body {
			t.Fatalf("Get = %v", err)
		}
	})
}

// countingReader counts what is read from it.
type countingReader struct {
	n int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestReadLimitedReadsAtMostLimitPlusOne(t *testing.T) {
	for _, limit := range []int64{0, 1, 511, 4096, 1 << 20} {
		t.Run(strconv.FormatInt(limit, 10), func(t *testing.T) {
			r := &countingReader{}
			body, err := readLimited(r, limit)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v", err)
			}
			if int64(len(body)) != limit {
				t.Errorf("kept %d bytes, want %d", len(body), limit)
			}
			if r.n > limit+1 {
				t.Errorf("read %d bytes from an endless body with limit %d", r.n, limit)
			}
		})
	}
}

func TestGetContentTypes(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...)
	gzip := append([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), bytes.Repeat([]byte{7, 0}, 100)...)
	tests := []struct {
		name, contentType string
		body              []byte
		accept            Kind
		wantType          string // "" = refused with ErrContentType
	}{
		{"html", "text/html; charset=utf-8", []byte("<p>hi</p>"), 0, "text/html"},
		{"xhtml", "application/xhtml+xml", []byte("<html xmlns='http://www.w3.org/1999/xhtml'/>"), 0, "application/xhtml+xml"},
		{"plain", "text/plain", []byte("hi"), 0, "text/plain"},
		{"rss", "application/rss+xml", []byte("<?xml version='1.0'?><rss/>"), 0, "application/rss+xml"},
		{"atom", "application/atom+xml; charset=utf-8", []byte("<feed/>"), Feed, "application/atom+xml"},
		{"rdf", "application/rdf+xml", []byte("<rdf:RDF/>"), 0, "application/rdf+xml"},
		{"xml", "application/xml", []byte("<rss/>"), 0, "application/xml"},
		{"text/xml", "text/xml", []byte("<rss/>"), 0, "text/xml"},
		{"json feed", "application/feed+json", []byte(`{"version":"https://jsonfeed.org/version/1.1"}`), 0, "application/feed+json"},
		{"json", "application/json", []byte(`{"items":[]}`), 0, "application/json"},
		{"upper case type", "TEXT/HTML", []byte("<p>hi</p>"), 0, "text/html"},
		{"no type, sniffed as html", "", []byte("<!DOCTYPE html><p>hi</p>"), 0, "text/html"},
		{"image/png", "image/png", png, 0, ""},
		{"pdf", "application/pdf", []byte("%PDF-1.4 ..."), 0, ""},
		{"octet-stream", "application/octet-stream", []byte("text really"), 0, ""},
		{"binary served as text/html", "text/html", png, 0, ""},
		{"gzip served as text/html", "text/html", gzip, 0, ""},
		{"NUL bytes served as text/plain", "text/plain", []byte("abc\x00def"), 0, ""},
		{"no type, sniffed as png", "", png, 0, ""},
		{"a feed when only HTML was asked for", "application/rss+xml", []byte("<rss/>"), HTML, ""},
		{"HTML when only feeds were asked for", "text/html", []byte("<p>x</p>"), Feed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					http.NotFound(w, r)
					return
				}
				w.Header()["Content-Type"] = []string{tt.contentType}
				w.Write(tt.body)
			}))
			resp, err := newTestClient(Options{}).Get(t.Context(), Request{URL: srv.URL + "/x", Accept: tt.accept})
			if tt.wantType == "" {
				assertFetchError(t, err, ErrContentType, "refused")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.ContentType != tt.wantType {
				t.Errorf("ContentType = %q, want %q", resp.ContentType, tt.wantType)
			}
		})
	}
}

func TestGetDecodesCharsets(t *testing.T) {
	const russian = "Москва и Санкт-Петербург: новости дня. Ёлка, щи, эхо."
	encode := func(enc *charmap.Charmap, s string) []byte {
		b, err := enc.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name, contentType string
		body              []byte
		wantCharset       string
	}{
		{"windows-1251 from the header", "text/html; charset=windows-1251",
			encode(charmap.Windows1251, "<html><body><p>"+russian+"</p></body></html>"), "windows-1251"},
		{"KOI8-R from meta charset", "text/html",
			encode(charmap.KOI8R, `<html><head><meta charset="koi8-r"></head><body><p>`+russian+`</p></body></html>`), "koi8-r"},
		{"windows-1251 from http-equiv", "text/html",
			encode(charmap.Windows1251, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>`+russian+`</p></body></html>`), "windows-1251"},
		{"header charset wins over meta", "text/html; charset=koi8-r",
			encode(charmap.KOI8R, `<meta charset="windows-1251"><p>`+russian+`</p>`), "koi8-r"},
		{"KOI8-R plain text", "text/plain; charset=KOI8-R", encode(charmap.KOI8R, russian), "koi8-r"},
		{"windows-1251 RSS from the XML declaration", "application/rss+xml",
			encode(charmap.Windows1251, `<?xml version="1.0" encoding="windows-1251"?><rss><title>`+russian+`</title></rss>`), "windows-1251"},
		{"UTF-8 with a BOM", "text/html", []byte("\xEF\xBB\xBF<p>" + russian + "</p>"), "utf-8"},
		{"UTF-8 undeclared", "text/html", []byte("<p>" + russian + "</p>"), "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", tt.contentType)
				w.Write(tt.body)
			}))
			resp, err := newTestClient(Options{}).Get(t.Context(), Request{URL: srv.URL + "/ru"})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Charset != tt.wantCharset {
				t.Errorf("Charset = %q, want %q", resp.Charset, tt.wantCharset)
			}
			if !strings.Contains(string(resp.Body), russian) {
				t.Errorf("body %q does not contain %q", resp.Body, russian)
			}
			if bytes.HasPrefix(resp.Body, []byte("\xEF\xBB\xBF")) {
				t.Error("the BOM was kept")
			}
		})
	}
}

func TestGetConditional(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Mon, 02 Jan 2006 15:04:05 GMT"
	srv, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.Header().Set("ETag", etag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		htmlHandler("<p>fresh</p>")(w, r)
	}))
	c := newTestClient(Options{})
	first, err := c.Get(t.Context(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("first response: NotModified=%v ETag=%q LastModified=%q", first.NotModified, first.ETag, first.LastModified)
	}
	tests := []struct {
		name string
		req  Request
	}{
		{"If-None-Match", Request{URL: srv.URL + "/feed", ETag: first.ETag}},
		{"If-Modified-Since", Request{URL: srv.URL + "/feed", LastModified: first.LastModified}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(t.Context(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if !resp.NotModified || resp.Status != 304 || len(resp.Body) != 0 || resp.ETag != etag {
				t.Errorf("NotModified=%v Status=%d body=%q ETag=%q", resp.NotModified, resp.Status, resp.Body, resp.ETag)
			}
		})
	}
	if n := len(rec.seen()); n != 4 {
		t.Errorf("server saw %d requests (%v), want robots.txt and three fetches", n, rec.seen())
	}
}

func TestGetRobots(t *testing.T) {
	tests := []struct {
		name    string
		robots  func(w http.ResponseWriter, r *http.Request)
		path    string
		allowed bool
		reason  string
	}{
		{"disallowed for everyone", robotsText("User-agent: *\nDisallow: /private\n"), "/private/page", false, "disallowed by robots.txt"},
		{"allowed path beside a disallowed one", robotsText("User-agent: *\nDisallow: /private\n"), "/public/page", true, ""},
		{"disallowed for Dateline only", robotsText("User-agent: *\nAllow: /\n\nUser-agent: Dateline\nDisallow: /\n"), "/page", false, "disallowed by robots.txt"},
		{"allowed for Dateline though not for others", robotsText("User-agent: *\nDisallow: /\n\nUser-agent: dateline\nAllow: /\n"), "/page", true, ""},
		{"robots.txt missing", http.NotFound, "/anything", true, ""},
		{"robots.txt broken", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "oops", http.StatusServiceUnavailable)
		}, "/anything", false, "robots.txt unreachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", tt.robots)
			mux.HandleFunc("/", htmlHandler("<p>page</p>"))
			srv, rec := serve(t, mux)
			_, err := newTestClient(Options{}).Get(t.Context(), Request{URL: srv.URL + tt.path})
			if tt.allowed {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertFetchError(t, err, ErrRobots, tt.reason)
			if got := rec.seen(); len(got) != 1 || got[0] != "/robots.txt" {
				t.Errorf("server saw %v, want only /robots.txt", got)
			}
		})
	}
	t.Run("robots.txt is fetched once per host", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("/robots.txt", robotsText("User-agent: *\nDisallow: /no\n"))
		mux.HandleFunc("/", htmlHandler("<p>page</p>"))
		srv, rec := serve(t, mux)
		c := newTestClient(Options{})
		var wg sync.WaitGroup
		for i := range 4 {
			wg.Go(func() {
				if _, err := c.Get(t.Context(), Request{URL: srv.URL + "/yes/" + strconv.Itoa(i)}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		n := 0
		for _, p := range rec.seen() {
			if p == "/robots.txt" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("robots.txt fetched %d times", n)
		}
	})
	t.Run("IgnoreRobots", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("/robots.txt", robotsText("User-agent: *\nDisallow: /\n"))
		mux.HandleFunc("/", htmlHandler("<p>page</p>"))
		srv, rec := serve(t, mux)
		if _, err := newTestClient(Options{IgnoreRobots: true}).Get(t.Context(), Request{URL: srv.URL + "/x"}); err != nil {
			t.Fatal(err)
		}
		if got := rec.seen(); len(got) != 1 || got[0] != "/x" {
			t.Errorf("server saw %v", got)
		}
	})
}

func robotsText(s string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, s)
	}
}

func TestGetPoliteness(t *testing.T) {
	const delay = 150 * time.Millisecond
	srv, rec := serve(t, htmlHandler("<p>x</p>"))
	c := newTestClient(Options{HostDelay: delay, IgnoreRobots: true})

	t.Run("sequential", func(t *testing.T) {
		for _, p := range []string{"/a", "/b"} {
			if _, err := c.Get(t.Context(), Request{URL: srv.URL + p}); err != nil {
				t.Fatal(err)
			}
		}
		assertSpaced(t, rec, 2, delay)
	})
	t.Run("concurrent", func(t *testing.T) {
		srv, rec := serve(t, htmlHandler("<p>x</p>"))
		var wg sync.WaitGroup
		for i := range 3 {
			wg.Go(func() {
				if _, err := c.Get(t.Context(), Request{URL: srv.URL + "/c/" + strconv.Itoa(i)}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		assertSpaced(t, rec, 3, delay)
	})
	t.Run("waiting honours the context", func(t *testing.T) {
		c := newTestClient(Options{HostDelay: time.Hour, IgnoreRobots: true})
		if _, err := c.Get(t.Context(), Request{URL: srv.URL + "/first"}); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := c.Get(ctx, Request{URL: srv.URL + "/second"})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}

func assertSpaced(t *testing.T, rec *recorder, n int, delay time.Duration) {
	t.Helper()
	rec.mu.Lock()
	times := append([]time.Time(nil), rec.times...)
	rec.mu.Unlock()
	if len(times) != n {
		t.Fatalf("server saw %d requests, want %d", len(times), n)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < delay {
			t.Errorf("requests %d and %d were %v apart, want at least %v", i-1, i, gap, delay)
		}
	}
}

// TestGetRefusesPrivate runs with AllowPrivate off. Every URL points at a
// non-public address, so the refusal must come before any connection.
func TestGetRefusesPrivate(t *testing.T) {
	srv, rec := serve(t, htmlHandler("<p>secret</p>"))
	port := srv.Listener.Addr().(interface{ String() string }).String()
	_, port, _ = strings.Cut(port, "127.0.0.1:")

	t.Run("loopback literal", func(t *testing.T) {
		c := New(Options{})
		_, err := c.Get(t.Context(), Request{URL: srv.URL + "/x"})
		fe := assertFetchError(t, err, ErrPrivateAddress, "refused: loopback address 127.0.0.1")
		if want := "fetch " + srv.URL + "/x: refused: loopback address 127.0.0.1"; fe.Error() != want {
			t.Errorf("message %q, want %q", fe, want)
		}
	})
	t.Run("localhost", func(t *testing.T) {
		_, err := New(Options{}).Get(t.Context(), Request{URL: "http://localhost:" + port + "/x"})
		assertFetchError(t, err, ErrPrivateAddress, "refused: resolves to loopback address")
	})
	t.Run("IPv6 and mapped literals", func(t *testing.T) {
		for _, u := range []string{"http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://0.0.0.0:" + port + "/"} {
			_, err := New(Options{}).Get(t.Context(), Request{URL: u})
			assertFetchError(t, err, ErrPrivateAddress, "refused")
		}
	})

	names := []struct{ ip, kind string }{
		{"10.0.0.1", "private"},
		{"172.16.5.4", "private"},
		{"192.168.1.1", "private"},
		{"169.254.169.254", "link-local"},
		{"100.64.0.1", "shared (CGNAT)"},
		{"::1", "loopback"},
		{"fe80::1", "link-local"},
		{"::ffff:127.0.0.1", "loopback"},
		{"fd00::1", "private"},
		{"0.0.0.0", "unspecified"},
		{"224.0.0.251", "multicast"},
	}
	for _, n := range names {
		t.Run("name resolving to "+n.ip, func(t *testing.T) {
			res := newFakeResolver(map[string][]string{"evil.test": {n.ip}})
			c := New(Options{Resolver: res})
			_, err := c.Get(t.Context(), Request{URL: "http://evil.test:" + port + "/latest/meta-data/"})
			shown := netip.MustParseAddr(n.ip).Unmap().String()
			want := "fetch http://evil.test:" + port + "/latest/meta-data/: refused: resolves to " + n.kind + " address " + shown
			assertFetchError(t, err, ErrPrivateAddress, "")
			if err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
			// The pre-check looked the name up once; a dial would have looked
			// it up again.
			if k := res.lookups("evil.test"); k != 1 {
				t.Errorf("%d lookups, want the pre-check's one", k)
			}
		})
	}
	if got := rec.seen(); len(got) != 0 {
		t.Errorf("server saw %v; refusals must come before connecting", got)
	}
}

// TestGetRefusesPrivateRedirect checks that a redirect target is checked
// like the first URL. With AllowPrivate off, every loopback test server is
// refused, so the first hop is let through by the guard's test hook, which
// exempts exactly one address and port: the first server's. Everything the
// first server redirects to must then be refused without a connection.
func TestGetRefusesPrivateRedirect(t *testing.T) {
	target, targetRec := serve(t, htmlHandler("<p>internal</p>"))
	targetAddr := netip.MustParseAddrPort(target.Listener.Addr().String())
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/go", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	mux.HandleFunc("/ok", htmlHandler("<p>public page</p>"))
	first, firstRec := serve(t, mux)
	firstAddr := netip.MustParseAddrPort(first.Listener.Addr().String())

	res := newFakeResolver(map[string][]string{
		"public.test":   {"127.0.0.1"},
		"internal.test": {"127.0.0.1"},
		"metadata.test": {"169.254.169.254"},
	})
	c := New(Options{Resolver: res, HostDelay: time.Millisecond})
	c.guard.exempt = func(ap netip.AddrPort) bool { return ap == firstAddr }
	start := "http://public.test:" + strconv.Itoa(int(firstAddr.Port()))

	t.Run("the exempt first hop works", func(t *testing.T) {
		resp, err := c.Get(t.Context(), Request{URL: start + "/ok"})
		if err != nil || !bytes.Contains(resp.Body, []byte("public page")) {
			t.Fatalf("Get = %v", err)
		}
	})
	tp := strconv.Itoa(int(targetAddr.Port()))
	tests := []struct {
		to       string
		sentinel error
		contains string
	}{
		{"http://127.0.0.1:" + tp + "/", ErrPrivateAddress, "refused: loopback address 127.0.0.1"},
		{"http://internal.test:" + tp + "/", ErrPrivateAddress, "refused: resolves to loopback address 127.0.0.1"},
		{"http://[::1]:" + tp + "/", ErrPrivateAddress, "refused: loopback address ::1"},
		{"http://169.254.169.254/latest/meta-data/", ErrPrivateAddress, "link-local address 169.254.169.254"},
		{"http://metadata.test/latest/meta-data/", ErrPrivateAddress, "link-local address 169.254.169.254"},
		{"file:///etc/passwd", ErrScheme, "file"},
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			_, err := c.Get(t.Context(), Request{URL: start + "/go?to=" + url.QueryEscape(tt.to)})
			fe := assertFetchError(t, err, tt.sentinel, tt.contains)
			if !strings.HasPrefix(fe.URL, strings.Split(tt.to, "?")[0][:10]) {
				t.Errorf("error names %q, want the redirect target", fe.URL)
			}
		})
	}
	if got := targetRec.seen(); len(got) != 0 {
		t.Errorf("redirect target saw %v", got)
	}
	if len(firstRec.seen()) == 0 {
		t.Error("the first hop was never made: the test proves nothing")
	}
}

// TestDialRefusesRebinding gives the pre-check one answer and the dialer
// another, as a DNS-rebinding attacker would: the dialer must refuse the
// second answer instead of trusting the first check.
func TestDialRefusesRebinding(t *testing.T) {
	srv, rec := serve(t, htmlHandler("<p>x</p>"))
	addr := netip.MustParseAddrPort(srv.Listener.Addr().String())
	res := &fakeResolver{
		hosts: map[string][][]string{"rebind.test": {{"127.0.0.1"}, {"127.0.0.2"}}},
		calls: map[string]int{},
	}
	c := New(Options{Resolver: res, IgnoreRobots: true})
	c.guard.exempt = func(ap netip.AddrPort) bool { return ap == addr }
	_, err := c.Get(t.Context(), Request{URL: "http://rebind.test:" + strconv.Itoa(int(addr.Port())) + "/"})
	assertFetchError(t, err, ErrPrivateAddress, "refused at connect: loopback address 127.0.0.2")
	if k := res.lookups("rebind.test"); k != 2 {
		t.Errorf("%d lookups, want the pre-check's and the dialer's", k)
	}
	if got := rec.seen(); len(got) != 0 {
		t.Errorf("server saw %v", got)
	}
}

func TestErrorMessage(t *testing.T) {
	e := &Error{URL: "https://x/y", Reason: "refused: resolves to private address 10.0.0.1", Err: ErrPrivateAddress}
	if got, want := e.Error(), "fetch https://x/y: refused: resolves to private address 10.0.0.1"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, ErrPrivateAddress) || errors.Is(e, ErrTimeout) {
		t.Error("errors.Is does not follow Err")
	}
}
