package fetch

import (
	"net/url"
	"testing"
)

func TestRobotsAllowed(t *testing.T) {
	const google = `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /search
Allow: /search/about
Disallow: /*.pdf$
Disallow: /tmp/*/cache
Sitemap: https://example.com/sitemap.xml
`
	const shared = `User-agent: Bingbot
User-agent: Dateline/2.0
Disallow: /private   # trailing comment
Crawl-delay: 5
Allow: /private/open

User-agent: *
Disallow: /
`
	tests := []struct {
		name, robots, path string
		want               bool
	}{
		{"no rules", "", "/anything", true},
		{"star group applies", google, "/search?q=x", false},
		{"longer Allow wins", google, "/search/about", true},
		{"other bot's group ignored", google, "/news", true},
		{"$ anchors the end", google, "/doc.pdf", false},
		{"$ does not match a longer path", google, "/doc.pdf.html", true},
		{"* in the middle", google, "/tmp/a/b/cache/x", false},
		{"* needs the rest to match", google, "/tmp/a/b/store", true},
		{"our group among shared agents, version stripped", shared, "/private/x", false},
		{"our group's Allow", shared, "/private/open/1", true},
		{"our group replaces the star group", shared, "/news", true},
		{"empty Disallow allows all", "User-agent: *\nDisallow:\n", "/x", true},
		{"robots.txt itself is always allowed", "User-agent: *\nDisallow: /\n", "/robots.txt", true},
		{"agent match is case-insensitive", "user-agent: DATELINE\ndisallow: /\n", "/x", false},
		{"a rule before any agent line is ignored", "Disallow: /\nUser-agent: *\nAllow: /\n", "/x", true},
		{"tie between Allow and Disallow goes to Allow", "User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", true},
		{"root disallow", "User-agent: *\nDisallow: /\n", "/", false},
		{"percent-encoded path matches escaped rule", "User-agent: *\nDisallow: /%D0%BD\n", "/%D0%BD%D0%BE", false},
		{"garbage lines are ignored", "<html>not robots</html>\nUser-agent *\n", "/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse("https://example.com" + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if got := parseRobots([]byte(tt.robots)).allowed(u); got != tt.want {
				t.Errorf("allowed(%s) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
	u, _ := url.Parse("https://example.com/x")
	if (&robots{disallowAll: true}).allowed(u) {
		t.Error("an unreachable robots.txt allowed a fetch")
	}
}

func TestRobotsMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true},
		{"/a", "/abc", true},
		{"/a$", "/abc", false},
		{"/a$", "/a", true},
		{"*", "/anything", true},
		{"/*/b", "/x/y/b/z", true},
		{"/*b$", "/aab", true},
		{"/*b$", "/aabc", false},
		{"/a**b", "/ab", true},
		{"/x", "/", false},
		{"$", "", true},
	}
	for _, tt := range tests {
		if got := robotsMatch(tt.pattern, tt.path); got != tt.want {
			t.Errorf("robotsMatch(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}
