package news

import (
	"sort"
	"strings"
)

// The normalised actor names events use, after ACLED's naming where it has one.
const (
	ActorRussianPeacekeepers    = "Russian peacekeepers"
	ActorRussianForces          = "Military Forces of Russia"
	ActorAzerbaijaniBorderGuard = "Azerbaijani border guards"
	ActorArmenianBorderGuard    = "Armenian border guards"
	ActorAzerbaijaniForces      = "Military Forces of Azerbaijan"
	ActorArmenianForces         = "Military Forces of Armenia"
	ActorKarabakhArmedGroups    = "Karabakh Armenian armed groups"
	ActorAzerbaijaniEcoActivist = "Azerbaijani eco-activists"
	ActorAzerbaijaniCivilians   = "Civilians (Azerbaijan)"
	ActorArmenianCivilians      = "Civilians (Armenia)"
	ActorProtesters             = "Protesters"
	ActorProtestersArmenia      = "Protesters (Armenia)"
	ActorProtestersAzerbaijan   = "Protesters (Azerbaijan)"
	ActorGovernmentArmenia      = "Government of Armenia"
	ActorGovernmentAzerbaijan   = "Government of Azerbaijan"
	ActorGovernmentRussia       = "Government of Russia"
	ActorKarabakhAuthorities    = "Karabakh Armenian authorities"
	ActorICRC                   = "ICRC"
)

// actorPattern recognises one way of naming an actor in a lower-cased sentence.
type actorPattern struct {
	name string
	keys []string // one must occur in the sentence before the expression runs
	re   matcher
	// weak: a place name standing for its government ("Baku", "Armenia"). It
	// counts as an actor only right before the trigger or after "by", so
	// that place names elsewhere in the sentence are not taken for actors.
	weak bool
	// notAfter: words that, right before the match, make it someone else
	// ("multinational peacekeepers" are not the Russian ones).
	notAfter []string
}

func actor(name, keys, pattern string, notAfter ...string) actorPattern {
	return actorPattern{name: name, keys: splitKeys(keys), re: newMatcher(pattern), notAfter: notAfter}
}

func weakActor(name, keys, pattern string) actorPattern {
	return actorPattern{name: name, keys: splitKeys(keys), re: newMatcher(pattern), weak: true}
}

