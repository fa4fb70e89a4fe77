package news

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestParseArticleSeeds(t *testing.T) {
	tests := []struct {
		seed       string
		title      string
		author     string
		outlet     string
		outletName string
		published  string // "" = unknown
		precision  Precision
		url        string
		dateline   string
		format     string
		firstPub   string
		bodyStarts string
		bodyHas    []string
		bodyHasNot []string
		paragraphs int
	}{
		{
			// No title in the stored copy: its opening words stand in, never the file name.
			seed: "000", title: "A video posted on social media by one of the protesters demanding that the Russians restore free…",
			outlet: "azatutyun", outletName: "Azatutyun (RFE/RL Armenian Service)",
			published: "2023-08-16", precision: PrecisionDay, format: FormatText,
			bodyStarts: "A video posted on social media",
			bodyHas:    []string{"Ivanyan (Khojaly)", "told RFE/RL’s Armenian Service"},
			bodyHasNot: []string{"date 2023-08-16"},
			paragraphs: 9,
		},
		{
			seed: "001", title: "Russian Peacekeepers Refuse to Provide Security to Karabakh Protesters", outlet: "massispost", outletName: "Massis Post", dateline: "STEPANAKERT", format: FormatText,
			bodyStarts: "STEPANAKERT — The Russian peacekeeping force",
			bodyHas:    []string{"we will continue our struggle,” Osipyan said."},
			bodyHasNot: []string{"Leave a Reply", "Your email address", "Newsletter", "MassisPost", "You May Also Like",
				"Florence Avakian", "Syunik", "Fierce Fighting", "Candidacy", "YEREVAN"},
			paragraphs: 10,
		},
		{
			seed: "002", title: "Russian peacekeepers refuse to accompany “action” of Armenians",
			outlet: "trend", outletName: "Trend News Agency", format: FormatText,
			bodyStarts: "The command of the Russian peacekeepers in Azerbaijan's Karabakh",
			bodyHas:    []string{"at the beginning of the Lachin-Khankendi road."},
			bodyHasNot: []string{"Source:", "TREND News Agency", "(PHOTO)"},
			paragraphs: 7,
		},
		{
			seed: "003", title: "Armenia lashes out at bystander Russia over Karabakh blockade", format: FormatText,
			bodyStarts: "Armenia on Thursday accused Russian peacekeepers of failing to protect ethnic Armenians in the Nagorno-Karabakh region",
			bodyHas:    []string{"to end a six-week war", "the people of Nagorno-Karabakh.", "in autumn 2020."},
			bodyHasNot: []string{"Related article", "Explainer", "six- week", "\nthe Nagorno"},
			paragraphs: 19,
		},
		{
			seed: "004", title: "Russian Peacekeepers Find Themselves Sidelined in Nagorno-Karabakh",
			author: "Kirill Krivosheev", outlet: "moscowtimes", outletName: "The Moscow Times",
			published: "2023-01-03", precision: PrecisionDay, format: FormatMarkdown,
			url:        "https://www.themoscowtimes.com/2023/01/03/russian-peacekeepers-find-themselves-sidelined-in-nagorno-karabakh-a79868",
			firstPub:   "Carnegie Endowment for International Peace",
			bodyStarts: "Russia's invasion of Ukraine has caused the resolution",
			bodyHas:    []string{"to drift away from Russia's mediation", "Azerbaijan also cut off the gas supply"},
			bodyHasNot: []string{"Alexander Patrin", "TASS", "Related article", "Emigres", "](#)", "**", "Original url",
				"views expressed", "first published", "January 03, 2023", "Kirill"},
			paragraphs: 16,
		},
	}
	outlets := mustOutlets(t)
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			a, err := ParseArticle(seedFiles[tt.seed], readSeed(t, tt.seed), outlets)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("ID", a.ID, seedFiles[tt.seed])
			check("Title", a.Title, tt.title)
			check("Author", a.Author, tt.author)
			check("Outlet", a.OutletID(), tt.outlet)
			check("OutletName", a.OutletName, tt.outletName)
			check("URL", a.URL, tt.url)
			check("Dateline", a.Dateline, tt.dateline)
			check("Format", a.Format, tt.format)
			check("FirstPublishedBy", a.FirstPublishedBy, tt.firstPub)
			if tt.published == "" {
				if a.PublishedKnown || !a.Published.IsZero() {
					t.Errorf("Published = %v (known %v), want unknown", a.Published, a.PublishedKnown)
				}
			} else {
				check("Published", a.Published.Format("2006-01-02"), tt.published)
				if !a.PublishedKnown || a.PublishedPrecision != tt.precision {
					t.Errorf("PublishedKnown %v precision %v, want true %v", a.PublishedKnown, a.PublishedPrecision, tt.precision)
				}
			}
			if !strings.HasPrefix(a.Body, tt.bodyStarts) {
				t.Errorf("body starts %q, want %q", a.Body[:min(len(a.Body), 80)], tt.bodyStarts)
			}
			for _, s := range tt.bodyHas {
				if !strings.Contains(a.Body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tt.bodyHasNot {
				if strings.Contains(a.Body, s) {
					t.Errorf("body still has %q", s)
				}
			}
			if n := len(strings.Split(a.Body, "\n\n")); n != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d", n, tt.paragraphs)
			}
			if a.Raw != string(readSeed(t, tt.seed)) || len(a.Hash) != 64 {
				t.Errorf("Raw or Hash not kept")
			}
		})
	}
}

