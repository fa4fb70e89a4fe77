package news

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/gazetteer"
)

// Perspective is the side of the conflict an outlet writes from.
type Perspective string

// The perspectives an outlet can have.
const (
	PerspectiveArmenian      Perspective = "armenian"
	PerspectiveAzerbaijani   Perspective = "azerbaijani"
	PerspectiveRussian       Perspective = "russian"
	PerspectiveInternational Perspective = "international"
)

// Perspectives lists every perspective, in a stable order.
var Perspectives = []Perspective{
	PerspectiveArmenian, PerspectiveAzerbaijani, PerspectiveRussian, PerspectiveInternational,
}

// Valid reports whether p is one of Perspectives.
func (p Perspective) Valid() bool {
	for _, x := range Perspectives {
		if p == x {
			return true
		}
	}
	return false
}

// Usage returns the gazetteer name usage of the same side, so an outlet's
// perspective can be set beside the naming profile of its articles.
func (p Perspective) Usage() gazetteer.Usage { return gazetteer.Usage(p) }

// Outlet is a news outlet of the registry (seeds/outlets.json).
type Outlet struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Aliases     []string    `json:"aliases,omitempty"` // other names as written in texts
	Domains     []string    `json:"domains,omitempty"` // registrable domains, without "www."
	Country     string      `json:"country"`           // ISO 3166-1 alpha-2 of where it is based
	Perspective Perspective `json:"perspective"`
	Parent      string      `json:"parent,omitempty"` // the outlet it is a service of
	Note        string      `json:"note,omitempty"`   // why the perspective, where facts come from
}

