package news

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxArticleBytes is the largest article file accepted. News articles are a
// few kilobytes; anything near this size is a mistake (a dump, a binary).
const MaxArticleBytes = 2 << 20

// The formats an article can be read from.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatRaw      = "raw" // ParseRaw: the whole text is the body
)

// Article is one news report: its metadata and the body that gets geoparsed
// and stored. Offsets of mentions, sentences and events refer to Body.
type Article struct {
	ID     string `json:"id"` // the file's base name, or "sha256-<16 hex>" without one
	Title  string `json:"title,omitempty"`
	Author string `json:"author,omitempty"`
	// Outlet is the registry entry of the outlet that published the article;
	// nil when it is not known. Unknown outlets are never guessed.
	Outlet *Outlet `json:"outlet,omitempty"`
	// OutletName is the outlet's registry name when recognised, else the name
	// the text gives ("Source: ...", the agency in the dateline), else "".
	OutletName string `json:"outlet_name,omitempty"`
	// Published is the publication date (midnight UTC) when PublishedKnown;
	// PublishedPrecision says whether the day or only the month is known.
	Published          time.Time `json:"published"`
	PublishedKnown     bool      `json:"published_known"`
	PublishedPrecision Precision `json:"published_precision"`
	URL                string    `json:"url,omitempty"`
	// Dateline is the place of the dateline as written ("STEPANAKERT"). The
	// dateline stays in Body too: it is a place mention.
	Dateline string `json:"dateline,omitempty"`
	// FirstPublishedBy names the outlet that first published a republished piece.
	FirstPublishedBy string `json:"first_published_by,omitempty"`
	// Language is the primary language subtag ("en", "ru"): from a
	// "Language:" header line, else guessed from the body ("" when unsure).
	Language string `json:"language,omitempty"`
	Format   string `json:"format"`
	// Body is the text without boilerplate: paragraphs separated by blank lines.
	Body string `json:"body"`
	Raw  string `json:"-"`
	Hash string `json:"hash"` // SHA-256 of the raw bytes, hex

	// cues are the outlet cues of the cleaned Raw, kept by ParseArticle so
	// that recognising the outlet again (Outlets.Recognise after the
	// metadata is applied) need not clean the text again; cuesOf is the Raw
	// they were read from, so a changed Raw is read afresh.
	cues   []string
	cuesOf string
	cuesOK bool
	// recognised is what the last Outlets.Recognise read and left when it
	// changed nothing it reads: the same call again would change nothing.
	recognised *recognition
}

// recognition is the state an outlet recognition read and left.
type recognition struct {
	outlets         *Outlets
	url, name, body string
	cues            []string
	outlet          *Outlet
}

// Validate checks the rules every stored article keeps.
func (a *Article) Validate() error {
	switch {
	case strings.TrimSpace(a.ID) == "":
		return &ValidationError{"id", "must not be empty"}
	case strings.TrimSpace(a.Body) == "":
		return &ValidationError{"body", "must not be empty"}
	case !utf8.ValidString(a.Body):
		return &ValidationError{"body", "must be valid UTF-8"}
	case len(a.Hash) != 64 || strings.Trim(a.Hash, "0123456789abcdef") != "":
		return &ValidationError{"hash", "must be a hex SHA-256"}
	case a.PublishedKnown && a.Published.IsZero():
		return &ValidationError{"published", "is known but zero"}
	case !a.PublishedPrecision.Valid() || a.PublishedPrecision == PrecisionWeek:
		return &ValidationError{"published_precision", "must be none, day, month or year"}
	}
	if a.Outlet != nil {
		if err := a.Outlet.Validate(); err != nil {
			return &ValidationError{"outlet", err.Error()}
		}
	}
	return nil
}

// Perspective returns the perspective of the article's outlet, or "" when
// the outlet is unknown.
func (a *Article) Perspective() Perspective {
	if a.Outlet == nil {
		return ""
	}
	return a.Outlet.Perspective
}

// OutletID returns the id of the article's outlet, or "" when it is unknown.
func (a *Article) OutletID() string {
	if a.Outlet == nil {
		return ""
	}
	return a.Outlet.ID
}