// The related links after "You May Also Like" name places (Yerevan, Syunik,
// New York) that must not reach the geoparser.
func TestBoilerplateGivesNoPlaces(t *testing.T) {
	a := mustSeed(t, "001")
	for _, m := range testMentions(a.Body) {
		if m.PlaceID == "yerevan" {
			t.Errorf("a place from the related links survived: %q at %d", a.Body[m.Start:m.End], m.Start)
		}
	}
	raw := string(readSeed(t, "001"))
	if !strings.Contains(raw, "YEREVAN") {
		t.Fatal("test premise: the raw seed names Yerevan in its related links")
	}
}

func TestApplyMetaSeeds(t *testing.T) {
	a := mustSeed(t, "001")
	if !a.PublishedKnown || a.PublishedPrecision != PrecisionMonth || a.Published.Format("2006-01") != "2023-08" {
		t.Errorf("001 published %v %v %v, want 2023-08 with month precision", a.Published, a.PublishedKnown, a.PublishedPrecision)
	}
	if a.OutletID() != "massispost" {
		t.Errorf("001 outlet %q", a.OutletID())
	}
	b := mustSeed(t, "000")
	if b.URL != "https://www.azatutyun.am/a/32550381.html" || b.OutletID() != "azatutyun" ||
		b.Published.Format("2006-01-02") != "2023-08-16" {
		t.Errorf("000 after meta: %q %q %v", b.URL, b.OutletID(), b.Published)
	}
	c := mustSeed(t, "002")
	if c.PublishedKnown {
		t.Errorf("002 must keep an unknown date; got %v", c.Published)
	}
	d := mustSeed(t, "003")
	if d.Outlet != nil || d.PublishedKnown || d.OutletName != "" {
		t.Errorf("003 must stay unknown; got outlet %v name %q date %v", d.Outlet, d.OutletName, d.Published)
	}
}

func TestParseArticleErrors(t *testing.T) {
	binary := append([]byte("hello world!"), 0, 1, 2)
	invalid := []byte("text \xff\xfe\xfd\xfc\xfb more text")
	huge := bytes.Repeat([]byte("a"), 3250586)
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"empty", nil, "news: file is empty"},
		{"whitespace", []byte(" \n\t\r\n "), "news: file is empty (only white space)"},
		{"binary", binary, "news: file looks binary (NUL byte at offset 12)"},
		{"not utf8", invalid, "news: file is not UTF-8 text (5 invalid bytes, the first at offset 5)"},
		{"utf16", []byte{0xFF, 0xFE, 'h', 0, 'i', 0}, "news: file is UTF-16 text; save it as UTF-8"},
		{"huge", huge, "news: file is 3.1 MB, over the 2 MB limit"},
		{"only boilerplate", []byte("Leave a Reply\n\nYour email address will not be published.\n"), "news: no article text is left once the boilerplate is removed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseArticle("x.txt", tt.raw, nil)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err.Error(), tt.want)
			}
			if tt.name != "only boilerplate" {
				if _, err := ParseRaw("x.txt", tt.raw); err == nil || err.Error() != tt.want {
					t.Errorf("ParseRaw error %v, want %q", err, tt.want)
				}
			}
		})
	}
}

