package fetch

import (
	"errors"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already canonical", "https://example.com/news/1", "https://example.com/news/1"},
		{"case of scheme and host", "HTTPS://Example.COM/News/1", "https://example.com/News/1"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "http://example.com:8080/a", "http://example.com:8080/a"},
		{"https on port 80 kept", "https://example.com:80/a", "https://example.com:80/a"},
		{"fragment", "https://example.com/a#comments", "https://example.com/a"},
		{"tracking parameters", "https://example.com/a?utm_source=tw&utm_medium=social&fbclid=x&gclid=y&yclid=z&mc_cid=1&mc_eid=2", "https://example.com/a"},
		{"tracking parameters in any case", "https://example.com/a?UTM_Source=x&id=3", "https://example.com/a?id=3"},
		{"remaining parameters sorted", "https://example.com/a?b=2&a=1&c=3", "https://example.com/a?a=1&b=2&c=3"},
		{"repeated parameters sorted by value", "https://example.com/a?t=2&t=1", "https://example.com/a?t=1&t=2"},
		{"parameter without a value", "https://example.com/a?print&id=1", "https://example.com/a?id=1&print"},
		{"empty query", "https://example.com/a?", "https://example.com/a"},
		{"trailing slash", "https://example.com/news/", "https://example.com/news"},
		{"several trailing slashes", "https://example.com/news//", "https://example.com/news"},
		{"root keeps its slash", "https://example.com/", "https://example.com/"},
		{"no path becomes root", "https://example.com", "https://example.com/"},
		{"root with tracking", "https://example.com/?utm_campaign=x", "https://example.com/"},
		{"user info dropped", "https://user:pass@example.com/a", "https://example.com/a"},
		{"trailing dot in host", "https://example.com./a", "https://example.com/a"},
		{"IPv6 host", "http://[2001:DB8::1]:80/a/", "http://[2001:db8::1]/a"},
		{"escaped path kept", "https://example.com/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/", "https://example.com/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"},
		{"spaces trimmed", "  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CanonicalURL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := CanonicalURL(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: %q -> %q (%v)", got, again, err)
			}
		})
	}
}

func TestCanonicalURLDuplicates(t *testing.T) {
	same := []string{
		"https://www.example.com/world/2024/02/13/story/",
		"HTTPS://WWW.EXAMPLE.COM:443/world/2024/02/13/story?utm_source=rss#top",
		"https://www.example.com/world/2024/02/13/story?fbclid=abc",
	}
	want, _ := CanonicalURL(same[0])
	for _, s := range same[1:] {
		if got, _ := CanonicalURL(s); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestCanonicalURLErrors(t *testing.T) {
	tests := []struct {
		in       string
		sentinel error
	}{
		{"ftp://example.com/a", ErrScheme},
		{"mailto:x@example.com", ErrScheme},
		{"/relative/path", ErrScheme},
		{"https://", ErrInvalidURL},
		{"http:opaque", ErrInvalidURL},
		{"http://[::1", ErrInvalidURL},
		{"http://example.com/%zz", ErrInvalidURL},
	}
	for _, tt := range tests {
		if _, err := CanonicalURL(tt.in); !errors.Is(err, tt.sentinel) {
			t.Errorf("CanonicalURL(%q) error = %v, want %v", tt.in, err, tt.sentinel)
		}
	}
}