// ParseArticle reads an article from plain text, Markdown or simple HTML:
// its metadata (title, author, date, URL, dateline, outlet) and its body
// without the boilerplate around it. outlets may be nil; then no outlet is
// recognised. Unreadable input (empty, binary, too large) gives an error
// wrapping ErrInvalid with a message for the person who gave the file.
func ParseArticle(name string, raw []byte, outlets *Outlets) (*Article, error) {
	text, err := checkInput(raw)
	if err != nil {
		return nil, err
	}
	a := newArticle(name, raw)
	a.Format = FormatText
	var meta htmlMeta
	if looksHTML(text) {
		a.Format = FormatHTML
		text, meta = htmlToText(text)
	} else if isMarkdown(text) {
		a.Format = FormatMarkdown
	}
	c := cleanText(text)
	if strings.TrimSpace(c.body) == "" {
		return nil, &InputError{"no article text is left once the boilerplate is removed"}
	}
	a.Body = c.body
	a.fill(c, meta)
	a.cues, a.cuesOf, a.cuesOK = c.cues, a.Raw, true
	if outlets != nil {
		outlets.Recognise(a)
	}
	return a, nil
}

// ParseRaw reads an article but keeps its whole text as the body (the
// --raw mode): only line endings, a byte-order mark and invalid bytes are
// normalised. Metadata is still read from the text.
func ParseRaw(name string, raw []byte) (*Article, error) {
	text, err := checkInput(raw)
	if err != nil {
		return nil, err
	}
	a := newArticle(name, raw)
	a.Format = FormatRaw
	a.Body = text
	var meta htmlMeta
	if looksHTML(text) {
		_, meta = htmlToText(text)
	}
	a.fill(cleanText(text), meta)
	return a, nil
}

func newArticle(name string, raw []byte) *Article {
	sum := sha256.Sum256(raw)
	a := &Article{Hash: hex.EncodeToString(sum[:]), Raw: string(raw)}
	if base := filepath.Base(name); name != "" && name != "-" && base != "." && base != "/" {
		a.ID = base
	} else {
		a.ID = "sha256-" + a.Hash[:16]
	}
	return a
}

// fill copies what the cleaner and the HTML head found into the article.
func (a *Article) fill(c cleaned, meta htmlMeta) {
	a.Title = c.title
	if meta.h1 != "" && a.Title == "" {
		a.Title = meta.h1
	}
	if a.Title == "" {
		a.Title = meta.title
	}
	if a.Title == "" {
		a.Title = openingTitle(c.body)
	}
	a.Author = firstNonEmpty(c.author, meta.author)
	a.URL = firstNonEmpty(c.url, meta.url)
	a.Dateline = c.dateline
	a.Language = c.language
	if a.Language == "" {
		a.Language = GuessLanguage(c.body)
	}
	a.FirstPublishedBy = c.firstPublishedBy
	a.OutletName = firstNonEmpty(c.source, meta.siteName)
	switch {
	case !c.published.IsZero():
		a.Published, a.PublishedPrecision = c.published, c.precision
	case meta.published != "":
		if t, err := time.Parse(time.RFC3339, meta.published); err == nil {
			a.Published, a.PublishedPrecision = day(t), PrecisionDay
		} else if t, err := time.Parse("2006-01-02", meta.published[:min(10, len(meta.published))]); err == nil {
			a.Published, a.PublishedPrecision = t, PrecisionDay
		}
	}
	if a.Published.IsZero() && a.URL != "" {
		a.Published, a.PublishedPrecision = dateFromURL(a.URL)
	}
	a.PublishedKnown = !a.Published.IsZero()
	// The dateline's date is the publication date when none is given, and
	// makes a month-precise one (from a URL) day-precise.
	if d, p, ok := a.resolveDateline(c.datelineDate); ok {
		switch {
		case !a.PublishedKnown:
			a.Published, a.PublishedPrecision = d, p
		case a.PublishedPrecision > p && a.Published.Year() == d.Year() &&
			(a.PublishedPrecision == PrecisionYear || a.Published.Month() == d.Month()):
			a.Published, a.PublishedPrecision = d, p
		}
		a.PublishedKnown = true
	}
}

// DatelineDate returns the date the body's dateline gives ("BAKU, 12
// September (Trend) —"), its year, when not written, completed from the
// publication date: the latest such day on or before it. ok is false when
// the dateline has no date, or no year and the publication date is unknown.
func (a *Article) DatelineDate() (d time.Time, p Precision, ok bool) {
	return a.resolveDateline(a.bodyDateline().date)
}

func (a *Article) bodyDateline() dateline {
	para := a.Body
	if k := strings.Index(para, "\n\n"); k >= 0 {
		para = para[:k]
	}
	return readDateline(para)
}