var (
	outletIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	countryRe  = regexp.MustCompile(`^[A-Z]{2}$`)
	domainRe   = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+$`)
)

// Validate checks the outlet's rules and returns a *ValidationError naming
// the first field that breaks one.
func (o *Outlet) Validate() error {
	switch {
	case !outletIDRe.MatchString(o.ID):
		return &ValidationError{"id", "must be a lowercase slug"}
	case strings.TrimSpace(o.Name) == "":
		return &ValidationError{"name", "must not be empty"}
	case !countryRe.MatchString(o.Country):
		return &ValidationError{"country", fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code", o.Country)}
	case !o.Perspective.Valid():
		return &ValidationError{"perspective", fmt.Sprintf("unknown perspective %q (want armenian, azerbaijani, russian or international)", o.Perspective)}
	case o.Parent == o.ID:
		return &ValidationError{"parent", "an outlet cannot be its own parent"}
	}
	for i, d := range o.Domains {
		if !domainRe.MatchString(d) || strings.HasPrefix(d, "www.") {
			return &ValidationError{fmt.Sprintf("domains[%d]", i), fmt.Sprintf("%q is not a bare domain", d)}
		}
	}
	for i, a := range o.Aliases {
		if strings.TrimSpace(a) == "" {
			return &ValidationError{fmt.Sprintf("aliases[%d]", i), "must not be empty"}
		}
	}
	return nil
}

// Outlets is the outlet registry with its lookup indexes. It is read-only
// once built, so one value can serve many goroutines.
type Outlets struct {
	list     []*Outlet
	byID     map[string]*Outlet
	byDomain map[string]*Outlet
	byKey    map[string]*Outlet // normalised name or alias
	names    []outletName       // every name and alias, longest first
}

type outletName struct {
	text   string
	outlet *Outlet
}

// ParseOutlets reads the registry from JSON (an array of outlets) and
// validates it: known perspectives, unique ids, domains and names.
func ParseOutlets(data []byte) (*Outlets, error) {
	var list []Outlet
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%w: outlets: %v", ErrInvalid, err)
	}
	return NewOutlets(list)
}

// NewOutlets builds the registry from a list of outlets, validating it as
// ParseOutlets does.
func NewOutlets(list []Outlet) (*Outlets, error) {
	o := &Outlets{
		byID:     make(map[string]*Outlet, len(list)),
		byDomain: make(map[string]*Outlet),
		byKey:    make(map[string]*Outlet),
	}
	for i := range list {
		x := list[i]
		x.Aliases = append([]string(nil), x.Aliases...)
		x.Domains = append([]string(nil), x.Domains...)
		if err := x.Validate(); err != nil {
			var ve *ValidationError
			if errors.As(err, &ve) {
				return nil, &ValidationError{fmt.Sprintf("outlets[%d].%s", i, ve.Field), ve.Reason}
			}
			return nil, err
		}
		if _, dup := o.byID[x.ID]; dup {
			return nil, &ValidationError{fmt.Sprintf("outlets[%d].id", i), fmt.Sprintf("duplicate id %q", x.ID)}
		}
		p := &x
		o.byID[x.ID] = p
		o.list = append(o.list, p)
		for j, d := range x.Domains {
			if other, dup := o.byDomain[d]; dup {
				return nil, &ValidationError{fmt.Sprintf("outlets[%d].domains[%d]", i, j),
					fmt.Sprintf("domain %q already belongs to %q", d, other.ID)}
			}
			o.byDomain[d] = p
		}
		for _, n := range append([]string{x.Name}, x.Aliases...) {
			k := nameKey(n)
			if other, dup := o.byKey[k]; dup && other != p {
				return nil, &ValidationError{fmt.Sprintf("outlets[%d].aliases", i),
					fmt.Sprintf("name %q already belongs to %q", n, other.ID)}
			}
			o.byKey[k] = p
			o.names = append(o.names, outletName{n, p})
		}
	}
	for i, x := range o.list {
		if x.Parent != "" {
			if _, ok := o.byID[x.Parent]; !ok {
				return nil, &ValidationError{fmt.Sprintf("outlets[%d].parent", i), fmt.Sprintf("unknown outlet %q", x.Parent)}
			}
		}
	}
	sort.SliceStable(o.names, func(i, j int) bool { return len(o.names[i].text) > len(o.names[j].text) })
	return o, nil
}

// nameKey folds a name for lookups: lower case, letters and digits only, so
// "MassisPost", "Massis Post" and "MASSIS POST" meet.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// All returns copies of every outlet, in registry order.
func (o *Outlets) All() []Outlet {
	out := make([]Outlet, len(o.list))
	for i, x := range o.list {
		out[i] = *x
	}
	return out
}

// ByID returns the outlet with the given id.
func (o *Outlets) ByID(id string) (*Outlet, bool) {
	x, ok := o.byID[id]
	return x, ok
}

// ByName returns the outlet whose name or alias is s, ignoring case, spaces
// and punctuation.
func (o *Outlets) ByName(s string) (*Outlet, bool) {
	x, ok := o.byKey[nameKey(s)]
	return x, ok
}

// ByURL returns the outlet owning the host of a URL (or a bare host name);
// sub-domains count ("en.trend.az" is trend.az).
func (o *Outlets) ByURL(raw string) (*Outlet, bool) {
	host := raw
	if strings.Contains(raw, "://") {
		u, err := url.Parse(raw)
		if err != nil {
			return nil, false
		}
		host = u.Hostname()
	} else if k := strings.IndexAny(host, "/:"); k >= 0 {
		host = host[:k]
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for host != "" {
		if x, ok := o.byDomain[host]; ok {
			return x, true
		}
		k := strings.IndexByte(host, '.')
		if k < 0 || !strings.Contains(host[k+1:], ".") {
			break
		}
		host = host[k+1:]
	}
	return nil, false
}

// Recognise sets the article's outlet from, in this order: a "Source:" line
// (or the page's site name) naming a registry outlet, the URL's domain, a
// name merely containing one, the agency in the dateline
// ("YEREVAN (RFE/RL) —"), and cues in the text ("Trend reports", "told
// RFE/RL's Armenian Service", "updates from MassisPost"). When none of them
// names a registry outlet, or text cues name different outlets equally
// often, the article keeps its outlet unknown: it is never guessed.
func (o *Outlets) Recognise(a *Article) {
	var cues []string
	if a.cuesOK && a.cuesOf == a.Raw && a.Format != FormatRaw {
		cues = a.cues // what ParseArticle read from this Raw
	} else if a.Raw != "" && a.Format != FormatRaw {
		text, _ := checkInput([]byte(a.Raw))
		if looksHTML(text) {
			text, _ = htmlToText(text)
		}
		cues = cleanText(text).cues
	}
	// Recognition reads the URL, the outlet name, the body and the cues:
	// when they and the outlet are as a call with the same inputs left
	// them, calling again changes nothing (ingest recognises once when
	// parsing, again after applying the metadata).
	if r := a.recognised; r != nil && r.outlets == o && r.url == a.URL && r.name == a.OutletName &&
		r.body == a.Body && r.outlet == a.Outlet && slices.Equal(r.cues, cues) {
		return
	}
	name := a.OutletName
	o.recognise(a, cues)
	a.recognised = nil
	if a.OutletName == name {
		a.recognised = &recognition{outlets: o, url: a.URL, name: name, body: a.Body, cues: cues, outlet: a.Outlet}
	}
}

func (o *Outlets) recognise(a *Article, cues []string) {
	set := func(x *Outlet) {
		a.Outlet, a.OutletName = x, x.Name
	}
	// A registry outlet named outright (a "Source:" line, an export's
	// outlet column, the admin's correction) wins over the URL's domain:
	// the name is what someone said of this article, the domain only where
	// it was read (a mirror, an aggregator, a wire story on a partner site).
	if a.OutletName != "" {
		if x, ok := o.ByName(a.OutletName); ok {
			set(x)
			return
		}
	}
	if a.URL != "" {
		if x, ok := o.ByURL(a.URL); ok {
			set(x)
			return
		}
	}
	if a.OutletName != "" {
		if x := o.nameIn(a.OutletName); x != nil {
			set(x)
			return
		}
	}
	if para, _, _ := strings.Cut(a.Body, "\n\n"); para != "" {
		if _, agency := findDateline(para); agency != "" {
			if x, ok := o.ByName(agency); ok {
				set(x)
				return
			}
			if a.OutletName == "" {
				a.OutletName = agency
			}
		}
	}
	text := a.Body
	if len(cues) > 0 {
		text += "\n\n" + strings.Join(cues, "\n\n")
	}
	// Cues are matched with straight apostrophes: "RFE/RL’s" is "RFE/RL's".
	if x := o.fromCues(strings.ReplaceAll(text, "’", "'")); x != nil {
		set(x)
	}
}

// nameIn finds the longest registry name written as whole words in s
// ("TREND News Agency" contains "Trend"), ignoring case.
func (o *Outlets) nameIn(s string) *Outlet {
	low := strings.ToLower(s)
	for _, n := range o.names {
		if i := indexWord(low, strings.ToLower(n.text)); i >= 0 {
			return n.outlet
		}
	}
	return nil
}

// cueBefore and cueAfter are the words around an outlet name that make it
// the reporting outlet rather than one merely cited.
var (
	cueBefore = []string{"told ", "updates from ", "reports ", "reported ", "exclusively to ", "in an interview with ",
		"subscribe to ", "correspondent of ", "сообщает ", "передает ", "передаёт ", "заявил ", "заявила ", "рассказал ", "рассказала "}
	cueAfter = []string{" reports", " reported", " has learned", " learned", " correspondent", "'s correspondent",
		"’s correspondent", " news agency reports", " сообщает", " передает", " передаёт", " хабар"}
)

// fromCues counts text cues per outlet and returns the outlet with the most,
// or nil when there is none or a tie between unrelated outlets.
func (o *Outlets) fromCues(text string) *Outlet {
	counts := make(map[*Outlet]int)
	var used []Span
	for _, n := range o.names {
		variants := []string{n.text}
		if squeezed := strings.ReplaceAll(n.text, " ", ""); squeezed != n.text {
			variants = append(variants, squeezed)
		}
		for _, v := range variants {
			for from := 0; from < len(text); {
				k := strings.Index(text[from:], v)
				if k < 0 {
					break
				}
				k += from
				end := k + len(v)
				from = end
				if !wordBoundary(text, k, end) || overlaps(used, k, end) {
					continue
				}
				if hasCue(text, k, end) {
					counts[n.outlet]++
					used = append(used, Span{k, end})
				}
			}
		}
	}
	var best *Outlet
	bestN, tie := 0, false
	for _, x := range o.list { // registry order keeps the result deterministic
		c := counts[x]
		switch {
		case c == 0:
		case c > bestN:
			best, bestN, tie = x, c, false
		case c == bestN:
			switch {
			case x.Parent == best.ID:
				best = x // the more specific service
			case best.Parent == x.ID:
			default:
				tie = true
			}
		}
	}
	if tie {
		return nil
	}
	return best
}

func hasCue(text string, start, end int) bool {
	before := strings.ToLower(text[max(0, start-24):start])
	for _, c := range cueBefore {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	after := strings.ToLower(text[end:min(len(text), end+24)])
	for _, c := range cueAfter {
		if strings.HasPrefix(after, c) {
			return true
		}
	}
	return false
}

func overlaps(spans []Span, start, end int) bool {
	for _, s := range spans {
		if start < s.End && s.Start < end {
			return true
		}
	}
	return false
}

// wordBoundary reports whether text[start:end] is not part of a longer word.
func wordBoundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// indexWord finds w in s as whole words, or -1.
func indexWord(s, w string) int {
	for from := 0; from < len(s); {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return -1
		}
		k += from
		if wordBoundary(s, k, k+len(w)) {
			return k
		}
		from = k + 1
	}
	return -1
}
