package gazetteer

import (
	"hash/maphash"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The tagger finds place names in text: whole words, leftmost-longest, over
// one index of every name of every place. Names are matched by their key
// (NormalizeName) word by word, with hyphens and spaces equivalent; inflected
// forms are found by suffix rules (inflect.go); precision rules keep
// demonyms, common words, people's names and organisation names out; compound
// road, bridge and checkpoint phrases come back as one span.

// Form says how the text of a span matched a name. Lower is closer; the
// zero Form means none.
type Form uint8

// The forms a match can take, closest first.
const (
	FormExact     Form = iota + 1 // the name's letters, ignoring case, hyphens and spacing ("ŞUŞA" for "Şuşa")
	FormFolded                    // equal only once diacritics are folded ("Xankendi" for "Xankəndi")
	FormInflected                 // an inflected form ("Степанакерте", "Şuşada", "Ստեփանակերտում", "Stepanakerts")
	FormAdjective                 // an adjective formed from the name with a place noun ("Шушинском районе")
)

// String returns the form's name as used in JSON: "exact", "folded",
// "inflected" or "adjective" ("" for the zero Form).
func (f Form) String() string {
	switch f {
	case FormExact:
		return "exact"
	case FormFolded:
		return "folded"
	case FormInflected:
		return "inflected"
	case FormAdjective:
		return "adjective"
	}
	return ""
}

// MarshalText encodes the form as its String.
func (f Form) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// rank orders forms from closest to loosest.
func (f Form) rank() int { return int(f) }

// IndexEntry is one name of one place as the tagger sees it.
type IndexEntry struct {
	PlaceID    string
	Name       Name   // text, lang, script, usage
	Kind       Kind   // what the place is; compounds and place adjectives use it
	Origin     Origin // curated and user names match in any case; background names need capitals
	Population int64  // big places are never taken for a person's first name
}

// Hit is one place a span can mean, through one of its names.
type Hit struct {
	PlaceID string
	Entry   int  // index into the entries given to NewIndex
	Form    Form // how the span's text matched this entry's name
}

// Span is one place-name mention found in a text.
type Span struct {
	Start, End int       // byte offsets into the text; text[Start:End] == Surface
	Surface    string    // the mention as written
	Hits       []Hit     // every place this surface can mean, best hit per place, closest form first
	Form       Form      // the closest form among Hits (for a compound without Hits, the loosest part's)
	Compound   *Compound // non-nil for a road, bridge or checkpoint phrase built from place names
}

// Compound describes a road, bridge or checkpoint phrase such as
// "Aghdam-Khankendi road", "the bridge over the river Hakari" or "Lachin
// border checkpoint". When the whole phrase is itself a name, the span's
// Hits hold that place as well and the resolver should prefer it; otherwise
// the resolver builds the place from the parts.
type Compound struct {
	Kind  Kind   // KindRoad, KindBridge or KindCheckpoint: what the phrase names
	Parts []Span // the places it is built from: the two ends of a road, the river or place of a bridge
}

// tagMaxTokens is the longest name, in words, the index keeps.
const tagMaxTokens = 16

// tagMaxCands bounds the candidate matches considered at one word.
const tagMaxCands = 24

// Bits of tagEnt.flags.
const (
	tagEntCurated  uint16 = 1 << iota // curated or user entry: any case matches
	tagEntShort                       // three letters or fewer: needs a capital even when curated
	tagEntSingle                      // a one-word name
	tagEntBlock                       // a background name that is never tagged
	tagEntCommon                      // a one-word background name that is an ordinary word
	tagEntNoPerson                    // never a person's first name (a country, a million people)
	tagEntShort4                      // four letters or fewer: in capitals, more likely an acronym
	tagEntAcronym                     // written in capitals ("US"): only matches capitals
)

// tagEnt is what the tagger keeps of one IndexEntry.
type tagEnt struct {
	place    string
	caseHash uint32 // hash of the name's letters in lower case, for telling exact from folded
	flags    uint16
	kind     uint8 // index into Kinds; tagKindUnknown if not there
}

const tagKindUnknown = 255

// tagNode is one key of a tagDict: a whole name, the first word of longer
// names, or both.
type tagNode struct {
	p0, p1 uint32 // postings: the entries whose name has exactly this key
	maxTok uint8  // the most words of any name starting with this key as its first word
}

// tagDict maps keys to nodes. Keys of first words are also in a Bloom filter
// so most words of a text cost one hash and one memory read.
type tagDict struct {
	// The nodes by key: open addressing over node numbers (node+1; 0 is
	// empty), indexed by the key's hash (the one the Bloom filter takes),
	// the keys themselves substrings of one arena (node i's key is
	// str[keys[2i]:keys[2i+1]]). A Go map from key to node would hold a
	// string header and the map's overhead per key, and hash the key again.
	cells []uint32
	cmask uint64
	str   string
	keys  []uint32
	nodes []tagNode
	posts []uint32
	masks []uint8 // per posting (stem dict): which words of the name are -ский adjectives
	bloom []uint64
	bmask uint64
	seed  maphash.Seed // keys are hashed with the runtime's AES-based hash, not byte by byte
}

// Index is the tagger's index over every name of every place. It is built
// once by NewIndex and only read afterwards, so one Index serves any number
// of concurrent Tag calls; to follow a changed gazetteer, build a new one and
// swap the pointer.
type Index struct {
	exact tagDict // names by key
	stem  tagDict // Cyrillic names by Russian stem
	ents  []tagEnt
	words tagWords
	names int
	pool  sync.Pool // *tagState scratch buffers, so Tag does not allocate them per call
}

// tagState is the scratch space of one Tag call.
type tagState struct {
	sc    normScanner
	stems []byte       // Russian stem of every word, each followed by a space (texts with Cyrillic only)
	stem  []tagStemRef // per word: its stem in stems
	cands []tagCand    // a stack of candidate lists: each call appends its own and pops it
	out   []Span       // spans found so far
	hits  []Hit        // arena for the hits of candidates; only ever appended to during a call
	azDoc bool         // the text looks Azerbaijani: try Azerbaijani suffixes on every word
}

// tagStemRef locates one word's stem in tagState.stems.
type tagStemRef struct {
	s0, s1 int
	adj    bool
}

// tagCand is one way the words from a start word to end could match names.
type tagCand struct {
	end  int // last word, inclusive
	form Form
	node *tagNode
	stem bool  // node is in the stem dict
	mask uint8 // stem dict: adjective mask of the text's words
	adj  Kind  // FormAdjective: the kind of place the noun asks for
}

// NewIndex builds the index over entries. Entries whose name has no letters
// or digits, or more than 16 words, are left out. The entries slice is not
// kept; Hit.Entry indexes into it.
func NewIndex(entries []IndexEntry) *Index {
	ix := &Index{
		words: tagParseWords(tagStopwordsText),
		ents:  make([]tagEnt, len(entries)),
	}
	ix.pool.New = func() any { return new(tagState) }

	// Pass 1: fold every name once into one arena of keys. The arena becomes
	// one string whose substrings are the map keys, so the maps cost no
	// allocation per key.
	type rec struct {
		k0, kh, k1 uint32 // exact key and its first word
		s0, sh, s1 uint32 // stem key and its first word (Cyrillic names)
		ntok       uint8
		mask       uint8
		cyrl       bool
	}
	recs := make([]rec, len(entries))
	arena := make([]byte, 0, 16*len(entries))
	var sc normScanner
	nStem := 0
	for idx := range entries {
		e := &entries[idx]
		sc.scan(e.Name.Text)
		ntok := len(sc.toks)
		if ntok == 0 || ntok > tagMaxTokens || len(arena)+2*len(sc.keys) > math.MaxUint32 {
			continue // the offsets are 32-bit: a gazetteer of billions of names stops growing
		}
		r := &recs[idx]
		r.ntok = uint8(ntok)
		r.k0 = uint32(len(arena))
		arena = append(arena, sc.keys[:len(sc.keys)-1]...)
		r.k1 = uint32(len(arena))
		r.kh = r.k0 + uint32(sc.toks[0].k1-sc.toks[0].k0)
		if sc.nCyrl > 0 {
			r.cyrl = true
			nStem++
			r.s0 = uint32(len(arena))
			for t, tok := range sc.toks {
				key := sc.keys[tok.k0:tok.k1]
				n := len(key)
				if tok.flags&normTokCyrl != 0 {
					var adj bool
					n, adj = inflRuStem(key)
					if adj && t < 8 {
						r.mask |= 1 << t
					}
				}
				if t > 0 {
					arena = append(arena, ' ')
				}
				arena = append(arena, key[:n]...)
				if t == 0 {
					r.sh = uint32(len(arena))
				}
			}
			r.s1 = uint32(len(arena))
		}
		ix.names++
		ix.ents[idx] = ix.tagMakeEnt(e, sc.keys[sc.toks[0].k0:sc.toks[0].k1], sc.keys[:len(sc.keys)-1], ntok)
	}
	str := string(arena)
	arena = nil

	// Pass 2: keys to nodes, then postings by counting.
	ix.exact.init(ix.names, str)
	ix.stem.init(nStem, str)
	exactOf := make([]uint32, len(entries))
	stemOf := make([]uint32, len(entries))
	for idx := range recs {
		r := &recs[idx]
		if r.ntok == 0 || ix.ents[idx].flags&tagEntBlock != 0 {
			// A blocked name is never tagged: left out of the dicts, its
			// words ("Police", "Mobile") cost no lookups either.
			r.ntok, r.cyrl = 0, false
			continue
		}
		exactOf[idx] = ix.exact.add(r.k0, r.k1, r.kh, r.ntok)
		if r.cyrl {
			stemOf[idx] = ix.stem.add(r.s0, r.s1, r.sh, r.ntok)
		}
	}
	ix.exact.fill(len(entries), false, func(idx int) (uint32, uint8, bool) {
		return exactOf[idx], 0, recs[idx].ntok != 0
	})
	ix.stem.fill(len(entries), true, func(idx int) (uint32, uint8, bool) {
		return stemOf[idx], recs[idx].mask, recs[idx].cyrl
	})
	return ix
}

// tagMakeEnt derives what the tagger needs from an entry. first is the key
// of the name's first word, full the key of the whole name.
func (ix *Index) tagMakeEnt(e *IndexEntry, first, full []byte, ntok int) tagEnt {
	ent := tagEnt{place: e.PlaceID, caseHash: tagCaseHash(e.Name.Text), kind: tagKindUnknown}
	for i, k := range Kinds {
		if k == e.Kind {
			ent.kind = uint8(i)
			break
		}
	}
	letters, lower := 0, 0
	for _, r := range e.Name.Text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	if letters >= 2 && lower == 0 && ntok == 1 {
		ent.flags |= tagEntAcronym
	}
	if letters <= 3 {
		ent.flags |= tagEntShort
	}
	if letters <= 4 {
		ent.flags |= tagEntShort4
	}
	if ntok == 1 {
		ent.flags |= tagEntSingle
	}
	if e.Origin != OriginBackground {
		ent.flags |= tagEntCurated
	} else if letters <= 2 && e.Kind != KindCountry {
		ent.flags |= tagEntBlock // "FI", "Au": codes and fragments, except "US", "UK"
	} else if ntok > 1 && ix.words.lookup(full)&tagWordBlock != 0 {
		ent.flags |= tagEntBlock // "White House" is not the town in Tennessee
	} else if ntok == 1 && e.Kind != KindCountry && e.Kind != KindCapital {
		w := ix.words.lookup(first)
		if w&(tagWordBlock|tagWordDemonym) != 0 {
			ent.flags |= tagEntBlock
		}
		if w&tagWordCommon != 0 {
			ent.flags |= tagEntCommon
		}
	}
	if e.Kind == KindCountry || e.Population >= 1_000_000 {
		ent.flags |= tagEntNoPerson
	}
	return ent
}

// kindOf returns the kind of an entry.
func (ix *Index) kindOf(entry int) Kind {
	if k := ix.ents[entry].kind; int(k) < len(Kinds) {
		return Kinds[k]
	}
	return KindOther
}

// Len returns the number of names indexed.
func (ix *Index) Len() int { return ix.names }

// init prepares an empty dict for about n names whose keys are substrings
// of str.
func (d *tagDict) init(n int, str string) {
	d.str = str
	d.nodes = make([]tagNode, 0, n+n/4)
	d.keys = make([]uint32, 0, 2*(n+n/4))
	size := 16
	for size < 2*n {
		size <<= 1
	}
	d.cells = make([]uint32, size)
	d.cmask = uint64(size - 1)
	bits := 1 << 16
	for bits < 12*n {
		bits <<= 1
	}
	d.bloom = make([]uint64, bits/64)
	d.bmask = uint64(len(d.bloom) - 1)
	d.seed = maphash.MakeSeed()
}

// hash and hashString hash a key for the Bloom filter.
func (d *tagDict) hash(key []byte) uint64       { return maphash.Bytes(d.seed, key) }
func (d *tagDict) hashString(key string) uint64 { return maphash.String(d.seed, key) }

// add registers a name's key (str[k0:k1]) and its first word (str[k0:kh]),
// returning the name's node.
func (d *tagDict) add(k0, k1, kh uint32, ntok uint8) uint32 {
	hh := d.hashString(d.str[k0:kh])
	h := d.node(k0, kh, hh)
	if n := &d.nodes[h]; n.maxTok < ntok {
		n.maxTok = ntok
	}
	d.bloomAdd(hh)
	if k1 == kh {
		return h
	}
	hk := d.hashString(d.str[k0:k1])
	d.bloomAdd(hk)
	return d.node(k0, k1, hk)
}

// node returns the node of the key str[k0:k1] with hash h, creating it if needed.
func (d *tagDict) node(k0, k1 uint32, h uint64) uint32 {
	key := d.str[k0:k1]
	i := d.cell(h)
	for ; d.cells[i] != 0; i = (i + 1) & d.cmask {
		if id := d.cells[i] - 1; d.key(id) == key {
			return id
		}
	}
	id := uint32(len(d.nodes))
	d.nodes = append(d.nodes, tagNode{})
	d.keys = append(d.keys, k0, k1)
	d.cells[i] = id + 1
	if len(d.nodes) > len(d.cells)/2 {
		d.grow()
	}
	return id
}

// cell is where the probe for hash h starts.
func (d *tagDict) cell(h uint64) uint64 { return (h >> 7) & d.cmask }

// key returns the key of node id.
func (d *tagDict) key(id uint32) string { return d.str[d.keys[2*id]:d.keys[2*id+1]] }

// grow doubles the cells, placing every node again.
func (d *tagDict) grow() {
	d.cells = make([]uint32, 2*len(d.cells))
	d.cmask = uint64(len(d.cells) - 1)
	for id := range d.nodes {
		i := d.cell(d.hashString(d.key(uint32(id))))
		for d.cells[i] != 0 {
			i = (i + 1) & d.cmask
		}
		d.cells[i] = uint32(id) + 1
	}
}

// lookup finds the node of key, whose hash is h.
func (d *tagDict) lookup(key []byte, h uint64) (uint32, bool) {
	if len(d.cells) == 0 {
		return 0, false
	}
	for i := d.cell(h); d.cells[i] != 0; i = (i + 1) & d.cmask {
		if id := d.cells[i] - 1; d.key(id) == string(key) {
			return id, true
		}
	}
	return 0, false
}

// fill builds the postings: of(idx) gives each entry's node, the mask to
// keep with it (if withMasks), and whether the entry is in this dict at all.
func (d *tagDict) fill(n int, withMasks bool, of func(idx int) (uint32, uint8, bool)) {
	counts := make([]uint32, len(d.nodes)+1)
	total := 0
	for idx := 0; idx < n; idx++ {
		if id, _, ok := of(idx); ok {
			counts[id+1]++
			total++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	for i := range d.nodes {
		d.nodes[i].p0 = counts[i]
		d.nodes[i].p1 = counts[i]
	}
	d.posts = make([]uint32, total)
	if withMasks {
		d.masks = make([]uint8, total)
	}
	for idx := 0; idx < n; idx++ {
		id, mask, ok := of(idx)
		if !ok {
			continue
		}
		nd := &d.nodes[id]
		d.posts[nd.p1] = uint32(idx)
		if d.masks != nil {
			d.masks[nd.p1] = mask
		}
		nd.p1++
	}
}

// bloomAdd and bloomHas keep two bits per key in one 64-bit word, so a
// lookup reads one cache line.
func (d *tagDict) bloomAdd(h uint64) {
	d.bloom[(h>>32)&d.bmask] |= 1<<(h&63) | 1<<((h>>6)&63)
}

func (d *tagDict) bloomHas(h uint64) bool {
	if len(d.bloom) == 0 {
		return false
	}
	bits := uint64(1)<<(h&63) | uint64(1)<<((h>>6)&63)
	return d.bloom[(h>>32)&d.bmask]&bits == bits
}

// head looks up a first word.
func (d *tagDict) head(key []byte) (*tagNode, bool) {
	h := d.hash(key)
	if !d.bloomHas(h) {
		return nil, false
	}
	id, ok := d.lookup(key, h)
	if !ok {
		return nil, false
	}
	return &d.nodes[id], true
}

// phrase looks up a whole key of several words.
func (d *tagDict) phrase(key []byte) (*tagNode, bool) {
	// Most phrases tried are not names: the filter answers them without a map probe.
	h := d.hash(key)
	if !d.bloomHas(h) {
		return nil, false
	}
	id, ok := d.lookup(key, h)
	if !ok {
		return nil, false
	}
	n := &d.nodes[id]
	return n, n.p1 > n.p0
}

// tagCaseFold lower-cases one rune for telling exact from folded matches,
// treating the Turkish dotted and dotless i as case variants of i.
func tagCaseFold(r rune) rune {
	switch r {
	case 'İ', 'I', 'ı':
		return 'i'
	}
	return unicode.ToLower(r)
}

// tagCaseHash hashes the letters and digits of s in lower case, skipping
// spaces, hyphens and punctuation.
func tagCaseHash(s string) uint32 {
	h := uint32(2166136261)
	for _, r := range s {
		if !normIsWordRune(r) {
			continue
		}
		r = tagCaseFold(r)
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}

// Tag finds the place names in text. Spans are whole words, leftmost-longest,
// sorted by Start and never overlapping. Tag never panics: any byte string
// is accepted, and every offset falls on a rune boundary inside text.
func (ix *Index) Tag(text string) []Span {
	st := ix.pool.Get().(*tagState)
	defer ix.pool.Put(st)
	// Azerbaijani suffixes are tried on every capitalised word of a text
	// that writes ə, a letter no other major Latin orthography uses.
	st.azDoc = strings.Count(text, "ə")+strings.Count(text, "Ə") >= 2
	// Spans gather in a reused buffer and are copied out once at the exact
	// size: growing the result by doubling was most of Tag's allocation.
	out := st.out[:0]
	for a := 0; a < len(text); {
		b := tagChunkEnd(text, a)
		from := len(out)
		out = ix.tagChunk(st, text[a:b], out)
		if a > 0 {
			for k := from; k < len(out); k++ {
				tagShift(&out[k], a)
			}
		}
		a = b
	}
	if len(out) == 0 {
		st.out, st.hits = out, st.hits[:0]
		return nil
	}
	// Hits were gathered in a scratch arena; the result gets one array of
	// its own for all of them.
	total := 0
	for k := range out {
		total += tagCountHits(&out[k])
	}
	all := make([]Hit, 0, total)
	for k := range out {
		all = tagMoveHits(&out[k], all)
	}
	spans := make([]Span, len(out))
	copy(spans, out)
	for k := range spans {
		tagTrimApostropheSuffix(&spans[k])
	}
	clear(out) // drop the references so the pool does not keep results alive
	st.out, st.hits = out[:0], st.hits[:0]
	return spans
}

// tagTrimApostropheSuffix ends an inflected span at the apostrophe before a
// Turkish or Azerbaijani case suffix ("Şuşa'da", "Azerbaycan'ın"), as an
// English possessive is left out of the span: the mention is the name.
func tagTrimApostropheSuffix(sp *Span) {
	if sp.Form != FormInflected || sp.Compound != nil {
		return
	}
	cut := -1
	for i, r := range sp.Surface {
		switch r {
		case '\'', '’', 'ʼ', '`', '´':
			cut = i
		}
	}
	if cut <= 0 {
		return
	}
	for _, r := range sp.Surface[cut:] {
		if r != '\'' && r != '’' && r != 'ʼ' && r != '`' && r != '´' && !unicode.IsLetter(r) {
			return
		}
	}
	sp.Surface = sp.Surface[:cut]
	sp.End = sp.Start + cut
}

// tagCountHits counts the hits of a span and its parts.
func tagCountHits(sp *Span) int {
	n := len(sp.Hits)
	if sp.Compound != nil {
		for k := range sp.Compound.Parts {
			n += tagCountHits(&sp.Compound.Parts[k])
		}
	}
	return n
}

// tagMoveHits copies the hits of a span and its parts to the end of all and
// points them there.
func tagMoveHits(sp *Span, all []Hit) []Hit {
	if len(sp.Hits) > 0 {
		n := len(all)
		all = append(all, sp.Hits...)
		sp.Hits = all[n:len(all):len(all)]
	}
	if sp.Compound != nil {
		for k := range sp.Compound.Parts {
			all = tagMoveHits(&sp.Compound.Parts[k], all)
		}
	}
	return all
}

// tagChunkSize is the size of the pieces Tag works on, so its buffers stay
// small and in cache however long the text.
const tagChunkSize = 16 << 10

// tagChunkEnd returns where the piece of text starting at a should end: at
// a paragraph break if there is one in the last three quarters of the
// window, else after a full stop, else at a space, else on a rune boundary.
// Names never span paragraph breaks or sentence ends.
func tagChunkEnd(text string, a int) int {
	if len(text)-a <= tagChunkSize {
		return len(text)
	}
	w := text[a : a+tagChunkSize]
	if k := strings.LastIndex(w, "\n\n"); k >= tagChunkSize/4 {
		return a + k + 1
	}
	if k := strings.LastIndex(w, ". "); k >= tagChunkSize/4 {
		return a + k + 1
	}
	if k := strings.LastIndexAny(w, " \n\t"); k >= tagChunkSize/4 {
		return a + k
	}
	// Back up to the start of a rune, at most three bytes: a longer run of
	// continuation bytes is invalid UTF-8, where every byte is a boundary.
	e := a + tagChunkSize
	for k := 0; k < utf8.UTFMax-1 && !utf8.RuneStart(text[e]); k++ {
		e--
	}
	return e
}

// tagShift moves a span and its parts by d bytes.
func tagShift(sp *Span, d int) {
	sp.Start += d
	sp.End += d
	if sp.Compound != nil {
		for k := range sp.Compound.Parts {
			tagShift(&sp.Compound.Parts[k], d)
		}
	}
}

// tagChunk tags one piece of text, appending its spans (with offsets into
// the piece) to spans.
func (ix *Index) tagChunk(st *tagState, text string, spans []Span) []Span {
	st.sc.scan(text)
	st.stems, st.stem, st.cands = st.stems[:0], st.stem[:0], st.cands[:0]
	if st.sc.nCyrl > 0 && len(ix.stem.nodes) > 0 {
		for _, tok := range st.sc.toks {
			key := st.sc.keys[tok.k0:tok.k1]
			n, adj := len(key), false
			if tok.flags&normTokCyrl != 0 {
				n, adj = inflRuStem(key)
			}
			s0 := len(st.stems)
			st.stems = append(st.stems, key[:n]...)
			st.stem = append(st.stem, tagStemRef{s0: s0, s1: len(st.stems), adj: adj})
			st.stems = append(st.stems, ' ')
		}
	}
	for i := 0; i < len(st.sc.toks); {
		if !ix.mayStart(st, i) {
			i++
			continue
		}
		sp, next, ok := ix.tagAt(st, text, i)
		if !ok {
			i++
			continue
		}
		spans = append(spans, sp)
		i = next
	}
	return spans
}

// key returns the folded key of word i.
func (st *tagState) key(i int) []byte {
	t := &st.sc.toks[i]
	return st.sc.keys[t.k0:t.k1]
}

// word reports whether word i exists and its key is w.
func (st *tagState) word(i int, w string) bool {
	return i >= 0 && i < len(st.sc.toks) && string(st.key(i)) == w
}

// stemKey returns the Russian stem of word i (its key if not Cyrillic).
func (st *tagState) stemKey(i int) []byte {
	if i >= len(st.stem) {
		return st.key(i)
	}
	r := st.stem[i]
	return st.stems[r.s0:r.s1]
}

// tagSpaceGap reports whether a gap is only whitespace, one line break at most.
func tagSpaceGap(g uint16) bool {
	return g&^(normGapSpace|normGapNewline) == 0 && g&normGapSpace != 0
}

// tagDashGap reports whether a gap is one dash or hyphen with any spaces, as
// between the two ends of a road ("Aghdam-Khankendi", "Горис — Степанакерт").
func tagDashGap(g uint16) bool {
	const bad = normGapPara | normGapDash2 | normGapPeriod | normGapSentence | normGapComma | normGapOther | normGapEnd
	return g&normGapDash != 0 && g&bad == 0
}

// joinable reports whether word i and the next can be words of one name:
// only spaces (one line break at most) or one tight hyphen between them, or
// the full stop of a short abbreviation ("St. Petersburg").
func (st *tagState) joinable(i int) bool {
	t := &st.sc.toks[i]
	g := t.gap
	const bad = normGapPara | normGapDash2 | normGapLongDash | normGapSpaceDash | normGapSentence |
		normGapComma | normGapOther | normGapEnd
	if g&bad != 0 || i+1 >= len(st.sc.toks) || st.sc.toks[i+1].flags&normTokURL != 0 {
		return false
	}
	if t.flags&normTokPoss != 0 {
		return false // "Baku's Nizami Street" is not one name
	}
	if g&normGapPeriod != 0 {
		return g&normGapDash == 0 && t.flags&normTokCap != 0 && utf8.RuneCount(st.key(i)) <= 3
	}
	return true
}

// joinEnd returns the last word a name starting at word i can reach.
func (st *tagState) joinEnd(i int, maxTok uint8) int {
	j := i
	for j-i+1 < int(maxTok) && st.joinable(j) {
		j++
	}
	return j
}

// variants calls yield with the key lengths of word i with an inflectional
// suffix removed, by the rules its script allows: Armenian case endings,
// Azerbaijani suffixes (after an apostrophe, or in a word or text that looks
// Azerbaijani) and the German genitive -s. Russian goes through stems instead.
// Proper names are capitalised in all these languages, so a name's first
// word is only tried when capitalised; later words of a name ("Լաչինի
// միջանցքում") may be common nouns in lower case.
func (ix *Index) variants(st *tagState, i int, later bool, yield func(n int) bool) {
	t := &st.sc.toks[i]
	if !later && t.flags&normTokCap == 0 || t.flags&(normTokCyrl|normTokURL) != 0 {
		return
	}
	key := st.key(i)
	if t.flags&normTokArmn != 0 {
		inflHyBases(key, yield)
		return
	}
	if t.flags&normTokApos != 0 {
		if n, ok := inflAzApostrophe(key); ok {
			yield(n)
		}
		return
	}
	if t.flags&normTokAz != 0 || st.azDoc {
		stopped := false
		inflAzBases(key, func(n int) bool {
			if !yield(n) {
				stopped = true
				return false
			}
			return true
		})
		if stopped {
			return
		}
	}
	if n, ok := inflDeGenitive(key); ok {
		yield(n)
	}
}

// pushCands pushes onto st.cands the ways names can match starting at word
// i, longest first and closest form first among equal lengths, and returns
// them; the caller pops them with st.cands = st.cands[:base] when done. Calls
// nested inside (for the parts of a compound) push above and pop back, so
// the returned slice stays intact.
func (ix *Index) pushCands(st *tagState, i int) (cands []tagCand, base int) {
	base = len(st.cands)
	st.cands = ix.cands(st, i, st.cands)
	return st.cands[base:], base
}

// cands appends to dst the ways names can match starting at word i, longest
// first and closest form first among equal lengths.
func (ix *Index) cands(st *tagState, i int, dst []tagCand) []tagCand {
	toks := st.sc.toks
	t := &toks[i]
	if t.flags&normTokURL != 0 {
		return dst
	}
	keys := st.sc.keys
	base := len(dst)
	add := func(c tagCand) {
		if len(dst)-base < tagMaxCands {
			dst = append(dst, c)
		}
	}
	if nd, ok := ix.exact.head(keys[t.k0:t.k1]); ok {
		if nd.maxTok > 1 {
			for j := st.joinEnd(i, nd.maxTok); j > i; j-- {
				if p, ok := ix.exact.phrase(keys[t.k0:toks[j].k1]); ok {
					add(tagCand{end: j, form: FormExact, node: p})
				}
				ix.variants(st, j, true, func(n int) bool {
					if p, ok := ix.exact.phrase(keys[t.k0 : toks[j].k0+n]); ok {
						add(tagCand{end: j, form: FormInflected, node: p})
					}
					return true
				})
			}
		}
		if nd.p1 > nd.p0 {
			add(tagCand{end: i, form: FormExact, node: nd})
		}
	}
	ix.variants(st, i, false, func(n int) bool {
		if nd, ok := ix.exact.head(keys[t.k0 : t.k0+n]); ok && nd.p1 > nd.p0 {
			add(tagCand{end: i, form: FormInflected, node: nd})
			return false
		}
		return true
	})
	if t.flags&normTokCyrl != 0 && len(st.stem) == len(toks) {
		ix.stemCands(st, i, add)
	}
	// Insertion sort: a handful of candidates at most.
	for a := base + 1; a < len(dst); a++ {
		for b := a; b > base && tagCandLess(&dst[b], &dst[b-1]); b-- {
			dst[b], dst[b-1] = dst[b-1], dst[b]
		}
	}
	return dst
}

// tagCandLess orders candidates: longer first, then closer form.
func tagCandLess(a, b *tagCand) bool {
	if a.end != b.end {
		return a.end > b.end
	}
	return a.form.rank() < b.form.rank()
}

// stemCands adds the Russian candidates at word i: names whose stems match
// the stems of the words, and a place adjective with a place noun.
func (ix *Index) stemCands(st *tagState, i int, add func(tagCand)) {
	toks := st.sc.toks
	sr := st.stem[i]
	if nd, ok := ix.stem.head(st.stems[sr.s0:sr.s1]); ok {
		if nd.maxTok > 1 {
			for j := st.joinEnd(i, nd.maxTok); j > i; j-- {
				if p, ok := ix.stem.phrase(st.stems[sr.s0:st.stem[j].s1]); ok {
					add(tagCand{end: j, form: FormInflected, node: p, stem: true, mask: st.adjMask(i, j)})
				}
			}
		}
		if nd.p1 > nd.p0 {
			add(tagCand{end: i, form: FormInflected, node: nd, stem: true, mask: st.adjMask(i, i)})
		}
	}
	// "в Шушинском районе": an adjective made from a place name, then a noun
	// saying what sort of place.
	if !sr.adj || i+1 >= len(toks) || !tagSpaceGap(toks[i].gap) || toks[i+1].flags&normTokCyrl == 0 {
		return
	}
	kind, ok := inflRuNoun(st.stemKey(i + 1))
	if !ok {
		return
	}
	inflRuAdjBases(st.stems[sr.s0:sr.s1], func(n int) bool {
		if nd, ok := ix.stem.head(st.stems[sr.s0 : sr.s0+n]); ok && nd.p1 > nd.p0 {
			add(tagCand{end: i + 1, form: FormAdjective, node: nd, stem: true, adj: kind})
			return false
		}
		return true
	})
}

// adjMask returns which of words i..j are -ский adjectives, as a bit mask.
func (st *tagState) adjMask(i, j int) uint8 {
	var m uint8
	for t := i; t <= j && t-i < 8; t++ {
		if st.stem[t].adj {
			m |= 1 << (t - i)
		}
	}
	return m
}

// tagAt finds the mention starting at word i, if any, and returns it with
// the index of the word after it.
func (ix *Index) tagAt(st *tagState, text string, i int) (Span, int, bool) {
	if sp, e, ok := ix.triggerCompound(st, text, i); ok {
		return sp, e + 1, true
	}
	cands, base := ix.pushCands(st, i)
	defer func() { st.cands = st.cands[:base] }()
	var best Span
	bestEnd := -1
	for ci := range cands {
		c := &cands[ci]
		if bestEnd >= 0 && (c.end == bestEnd || !ix.compoundAfter(st, c.end)) {
			continue // same words as the best, or nothing that could extend a shorter name
		}
		hits := ix.hits(st, text, i, c)
		if len(hits) == 0 {
			continue
		}
		sp := tagMakeSpan(text, st.sc.toks, i, c.end, hits)
		if bestEnd < 0 {
			best, bestEnd = sp, c.end
		}
		if csp, ce, ok := ix.afterName(st, text, i, c.end, sp); ok && ce >= bestEnd {
			// The whole phrase may be a name too ("Aghdam-Khankendi road").
			for cj := range cands {
				if cands[cj].end == ce {
					if whole := ix.hits(st, text, i, &cands[cj]); len(whole) > 0 {
						csp.Hits = whole
						csp.Form = tagBestForm(whole)
						break
					}
				}
			}
			return csp, ce + 1, true
		}
	}
	if bestEnd < 0 {
		return Span{}, 0, false
	}
	return best, bestEnd + 1, true
}

// mayStart reports cheaply whether anything can start at word i: a first
// word in the index, a word that inflection rules may reduce to one, or a
// word that starts a compound phrase. Most words of a text stop here.
func (ix *Index) mayStart(st *tagState, i int) bool {
	t := &st.sc.toks[i]
	if t.flags&normTokURL != 0 {
		return false
	}
	key := st.key(i)
	if ix.exact.bloomHas(ix.exact.hash(key)) {
		return true
	}
	if t.flags&(normTokCyrl|normTokArmn|normTokApos|normTokAz) != 0 {
		return true
	}
	if t.flags&normTokCap != 0 && (st.azDoc || key[len(key)-1] == 's') {
		return true
	}
	switch string(key) {
	case "road", "highway", "motorway", "route", "bridge", "checkpoint":
		return true
	}
	return false
}

// best returns the longest accepted plain name starting at word i.
func (ix *Index) best(st *tagState, text string, i int) (Span, int, bool) {
	if i < 0 || i >= len(st.sc.toks) {
		return Span{}, 0, false
	}
	cands, base := ix.pushCands(st, i)
	defer func() { st.cands = st.cands[:base] }()
	for ci := range cands {
		if hits := ix.hits(st, text, i, &cands[ci]); len(hits) > 0 {
			return tagMakeSpan(text, st.sc.toks, i, cands[ci].end, hits), cands[ci].end, true
		}
	}
	return Span{}, 0, false
}

// tagMakeSpan builds the span of words i..e.
func tagMakeSpan(text string, toks []normToken, i, e int, hits []Hit) Span {
	s, t := toks[i].start, toks[e].end
	return Span{Start: s, End: t, Surface: text[s:t], Hits: hits, Form: tagBestForm(hits)}
}

// tagBestForm returns the closest form among hits.
func tagBestForm(hits []Hit) Form {
	var f Form
	for _, h := range hits {
		if f == 0 || h.Form.rank() < f.rank() {
			f = h.Form
		}
	}
	return f
}

// hits returns the entries of candidate c (starting at word i) that the
// precision rules accept, best hit per place, or nil.
func (ix *Index) hits(st *tagState, text string, i int, c *tagCand) []Hit {
	if ix.orgAfter(st, c.end) || ix.orgBefore(st, i) || ix.orgBeforeCyrl(st, i) {
		return nil
	}
	d := &ix.exact
	if c.stem {
		d = &ix.stem
	}
	toks := st.sc.toks
	var surfaceHash uint32
	if c.form == FormExact {
		surfaceHash = tagCaseHash(text[toks[i].start:toks[c.end].end])
	}
	person := -1 // unknown until a background one-word name needs it
	start := len(st.hits)
	for p := c.node.p0; p < c.node.p1; p++ {
		if c.stem {
			want := c.mask
			if c.form == FormAdjective {
				want = 0 // the name must be a noun, the text's adjective is derived from it
			}
			if d.masks[p] != want {
				continue
			}
		}
		e := int(d.posts[p])
		ent := &ix.ents[e]
		if !ix.accept(st, i, c, ent, &person) {
			continue
		}
		f := c.form
		if f == FormExact && ent.caseHash != surfaceHash {
			f = FormFolded
		}
		st.hits = tagAddHit(st.hits, start, Hit{PlaceID: ent.place, Entry: e, Form: f})
	}
	// Earlier results keep pointing into the arena, so it is only appended
	// to: cap the slice so no caller can append over a later result.
	hits := st.hits[start:len(st.hits):len(st.hits)]
	if c.form == FormAdjective && c.adj != "" {
		// "Шушинском районе" names the district if the index has one.
		n := 0
		for _, h := range hits {
			if ix.kindOf(h.Entry) == c.adj {
				hits[n] = h
				n++
			}
		}
		if n > 0 {
			hits = hits[:n]
		}
	}
	// Closest form first, otherwise in entry order (stable insertion sort).
	for a := 1; a < len(hits); a++ {
		for b := a; b > 0 && hits[b].Form < hits[b-1].Form; b-- {
			hits[b], hits[b-1] = hits[b-1], hits[b]
		}
	}
	return hits
}

// tagAddHit appends h to hits unless hits[start:] has a hit on the same
// place already, in which case the closer form stays.
func tagAddHit(hits []Hit, start int, h Hit) []Hit {
	lo := start
	if len(hits)-start > 32 {
		lo = len(hits) - 1 // entries of one place come together; skip the quadratic scan
	}
	for k := lo; k < len(hits); k++ {
		if hits[k].PlaceID == h.PlaceID {
			if h.Form.rank() < hits[k].Form.rank() {
				hits[k] = h
			}
			return hits
		}
	}
	return append(hits, h)
}

// accept applies the per-entry precision rules to candidate c at word i.
func (ix *Index) accept(st *tagState, i int, c *tagCand, ent *tagEnt, person *int) bool {
	toks := st.sc.toks
	first := &toks[i]
	capital := first.flags&normTokCap != 0
	if ent.flags&tagEntAcronym != 0 && (c.end != i || first.flags&normTokUpper == 0) {
		return false // "US" is not "us"
	}
	if ent.flags&tagEntCurated != 0 {
		if ent.flags&tagEntShort != 0 && !capital {
			return false // "sus" is a word, "Sus" may be the village
		}
		if c.form.rank() >= FormInflected.rank() && !capital && utf8.RuneCount(st.stemKey(i)) < 5 {
			return false // a short stem in lower case is too likely an ordinary word
		}
		return true
	}
	// Background names need capitals on their first and last words.
	if !capital {
		return false
	}
	if last := &toks[c.end]; c.end > i && last.flags&normTokLetter != 0 && last.flags&normTokCap == 0 {
		return false
	}
	if ent.flags&tagEntBlock != 0 {
		return false
	}
	if ent.flags&tagEntSingle == 0 {
		return true
	}
	if first.flags&normTokSent != 0 && ent.flags&tagEntCommon != 0 {
		return false
	}
	if c.end == i && first.flags&normTokUpper != 0 && ent.flags&tagEntShort4 != 0 &&
		i > 0 && toks[i-1].gap&normGapNewline == 0 {
		return false // "TASS" is an agency; a short all-caps town only counts as a dateline
	}
	if c.end == i && ent.flags&tagEntNoPerson == 0 {
		if *person < 0 {
			*person = 0
			if ix.personContext(st, i) {
				*person = 1
			}
		}
		if *person == 1 {
			return false
		}
	}
	return true
}

// personContext reports whether word i looks like part of a person's name:
// right next to another capitalised word that is neither an ordinary word
// nor the start of a place name ("Florence Avakian", "Vladimir Putin"), or
// right after a title ("President Putin").
func (ix *Index) personContext(st *tagState, i int) bool {
	toks := st.sc.toks
	name := func(j int) bool {
		t := &toks[j]
		if t.flags&normTokCap == 0 || t.flags&normTokUpper != 0 || t.flags&normTokLetter == 0 {
			return false
		}
		key := st.key(j)
		if ix.words.lookup(key)&(tagWordCommon|tagWordBlock|tagWordOrgHead) != 0 {
			return false
		}
		_, place := ix.exact.head(key)
		return !place
	}
	if toks[i].flags&normTokUpper != 0 {
		return false // all-caps datelines and headlines
	}
	if i+1 < len(toks) && toks[i].flags&normTokPoss == 0 && tagSpaceGap(toks[i].gap) &&
		toks[i].gap&normGapNewline == 0 && toks[i+1].flags&normTokSent == 0 && name(i+1) {
		return true
	}
	if i > 0 && toks[i].flags&normTokSent == 0 && tagSpaceGap(toks[i-1].gap) &&
		toks[i-1].gap&normGapNewline == 0 && toks[i-1].flags&normTokPoss == 0 {
		if name(i-1) || ix.words.lookup(st.key(i-1))&tagWordTitle != 0 {
			return true
		}
	}
	return false
}

// orgAfter reports whether the name ending at word e is followed by the rest
// of an organisation, outlet, war or treaty name: "The Moscow Times",
// "Yerevan State University", "Second Karabakh War", "the Karabakh war". A
// possessive ends the name ("Azerbaijan's Foreign Ministry" is Azerbaijan's).
func (ix *Index) orgAfter(st *tagState, e int) bool {
	toks := st.sc.toks
	if toks[e].flags&normTokPoss != 0 || e+1 >= len(toks) || !tagSpaceGap(toks[e].gap) {
		return false
	}
	if st.word(e+1, "war") || st.word(e+1, "wars") {
		return true
	}
	for j := e + 1; j < len(toks) && j <= e+4; j++ {
		t := &toks[j]
		if t.flags&normTokCap == 0 || t.flags&normTokLetter == 0 {
			return false
		}
		if ix.words.lookup(st.key(j))&tagWordOrgHead != 0 {
			return true
		}
		if t.flags&normTokPoss != 0 || !tagSpaceGap(t.gap) {
			return false
		}
	}
	return false
}

// orgBefore reports whether the name starting at word i ends an organisation
// name such as "University of Tehran" or "Central Bank of the Republic of ...".
func (ix *Index) orgBefore(st *tagState, i int) bool {
	toks := st.sc.toks
	j := i - 1
	if st.word(j, "the") && tagSpaceGap(toks[j].gap) {
		j--
	}
	if !st.word(j, "of") || !tagSpaceGap(toks[j].gap) || j < 1 || !tagSpaceGap(toks[j-1].gap) {
		return false
	}
	h := &toks[j-1]
	return h.flags&normTokCap != 0 && ix.words.lookup(st.key(j-1))&tagWordOrgBefore != 0
}

// orgBeforeCyrl reports whether a Cyrillic name in the genitive follows an
// organisation's head ("МИД России", "Минобороны Азербайджана"): Russian
// names the state body before the country, with no "of".
func (ix *Index) orgBeforeCyrl(st *tagState, i int) bool {
	toks := st.sc.toks
	if i < 1 || toks[i].flags&normTokCyrl == 0 || !tagSpaceGap(toks[i-1].gap) {
		return false
	}
	return ix.words.lookup(st.key(i-1))&tagWordOrgBefore != 0
}

// pointLike reports whether a span can be where a bridge or checkpoint is:
// it has a hit that is not a whole country, region, district or route.
func (ix *Index) pointLike(sp *Span) bool {
	for _, h := range sp.Hits {
		k := ix.kindOf(h.Entry)
		if !k.IsArea() && !k.IsRoute() {
			return true
		}
	}
	return false
}

// tagCompoundSpan builds the span of words i..e for a compound phrase.
func tagCompoundSpan(text string, toks []normToken, i, e int, kind Kind, parts ...Span) Span {
	s, t := toks[i].start, toks[e].end
	var f Form
	for _, p := range parts {
		if f == 0 || p.Form.rank() > f.rank() {
			f = p.Form
		}
	}
	return Span{Start: s, End: t, Surface: text[s:t], Form: f, Compound: &Compound{Kind: kind, Parts: parts}}
}

// tagRoadWord reports whether an English word names a road.
func tagRoadWord(key []byte) bool {
	switch string(key) {
	case "road", "highway", "motorway", "route", "corridor", "expressway", "freeway":
		return true
	}
	return false
}

// compoundAfter reports cheaply whether a compound phrase could follow a
// name ending at word e, before hits are computed for it.
func (ix *Index) compoundAfter(st *tagState, e int) bool {
	toks := st.sc.toks
	if e+1 >= len(toks) {
		return false
	}
	if tagDashGap(toks[e].gap) {
		return true
	}
	return tagSpaceGap(toks[e].gap) && (st.word(e+1, "checkpoint") || st.word(e+1, "border") || st.word(e+1, "bridge"))
}

// afterName looks for a compound phrase that starts with the name X at
// words i..xe: "X-Y road", "X bridge", "X bridge checkpoint", "X checkpoint",
// "X border checkpoint". It returns the phrase and its last word.
func (ix *Index) afterName(st *tagState, text string, i, xe int, x Span) (Span, int, bool) {
	toks := st.sc.toks
	n := len(toks)
	if xe+1 >= n {
		return Span{}, 0, false
	}
	if tagDashGap(toks[xe].gap) {
		if y, ye, ok := ix.best(st, text, xe+1); ok && ye+1 < n && tagSpaceGap(toks[ye].gap) && tagRoadWord(st.key(ye+1)) {
			return tagCompoundSpan(text, toks, i, ye+1, KindRoad, x, y), ye + 1, true
		}
		return Span{}, 0, false
	}
	if !tagSpaceGap(toks[xe].gap) {
		return Span{}, 0, false
	}
	next := xe + 1
	switch {
	case st.word(next, "checkpoint") && ix.pointLike(&x):
		return tagCompoundSpan(text, toks, i, next, KindCheckpoint, x), next, true
	case st.word(next, "border") && tagSpaceGap(toks[next].gap) &&
		(st.word(next+1, "checkpoint") || st.word(next+1, "crossing")) && ix.pointLike(&x):
		return tagCompoundSpan(text, toks, i, next+1, KindCheckpoint, x), next + 1, true
	case st.word(next, "bridge") && ix.pointLike(&x):
		b := tagCompoundSpan(text, toks, i, next, KindBridge, x)
		if tagSpaceGap(toks[next].gap) && st.word(next+1, "checkpoint") {
			return tagCompoundSpan(text, toks, i, next+1, KindCheckpoint, b), next + 1, true
		}
		return b, next, true
	}
	return Span{}, 0, false
}

// triggerCompound looks for a compound phrase that starts with a place-sort
// word at word i: "road from X to Y", "bridge over the river X", "checkpoint
// at X", "трасса X — Y". It returns the phrase and its last word.
func (ix *Index) triggerCompound(st *tagState, text string, i int) (Span, int, bool) {
	toks := st.sc.toks
	key := st.key(i)
	if len(key) < 4 {
		return Span{}, 0, false
	}
	// spaced reports whether word j exists and only spaces follow it.
	spaced := func(j int) bool { return j >= 0 && j < len(toks) && tagSpaceGap(toks[j].gap) }
	switch {
	case string(key) == "road" || string(key) == "highway" || string(key) == "motorway" || string(key) == "route":
		if !spaced(i) || !st.word(i+1, "from") || !spaced(i+1) {
			break
		}
		x, xe, ok := ix.best(st, text, i+2)
		if !ok || !spaced(xe) || !st.word(xe+1, "to") || !spaced(xe+1) {
			break
		}
		if y, ye, ok := ix.best(st, text, xe+2); ok {
			return tagCompoundSpan(text, toks, i, ye, KindRoad, x, y), ye, true
		}
	case string(key) == "bridge":
		if !spaced(i) || !(st.word(i+1, "over") || st.word(i+1, "across") || st.word(i+1, "on")) || !spaced(i+1) {
			break
		}
		j := i + 2
		if st.word(j, "the") && spaced(j) {
			j++
		}
		if st.word(j, "river") && spaced(j) {
			j++
		}
		x, xe, ok := ix.best(st, text, j)
		if !ok || !ix.pointLike(&x) {
			break
		}
		if spaced(xe) && st.word(xe+1, "river") {
			xe++
		}
		return tagCompoundSpan(text, toks, i, xe, KindBridge, x), xe, true
	case string(key) == "checkpoint":
		if !spaced(i) || !(st.word(i+1, "at") || st.word(i+1, "near") || st.word(i+1, "on") || st.word(i+1, "of")) || !spaced(i+1) {
			break
		}
		j := i + 2
		if st.word(j, "the") && spaced(j) {
			j++
		}
		if x, xe, ok := ix.best(st, text, j); ok && ix.pointLike(&x) {
			return tagCompoundSpan(text, toks, i, xe, KindCheckpoint, x), xe, true
		}
	case toks[i].flags&normTokCyrl != 0 && len(st.stem) == len(toks) && inflRuRoad(st.stemKey(i)):
		if !spaced(i) {
			break
		}
		x, xe, ok := ix.best(st, text, i+1)
		if !ok || xe+1 >= len(toks) || !tagDashGap(toks[xe].gap) {
			break
		}
		if y, ye, ok := ix.best(st, text, xe+1); ok {
			return tagCompoundSpan(text, toks, i, ye, KindRoad, x, y), ye, true
		}
	}
	return Span{}, 0, false
}
