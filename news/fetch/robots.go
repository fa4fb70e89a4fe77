package fetch

import (
	"bufio"
	"bytes"
	"context"
	"net/url"
	"strings"
	"time"
)

// robotsToken is the product token Dateline answers to in robots.txt.
const robotsToken = "dateline"

const (
	robotsMaxBytes = 500 << 10 // RFC 9309 asks crawlers to parse at least 500 KiB
	robotsTTL      = 24 * time.Hour
	robotsFailTTL  = 10 * time.Minute // an unreachable robots.txt is retried sooner
)

// robotsRule is one Allow or Disallow line of the group that applies to us.
type robotsRule struct {
	pattern string
	allow   bool
}

// robots is what one host's robots.txt lets Dateline fetch.
type robots struct {
	disallowAll bool // robots.txt could not be read (5xx, network): RFC 9309 says assume the worst
	rules       []robotsRule
}

// parseRobots reads a robots.txt and keeps the rules of the groups for
// "Dateline", or, when there are none, those for "*" (RFC 9309 §2.2.1).
func parseRobots(data []byte) *robots {
	type group struct {
		agents []string
		rules  []robotsRule
	}
	var groups []*group
	var cur *group
	inAgents := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), robotsMaxBytes+1)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents {
				cur = &group{}
				groups = append(groups, cur)
				inAgents = true
			}
			agent, _, _ := strings.Cut(val, "/")
			cur.agents = append(cur.agents, strings.ToLower(strings.TrimSpace(agent)))
		case "allow", "disallow":
			inAgents = false
			if cur == nil || val == "" { // an empty Disallow allows everything: no rule
				continue
			}
			cur.rules = append(cur.rules, robotsRule{pattern: val, allow: key == "allow"})
		default:
			// Sitemap, Crawl-delay and unknown lines neither start nor end a group.
		}
	}
	var mine, star []robotsRule
	foundMine := false
	for _, g := range groups {
		for _, a := range g.agents {
			switch a {
			case robotsToken:
				mine = append(mine, g.rules...)
				foundMine = true
			case "*":
				star = append(star, g.rules...)
			}
		}
	}
	if foundMine {
		return &robots{rules: mine}
	}
	return &robots{rules: star}
}

// allowed reports whether the path and query of u may be fetched: the
// longest matching rule decides, and Allow wins a tie.
func (r *robots) allowed(u *url.URL) bool {
	if r.disallowAll {
		return false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern, where * is any run of
// characters and a trailing $ anchors the end; without $ a pattern is a prefix.
func robotsMatch(pattern, path string) bool {
	if p, ok := strings.CutSuffix(pattern, "$"); ok {
		pattern = p
	} else {
		pattern += "*"
	}
	p, s, starP, starS := 0, 0, -1, 0
	for s < len(path) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			starP, starS = p, s
			p++
		case p < len(pattern) && pattern[p] == path[s]:
			p++
			s++
		case starP >= 0:
			p = starP + 1
			starS++
			s = starS
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// robotsEntry is one host's cached robots.txt; done is closed once r is set.
type robotsEntry struct {
	done    chan struct{}
	r       *robots
	expires time.Time
	err     error // the fetch was cut short by its caller's context: try again
}

// robotsFor returns the robots.txt rules of u's host, fetching them once per
// host and sharing the answer between concurrent callers.
func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*robots, error) {
	key := u.Scheme + "://" + u.Host
	for {
		c.robotsMu.Lock()
		e, ok := c.robots[key]
		if ok && e.isExpired() {
			delete(c.robots, key)
			ok = false
		}
		if !ok {
			e = &robotsEntry{done: make(chan struct{})}
			c.robots[key] = e
			c.robotsMu.Unlock()
			c.fillRobots(ctx, e, &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"})
			if e.err != nil {
				c.robotsMu.Lock()
				delete(c.robots, key)
				c.robotsMu.Unlock()
				return nil, e.err
			}
			return e.r, nil
		}
		c.robotsMu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err == nil {
			return e.r, nil
		}
		// The fetching caller gave up; take over unless we gave up too.
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
}

func (e *robotsEntry) isExpired() bool {
	select {
	case <-e.done:
		return time.Now().After(e.expires)
	default:
		return false
	}
}

// fillRobots fetches robots.txt into e. A 4xx means there are no rules; a
// 5xx or an unreachable host means nothing may be fetched for now.
func (c *Client) fillRobots(ctx context.Context, e *robotsEntry, u *url.URL) {
	defer close(e.done)
	res, err := c.follow(ctx, u, hopRequest{accept: "text/plain, */*;q=0.1", limit: robotsMaxBytes, truncate: true}, false)
	switch {
	case err != nil && ctx.Err() != nil:
		e.err = err
	case err != nil:
		e.r, e.expires = &robots{disallowAll: true}, time.Now().Add(robotsFailTTL)
	case res.status >= 200 && res.status < 300:
		e.r, e.expires = parseRobots(res.body), time.Now().Add(robotsTTL)
	case res.status >= 400 && res.status < 500:
		e.r, e.expires = &robots{}, time.Now().Add(robotsTTL)
	default:
		e.r, e.expires = &robots{disallowAll: true}, time.Now().Add(robotsFailTTL)
	}
}