func TestParseArticleFewInvalidBytes(t *testing.T) {
	a, err := ParseArticle("x.txt", []byte("Baku \xff said the road \xfe was open."), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != "Baku \uFFFD said the road \uFFFD was open." {
		t.Errorf("body %q", a.Body)
	}
}

func TestParseArticleID(t *testing.T) {
	raw := []byte("Some text about Stepanakert.")
	for _, tt := range []struct{ name, want string }{
		{"dir/sub/file.md", "file.md"},
		{"", "sha256-"},
		{"-", "sha256-"},
	} {
		a, err := ParseArticle(tt.name, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.ID, tt.want) || (tt.want == "sha256-" && len(a.ID) != len("sha256-")+16) {
			t.Errorf("ParseArticle(%q).ID = %q, want %q...", tt.name, a.ID, tt.want)
		}
	}
}

func TestParseArticleHTML(t *testing.T) {
	page := `<!DOCTYPE html>
<html><head>
<title>Ignored when there is an h1</title>
<meta property="og:site_name" content="OC Media">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-06-16T09:30:00+04:00">
<link rel="canonical" href="https://oc-media.org/a-story/">
<style>p { color: red }</style>
</head>
<body>
<nav><a href="/">Home</a> <a href="/yerevan">Yerevan</a></nav>
<article>
<h1>Flag raised on the Hakari &amp; bridge</h1>
<p>STEPANAKERT &mdash; Border guards <b>raised</b> a flag on the bridge.</p>
<p>The road was closed<br>for two hours.</p>
<script>var baku = 1;</script>
<figure><img src="x.jpg"><figcaption>Photo: Baku</figcaption></figure>
</article>
<footer>Leave a Reply</footer>
</body></html>`
	a, err := ParseArticle("page.html", []byte(page), mustOutlets(t))
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != FormatHTML || a.Title != "Flag raised on the Hakari & bridge" || a.Author != "Jane Roe" ||
		a.URL != "https://oc-media.org/a-story/" || a.OutletID() != "ocmedia" || a.Dateline != "STEPANAKERT" {
		t.Errorf("metadata: format %q title %q author %q url %q outlet %q dateline %q", a.Format, a.Title, a.Author, a.URL, a.OutletID(), a.Dateline)
	}
	if a.Published.Format("2006-01-02") != "2023-06-16" || a.PublishedPrecision != PrecisionDay {
		t.Errorf("published %v %v", a.Published, a.PublishedPrecision)
	}
	want := "STEPANAKERT — Border guards raised a flag on the bridge.\n\nThe road was closed for two hours."
	if a.Body != want {
		t.Errorf("body\n%q\nwant\n%q", a.Body, want)
	}
}

func TestParseArticleMarkdownAndWrapping(t *testing.T) {
	text := "# A *Title* here\n\nBy [Ann Lee](https://x.org/ann)\n\nPublished: 16.08.2023\n\n" +
		"YEREVAN (RFE/RL) — The government of Armenia said on\nThursday that the road to Nagorno-\nKarabakh was closed by a six-\nweek blockade.\n\n" +
		"![a map](map.png)\n\nA [link](#) and **bold** and *italic* stay as text.\n\n" +
		"Photo: Someone / AFP\n\nRelated: Something else\n\nShare this:\n\nSubscribe to our newsletter\n\n" +
		"Read more\n\nNothing after the tail survives: Baku.\n"
	a, err := ParseArticle("x.md", []byte(text), mustOutlets(t))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "A Title here" || a.Author != "Ann Lee" || a.Dateline != "YEREVAN" || a.Format != FormatMarkdown {
		t.Errorf("title %q author %q dateline %q format %q", a.Title, a.Author, a.Dateline, a.Format)
	}
	if a.Published.Format("2006-01-02") != "2023-08-16" {
		t.Errorf("published %v", a.Published)
	}
	if a.OutletID() != "rferl" {
		t.Errorf("outlet %q, want rferl from the dateline agency", a.OutletID())
	}
	want := "YEREVAN (RFE/RL) — The government of Armenia said on Thursday that the road to Nagorno-Karabakh was closed by a six-week blockade.\n\n" +
		"A link and bold and italic stay as text."
	if a.Body != want {
		t.Errorf("body\n%q\nwant\n%q", a.Body, want)
	}
}

func TestParseRaw(t *testing.T) {
	raw := readSeed(t, "004")
	a, err := ParseRaw(seedFiles["004"], raw)
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != FormatRaw || a.Body != string(raw) {
		t.Errorf("raw body differs from the file (format %q)", a.Format)
	}
	if a.Title == "" || a.Published.Format("2006-01-02") != "2023-01-03" || a.Outlet != nil {
		t.Errorf("raw metadata: title %q published %v outlet %v", a.Title, a.Published, a.Outlet)
	}
	b, err := ParseRaw("crlf.txt", []byte("\xEF\xBB\xBFline one\r\nline\u00A0two\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Body != "line one\nline two\n" {
		t.Errorf("normalised raw body %q", b.Body)
	}
}

func TestFindDateline(t *testing.T) {
	tests := []struct{ para, place, agency string }{
		{"STEPANAKERT — The Russian force", "STEPANAKERT", ""},
		{"YEREVAN (RFE/RL) — Fierce fighting", "YEREVAN", "RFE/RL"},
		{"NEW YORK, NY — Sunday, October 20", "NEW YORK, NY", ""},
		{"YEREVAN, AUGUST 23, ARMENPRESS. Minister of Foreign Affairs", "YEREVAN", "ARMENPRESS"},
		{"MOSCOW, Dec 13 (Reuters) - Russia said", "MOSCOW", "Reuters"},
		{"BAKU, Azerbaijan, August 7. /Trend/. The command", "BAKU, Azerbaijan", "Trend"},
		{"YEREVAN, December 14. /TASS/. Armenia’s Prime Minister", "YEREVAN", "TASS"},
		{"A video posted on social media", "", ""},
		{"US President Joe Biden said", "", ""},
		{"Armenia — a small country", "", ""},
	}
	for _, tt := range tests {
		place, agency := findDateline(tt.para)
		if place != tt.place || agency != tt.agency {
			t.Errorf("findDateline(%q) = %q, %q; want %q, %q", tt.para, place, agency, tt.place, tt.agency)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct {
		url  string
		want string
		p    Precision
	}{
		{"https://www.themoscowtimes.com/2023/01/03/russian-peacekeepers-a79868", "2023-01-03", PrecisionDay},
		{"https://massispost.com/2023/08/russian-peacekeepers/", "2023-08-01", PrecisionMonth},
		{"https://x.org/news/2022-12-13/story", "2022-12-13", PrecisionDay},
		{"https://www.azatutyun.am/a/32550381.html", "", PrecisionNone},
		{"https://x.org/2023/02/30/bad", "", PrecisionNone},
		{"https://2023.org/", "", PrecisionNone},
	}
	for _, tt := range tests {
		got, p := dateFromURL(tt.url)
		gs := ""
		if !got.IsZero() {
			gs = got.Format("2006-01-02")
		}
		if gs != tt.want || p != tt.p {
			t.Errorf("dateFromURL(%q) = %s %v, want %s %v", tt.url, gs, p, tt.want, tt.p)
		}
	}
}

func TestArticleValidate(t *testing.T) {
	good := Article{ID: "a", Body: "text", Hash: strings.Repeat("ab", 32)}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid article: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Article)
		field string
	}{
		{"no id", func(a *Article) { a.ID = " " }, "id"},
		{"no body", func(a *Article) { a.Body = "" }, "body"},
		{"bad hash", func(a *Article) { a.Hash = "xyz" }, "hash"},
		{"known zero date", func(a *Article) { a.PublishedKnown = true }, "published"},
		{"week precision", func(a *Article) { a.PublishedPrecision = PrecisionWeek }, "published_precision"},
	}
	for _, tt := range tests {
		a := good
		tt.edit(&a)
		err := a.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != tt.field || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v, want a ValidationError on %q", tt.name, err, tt.field)
		}
	}
}

func TestHeaderDateLine(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"January 03, 2023", "2023-01-03"},
		{"Published: 16.08.2023", "2023-08-16"},
		{"Posted on March 5, 2022 at 12:30 pm", "2022-03-05"},
		{"August 2023", "2023-08-01"},
		{"The Lachin corridor was closed on Dec. 12, 2022.", ""},
		{"2023", ""},
	}
	for _, tt := range tests {
		var c cleaned
		ok := c.dateLine(tt.line)
		got := ""
		if ok {
			got = c.published.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("dateLine(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// An article without a title of its own is titled by its opening words:
// the first sentence of its first paragraph, cut at a word past 100
// characters;
// metadata given with it replaces them, and they are no sentence to read
// events from twice.
func TestOpeningTitle(t *testing.T) {
	long := "Residents of the villages along the road said on Monday that the convoy had waited at the checkpoint for most of the day before it turned back."
	tests := []struct {
		name, text, want string
	}{
		{"first sentence", "Protesters gathered in Stepanakert. They left at noon.\n\nMore text.", "Protesters gathered in Stepanakert."},
		{"wrapped lines are one paragraph", "Roads closed near Goris\nand elsewhere today. Then more.", "Roads closed near Goris and elsewhere today."},
		{"long line cut at a word", long, "Residents of the villages along the road said on Monday that the convoy had waited at the checkpoint…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticle("0042_notes.txt", []byte(tt.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want || !a.TitleFromOpening() {
				t.Errorf("Title = %q (from opening %v), want %q", a.Title, a.TitleFromOpening(), tt.want)
			}
			if strings.Contains(a.Title, "0042") {
				t.Errorf("the title %q comes from the file name", a.Title)
			}
			ApplyMeta(a, Meta{Title: "A headline given with the file"})
			if a.Title != "A headline given with the file" || a.TitleFromOpening() {
				t.Errorf("after ApplyMeta: %q", a.Title)
			}
		})
	}
	// A title of its own stays, whatever the metadata says.
	a, err := ParseArticle("x.txt", []byte("Title: Convoy turned back at Hakari\n\nThe convoy waited all day."), nil)
	if err != nil {
		t.Fatal(err)
	}
	ApplyMeta(a, Meta{Title: "Something else"})
	if a.Title != "Convoy turned back at Hakari" || a.TitleFromOpening() {
		t.Errorf("Title = %q", a.Title)
	}
}
