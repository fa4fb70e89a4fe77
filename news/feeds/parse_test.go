package feeds

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func mustParseFile(t *testing.T, name, contentType, base string) *Feed {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b, contentType, base)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParseRSS2(t *testing.T) {
	f := mustParseFile(t, "rss2.xml", "application/rss+xml", "https://www.civilnet.am/en/feed/")
	if f.Title != "CivilNet – News" || f.Link != "https://www.civilnet.am/en/" || f.Language != "en-US" {
		t.Errorf("channel = %q %q %q", f.Title, f.Link, f.Language)
	}
	if len(f.Items) != 3 {
		t.Fatalf("got %d items, want 3", len(f.Items))
	}
	first := f.Items[0]
	cases := []struct{ field, got, want string }{
		{"title from CDATA", first.Title, "Lachin corridor: Red Cross convoy reaches Stepanakert"},
		{"guid with isPermaLink=false is the id", first.ID, "https://www.civilnet.am/?p=123456"},
		{"link, not the guid, is the URL", first.URL, "https://www.civilnet.am/en/news/2023/09/18/red-cross-convoy/"},
		{"dc:creator", first.Author, "Arshaluys Barseghyan"},
		{"description keeps its HTML", first.Summary, "<p>A convoy of the ICRC crossed the Hakari bridge &amp; reached Stepanakert on Monday&hellip;</p>"},
		{"content:encoded", first.ContentHTML, "<p>A convoy of the International Committee of the Red Cross crossed the Hakari bridge on Monday.</p><p>It carried flour and medicine.</p>"},
		{"media:title does not replace the title", first.Title, "Lachin corridor: Red Cross convoy reaches Stepanakert"},
		{"relative link resolved against the feed URL", f.Items[1].URL, "https://www.civilnet.am/en/news/2023/09/17/relative/"},
		{"entities decoded", f.Items[1].Summary, "Short teaser — with an HTML entity."},
		{"title entity", f.Items[1].Title, "Relative link & permalink guid"},
		{"author element", f.Items[1].Author, "editor@civilnet.am (Editor)"},
		{"permalink guid is the URL when there is no link", f.Items[2].URL, "https://www.civilnet.am/en/news/2023/09/16/guid-only/"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.field, c.got, c.want)
		}
	}
	if want := date("2023-09-18T14:05:00Z"); !first.Published.Equal(want) {
		t.Errorf("pubDate = %v, want %v", first.Published, want)
	}
	if want := date("2023-09-03T09:30:00Z"); !f.Items[1].Published.Equal(want) {
		t.Errorf("sloppy pubDate = %v, want %v", f.Items[1].Published, want)
	}
	if !f.Items[2].Published.IsZero() {
		t.Errorf("a bad pubDate gave %v, want the zero time", f.Items[2].Published)
	}
}

func TestParseRDF(t *testing.T) {
	f := mustParseFile(t, "rdf.xml", "application/rdf+xml", "https://news.example.az/rss")
	if f.Title != "Example AZ" || f.Language != "az" || f.Link != "https://news.example.az/" {
		t.Errorf("channel = %q %q %q", f.Title, f.Language, f.Link)
	}
	if len(f.Items) != 2 {
		t.Fatalf("items outside the channel: got %d, want 2", len(f.Items))
	}
	it := f.Items[0]
	if it.Title != "Checkpoint opened on the Lachin road" || it.Author != "Trend" ||
		it.ID != "https://news.example.az/politics/1001.html" {
		t.Errorf("item = %+v", it)
	}
	if want := date("2023-04-23T14:45:00Z"); !it.Published.Equal(want) {
		t.Errorf("dc:date = %v, want %v", it.Published, want)
	}
	if got, want := f.Items[1].URL, "https://news.example.az/politics/1002.html"; got != want {
		t.Errorf("relative link = %q, want %q", got, want)
	}
	if want := date("2023-09-12T00:00:00Z"); !f.Items[1].Published.Equal(want) {
		t.Errorf("dc:date day = %v, want %v", f.Items[1].Published, want)
	}
}

