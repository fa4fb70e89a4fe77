package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults that New puts in place of zero Options.
const (
	DefaultUserAgent    = "Dateline/1.0 (+news geoparser; https://github.com/dateline)"
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultHostDelay    = time.Second
)

// Options configure a Client. Zero fields take the defaults above.
type Options struct {
	// AllowPrivate lets the client connect to loopback, private and other
	// non-public addresses: for development and tests only. The caller decides
	// (cmd reads DATELINE_ALLOW_PRIVATE_HOSTS=1); this package reads no
	// environment.
	AllowPrivate bool
	// UserAgent is sent with every request; it should name Dateline.
	UserAgent string
	// Timeout bounds one exchange with a server: connecting, sending the
	// request, and reading the whole body. Each redirect hop and each
	// robots.txt fetch gets its own; waiting for HostDelay is bounded only by
	// the caller's context.
	Timeout time.Duration
	// MaxBytes is the largest body accepted (after decompression); a larger
	// one is an error.
	MaxBytes int64
	// MaxRedirects is how many redirects one Get follows; negative follows none.
	MaxRedirects int
	// HostDelay is the least time between the end of one request to a host
	// and the start of the next; requests to one host are made one at a
	// time. Negative means neither delay nor queueing.
	HostDelay time.Duration
	// IgnoreRobots skips robots.txt. By default the client fetches each
	// host's robots.txt once and obeys it.
	IgnoreRobots bool
	// Resolver looks up host names; nil means net.DefaultResolver.
	Resolver interface {
		LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
	}
}

// Kind is a set of content kinds a Request accepts.
type Kind uint8

// The content kinds. A Request with Accept 0 accepts all of them.
const (
	HTML Kind = 1 << iota // text/html, application/xhtml+xml
	Text                  // text/plain
	Feed                  // RSS, Atom, RDF, XML and JSON Feed
)

// Request is one page to fetch. ETag and LastModified, from an earlier
// Response, make the request conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Accept       Kind
}

// Response is a fetched page.
type Response struct {
	URL          string // the final URL, after redirects
	Status       int
	NotModified  bool   // the server answered 304 to a conditional request; Body is empty
	ContentType  string // the media type, without parameters
	Charset      string // the charset the body was decoded from
	Body         []byte // decoded to UTF-8
	ETag         string
	LastModified string
	Header       http.Header
}

// Client fetches pages under the rules in the package doc. It is safe for
// concurrent use.
type Client struct {
	opts  Options
	guard *guard
	http  *http.Client

	mu    sync.Mutex
	slots map[string]*hostSlot // by lowercased host name

	robotsMu sync.Mutex
	robots   map[string]*robotsEntry
}

// New returns a Client with o's zero fields set to the defaults.
func New(o Options) *Client {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = DefaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	switch {
	case o.HostDelay == 0:
		o.HostDelay = DefaultHostDelay
	case o.HostDelay < 0:
		o.HostDelay = 0
	}
	var res resolver = net.DefaultResolver
	if o.Resolver != nil {
		res = o.Resolver
	}
	g := &guard{allowPrivate: o.AllowPrivate, resolver: res}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would connect for us, past the address checks
		DialContext:           g.dialContext(dialer),
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
	return &Client{
		opts:  o,
		guard: g,
		http: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		slots:  map[string]*hostSlot{},
		robots: map[string]*robotsEntry{},
	}
}

// Get fetches r.URL, following redirects, and returns the body decoded to
// UTF-8. A 304 answer to a conditional request is a Response with
// NotModified set, not an error. Every failure is an *Error.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	u, err := parseURL(r.URL)
	if err != nil {
		return nil, err
	}
	accept := r.Accept
	if accept == 0 {
		accept = HTML | Text | Feed
	}
	hr := hopRequest{accept: acceptHeader(accept), etag: r.ETag, lastModified: r.LastModified, limit: c.opts.MaxBytes}
	res, err := c.follow(ctx, u, hr, !c.opts.IgnoreRobots)
	if err != nil {
		return nil, err
	}
	final := res.url.String()
	if res.status >= 400 || (res.status >= 300 && res.status != http.StatusNotModified) {
		return nil, &Error{URL: final, Status: res.status, Err: ErrStatus,
			Reason: "status " + strconv.Itoa(res.status) + " " + http.StatusText(res.status)}
	}
	resp := &Response{
		URL:          final,
		Status:       res.status,
		ETag:         res.header.Get("ETag"),
		LastModified: res.header.Get("Last-Modified"),
		Header:       res.header,
	}
	if res.status == http.StatusNotModified {
		resp.NotModified = true
		if resp.ETag == "" {
			resp.ETag = r.ETag
		}
		if resp.LastModified == "" {
			resp.LastModified = r.LastModified
		}
		return resp, nil
	}
	mediaType, cs, body, derr := decodeBody(res.header.Get("Content-Type"), res.body, accept)
	if derr != nil {
		derr.URL = final
		return nil, derr
	}
	resp.ContentType, resp.Charset, resp.Body = mediaType, cs, body
	return resp, nil
}