// resolveDateline resolves a dateline's date against the publication date.
func (a *Article) resolveDateline(e TimeExpr) (time.Time, Precision, bool) {
	if e.Precision != PrecisionDay && e.Precision != PrecisionMonth {
		return time.Time{}, PrecisionNone, false
	}
	if e.Resolved() {
		return e.Date, e.Precision, true
	}
	if !a.PublishedKnown || a.Published.IsZero() {
		return time.Time{}, PrecisionNone, false
	}
	ref := day(a.Published)
	switch a.PublishedPrecision {
	case PrecisionMonth:
		ref = date(ref.Year(), int(ref.Month())+1, 0)
	case PrecisionYear:
		ref = date(ref.Year(), 12, 31)
	}
	d, _ := e.spec.resolve(ref)
	if d.IsZero() {
		return time.Time{}, PrecisionNone, false
	}
	return d, e.Precision, true
}

// BodyDates returns the temporal expressions of the body resolved against
// the article's reference day: the dateline's date when it gives the day,
// else the publication date when it is day-precise; refKnown says whether
// there is one. The dateline's own date is marked Dateline: it says when the
// report was filed, not when what it reports happened.
func (a *Article) BodyDates() (exprs []TimeExpr, refKnown bool) {
	ref, refKnown := a.Published, a.PublishedKnown && a.PublishedPrecision == PrecisionDay
	dl := a.bodyDateline()
	if d, p, ok := a.resolveDateline(dl.date); ok && p == PrecisionDay {
		ref, refKnown = d, true
	}
	exprs = FindDates(a.Body, ref, refKnown)
	if dl.date.Precision != PrecisionNone {
		for i := range exprs {
			if exprs[i].Start == dl.date.Start {
				exprs[i].Dateline = true
			}
		}
	}
	return exprs, refKnown
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// isMarkdown reports whether the text uses Markdown markup the seeds show.
func isMarkdown(text string) bool {
	return strings.Contains(text, "](") || strings.Contains(text, "\n# ") || strings.HasPrefix(text, "# ") ||
		strings.Contains(text, "**")
}

// checkInput rejects files that are not article text and returns the text
// with line endings, a byte-order mark and stray invalid bytes normalised.
func checkInput(raw []byte) (string, error) {
	if len(raw) > MaxArticleBytes {
		return "", &InputError{fmt.Sprintf("file is %.1f MB, over the %d MB limit",
			float64(len(raw))/(1<<20), MaxArticleBytes>>20)}
	}
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return "", &InputError{"file is UTF-16 text; save it as UTF-8"}
	}
	if k := bytes.IndexByte(raw, 0); k >= 0 {
		return "", &InputError{fmt.Sprintf("file looks binary (NUL byte at offset %d)", k)}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(raw) {
		bad, first := 0, -1
		for i := 0; i < len(raw); {
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n == 1 {
				bad++
				if first < 0 {
					first = i
				}
			}
			i += n
		}
		// A few stray bytes are a damaged text; more are another encoding or a binary.
		if bad > 3 {
			return "", &InputError{fmt.Sprintf("file is not UTF-8 text (%d invalid bytes, the first at offset %d)", bad, first)}
		}
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	text := string(raw)
	if strings.TrimSpace(text) == "" {
		if len(raw) == 0 {
			return "", &InputError{"file is empty"}
		}
		return "", &InputError{"file is empty (only white space)"}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.Map(func(r rune) rune {
		switch r {
		case '\u00A0', '\u2007', '\u202F', '\t':
			return ' '
		case '\u200B', '\uFEFF':
			return -1
		}
		return r
	}, text)
	return text, nil
}

// maxOpeningTitle is how many characters of an article's opening stand in
// for a title it does not have.
const maxOpeningTitle = 100

// openingTitle is the title of an article that names none: the first
// sentence of its first paragraph (the body's first line: the cleaner joins
// wrapped lines), cut at a word boundary with "…" when longer than
// maxOpeningTitle. A reader sees what the text says first,
// never a file name.
func openingTitle(body string) string {
	line := strings.TrimSpace(body)
	if k := strings.IndexByte(line, '\n'); k >= 0 {
		line = strings.TrimSpace(line[:k])
	}
	if ss := Sentences(line); len(ss) > 0 {
		line = strings.TrimSpace(line[ss[0].Start:ss[0].End])
	}
	if utf8.RuneCountInString(line) <= maxOpeningTitle {
		return line
	}
	cut := 0
	for i := range line {
		if utf8.RuneCountInString(line[:i]) > maxOpeningTitle {
			break
		}
		if line[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(string([]rune(line)[:maxOpeningTitle]))
	}
	return strings.TrimRight(line[:cut], " ,;:—–-") + "…"
}

// TitleFromOpening reports whether the article's title is only its opening
// words (openingTitle): metadata given with the article may replace it, and
// it is no sentence of its own to read events from.
func (a *Article) TitleFromOpening() bool {
	t := strings.TrimSuffix(a.Title, "…")
	return t != "" && strings.HasPrefix(strings.TrimSpace(a.Body), t)
}