func TestParseAtom(t *testing.T) {
	f := mustParseFile(t, "atom.xml", "application/atom+xml", "https://example.ru/news/atom.xml")
	if f.Title != "Новости" || f.Language != "ru" || f.Link != "https://example.ru/news/" {
		t.Errorf("feed = %q %q %q", f.Title, f.Language, f.Link)
	}
	if len(f.Items) != 2 {
		t.Fatalf("got %d entries, want 2", len(f.Items))
	}
	e := f.Items[0]
	if e.URL != "https://example.ru/news/2023/09/20/convoy.html" {
		t.Errorf("rel=alternate against xml:base = %q", e.URL)
	}
	if e.ID != "tag:example.ru,2023:news/1" || e.Author != "Иван Петров" || e.Title != "Колонна МККК прибыла в Степанакерт" {
		t.Errorf("entry = %+v", e)
	}
	if want := date("2023-09-20T06:15:00Z"); !e.Published.Equal(want) {
		t.Errorf("published = %v, want %v", e.Published, want)
	}
	if want := date("2023-09-20T08:00:00Z"); !e.Updated.Equal(want) {
		t.Errorf("updated = %v, want %v", e.Updated, want)
	}
	if want := `<p>Колонна прошла через <a href="https://example.ru/lachin">Лачинский коридор</a> &amp; мост Хакари.</p>`; e.ContentHTML != want {
		t.Errorf("xhtml content = %q, want %q", e.ContentHTML, want)
	}
	e2 := f.Items[1]
	if e2.URL != "https://other.example.ru/section/item.html" {
		t.Errorf("entry xml:base = %q", e2.URL)
	}
	if e2.Author != "Редакция" {
		t.Errorf("feed author as entry author = %q", e2.Author)
	}
	if !e2.Published.IsZero() {
		t.Errorf("published without <published> = %v, want zero (updated is separate)", e2.Published)
	}
	if want := "<p>Plain text content.</p>\n<p>Second paragraph &amp; more.</p>"; e2.ContentHTML != want {
		t.Errorf("text content = %q, want %q", e2.ContentHTML, want)
	}
}

func TestParseJSONFeed(t *testing.T) {
	f := mustParseFile(t, "jsonfeed.json", "application/feed+json", "https://evnreport.example/feed.json")
	if f.Title != "EVN Report" || f.Link != "https://evnreport.example/" || f.Language != "en" {
		t.Errorf("feed = %q %q %q", f.Title, f.Link, f.Language)
	}
	if len(f.Items) != 3 {
		t.Fatalf("got %d items, want 3", len(f.Items))
	}
	it := f.Items[0]
	if it.ID != "2023-09-21-exodus" || it.Author != "Anna Hakobyan" ||
		it.ContentHTML != "<p>Tens of thousands crossed the Hakari bridge into Armenia.</p>" {
		t.Errorf("item = %+v", it)
	}
	if want := date("2023-09-21T20:20:00Z"); !it.Published.Equal(want) {
		t.Errorf("date_published = %v, want %v", it.Published, want)
	}
	if want := date("2023-09-22T08:00:00Z"); !it.Updated.Equal(want) {
		t.Errorf("date_modified = %v, want %v", it.Updated, want)
	}
	if got := f.Items[1]; got.ID != "42" || got.URL != "https://evnreport.example/politics/relative" ||
		got.ContentHTML != "<p>Text only.</p>\n<p>Two paragraphs.</p>" || !got.Published.IsZero() {
		t.Errorf("numeric id, relative url, text content, bad date: %+v", got)
	}
	if got := f.Items[2]; got.Author != "Old Style" || got.URL != "https://elsewhere.example/story" {
		t.Errorf("1.0 author, external_url: %+v", got)
	}
}

