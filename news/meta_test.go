package news

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseMetaSeeds(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "seeds", "articles", "meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMeta(data)
	if err != nil {
		t.Fatal(err)
	}
	for name, meta := range m {
		if _, ok := map[string]bool{seedFiles["000"]: true, seedFiles["001"]: true}[name]; !ok {
			t.Errorf("meta for %s: only 000 and 001 were found in public sources", name)
		}
		if meta.Source == "" {
			t.Errorf("%s: no source", name)
		}
	}
}

func TestParseMetaErrors(t *testing.T) {
	for _, tt := range []struct{ name, json, field string }{
		{"json", `[`, ""},
		{"no source", `{"a.txt": {"url": "https://x.org/"}}`, "a.txt.source"},
		{"bad date", `{"a.txt": {"published": "16/08/2023", "source": "s"}}`, "a.txt.published"},
		{"bad url", `{"a.txt": {"url": "x.org", "source": "s"}}`, "a.txt.url"},
	} {
		_, err := ParseMeta([]byte(tt.json))
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v does not wrap ErrInvalid", tt.name, err)
		}
		var ve *ValidationError
		if tt.field != "" && (!errors.As(err, &ve) || ve.Field != tt.field) {
			t.Errorf("%s: error %v, want field %q", tt.name, err, tt.field)
		}
	}
}

func TestApplyMeta(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		name      string
		a         Article
		m         Meta
		url, date string
		p         Precision
		title     string
	}{
		{"fills what is missing", Article{}, Meta{URL: "https://x.org/a", Published: "2023-08-07", Title: "T", Source: "s"},
			"https://x.org/a", "2023-08-07", PrecisionDay, "T"},
		{"never overrides the text", Article{URL: "https://own.org/", Title: "Own", Published: day("2023-01-03"), PublishedKnown: true, PublishedPrecision: PrecisionDay},
			Meta{URL: "https://x.org/a", Published: "2023-08-07", Title: "T", Source: "s"}, "https://own.org/", "2023-01-03", PrecisionDay, "Own"},
		{"month from the meta", Article{}, Meta{Published: "2023-08", Source: "s"}, "", "2023-08-01", PrecisionMonth, ""},
		{"month from the url", Article{}, Meta{URL: "https://massispost.com/2023/08/x/", Source: "s"}, "https://massispost.com/2023/08/x/", "2023-08-01", PrecisionMonth, ""},
		{"a day refines a month", Article{Published: day("2023-08-01"), PublishedKnown: true, PublishedPrecision: PrecisionMonth},
			Meta{Published: "2023-08-07", Source: "s"}, "", "2023-08-07", PrecisionDay, ""},
		{"nothing known stays unknown", Article{}, Meta{Source: "s"}, "", "", PrecisionNone, ""},
	}
	for _, tt := range tests {
		a := tt.a
		ApplyMeta(&a, tt.m)
		got := ""
		if a.PublishedKnown {
			got = a.Published.Format("2006-01-02")
		}
		if a.URL != tt.url || got != tt.date || a.PublishedPrecision != tt.p || a.Title != tt.title {
			t.Errorf("%s: url %q date %q %v title %q; want %q %q %v %q", tt.name, a.URL, got, a.PublishedPrecision, a.Title, tt.url, tt.date, tt.p, tt.title)
		}
	}
}
