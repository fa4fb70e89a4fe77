package news

import (
	"context"
	"fmt"

	"dateline/gazetteer"
)

// Ingester turns raw articles into stored documents: parse, geoparse,
// extract events, profile the naming, store, cluster.
type Ingester struct {
	Store   *Store
	Outlets *Outlets
	Meta    map[string]Meta // known metadata by file name (seeds/articles/meta.json)
	// Geoparser returns the current gazetteer snapshot (rebuilt after edits).
	Geoparser func() *gazetteer.Geoparser
}

// IngestResult says what ingesting one article did.
type IngestResult struct {
	ID       string `json:"id"`
	Stored   bool   `json:"stored"` // false: the same text was already stored
	Mentions int    `json:"mentions"`
	Resolved int    `json:"resolved"`
	Events   int    `json:"events"`
	Outlet   string `json:"outlet,omitempty"`
}

// Ingest parses raw as an article named name (keepRaw: the whole text is
// the body) and stores it with what was found in it. The same text twice is
// stored once. A file that is empty, binary or too large is refused before
// anything is written.
func (in *Ingester) Ingest(ctx context.Context, name string, raw []byte, keepRaw bool) (IngestResult, error) {
	var a *Article
	var err error
	if keepRaw {
		a, err = ParseRaw(name, raw)
	} else {
		a, err = ParseArticle(name, raw, in.Outlets)
	}
	if err != nil {
		return IngestResult{}, err
	}
	if m, ok := in.Meta[name]; ok {
		ApplyMeta(a, m)
	}
	// A URL known only from the metadata can name the outlet too.
	in.Outlets.Recognise(a)
	if id, dup, err := in.Store.HasHash(ctx, a.Hash); err != nil {
		return IngestResult{}, err
	} else if dup {
		return IngestResult{ID: id}, nil
	}
	p := in.Analyse(a)
	saved, err := in.Store.Save(ctx, p, in.Geoparser())
	if err != nil {
		return IngestResult{}, err
	}
	return summarise(p, saved), nil
}

// Add is Ingest for an article that must be new (POST /api/documents): the
// same text stored before gives that document (Stored false); another text
// under the same name is an error wrapping ErrConflict. The checks and the
// storing are one transaction.
func (in *Ingester) Add(ctx context.Context, name string, raw []byte) (IngestResult, error) {
	a, err := ParseArticle(name, raw, in.Outlets)
	if err != nil {
		return IngestResult{}, err
	}
	if m, ok := in.Meta[name]; ok {
		ApplyMeta(a, m)
	}
	in.Outlets.Recognise(a)
	p := in.Analyse(a)
	id, stored, err := in.Store.Add(ctx, p, in.Geoparser())
	if err != nil {
		return IngestResult{}, err
	}
	if !stored {
		return IngestResult{ID: id}, nil
	}
	return summarise(p, true), nil
}

// Analyse geoparses an article and extracts its events and naming profile.
func (in *Ingester) Analyse(a *Article) *Parsed {
	g := in.Geoparser()
	ms := g.Parse(a.Body)
	return &Parsed{
		Article:          a,
		Mentions:         ms,
		Events:           ExtractEvents(a, PlaceMentions(ms)),
		Naming:           NamingProfile(MentionUsages(ms)),
		GazetteerVersion: g.Version(),
	}
}

// Reanalyse parses a stored document again with the current gazetteer and
// replaces its mentions and events in one transaction.
func (in *Ingester) Reanalyse(ctx context.Context, id string) (IngestResult, error) {
	raw, err := in.Store.Raw(ctx, id)
	if err != nil {
		return IngestResult{}, err
	}
	a, err := ParseArticle(id, []byte(raw), in.Outlets)
	if err != nil {
		return IngestResult{}, fmt.Errorf("news: re-read %s: %w", id, err)
	}
	if m, ok := in.Meta[id]; ok {
		ApplyMeta(a, m)
	}
	in.Outlets.Recognise(a)
	p := in.Analyse(a)
	saved, err := in.Store.Save(ctx, p, in.Geoparser())
	if err != nil {
		return IngestResult{}, err
	}
	return summarise(p, saved), nil
}

func summarise(p *Parsed, saved bool) IngestResult {
	r := IngestResult{ID: p.Article.ID, Stored: saved, Mentions: len(p.Mentions), Events: len(p.Events), Outlet: p.Article.OutletName}
	for _, m := range p.Mentions {
		if m.Place != nil {
			r.Resolved++
		}
	}
	return r
}

// PlaceMentions turns the geoparser's resolved mentions into the place
// mentions event extraction works on.
func PlaceMentions(ms []gazetteer.Mention) []PlaceMention {
	out := make([]PlaceMention, 0, len(ms))
	for _, m := range ms {
		if m.Place == nil {
			continue
		}
		out = append(out, PlaceMention{Start: m.Start, End: m.End, PlaceID: m.Place.ID, Kind: m.Place.Kind,
			Name: m.Place.Name, Parent: m.Place.Parent})
	}
	return out
}

// MentionUsages lists, for each resolved mention, the usages of the name as written.
func MentionUsages(ms []gazetteer.Mention) [][]gazetteer.Usage {
	out := make([][]gazetteer.Usage, 0, len(ms))
	for _, m := range ms {
		if m.Place != nil {
			out = append(out, m.Usages)
		}
	}
	return out
}