func TestParseRefusesWhatIsNotAFeed(t *testing.T) {
	cases := []struct {
		name, body, contentType, wantIn string
	}{
		{"unclosed element", `<rss version="2.0"><channel><title>x</channel></rss>`, "application/rss+xml", "invalid XML at line 1"},
		{"garbage after a start", "<rss>\n<channel>\n<item><title>a & b</title></item></channel></rss>", "", "invalid XML at line 3"},
		{"truncated", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>`, "", "invalid XML"},
		{"html page", `<!DOCTYPE html><html><body><p>hi</p></body></html>`, "text/html", "not a feed: the document is <html>"},
		{"html page that is no XML", `<!DOCTYPE html><html><body><p>hi<br></p></body></html>`, "text/html", "invalid XML at line 1"},
		{"xhtml page", `<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "text/html", "not a feed: the document is <html>"},
		{"empty", "  \n", "", "empty"},
		{"plain text", "hello", "text/plain", "neither XML nor JSON"},
		{"json that is not a feed", `{"hello": "world"}`, "application/json", "not a JSON Feed"},
		{"broken json", `{"version": "https://jsonfeed.org/version/1.1", "items": [}`, "application/feed+json", "invalid JSON"},
		{"unsupported charset", `<?xml version="1.0" encoding="koi8-r"?><rss><channel/></rss>`, "", "koi8-r"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse([]byte(c.body), c.contentType, "https://example.com/feed")
			if err == nil {
				t.Fatalf("parsed %+v, want an error", f)
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.wantIn) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q: want one line wrapping ErrInvalid, containing %q", err, c.wantIn)
			}
		})
	}
}

func TestParseLatin1AndEntities(t *testing.T) {
	body := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9 &amp; Co &nbsp;\x93quoted\x94</title></channel></rss>")
	f, err := Parse(body, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Café & Co \u00a0“quoted”"; f.Title != want {
		t.Errorf("title = %q, want %q", f.Title, want)
	}
}