// parseURL accepts absolute http and https URLs only.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, newError(raw, ErrInvalidURL, err, "invalid URL: %v", unwrapURLError(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, newError(raw, ErrScheme, nil, "refused: scheme %q is not http or https", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, newError(raw, ErrInvalidURL, nil, "invalid URL: no host")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// hopRequest is what every hop of one fetch sends and how much it reads.
type hopRequest struct {
	accept, etag, lastModified string
	limit                      int64
	truncate                   bool // cut the body at limit instead of failing (robots.txt)
}

// hopResult is the last answer of a chain of redirects.
type hopResult struct {
	url    *url.URL
	status int
	header http.Header
	body   []byte // read only for 2xx answers
}

// follow fetches u, checking and following redirects itself so that every
// hop passes the same checks as the first. It returns the first answer that
// is not a redirect, whatever its status.
func (c *Client) follow(ctx context.Context, u *url.URL, hr hopRequest, obeyRobots bool) (*hopResult, error) {
	seen := map[string]bool{}
	for redirects := 0; ; redirects++ {
		seen[u.String()] = true
		if err := c.precheck(ctx, u); err != nil {
			return nil, err
		}
		if obeyRobots {
			rb, err := c.robotsFor(ctx, u)
			if err != nil {
				return nil, c.transportError(ctx, u, fmt.Errorf("robots.txt: %w", err))
			}
			if !rb.allowed(u) {
				reason := "disallowed by robots.txt"
				if rb.disallowAll {
					reason = "robots.txt unreachable, so nothing may be fetched"
				}
				return nil, newError(u.String(), ErrRobots, nil, "refused: %s", reason)
			}
		}
		res, err := c.hop(ctx, u, hr)
		if err != nil {
			return nil, err
		}
		loc := res.header.Get("Location")
		if !isRedirect(res.status) || loc == "" {
			return res, nil
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, newError(u.String(), ErrInvalidURL, err, "redirect to invalid URL %q", loc)
		}
		next.Fragment, next.RawFragment = "", ""
		if next.Scheme != "http" && next.Scheme != "https" {
			return nil, newError(next.String(), ErrScheme, nil, "refused: redirect from %s to scheme %q", u, next.Scheme)
		}
		if seen[next.String()] {
			return nil, newError(next.String(), ErrTooManyRedirects, nil, "redirect loop after %d redirects", redirects+1)
		}
		if redirects+1 > c.opts.MaxRedirects {
			return nil, newError(u.String(), ErrTooManyRedirects, nil, "more than %d redirects", c.opts.MaxRedirects)
		}
		u = next
	}
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// precheck resolves u's host with the configured resolver and refuses a
// non-public address before anything is sent. The dialer checks again.
func (c *Client) precheck(ctx context.Context, u *url.URL) error {
	port := uint16(80)
	if u.Scheme == "https" {
		port = 443
	}
	if p := u.Port(); p != "" {
		n, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return newError(u.String(), ErrInvalidURL, err, "invalid URL: bad port %q", p)
		}
		port = uint16(n)
	}
	_, err := c.guard.resolve(ctx, u.Hostname(), port)
	if err == nil {
		return nil
	}
	var ar *addrRefusal
	if errors.As(err, &ar) {
		verb := "resolves to "
		if _, perr := netip.ParseAddr(u.Hostname()); perr == nil {
			verb = ""
		}
		return &Error{URL: u.String(), Err: ErrPrivateAddress, Reason: "refused: " + verb + ar.Error()}
	}
	return c.transportError(ctx, u, fmt.Errorf("resolve %s: %w", u.Hostname(), err))
}

