package news

import (
	"net/url"
	"sort"
	"strings"
)

// CanonicalURL returns the form of an article's address that two copies of
// the same page share: scheme and host lowercased (http taken as https, a
// leading "www." and the default port dropped), no fragment, no user info,
// no tracking parameters (utm_*, fbclid, gclid and the like), the other
// parameters sorted, no trailing slash. It returns "" for what is not an
// http(s) URL with a host.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return ""
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		if isTrackingParam(strings.ToLower(k)) {
			q.Del(k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var query strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			if query.Len() > 0 {
				query.WriteByte('&')
			}
			query.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	out := "https://" + host + path
	if query.Len() > 0 {
		out += "?" + query.String()
	}
	return out
}

// isTrackingParam reports whether a (lowercased) query parameter only
// records how a reader arrived, not which page they asked for.
func isTrackingParam(k string) bool {
	if strings.HasPrefix(k, "utm_") {
		return true
	}
	switch k {
	case "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src":
		return true
	}
	return false
}
