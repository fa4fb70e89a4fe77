package news

import (
	"reflect"
	"testing"
)

// TestStemTrieHoldsTheLexicon walks the trie along every stem of the
// lexicon and along every prefix of one: a stem's node carries its entries
// in their order, and a prefix that is no stem carries none.
func TestStemTrieHoldsTheLexicon(t *testing.T) {
	lx := lexicon
	if len(lx.byStem) == 0 {
		t.Fatal("empty lexicon")
	}
	for stem, want := range lx.byStem {
		node := int32(0)
		for i := 0; i < len(stem); i++ {
			if node = lx.child(node, stem[i]); node < 0 {
				t.Fatalf("stem %q: the trie stops after %q", stem, stem[:i])
			}
			if _, isStem := lx.byStem[stem[:i+1]]; !isStem && i+1 < len(stem) {
				if nd := lx.trie[node]; nd.x1 != nd.x0 {
					t.Errorf("prefix %q of %q is no stem, its node carries %d entries", stem[:i+1], stem, nd.x1-nd.x0)
				}
			}
		}
		nd := lx.trie[node]
		if got := lx.entries[nd.x0:nd.x1]; !reflect.DeepEqual(got, want) {
			t.Errorf("stem %q: the trie carries %v, the lexicon %v", stem, got, want)
		}
	}
	if lx.child(0, 0) >= 0 {
		t.Error("a NUL byte begins a stem")
	}
}
