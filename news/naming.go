package news

import "dateline/gazetteer"

// Profile says which side's naming an article's place names follow. It is a
// fact about wording, not about the outlet: an international outlet quoting
// Baku may write Khankendi.
type Profile struct {
	// Counts holds, per usage, how many mentions matched a name that has it.
	// A name carrying several usages (Stepanakert: armenian and
	// international) counts once for each.
	Counts map[gazetteer.Usage]int `json:"counts"`
	// Mentions counts the mentions whose name carries at least one
	// perspective usage (armenian, azerbaijani, russian, international).
	Mentions int `json:"mentions"`
	// Dominant is the perspective usage with the highest count; "" when there
	// is none or the top counts tie.
	Dominant gazetteer.Usage `json:"dominant,omitempty"`
}

// NamingProfile counts, for each mention, the usages of the name text it
// matched, and names the dominant perspective usage.
func NamingProfile(usages [][]gazetteer.Usage) Profile {
	p := Profile{Counts: make(map[gazetteer.Usage]int)}
	for _, us := range usages {
		seen := make(map[gazetteer.Usage]bool, len(us))
		perspective := false
		for _, u := range us {
			if seen[u] || !u.Valid() {
				continue
			}
			seen[u] = true
			p.Counts[u]++
			perspective = perspective || u.IsPerspective()
		}
		if perspective {
			p.Mentions++
		}
	}
	best, tie := 0, false
	for _, u := range gazetteer.Usages {
		if !u.IsPerspective() {
			continue
		}
		switch n := p.Counts[u]; {
		case n == 0:
		case n > best:
			best, tie, p.Dominant = n, false, u
		case n == best:
			tie = true
		}
	}
	if tie {
		p.Dominant = ""
	}
	return p
}
