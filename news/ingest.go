package news

import (
	"context"
	"errors"
	"fmt"

	"dateline/gazetteer"
	"dateline/geo"

	"github.com/paulmach/orb"
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
	// Duplicate says what the article duplicates when it is one: "text",
	// "url" or "near" (DuplicateText, DuplicateURL, DuplicateNear).
	Duplicate string `json:"duplicate,omitempty"`
	// DuplicateOf is the document a near-duplicate from another outlet was
	// stored as another report of.
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// Ingest parses raw as an article named name (keepRaw: the whole text is
// the body) and stores it with what was found in it. The same text twice is
// stored once. A file that is empty, binary or too large is refused before
// anything is written.
func (in *Ingester) Ingest(ctx context.Context, name string, raw []byte, keepRaw bool) (IngestResult, error) {
	a, err := in.Read(name, raw, keepRaw)
	if err != nil {
		return IngestResult{}, err
	}
	if id, dup, err := in.Store.HasHash(ctx, a.Hash); err != nil {
		return IngestResult{}, err
	} else if dup {
		return IngestResult{ID: id, Duplicate: DuplicateText}, nil
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
	a, err := in.Read(name, raw, false)
	if err != nil {
		return IngestResult{}, err
	}
	// A text stored before needs no geoparsing; Store.Add checks again in
	// its transaction, which is what decides.
	if id, dup, err := in.Store.HasHash(ctx, a.Hash); err != nil {
		return IngestResult{}, err
	} else if dup {
		return IngestResult{ID: id}, nil
	}
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

// Read parses raw as Ingest does, without analysing or storing it: the
// article with its known metadata and outlet.
func (in *Ingester) Read(name string, raw []byte, keepRaw bool) (*Article, error) {
	var a *Article
	var err error
	if keepRaw {
		a, err = ParseRaw(name, raw)
	} else {
		a, err = ParseArticle(name, raw, in.Outlets)
	}
	if err != nil {
		return nil, err
	}
	if m, ok := in.Meta[name]; ok {
		ApplyMeta(a, m)
	}
	// A URL known only from the metadata can name the outlet too.
	in.Outlets.Recognise(a)
	return a, nil
}

// Analyse geoparses an article and extracts its events and naming profile.
func (in *Ingester) Analyse(a *Article) *Parsed {
	g := in.Geoparser()
	ms := g.Parse(a.Body)
	evs := ExtractEvents(a, withCheckpoints(g, PlaceMentions(ms)))
	return &Parsed{
		Article:          a,
		Mentions:         ms,
		Events:           evs,
		Sites:            sitesOf(g, evs, ms),
		Naming:           NamingProfile(MentionUsages(ms)),
		GazetteerVersion: g.Version(),
	}
}

// Reanalyse parses a stored document again with the current gazetteer and
// rules and replaces its mentions and events in one transaction.
// A report of another document (a copy of its story from another outlet)
// has no mentions or events of its own and stays a report.
func (in *Ingester) Reanalyse(ctx context.Context, id string) (IngestResult, error) {
	if orig, err := in.Store.reportOf(ctx, id); err != nil {
		return IngestResult{}, err
	} else if orig != "" {
		return IngestResult{ID: id, Duplicate: DuplicateNear, DuplicateOf: orig}, nil
	}
	p, err := in.reread(ctx, id)
	if err != nil {
		return IngestResult{}, err
	}
	saved, err := in.Store.Save(ctx, p, in.Geoparser())
	if err != nil {
		return IngestResult{}, err
	}
	return summarise(p, saved), nil
}

// reread parses and analyses a stored document again, as it was first read.
func (in *Ingester) reread(ctx context.Context, id string) (*Parsed, error) {
	raw, format, err := in.Store.RawFormat(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := in.Read(id, []byte(raw), format == FormatRaw)
	if err != nil {
		return nil, fmt.Errorf("news: re-read %s: %w", id, err)
	}
	return in.Analyse(a), nil
}

// ReanalyseSummary says what ReanalyseAll did.
type ReanalyseSummary struct {
	Documents      int `json:"documents"`
	Failed         int `json:"failed"`
	EventsBefore   int `json:"events_before"`
	EventsAfter    int `json:"events_after"`
	MentionsBefore int `json:"mentions_before"`
	MentionsAfter  int `json:"mentions_after"`
}

// ReanalyseAll parses every stored document again with the current gazetteer
// and rules, batch documents at a time, each batch stored in one
// transaction. A document that no longer parses is left as it was and
// counted as failed (report, when not nil, hears of it).
func (in *Ingester) ReanalyseAll(ctx context.Context, batch int, report func(id string, err error)) (ReanalyseSummary, error) {
	var sum ReanalyseSummary
	var err error
	if _, sum.MentionsBefore, sum.EventsBefore, _, err = in.Store.Counts(ctx); err != nil {
		return sum, err
	}
	ids, err := in.Store.DocumentIDs(ctx)
	if err != nil {
		return sum, err
	}
	if batch < 1 {
		batch = 1
	}
	for len(ids) > 0 {
		n := min(batch, len(ids))
		var ps []*Parsed
		for _, id := range ids[:n] {
			if err := ctx.Err(); err != nil {
				return sum, err
			}
			if orig, err := in.Store.reportOf(ctx, id); err == nil && orig != "" {
				continue // a report has nothing of its own to re-analyse
			}
			p, err := in.reread(ctx, id)
			if err != nil {
				if errors.Is(err, ErrNotFound) {
					continue // removed meanwhile
				}
				sum.Failed++
				if report != nil {
					report(id, err)
				}
				continue
			}
			ps = append(ps, p)
		}
		saved, err := in.Store.SaveAll(ctx, ps, in.Geoparser())
		if err != nil {
			return sum, err
		}
		sum.Documents += saved
		ids = ids[n:]
	}
	_, sum.MentionsAfter, sum.EventsAfter, _, err = in.Store.Counts(ctx)
	return sum, err
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

// withCheckpoints notes on each mention the checkpoint its place stands
// for in a report of a checkpoint.
func withCheckpoints(g *gazetteer.Geoparser, ms []PlaceMention) []PlaceMention {
	for i := range ms {
		if p := g.CheckpointOf(ms[i].PlaceID); p != nil {
			ms[i].Checkpoint, ms[i].CheckpointName = p.ID, p.Name
		}
	}
	return ms
}

// sitesOf gives the points of the events' places that no mention names.
func sitesOf(g *gazetteer.Geoparser, evs []Event, ms []gazetteer.Mention) map[string]orb.Point {
	named := map[string]bool{}
	for _, m := range ms {
		if m.Place != nil {
			named[m.Place.ID] = true
		}
	}
	var out map[string]orb.Point
	for _, e := range evs {
		if named[e.PlaceID] {
			continue
		}
		if p := g.Place(e.PlaceID); p != nil && p.Geometry != nil {
			if out == nil {
				out = map[string]orb.Point{}
			}
			out[e.PlaceID] = geo.RepresentativePoint(p.Geometry)
		}
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
