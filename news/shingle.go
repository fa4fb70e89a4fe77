package news

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate detection: a wire story republished under a new headline,
// with another outlet's boilerplate around it, shares nearly all of its
// word 5-grams (shingles) with the first copy. Each body's shingle set is
// summarised by a MinHash signature; the signature is cut into bands, and
// two documents become candidates when any band is equal (locality-
// sensitive hashing). With 8 bands of 8 hashes, a pair at Jaccard
// similarity 0.9 becomes a candidate with probability 0.99, a pair at 0.5
// with 0.03; candidates are then compared exactly, shingle by shingle.
const (
	shingleWords   = 5
	signatureBands = 8
	bandRows       = 8
	// NearDuplicate is the Jaccard similarity of shingle sets at and above
	// which two bodies are the same story.
	NearDuplicate = 0.9
)

// Signature is what near-duplicate detection keeps of a body: its shingle
// set (sorted hashes) and the keys of its LSH bands. The zero Signature
// (a body without words) matches nothing.
type Signature struct {
	Shingles []uint64
	Bands    []int64
}

// SignatureOf computes the signature of an article body.
func SignatureOf(body string) Signature {
	sh := shingles(body)
	if len(sh) == 0 {
		return Signature{}
	}
	var mins [signatureBands * bandRows]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, x := range sh {
		for i := range mins {
			// Each hash function is the mixer applied to x under its own
			// constant: independent enough for MinHash, and the same in
			// every process, as stored signatures need.
			if h := mix64(x ^ (uint64(i+1) * 0x9e3779b97f4a7c15)); h < mins[i] {
				mins[i] = h
			}
		}
	}
	bands := make([]int64, signatureBands)
	for b := range bands {
		h := fnvOffset ^ uint64(b)
		for _, m := range mins[b*bandRows : (b+1)*bandRows] {
			h = (h ^ m) * fnvPrime
		}
		bands[b] = int64(mix64(h))
	}
	return Signature{Shingles: sh, Bands: bands}
}

// Similarity is the Jaccard similarity of two signatures' shingle sets.
func (s Signature) Similarity(o Signature) float64 {
	a, b := s.Shingles, o.Shingles
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingles returns the sorted, distinct hashes of the body's runs of
// shingleWords words (letters and digits, lowercased); a body with fewer
// words gives one shingle of them all.
func shingles(body string) []uint64 {
	var words []uint64
	h, inWord := uint64(fnvOffset), false
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			var buf [utf8.UTFMax]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				h = (h ^ uint64(c)) * fnvPrime
			}
			inWord = true
			continue
		}
		if inWord {
			words = append(words, h)
			h, inWord = fnvOffset, false
		}
	}
	if inWord {
		words = append(words, h)
	}
	if len(words) == 0 {
		return nil
	}
	n := max(1, len(words)-shingleWords+1)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		s := uint64(fnvOffset)
		for _, w := range words[i:min(len(words), i+shingleWords)] {
			s = mix64(s ^ w)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// mix64 is the SplitMix64 finaliser: a fast, well-spread 64-bit mix.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