// actorLexicon lists the actors of this conflict. The longest match wins
// where patterns overlap, so specific names come before the general ones
// only for readability.
var actorLexicon = []actorPattern{
	actor(ActorRussianPeacekeepers, "peacekeep|contingent", `\b(?:command\s+of\s+the\s+)?(?:russian\s+)?peacekeep(?:ers|ing\s+(?:force|forces|contingent|mission|troops))\b|\brussian\s+contingent\b|\brussian\s+peacekeeping\s+force\s+command\b`,
		"multinational", "international", "un", "eu", "european", "other"),
	actor(ActorRussianPeacekeepers, "миротвор", `(?:^|[^\p{L}])(?:российск\p{L}*\s+)?миротвор\p{L}*`),
	actor(ActorRussianForces, "russian", `\brussian\s+(?:troops|military|servicemen|soldiers|army|forces|armed\s+forces|officers?|side)\b`),
	actor(ActorAzerbaijaniBorderGuard, "border", `\b(?:azerbaijani|azeri|azerbaijan's)\s+border\s+(?:guards?|service|servicemen|troops)\b|\b(?:units\s+of\s+the\s+)?state\s+border\s+service\s+of\s+(?:the\s+republic\s+of\s+)?azerbaijan\b`),
	actor(ActorArmenianBorderGuard, "border", `\barmenian\s+border\s+(?:guards?|service|servicemen|troops)\b`),
	actor(ActorAzerbaijaniForces, "azerbaijani|azeri", `\b(?:azerbaijani|azeri)\s+(?:forces|troops|army|military|soldiers|servicemen|armed\s+forces|units)\b`),
	actor(ActorKarabakhArmedGroups, "armed", `\b(?:illegal\s+)?armenian\s+armed\s+(?:groups|formations)\b`),
	actor(ActorArmenianForces, "armenian", `\barmenian\s+(?:forces|troops|army|military|soldiers|servicemen|armed\s+forces)\b`),
	actor(ActorAzerbaijaniEcoActivist, "eco|environmental", `\b(?:(?:azerbaijani|azeri)\s+)?(?:eco-?activists|environmental\s+(?:activists|protesters)|environmentalists|eco-?protesters)\b`),
	actor(ActorAzerbaijaniCivilians, "nationals|citizens|civilians|residents", `\b(?:azeri|azerbaijani)\s+(?:nationals|citizens|civilians|residents)\b`),
	actor(ActorArmenianCivilians, "armenian", `\b(?:a\s+group\s+of\s+)?armenian\s+(?:residents|civilians|families)\b|\ba\s+group\s+of\s+armenians\b`),
	actor(ActorProtestersArmenia, "protest|demonstr|activist|march", `\b(?:karabakh|armenian)\s+(?:armenian\s+)?(?:protesters|demonstrators|activists?)\b|\bmarch\s+of\s+armenians\b`),
	actor(ActorProtestersAzerbaijan, "protest|demonstr", `\b(?:azerbaijani|azeri)\s+(?:protesters|demonstrators)\b`),
	actor(ActorProtesters, "protest|demonstr|activist|picket|participants|members|movement", `\b(?:protesters|demonstrators|activists?|picketers)\b|\b(?:participants|members)\s+(?:in|of)\s+(?:a|the)\s+(?:local\s+|planned\s+|peaceful\s+)?(?:protest|march|rally|movement|demonstration)\b|\bmovement\s+(?:to\s+unblock|for\s+unblocking)\b`),
	actor(ActorKarabakhAuthorities, "separatist|authorities|regime", `\b(?:armenian\s+)?separatist\s+(?:authorities|regime|leaders)\b|\b(?:karabakh|artsakh|de\s+facto|nagorno-karabakh)\s+authorities\b|\bso-called\s+regime\b`),
	actor(ActorGovernmentArmenia, "armenian|pashinyan", `\barmenian\s+(?:government|authorities|prime\s+minister|foreign\s+ministry|defen[cs]e\s+ministry|leadership|officials)\b|\b(?:prime\s+minister\s+)?nikol\s+pashinyan\b|\bpashinyan\b`),
	actor(ActorGovernmentAzerbaijan, "azerbaijani|azeri|aliyev", `\b(?:azerbaijani|azeri)\s+(?:government|authorities|president|foreign\s+ministry|defen[cs]e\s+ministry|leadership|officials|side)\b|\b(?:azerbaijani\s+)?president\s+ilha[mr]\s+aliyev\b|\baliyev\b`),
	actor(ActorGovernmentRussia, "russian|kremlin|zakharova|putin", `\brussian\s+(?:government|foreign\s+ministry|president|authorities|leadership)\b|\bkremlin\b|\b(?:maria\s+)?zakharova\b|\bputin\b`),
	actor(ActorICRC, "red cross|icrc", `\b(?:international\s+committee\s+of\s+the\s+)?red\s+cross\b|\bicrc\b`),
	// The same actors in the other languages the gazetteer reads.
	actor(ActorRussianPeacekeepers, "խաղաղապահ|sülhməramlı|barış|friedens|soldats|maintien|forze|fuerzas|pacificador",
		`(?:^|[^\p{L}])(?:ռուս\p{L}*\s+)?խաղաղապահ\p{L}*|(?:^|[^\p{L}])(?:rus\s+)?sülhməramlı\p{L}*|\bbarış\s+(?:gücü|koruma)\p{L}*|\bfriedens(?:truppe|soldat)\p{L}*|\bsoldats\s+de\s+la\s+paix\b|\bforces?\s+de\s+maintien\s+de\s+la\s+paix\b|\bforze\s+di\s+pace\b|\bfuerzas\s+de\s+paz\b|\bpacificadores\b`),
	actor(ActorAzerbaijaniForces, "азербайджан|ադրբեջան|azərbaycan|azerbaycan|aserbaidsch|azerbaïdjan|azer|azerbaiyan",
		`(?:^|[^\p{L}])(?:азербайджанск\p{L}*\s+(?:военн\p{L}*|войск\p{L}*|арми\p{L}*|сил\p{L}*|подразделен\p{L}*)|вс\s+азербайджана|ադրբեջանական\s+(?:զինված\s+ուժ\p{L}*|զորք\p{L}*|բանակ\p{L}*|ստորաբաժանում\p{L}*|զինծառայող\p{L}*)|azərbaycan\s+(?:ordusu\p{L}*|silahlı\s+qüvvələri\p{L}*)|azerbaycan\s+(?:ordusu\p{L}*|silahlı\s+kuvvetleri\p{L}*)|aserbaidschanisch\p{L}*\s+(?:truppen|armee|streitkräfte|soldaten|militär)|(?:forces|armée|troupes)\s+azerbaïdjanaises?|(?:forze|truppe|esercito)\s+azer\p{L}*|(?:fuerzas|tropas|ejército)\s+azerbaiyan\p{L}*)`),
	actor(ActorArmenianForces, "армян|армени|հայկական|հայաստանի|ermən|ermeni|armenisch|armén|armen",
		`(?:^|[^\p{L}])(?:армянск\p{L}*\s+(?:военн\p{L}*|войск\p{L}*|арми\p{L}*|сил\p{L}*|подразделен\p{L}*)|вооруж\p{L}*\s+сил\p{L}*\s+армении|հայկական\s+(?:զինված\s+ուժ\p{L}*|զորք\p{L}*|բանակ\p{L}*)|հայաստանի\s+զինված\s+ուժ\p{L}*|ermənistan\s+(?:ordusu\p{L}*|silahlı\s+qüvvələri\p{L}*)|erməni\s+(?:hərbçi\p{L}*|qüvvələri\p{L}*)|ermeni\s+(?:ordusu\p{L}*|güçleri\p{L}*)|armenisch\p{L}*\s+(?:truppen|armee|streitkräfte|soldaten)|(?:forces|armée|troupes)\s+arméniennes?|(?:forze|truppe|esercito)\s+armen\p{L}*|(?:fuerzas|tropas|ejército)\s+armeni\p{L}*)`),
	weakActor(ActorGovernmentAzerbaijan, "азербайджан|баку|ադրբեջան|բաքու|azərbaycan|bakı|bakü|azerbaycan|aserbaidschan|azerbaïdjan|bakou|azerbaiyán|bakú|azerbaigian",
		`(?:^|[^\p{L}])(?:азербайджан(?:а|у|ом|е)?|баку|ադրբեջան(?:ը|ն)?|բաքուն?|azərbaycan|bakı|bakü|azerbaycan|aserbaidschan(?:s)?|azerbaïdjan|bakou|azerbaiyán|bakú|azerbaigian)(?:[^\p{L}]|$)`),
	weakActor(ActorGovernmentArmenia, "армени|ереван|հայաստան|երևան|ermənistan|irəvan|ermenistan|erivan|armenien|arménie|erevan|ereván",
		`(?:^|[^\p{L}])(?:армени(?:я|и|ю|ей)|ереван(?:а|у|ом|е)?|հայաստան(?:ը|ն)?|երևան(?:ը|ն)?|ermənistan|irəvan|ermenistan|erivan|armenien(?:s)?|arménie|erevan|ereván)(?:[^\p{L}]|$)`),
	weakActor(ActorGovernmentRussia, "росси|москв|ռուսաստան|rusiya|rusya|moskva|moskova|russland|russie",
		`(?:^|[^\p{L}])(?:росси(?:я|и|ю|ей)|москв(?:а|ы|е|ой)|ռուսաստան(?:ը|ն)?|rusiya|rusya|moskva|moskova|russland(?:s)?|russie)(?:[^\p{L}]|$)`),
	weakActor(ActorGovernmentArmenia, "armenia|yerevan", `\b(?:armenia|yerevan)\b`),
	weakActor(ActorGovernmentAzerbaijan, "azerbaijan|baku", `\b(?:azerbaijan|baku)\b`),
	weakActor(ActorGovernmentRussia, "russia|moscow", `\b(?:russia|moscow)\b`),
}