func TestParseCapsItemsAndFields(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>` + strings.Repeat("é", 3000) + `</title>`)
	for i := range MaxItems + 50 {
		b.WriteString("<item><guid>g" + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + "</guid></item>")
	}
	b.WriteString(`</channel></rss>`)
	f, err := Parse([]byte(b.String()), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != MaxItems {
		t.Errorf("kept %d items, want %d", len(f.Items), MaxItems)
	}
	if len(f.Title) > maxShort || !strings.HasPrefix(f.Title, "éé") || strings.ToValidUTF8(f.Title, "?") != f.Title {
		t.Errorf("title of %d bytes, cut badly", len(f.Title))
	}
	deep := strings.Repeat("<x>", maxDepth+1) + strings.Repeat("</x>", maxDepth+1)
	if _, err := Parse([]byte("<rss><channel>"+deep+"</channel></rss>"), "", ""); err == nil || !errors.Is(err, ErrInvalid) {
		t.Errorf("deep nesting: err = %v, want an ErrInvalid", err)
	}
}

func TestParseItemIDFallsBack(t *testing.T) {
	body := `<rss version="2.0"><channel>
		<item><title>Linked</title><link>https://example.com/a</link></item>
		<item><title>Neither guid nor link</title><description>Only text.</description></item>
		<item><link>javascript:alert(1)</link><title>Bad link</title></item>
	</channel></rss>`
	f, err := Parse([]byte(body), "", "https://example.com/feed")
	if err != nil {
		t.Fatal(err)
	}
	if f.Items[0].ID != "https://example.com/a" {
		t.Errorf("id without guid = %q, want the link", f.Items[0].ID)
	}
	if id := f.Items[1].ID; !strings.HasPrefix(id, "sha256:") {
		t.Errorf("id without guid or link = %q, want a hash", id)
	}
	again, _ := Parse([]byte(body), "", "https://example.com/feed")
	if again.Items[1].ID != f.Items[1].ID {
		t.Errorf("hashed id is not stable: %q vs %q", again.Items[1].ID, f.Items[1].ID)
	}
	if f.Items[2].URL != "" {
		t.Errorf("a javascript: link was kept as %q", f.Items[2].URL)
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mon, 18 Sep 2023 14:05:00 +0000", "2023-09-18T14:05:00Z"},
		{"Mon, 18 Sep 2023 14:05:00 GMT", "2023-09-18T14:05:00Z"},
		{"Mon, 18 Sep 2023 14:05:00 UT", "2023-09-18T14:05:00Z"},
		{"Mon, 18 Sep 2023 17:05:00 +0300", "2023-09-18T14:05:00Z"},
		{"Mon, 18 Sep 2023 17:05:00 +03:00", "2023-09-18T14:05:00Z"},
		{"Mon, 18 Sep 2023 10:05:00 EDT", "2023-09-18T14:05:00Z"},
		{"Sun, 3 Sep 2023 09:30:00 GMT", "2023-09-03T09:30:00Z"},
		{"Sun, 3 Sep 2023 9:30 GMT", "2023-09-03T09:30:00Z"},
		{"3 Sep 2023 09:30:00 +0000", "2023-09-03T09:30:00Z"},
		{"Sun 3 Sep 2023 09:30:00 +0000", "2023-09-03T09:30:00Z"},
		{"Sun, 03 Sep 23 09:30 GMT", "2023-09-03T09:30:00Z"},
		{"Sun, 3 Sept 2023 09:30:00 GMT", "2023-09-03T09:30:00Z"},
		{"Sunday, 3 September 2023 09:30:00 GMT", "2023-09-03T09:30:00Z"},
		{"  Mon,  18 Sep 2023   14:05:00 GMT ", "2023-09-18T14:05:00Z"},
		{"18 sep 2023 14:05:00 gmt", "2023-09-18T14:05:00Z"},
		{"Mon, 18 Sep 2023 14:05:00 GMT+0300", "2023-09-18T11:05:00Z"},
		{"2023-09-18T14:05:00Z", "2023-09-18T14:05:00Z"},
		{"2023-09-18T17:05:00.123+03:00", "2023-09-18T14:05:00.123Z"},
		{"2023-09-18T17:05+03:00", "2023-09-18T14:05:00Z"},
		{"2023-09-18T14:05:00", "2023-09-18T14:05:00Z"},
		{"2023-09-18 14:05:00", "2023-09-18T14:05:00Z"},
		{"2023-09-18", "2023-09-18T00:00:00Z"},
		{"Sep 18 2023", "2023-09-18T00:00:00Z"},
		{"September 18, 2023", "2023-09-18T00:00:00Z"},
		{"", ""},
		{"yesterday", ""},
		{"32 Sep 2023 10:00:00 GMT", ""},
		{"Mon, 18 Sep 2023 25:61:00 GMT", ""},
	}
	for _, c := range cases {
		got := ParseDate(c.in)
		var want time.Time
		if c.want != "" {
			var err error
			if want, err = time.Parse(time.RFC3339Nano, c.want); err != nil {
				t.Fatal(err)
			}
		}
		if !got.Equal(want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("ParseDate(%q) = %v, want %v", c.in, got, want)
		}
	}
}

// TestGoldenFeeds compares what Parse makes of each feed in testdata to
// testdata/<name>.golden.json. Run with -update to rewrite them after a
// reviewed change.
func TestGoldenFeeds(t *testing.T) {
	inputs := []struct{ file, contentType, base string }{
		{"rss2.xml", "application/rss+xml", "https://www.civilnet.am/en/feed/"},
		{"rdf.xml", "application/rdf+xml", "https://news.example.az/rss"},
		{"atom.xml", "application/atom+xml", "https://example.ru/news/atom.xml"},
		{"jsonfeed.json", "application/feed+json", "https://evnreport.example/feed.json"},
	}
	for _, in := range inputs {
		t.Run(in.file, func(t *testing.T) {
			f := mustParseFile(t, in.file, in.contentType, in.base)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(f); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", strings.TrimSuffix(in.file, filepath.Ext(in.file))+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenFeeds -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs; run with -update after reviewing the change.\n got: %s", path, got)
			}
		})
	}
}
