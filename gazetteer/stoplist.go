package gazetteer

import (
	_ "embed"
	"strings"
)

// tagStopwordsText is the tagger's word lists; see the file for what each
// section does.
//
//go:embed stopwords.txt
var tagStopwordsText string

// Bits of a tagWords value: which lists a word is on.
const (
	tagWordBlock     uint8 = 1 << iota // a background one-word name that is an ordinary word: never tagged
	tagWordCommon                      // an ordinary word: not a place at a sentence start, not a surname
	tagWordDemonym                     // a demonym or adjective: never a place
	tagWordOrgHead                     // ends an organisation, outlet, war or treaty name
	tagWordOrgBefore                   // starts an organisation name with "of" ("University of ...")
	tagWordTitle                       // comes before a person's name ("President", "Mr")
)

// tagWords maps a word in key form (NormalizeName) to its tagWord bits.
type tagWords map[string]uint8

// tagParseWords reads word lists in the stopwords.txt format: "[section]"
// lines, words separated by white space, "#" comments.
func tagParseWords(text string) tagWords {
	words := make(tagWords, 1024)
	var bit uint8
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			switch line[1 : len(line)-1] {
			case "block":
				bit = tagWordBlock
			case "common":
				bit = tagWordCommon
			case "demonym":
				bit = tagWordDemonym
			case "orghead":
				bit = tagWordOrgHead
			case "orgbefore":
				bit = tagWordOrgBefore
			case "title":
				bit = tagWordTitle
			default:
				bit = 0 // an unknown section is ignored rather than misfiled
			}
			continue
		}
		if bit == 0 {
			continue
		}
		for _, w := range strings.Fields(line) {
			if key := NormalizeName(w); key != "" {
				words[key] |= bit
			}
		}
	}
	return words
}

// lookup returns the bits of a word key without allocating.
func (w tagWords) lookup(key []byte) uint8 {
	return w[string(key)]
}