// actorHit is one actor found in a sentence (offsets relative to it).
type actorHit struct {
	start, end int
	name       string
	weak       bool
}

// findActors returns the actors named in a lower-cased sentence, longest
// first where they overlap, in text order. present holds the keys that
// occur in the sentence; nil means try every pattern.
func findActors(low string, present *keySet) []actorHit {
	var hits []actorHit
	var pairs bytePairs
	pairs.of(low)
	for pi, p := range actorLexicon {
		if present != nil && !present.any(triggerKeys.actorKeys[pi]) {
			continue
		}
		for _, m := range p.re.findAllIn(low, &pairs) {
			start := m[0]
			// Patterns that begin with a non-letter guard include it; skip it.
			for start < m[1] && !isLetterAt(low, start) {
				start++
			}
			if excludedBefore(low, start, p.notAfter) {
				continue
			}
			hits = append(hits, actorHit{start, m[1], p.name, p.weak})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		li, lj := hits[i].end-hits[i].start, hits[j].end-hits[j].start
		if li != lj {
			return li > lj
		}
		return hits[i].start < hits[j].start
	})
	var out []actorHit
	for _, h := range hits {
		clash := false
		for _, o := range out {
			if h.start < o.end && o.start < h.end {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func isLetterAt(s string, i int) bool {
	c := s[i]
	return c >= 'a' && c <= 'z' || c >= 0x80
}

func excludedBefore(low string, start int, words []string) bool {
	if len(words) == 0 {
		return false
	}
	before := strings.TrimRight(low[:start], " ")
	for _, w := range words {
		if strings.HasSuffix(before, " "+w) || before == w {
			return true
		}
	}
	return false
}

// protesterQualifier decides, for a whole article, whom unqualified
// "protesters" are: when the article calls them Armenian (or Karabakh)
// protesters somewhere and never Azerbaijani ones, they are Protesters
// (Armenia), and the other way round; otherwise they stay unqualified.
//
// The texts are lower-cased (the body, the title): no phrase spans two.
func protesterQualifier(texts ...string) string {
	arm, aze := false, false
	for _, low := range texts {
		arm = arm || containsAny(low, "karabakh protesters", "armenian protesters", "karabakh activist", "march of armenians",
			"karabakh armenian protest", "movement to unblock", "movement for unblocking", "movement against the azerbaijani blockade",
			"group of armenians", "armenian protest")
		aze = aze || containsAny(low, "azerbaijani protesters", "azeri protesters", "azerbaijani activists", "azeri activists")
	}
	switch {
	case arm && !aze:
		return ActorProtestersArmenia
	case aze && !arm:
		return ActorProtestersAzerbaijan
	}
	return ActorProtesters
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