// hop makes one request and, for a 2xx answer, reads the body, all within
// Options.Timeout.
func (c *Client) hop(ctx context.Context, u *url.URL, hr hopRequest) (*hopResult, error) {
	release, err := c.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, c.transportError(ctx, u, err)
	}
	defer release()
	hctx, cancel := context.WithTimeoutCause(ctx, c.opts.Timeout, errHopTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(hctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, newError(u.String(), ErrInvalidURL, err, "invalid URL: %v", err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", hr.accept)
	if hr.etag != "" {
		req.Header.Set("If-None-Match", hr.etag)
	}
	if hr.lastModified != "" {
		req.Header.Set("If-Modified-Since", hr.lastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(hctx, u, err)
	}
	defer resp.Body.Close()
	res := &hopResult{url: u, status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return res, nil
	}
	if !hr.truncate && resp.ContentLength > hr.limit {
		return nil, newError(u.String(), ErrTooLarge, nil, "body of %d bytes is over the limit of %d", resp.ContentLength, hr.limit)
	}
	body, err := readLimited(resp.Body, hr.limit)
	switch {
	case errors.Is(err, ErrTooLarge) && hr.truncate:
	case errors.Is(err, ErrTooLarge):
		return nil, newError(u.String(), ErrTooLarge, nil, "body is over the limit of %d bytes", hr.limit)
	case err != nil:
		return nil, c.transportError(hctx, u, fmt.Errorf("read body: %w", err))
	}
	res.body = body
	return res, nil
}

// readLimited reads r to its end, or fails with ErrTooLarge having read no
// more than limit+1 bytes; on that error it returns the first limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return body[:limit], ErrTooLarge
	}
	return body, nil
}

var errHopTimeout = errors.New("fetch: hop timed out")

// transportError turns a failure to talk to the server into an *Error,
// telling our timeout apart from the caller's cancellation.
func (c *Client) transportError(ctx context.Context, u *url.URL, err error) *Error {
	var ar *addrRefusal
	switch {
	case errors.As(err, &ar):
		return &Error{URL: u.String(), Err: fmt.Errorf("%w: %w", ErrPrivateAddress, err), Reason: "refused at connect: " + ar.Error()}
	case context.Cause(ctx) == errHopTimeout:
		return newError(u.String(), ErrTimeout, context.DeadlineExceeded, "timed out after %s", c.opts.Timeout)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return newError(u.String(), ErrTimeout, err, "timed out")
	case errors.Is(err, context.Canceled):
		return newError(u.String(), nil, err, "canceled")
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return newError(u.String(), ErrTimeout, err, "timed out: %v", unwrapURLError(err))
	}
	return newError(u.String(), nil, err, "%v", unwrapURLError(err))
}

// hostSlot serialises the requests to one host: token is held for the
// whole of a request, and the next may start HostDelay after the last ended.
type hostSlot struct {
	token chan struct{}
	last  time.Time // when the last request to the host ended
}

// acquire waits, honouring ctx, until host may be sent a request, and
// returns the function that marks the request done. Measuring the delay
// from the end of the previous request keeps the gap even when a response
// is slow.
func (c *Client) acquire(ctx context.Context, host string) (release func(), err error) {
	if c.opts.HostDelay <= 0 {
		return func() {}, ctx.Err()
	}
	host = strings.ToLower(host)
	c.mu.Lock()
	s, ok := c.slots[host]
	if !ok {
		if len(c.slots) > 4096 {
			c.pruneSlots()
		}
		s = &hostSlot{token: make(chan struct{}, 1)}
		c.slots[host] = s
	}
	c.mu.Unlock()
	select {
	case s.token <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() {
		c.mu.Lock()
		s.last = time.Now()
		c.mu.Unlock()
		<-s.token
	}
	c.mu.Lock()
	d := time.Until(s.last.Add(c.opts.HostDelay))
	c.mu.Unlock()
	if d <= 0 {
		return release, nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return release, nil
	case <-ctx.Done():
		<-s.token // not a request: leave last as it was
		return nil, ctx.Err()
	}
}

// pruneSlots forgets hosts that are idle and past their delay; c.mu is held.
func (c *Client) pruneSlots() {
	for h, s := range c.slots {
		if len(s.token) == 0 && time.Since(s.last) > c.opts.HostDelay {
			delete(c.slots, h)
		}
	}
}

// acceptHeader lists the media types of the kinds in k.
func acceptHeader(k Kind) string {
	var parts []string
	if k&HTML != 0 {
		parts = append(parts, "text/html", "application/xhtml+xml")
	}
	if k&Feed != 0 {
		parts = append(parts, "application/rss+xml", "application/atom+xml", "application/feed+json",
			"application/rdf+xml", "application/xml;q=0.9", "text/xml;q=0.9", "application/json;q=0.8")
	}
	if k&Text != 0 {
		parts = append(parts, "text/plain;q=0.8")
	}
	return strings.Join(parts, ", ")
}
