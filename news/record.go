package news

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Record is an article as an export lists it: explicit metadata beside its
// text or HTML (a line of a JSONL export, a row of a CSV one, a fetched
// page). Every field but Text or HTML may be empty.
type Record struct {
	ID        string `json:"id,omitempty"` // becomes the document id; without one, the id comes from the text
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // a date or RFC 3339 time
	Outlet    string `json:"outlet,omitempty"`    // an outlet's name or registry id
	Language  string `json:"language,omitempty"`  // BCP 47; written as a "Language:" header line
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"` // read when Text is empty
}

// recordFields are the field names a Record is read from (the CSV header, the JSON keys).
var recordFields = []string{"id", "url", "title", "published", "outlet", "language", "text", "html"}

// DecodeRecord reads one JSON object as a Record. Its id may be a string
// or a number; keys it does not know are ignored.
func DecodeRecord(line []byte) (Record, error) {
	var r struct {
		Record
		ID json.RawMessage `json:"id"`
	}
	d := json.NewDecoder(bytes.NewReader(line))
	if err := d.Decode(&r); err != nil {
		return Record{}, &InputError{"not a JSON object: " + jsonReason(err)}
	}
	if d.More() {
		return Record{}, &InputError{"more than one JSON value on the line"}
	}
	rec := r.Record
	if id := bytes.TrimSpace(r.ID); len(id) > 0 && string(id) != "null" {
		var s string
		if err := json.Unmarshal(id, &s); err == nil {
			rec.ID = s
		} else if _, err := json.Number(id).Float64(); err == nil {
			rec.ID = string(id)
		} else {
			return Record{}, &InputError{"id must be a string or a number"}
		}
	}
	return rec, nil
}

func jsonReason(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

// RecordColumns maps a CSV header to the Record fields its columns hold
// (column names are matched case-insensitively). It fails when no column
// holds the text or the HTML.
func RecordColumns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for _, f := range recordFields {
			if h == f {
				if _, dup := cols[f]; !dup {
					cols[f] = i
				}
			}
		}
	}
	if _, ok := cols["text"]; !ok {
		if _, ok := cols["html"]; !ok {
			return nil, &InputError{"the header names no text or html column"}
		}
	}
	return cols, nil
}

// RecordFromRow builds a Record from a CSV row with the columns RecordColumns found.
func RecordFromRow(cols map[string]int, row []string) Record {
	get := func(f string) string {
		if i, ok := cols[f]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	return Record{ID: get("id"), URL: get("url"), Title: get("title"), Published: get("published"),
		Outlet: get("outlet"), Language: get("language"), Text: get("text"), HTML: get("html")}
}

// Raw renders the record as the article text it is stored as: the header
// lines ParseArticle reads (Title:, Published:, Source:, URL:), a blank
// line, then the text (the HTML reduced to text when there is no text).
// Language: is written too, so the language survives a re-reading.
// Storing this, not the export's line, keeps re-analysis the same as the
// first reading.
func (r Record) Raw() ([]byte, error) {
	text := r.Text
	title, published, url := r.Title, r.Published, r.URL
	if strings.TrimSpace(text) == "" && strings.TrimSpace(r.HTML) != "" {
		var meta htmlMeta
		text, meta = htmlToText(r.HTML)
		title = firstNonEmpty(title, meta.h1, meta.title)
		published = firstNonEmpty(published, meta.published)
		url = firstNonEmpty(url, meta.url)
	}
	if strings.TrimSpace(text) == "" {
		return nil, &InputError{"the record has no text or html"}
	}
	if published != "" {
		if t, err := time.Parse(time.RFC3339, published); err == nil {
			published = t.UTC().Format("2006-01-02")
		}
	}
	var b strings.Builder
	header := func(key, v string) {
		if v = collapseSpace(v); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", key, v)
		}
	}
	header("Title", title)
	header("Published", published)
	header("Source", r.Outlet)
	header("URL", url)
	header("Language", r.Language)
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(text)
	if !strings.HasSuffix(text, "\n") {
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// recordName is the name an article read from r goes by: its id (a path
// separator would make it a file name, so it is replaced), or "" to have
// the id derived from the text.
func recordName(r Record) string {
	return strings.NewReplacer("/", "_", "\\", "_").Replace(strings.TrimSpace(r.ID))
}
