// Package gazetteer owns places and their names: the domain types and their
// rules, the store that keeps them in the GeoPackage, the importers that fill
// it, and the geoparser (normaliser, tagger, resolver) that finds them in text.
package gazetteer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// Sentinel errors. Store and importers wrap them with %w so callers (the CLI,
// the server's error handler) can map them with errors.Is.
var (
	ErrNotFound = errors.New("gazetteer: not found")
	ErrConflict = errors.New("gazetteer: conflict")
	ErrInvalid  = errors.New("gazetteer: invalid")
)

// ValidationError names the field that broke a rule. It wraps ErrInvalid.
type ValidationError struct {
	Field  string // JSON-style path, e.g. "names[2].usage" or "geometry"
	Reason string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("gazetteer: invalid %s: %s", e.Field, e.Reason)
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Kind is what sort of place an entry is.
type Kind string

// The kinds a place can have.
const (
	KindSettlement     Kind = "settlement"
	KindCity           Kind = "city"
	KindCapital        Kind = "capital"
	KindCountry        Kind = "country"
	KindRegion         Kind = "region"
	KindDistrict       Kind = "district"
	KindCheckpoint     Kind = "checkpoint"
	KindBridge         Kind = "bridge"
	KindRoad           Kind = "road"
	KindCorridor       Kind = "corridor"
	KindRiver          Kind = "river"
	KindBase           Kind = "base"
	KindBorderCrossing Kind = "border_crossing"
	KindMine           Kind = "mine"
	KindAirport        Kind = "airport"
	KindOther          Kind = "other"
)

// Kinds lists every known kind, in a stable order for menus and docs.
var Kinds = []Kind{
	KindSettlement, KindCity, KindCapital, KindCountry, KindRegion, KindDistrict,
	KindCheckpoint, KindBridge, KindRoad, KindCorridor, KindRiver, KindBase,
	KindBorderCrossing, KindMine, KindAirport, KindOther,
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// IsCheckpoint reports whether places of this kind belong on the checkpoints
// layer (checkpoints, bridges, border crossings).
func (k Kind) IsCheckpoint() bool {
	return k == KindCheckpoint || k == KindBridge || k == KindBorderCrossing
}

// IsRoute reports whether places of this kind are routes (the routes layer).
func (k Kind) IsRoute() bool { return k == KindRoad || k == KindCorridor }

// IsArea reports whether places of this kind are administrative or political areas.
func (k Kind) IsArea() bool { return k == KindCountry || k == KindRegion || k == KindDistrict }

// Usage says who uses a name: which side's spelling it is.
type Usage string

// The usages a name can have.
const (
	UsageOfficial      Usage = "official"
	UsageArmenian      Usage = "armenian"
	UsageAzerbaijani   Usage = "azerbaijani"
	UsageRussian       Usage = "russian"
	UsageInternational Usage = "international"
	UsageHistorical    Usage = "historical"
	UsageVariant       Usage = "variant"
)

// Usages lists every known usage.
var Usages = []Usage{
	UsageOfficial, UsageArmenian, UsageAzerbaijani, UsageRussian,
	UsageInternational, UsageHistorical, UsageVariant,
}

// Valid reports whether u is one of Usages.
func (u Usage) Valid() bool {
	for _, x := range Usages {
		if u == x {
			return true
		}
	}
	return false
}

// IsPerspective reports whether the usage marks a side's naming (used by naming profiles).
func (u Usage) IsPerspective() bool {
	return u == UsageArmenian || u == UsageAzerbaijani || u == UsageRussian || u == UsageInternational
}

// Name is one name of a place.
type Name struct {
	Text   string `json:"text"`
	Lang   string `json:"lang"`   // BCP 47: en, hy, az, ru ...
	Script string `json:"script"` // ISO 15924: Latn, Armn, Cyrl ...
	Usage  Usage  `json:"usage"`
}

// Origin says where a place entry came from; curated entries win over background ones.
type Origin string

// The origins of places.
const (
	OriginCurated    Origin = "curated"
	OriginBackground Origin = "background"
	OriginUser       Origin = "user"
)

// Place is one gazetteer entry.
type Place struct {
	ID          string       `json:"id"`   // stable slug
	Name        string       `json:"name"` // canonical display name
	Kind        Kind         `json:"kind"`
	Geometry    orb.Geometry `json:"-"`
	Parent      string       `json:"parent,omitempty"`
	Country     string       `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Population  int64        `json:"population,omitempty"`
	GeoNamesID  int64        `json:"geonames_id,omitempty"`
	Wikidata    string       `json:"wikidata,omitempty"`
	PrecisionKm float64      `json:"precision_km,omitempty"`
	Source      string       `json:"source,omitempty"`
	Notes       string       `json:"notes,omitempty"`
	Origin      Origin       `json:"origin,omitempty"`
	Names       []Name       `json:"names"`
	Version     int64        `json:"version"`
	Created     time.Time    `json:"created"`
	Updated     time.Time    `json:"updated"`
	Deleted     bool         `json:"deleted,omitempty"`
}

var (
	slugRe     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,127}$`)
	wikidataRe = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	langRe     = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	scriptRe   = regexp.MustCompile(`^[A-Z][a-z]{3}$`)
)

// Validate checks the place's rules and returns a *ValidationError naming the
// first field that breaks one.
func (p *Place) Validate() error {
	if !slugRe.MatchString(p.ID) {
		return &ValidationError{"id", "must be a lowercase slug of letters, digits and hyphens"}
	}
	if strings.TrimSpace(p.Name) == "" {
		return &ValidationError{"name", "must not be empty"}
	}
	for _, f := range []struct {
		field, text string
		lines       bool
	}{{"name", p.Name, false}, {"parent", p.Parent, false}, {"country", p.Country, false},
		{"source", p.Source, true}, {"notes", p.Notes, true}} {
		if reason := CheckText(f.text, f.lines); reason != "" {
			return &ValidationError{f.field, reason}
		}
	}
	if !p.Kind.Valid() {
		return &ValidationError{"kind", fmt.Sprintf("unknown kind %q", p.Kind)}
	}
	if p.Geometry != nil {
		if err := geo.Validate(p.Geometry); err != nil {
			return &ValidationError{"geometry", err.Error()}
		}
	}
	if p.Population < 0 {
		return &ValidationError{"population", "must not be negative"}
	}
	if p.GeoNamesID < 0 {
		return &ValidationError{"geonames_id", "must not be negative"}
	}
	if p.Wikidata != "" && !wikidataRe.MatchString(p.Wikidata) {
		return &ValidationError{"wikidata", "must look like Q123"}
	}
	if p.PrecisionKm < 0 {
		return &ValidationError{"precision_km", "must not be negative"}
	}
	if p.Parent == p.ID {
		return &ValidationError{"parent", "a place cannot be its own parent"}
	}
	if len(p.Names) == 0 {
		return &ValidationError{"names", "a place needs at least one name"}
	}
	seen := make(map[string]int, len(p.Names))
	for i, n := range p.Names {
		field := fmt.Sprintf("names[%d]", i)
		if strings.TrimSpace(n.Text) == "" {
			return &ValidationError{field + ".text", "must not be empty"}
		}
		if reason := CheckText(n.Text, false); reason != "" {
			return &ValidationError{field + ".text", reason}
		}
		if !langRe.MatchString(n.Lang) {
			return &ValidationError{field + ".lang", fmt.Sprintf("%q is not a BCP 47 language tag", n.Lang)}
		}
		if n.Script != "" && !scriptRe.MatchString(n.Script) {
			return &ValidationError{field + ".script", fmt.Sprintf("%q is not an ISO 15924 script code", n.Script)}
		}
		if !n.Usage.Valid() {
			return &ValidationError{field + ".usage", fmt.Sprintf("unknown usage %q", n.Usage)}
		}
		key := strings.ToLower(n.Text) + "\x00" + n.Lang + "\x00" + string(n.Usage)
		if j, ok := seen[key]; ok {
			return &ValidationError{field, fmt.Sprintf("duplicates names[%d] (same text, language and usage)", j)}
		}
		seen[key] = i
	}
	return nil
}

// CheckText returns why s is not acceptable text, or "" when it is: text must
// be valid UTF-8 without control characters; lines allows the tab, line feed
// and carriage return of multi-line text. Names and notes are shown on pages
// and written to files, where a NUL or an escape sequence would do harm.
func CheckText(s string, lines bool) string {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return fmt.Sprintf("is not valid UTF-8 (byte %d)", i)
			}
			continue
		}
		if unicode.IsControl(r) && !(lines && (r == '\t' || r == '\n' || r == '\r')) {
			return fmt.Sprintf("holds the control character U+%04X (byte %d)", r, i)
		}
	}
	return ""
}
