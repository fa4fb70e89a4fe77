package fetch

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// never the page.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "yclid": true, "dclid": true, "msclkid": true}

func isTrackingParam(k string) bool {
	k = strings.ToLower(k)
	return trackingParams[k] || strings.HasPrefix(k, "utm_") || strings.HasPrefix(k, "mc_")
}

// CanonicalURL normalises an http or https URL so that two links to the same
// page compare equal: the scheme and host are lowercased, default ports,
// user info, the fragment and tracking parameters (utm_*, fbclid, gclid,
// yclid, mc_*) are dropped, the remaining query parameters are sorted, and a
// trailing slash is removed from any path but the root.
func CanonicalURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidURL, unwrapURLError(err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%w: %q is not http or https", ErrScheme, raw)
	}
	if u.Opaque != "" {
		return "", fmt.Errorf("%w: %q has no host", ErrInvalidURL, raw)
	}
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", fmt.Errorf("%w: %q has no host", ErrInvalidURL, raw)
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" && !(u.Scheme == "http" && port == "80") && !(u.Scheme == "https" && port == "443") {
		host += ":" + port
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.ForceQuery = false

	type param struct{ k, v, raw string }
	var params []param
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		if isTrackingParam(dk) {
			continue
		}
		params = append(params, param{k, v, kv})
	}
	sort.SliceStable(params, func(i, j int) bool {
		if params[i].k != params[j].k {
			return params[i].k < params[j].k
		}
		return params[i].v < params[j].v
	})
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p.raw
	}
	u.RawQuery = strings.Join(parts, "&")

	path := u.EscapedPath()
	for len(path) > 1 && strings.HasSuffix(path, "/") {
		path = path[:len(path)-1]
	}
	if path == "" {
		path = "/"
	}
	p, err := url.PathUnescape(path)
	if err != nil {
		return "", fmt.Errorf("%w: %q: bad path", ErrInvalidURL, raw)
	}
	u.Path, u.RawPath = p, path
	return u.String(), nil
}
