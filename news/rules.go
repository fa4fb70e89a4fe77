package news

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rule is one trigger pattern of the event extractor: when its expression
// matches a lower-cased sentence, the sentence may report an event of its
// sub-type. TAXONOMY.md lists the rules in words.
type rule struct {
	id   string // "<sub-type slug>/<name>", reported in Event.Rule
	sub  SubEventType
	keys []string // one of them must occur in the sentence before the expression runs
	re   matcher
	// verbal: the pattern is a predicate ("blocked the corridor"); a nominal
	// one ("the blockade of the corridor") only counts when no verbal rule of
	// the same sub-type matched the sentence.
	verbal bool
	conf   float64
	// ownNegation: the pattern carries its own "not" ("did not provide for
	// escorting"), so a negation before it does not cancel the event.
	ownNegation bool
	// skipIfBy: the match is a passive ("closed by border guards") that
	// another rule reads better.
	skipIfBy bool
}

// The trigger is the expression's first capturing group when it has one,
// else the whole match.
func mkRule(id string, sub SubEventType, verbal bool, conf float64, keys string, pattern string) rule {
	return rule{id: id, sub: sub, keys: splitKeys(keys), re: newMatcher(pattern), verbal: verbal, conf: conf}
}

const (
	roadWords = `(?:road|roads|corridor|highway|route|crossing|checkpoint|checkpoints|border|link|passage|traffic|bridge)`
	aux       = `(?:is|are|was|were|be|being|been|remains?|remained|(?:has|have|had)(?:\s+\w+)?\s+been)`
	utilities = `(?:gas|electricity|power|water|internet|energy)`
	cyrWordB  = `(?:^|[^\p{L}])`
)

var rules = func() []rule {
	rs := []rule{
		// Escort or protection refused
		mkRule("escort-refused/refuse-to-provide", EscortRefused, true, 0.8, "refus|declin",
			`\b((?:refus|declin)\w*\s+to\s+(?:provide|offer|give|ensure|guarantee)\s+(?:an?\s+|the\s+|any\s+)?(?:escort|security|protection|safe\s+passage))`),
		mkRule("escort-refused/refuse-to-accompany", EscortRefused, true, 0.8, "refus|declin",
			`\b((?:refus|declin)\w*\s+to\s+(?:accompany|escort|protect|guard))\b`),
		mkRule("escort-refused/turned-down-request", EscortRefused, true, 0.75, "turned down|rejected",
			`\b((?:turned\s+down|rejected)\s+(?:a\s+|the\s+|their\s+)?(?:request|petition|demand)s?\s+(?:to|for)\s+(?:an?\s+)?escort\w*)`),
		mkRule("escort-refused/ru-refused", EscortRefused, true, 0.8, "отказал",
			cyrWordB+`(отказал\p{L}*\s+(?:в\s+)?(?:сопровожд\p{L}*|обеспечи\p{L}*\s+безопасност\p{L}*))`),

		// Road blockade or closure
		mkRule("road-blockade/blocked-road", RoadBlockade, true, 0.75, "block|clos|shut|seal|cut off",
			`\b((?:block(?:ed|ing|s)|blockad(?:ed|ing)|clos(?:ed|ing|es)|shut(?:\s+down)?|seal(?:ed|ing)?(?:\s+off)?|cut(?:ting)?\s+off))[\s"“”'’]+(?:[\w'’-]+[\s"“”]+){0,4}?`+roadWords+`\b`),
		mkRule("road-blockade/road-was-blocked", RoadBlockade, true, 0.75, "block|clos|shut|seal|suspend|halt|bann",
			`\b`+roadWords+`\b[^.;:]{0,60}?\b`+aux+`\s+(?:\w+\s+){0,2}?((?:blocked|closed|shut|sealed|cut\s+off|suspended|halted|banned))\b`),
		// "banned all cargo and passenger transportation through the corridor",
		// "halted traffic on the highway", "suspended movement along the road"
		mkRule("road-blockade/halted-traffic", RoadBlockade, true, 0.7, "ban|halt|suspend|prohibit|stopp|block|clos",
			`\b((?:bann(?:ed|ing)|ban|bans|halt(?:ed|ing|s)?|suspend(?:ed|ing|s)?|prohibit(?:ed|ing|s)?|stopp(?:ed|ing)|block(?:ed|ing|s)?|clos(?:ed|ing|es)))\s+(?:all\s+|any\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?:traffic|transportation|transport|movement|passage|transit|travel)\s+(?:of\s+[\w-]+\s+)?(?:through|along|on|via|across|over)\s+(?:the\s+)?(?:[\w()'’-]+\s+){0,4}?`+roadWords+`\b`),
		mkRule("road-blockade/imposed-blockade", RoadBlockade, true, 0.7, "blockade",
			`\b((?:imposed|began|started|launched|established|maintained|continu\w+|tightened)\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?blockade)\b`),
		mkRule("road-blockade/blockade-of-road", RoadBlockade, false, 0.45, "blockade",
			`\b(blockade\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:road|corridor|highway|route|crossing))\b`),
		mkRule("road-blockade/blocked-access", RoadBlockade, true, 0.65, "access",
			`\b((?:block(?:ed|ing|s)?|clos(?:ed|ing|es)|seal(?:ed|ing|s)?(?:\s+off)?|cut(?:ting|s)?\s+off|shut(?:ting|s)?(?:\s+off)?))\s+(?:all\s+|the\s+)?(?:road\s+|land\s+|ground\s+)?access\s+(?:to|into|from)\b`),
		mkRule("road-blockade/suspension-of-traffic", RoadBlockade, false, 0.5, "suspension|halt|closure|ban|stoppage|cessation|blocking|blockage",
			`\b((?:suspension|halt|halting|closure|ban|banning|stoppage|cessation|blocking|blockage)\s+of\s+(?:all\s+)?(?:[\w-]+\s+){0,2}?(?:traffic|transportation|movement|passage|transit|crossings?))\b`),
		mkRule("road-blockade/ru-blocked", RoadBlockade, true, 0.75, "заблокир|перекры|закры|блокир",
			cyrWordB+`((?:заблокировал|перекрыл|закрыл|блокиру)\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?(?:дорог|коридор|трасс|пункт|границ|мост)\p{L}*`),
		mkRule("road-blockade/ru-was-blocked", RoadBlockade, true, 0.75, "заблокир|перекры|закры",
			cyrWordB+`(?:дорог|коридор|трасс|мост)\p{L}*\s+(?:был\p{L}?\s+)?((?:заблокирован|перекрыт|закрыт)\p{L}*)`),

		// Convoy or evacuation blocked: "the movement of trucks ... was halted",
		// "the passage of ICRC vehicles through the checkpoint has been stopped"
		mkRule("convoy-blocked/passage-of-vehicles-stopped", ConvoyBlocked, true, 0.7, "stopped|halted|suspended|blocked|cancel|banned|prohibited|denied|prevented|barred",
			`\b(?:passage|movement|transit|entry|crossing|delivery|deliveries|transportation|transport)\s+of\s+(?:[\w()'’.-]+\s+){0,10}?(?:vehicles|trucks|lorries|convoys?|ambulances|cargo(?:es|s)?|aid|buses|patients)\b[^.;]{0,100}?\b(?:has|have|had|was|were|is|are|remains?|remained)\s+(?:been\s+)?(?:\w+\s+)?((?:stopped|halted|suspended|blocked|cancell?ed|banned|prohibited|denied|prevented|barred))\b`),
		mkRule("convoy-blocked/transport-cancelled", ConvoyBlocked, true, 0.6, "cancel|halted|suspended|stopped|banned",
			`\b(?:passenger|humanitarian|medical|evacuation|aid)\s+(?:transportation|transport|transfers?|convoys?|flights?|evacuations?|deliveries|shipments?)\b[^.;]{0,120}?\b(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:\w+\s+)?((?:cancell?ed|halted|suspended|stopped|banned))\b`),
		mkRule("convoy-blocked/vehicles-not-allowed", ConvoyBlocked, true, 0.65, "allow|permit|denied|refused|turned back|forced to return|sent back|prevented|barred|unable",
			`\b(?:convoys?|trucks?|lorries|vehicles?|ambulances?|patients|cargo(?:es|s)?|aid|evacuees|icrc|red\s+cross)\b[^.;]{0,150}?\b((?:(?:were|was|been|are|is)\s+not\s+(?:\w+\s+)?(?:allow(?:ed)?|permitted)\s+to\s+(?:continue|pass|cross|enter|proceed|go|travel|move|leave)|(?:denied|refused)\s+(?:passage|entry|access)|(?:was|were)\s+unable\s+to\s+(?:proceed|continue|pass|cross|enter|deliver|reach|evacuate|transport)|turned\s+back|forced\s+to\s+(?:return|turn\s+back)|sent\s+back|(?:prevented|barred)\s+from\s+(?:passing|crossing|entering|continuing|proceeding|reaching)))\b`),

		// Checkpoint established
		mkRule("checkpoint-established/set-up", CheckpointEstablished, true, 0.8, "set up|sets up|setting up",
			`\b((?:set|setting|sets)\s+up)\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:checkpoint|check-point|checkpost|border\s+post|control\s+post|border\s+point|crossing\s+point|border\s+crossing\s+point)s?\b`),
		mkRule("checkpoint-established/established", CheckpointEstablished, true, 0.8, "checkpoint|check-point|border point|crossing point",
			`\b((?:establish(?:ed|es|ing)?|install(?:ed|s|ing)?|erect(?:ed|s|ing)?|open(?:ed|s|ing)?|deploy(?:ed|s|ing)?|placed|built))\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:checkpoint|check-point|border\s+point|crossing\s+point)s?\b`),
		mkRule("checkpoint-established/establishment-of", CheckpointEstablished, false, 0.5, "checkpoint",
			`\b((?:establishment|installation|setting\s+up|opening)\s+of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?checkpoints?\b`),
		mkRule("checkpoint-established/ru-set-up", CheckpointEstablished, true, 0.8, "установ|размест|открыл",
			cyrWordB+`((?:установил|разместил|открыл)\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?(?:кпп|пропускн\p{L}*\s+пункт|контрольно-пропускн\p{L}*\s+пункт|блокпост)`),

		// Road reopened: "traffic through the corridor resumed", "restored
		// movement on the road"
		mkRule("road-reopened/traffic-was-resumed", RoadReopened, true, 0.65, "resum|restor|reopen|unblock",
			`\b(?:traffic|movement|transit|passage|crossings?)\b[^.;]{0,80}?\b(?:`+aux+`\s+)?((?:resumed|restored|reopened|unblocked))\b`),
		mkRule("road-reopened/lifted-blockade", RoadReopened, true, 0.65, "blockade",
			`\b((?:lift(?:ed|s|ing)?|end(?:ed|s|ing)?|broke|broken|break(?:s|ing)?))\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?blockade\b`),
		mkRule("road-reopened/blockade-lifted", RoadReopened, true, 0.65, "blockade",
			`\bblockade\b[^.;]{0,40}?\b(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+)?((?:lifted|ended|broken))\b`),
		mkRule("road-reopened/resumed-traffic-on", RoadReopened, true, 0.65, "resum|restor",
			`\b((?:resum(?:ed|es|ing|e)|restor(?:ed|es|ing|e)))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:traffic|movement|transit|passage)\s+(?:through|along|on|via|across|over|at)\b`),

		// Movement restricted: "cars queuing at the checkpoint"
		mkRule("movement-restricted/queues", MovementRestricted, true, 0.55, "queu",
			`\b(?:checkpoint|border|bridge|crossing|corridor)\b[^.;]{0,80}?\b(queu(?:e|es|ed|ing|eing))\b|\b(queu(?:e|es|ed|ing|eing))\b[^.;]{0,40}?\b(?:at|near|before|in\s+front\s+of|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:checkpoint|border|bridge|crossing)\b`),

		mkRule("movement-restricted/inspected", MovementRestricted, true, 0.55, "inspected|searched|screened|filtered|checked",
			`\b(?:vehicles?|cars?|trucks?|lorries|passengers|travell?ers|people|residents|documents|passports|luggage|belongings|cargo)\s+(?:are|were|is|was|being|(?:have|has|had)\s+been)\s+(?:\w+\s+)?((?:inspected|searched|screened|filtered|checked))\b`),
		mkRule("movement-restricted/only-allowed", MovementRestricted, true, 0.55, "only",
			`\b(only)\s+(?:[\w-]+\s+){0,5}?(?:(?:are|were|is|was)\s+)?(?:allowed|permitted|able|can|could)\s+(?:to\s+)?(?:pass|cross|enter|travel|use|move|leave)\b`),

		// Utility cut-off
		mkRule("utility-cut-off/cut-off", UtilityCutOff, true, 0.8, "gas|electric|power|water|internet|energy",
			`\b((?:cut|cutting|cuts|shut|shutting|turned|switched)\s+off)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?`+utilities+`\b`),
		mkRule("utility-cut-off/halted-supply", UtilityCutOff, true, 0.75, "supply|supplies|deliveries|flow",
			`\b((?:halted|stopped|suspended|interrupted|disrupted|blocked))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?`+utilities+`\s+(?:supply|supplies|deliveries|flow)\b`),
		mkRule("utility-cut-off/supply-was-cut", UtilityCutOff, true, 0.75, "gas|electric|power|water|internet",
			`\b`+utilities+`\s+(?:supply\s+|supplies\s+)?[^.;]{0,40}?\b(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:\w+\s+)?((?:cut(?:\s+off)?|interrupted|halted|suspended|disrupted|stopped))\b`),
		mkRule("utility-cut-off/ru-cut-off", UtilityCutOff, true, 0.8, "прекрати|перекры|отключ|прерва",
			cyrWordB+`((?:прекратил|перекрыл|отключил|прервал)\p{L}*)\s+(?:[\p{L}-]+\s+){0,2}?(?:подач\p{L}+\s+|поставк\p{L}+\s+)?(?:газ|электр|вод|интернет)`),

		// Humanitarian access
		mkRule("humanitarian-access/aid-moved", HumanitarianAccess, true, 0.65, "humanitarian",
			`\b((?:deliver\w*|allow\w*|let|bring|brought|send|sent|pass\w*|enter\w*|offer\w*|transport\w*|block\w*|den(?:y|ied|ies)|stop\w*))\b[^.;]{0,80}?\bhumanitarian\s+(?:aid|help|cargo|supplies|goods|assistance|convoys?|trucks?)\b`),
		mkRule("humanitarian-access/aid-was-moved", HumanitarianAccess, true, 0.65, "humanitarian",
			`\bhumanitarian\s+(?:aid|cargo|supplies|goods|convoys?|trucks?)\s+(?:(?:was|were|has\s+been|had\s+been|have\s+been)\s+)?((?:delivered|allowed|blocked|stopped|denied|let\s+through|passed|entered|sent))\b`),
		mkRule("humanitarian-access/red-cross-moved", HumanitarianAccess, true, 0.6, "red cross|icrc",
			`\b(?:red\s+cross|icrc)\b[^.;]{0,60}?\b((?:vehicles?|convoys?|trucks?)\s+(?:\w+\s+)?(?:passed|crossed|entered|transported|evacuated|delivered|moved))\b`),

		// Protests
		mkRule("protest-intervention/threatened-protesters", ProtestWithIntervention, true, 0.7, "threaten|dispers|detain|push|broke up|remov|beat|tear-gas",
			`\b((?:threaten\w*|dispers\w*|detain\w*|push(?:ed)?\s+back|broke\s+up|remov\w*|beat|beaten|tear-gass\w*))\s+(?:a\s+group\s+of\s+|the\s+|several\s+|dozens\s+of\s+)?(?:protesters|demonstrators|activists|armenians|crowd|participants)\b`),
		mkRule("protest-intervention/protesters-dispersed", ProtestWithIntervention, true, 0.7, "dispersed|detained|pushed back|threatened|removed",
			`\b(?:protesters|demonstrators|activists)\s+(?:were|was)\s+(?:\w+\s+)?((?:dispersed|detained|pushed\s+back|threatened|removed))\b`),
		mkRule("excessive-force/attacked-protesters", ExcessiveForce, true, 0.65, "attack|assault|fire|fired|shot|beat|club",
			`\b((?:attack(?:ed|ing)?|assault(?:ed|ing)?|opened\s+fire\s+on|fired\s+(?:live\s+(?:rounds|ammunition)\s+|rubber\s+bullets\s+|stun\s+grenades\s+)?(?:on|at|into)|shot\s+at|clubbed|brutally\s+beat|beat\s+up))\s+(?:the\s+|peaceful\s+|unarmed\s+|a\s+crowd\s+of\s+|dozens\s+of\s+|hundreds\s+of\s+)?(?:protesters|demonstrators|protestors|crowd|rally|participants)\b`),
		mkRule("peaceful-protest/held-protest", PeacefulProtest, true, 0.7, "held|hold|stag|organi|began|begun|begin|start|launch|resum",
			`\b((?:held|hold|holding|holds|staged|stage|staging|organi[sz]ed|organi[sz]ing|beg(?:an|un|ins)|start(?:ed|s)|launch(?:ed|es)|resum(?:ed|es)))\s+(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:protest|rally|rallie|demonstration|picket|march|sit-in)s?\b`),
		mkRule("peaceful-protest/protests-continued", PeacefulProtest, true, 0.6, "continu|resum|went on|erupt|broke out|spread|took place|were held|was held",
			`\b(?:protests?|rally|rallies|demonstrations?|sit-ins?|pickets?)\s+(?:(?:have|has|had)\s+)?(?:also\s+|again\s+)?((?:continued|resumed|went\s+on|erupted|broke\s+out|spread|took\s+place|(?:was|were)\s+held))\b`),
		mkRule("peaceful-protest/protested", PeacefulProtest, true, 0.7, "protested|rallied|demonstrated|marched|picketed",
			`\b(protested|rallied|demonstrated|marched|picketed)\b`),
		mkRule("peaceful-protest/took-to-streets", PeacefulProtest, true, 0.7, "streets",
			`\b(took\s+to\s+the\s+streets)\b`),
		mkRule("peaceful-protest/gathered", PeacefulProtest, true, 0.6, "gathered|assembled",
			`\b((?:gathered|assembled))\s+(?:in\s+front\s+of|outside|near|at)\b`),
		mkRule("peaceful-protest/blocked-entrance", PeacefulProtest, true, 0.65, "entrance",
			`\b((?:blocked|blocking|block))\s+(?:the\s+)?(?:main\s+)?entrance\b`),
		mkRule("peaceful-protest/ru-held-protest", PeacefulProtest, true, 0.7, "протест|митинг|пикет|шестви",
			cyrWordB+`((?:провели|проводят|провел\p{L}?|устроили))\s+(?:[\p{L}-]+\s+){0,2}?(?:акци\p{L}+\s+протеста|митинг|пикет|шестви)`),

		// Riots
		mkRule("violent-demonstration/stormed", ViolentDemonstration, true, 0.6, "stormed|rioted|riot|threw|set fire",
			`\b(stormed|rioted|riots?\s+broke\s+out|threw\s+(?:stones|rocks|bottles|molotov)|set\s+fire\s+to)\b`),
		// "riots" and "rioters", not "riot police"
		mkRule("violent-demonstration/riots", ViolentDemonstration, false, 0.5, "riots|rioters|rioting",
			`\b(riots|rioters|rioting)\b`),

		// Arrests
		mkRule("arrests/arrested", Arrests, true, 0.65, "arrest|detain|задерж|арест",
			`\b(arrested|detained)\b|`+cyrWordB+`((?:задержал|арестовал|задержан|арестован)\p{L}*)`),

		// Agreements
		mkRule("agreement/signed", Agreement, true, 0.65, "signed|concluded|reached|brokered",
			`\b((?:signed|concluded|reached|brokered))\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:agreement|deal|statement|declaration|ceasefire|truce|accord|memorandum)\b`),
		mkRule("agreement/agreement-signed", Agreement, true, 0.6, "signed|brokered|concluded",
			`\b(?:agreement|statement|declaration|ceasefire|truce|accord|deal)\s+(?:\w+\s+)?((?:signed|brokered|concluded))\b`),
		mkRule("agreement/brokered-truce", Agreement, true, 0.6, "brokered",
			`\b((?:[\w-]+-brokered))\s+(?:truce|ceasefire|deal|agreement)\b`),
		mkRule("agreement/agreed-with", Agreement, true, 0.55, "agreed",
			`\b(agreed\s+(?:with|to|on))\b`),

		// Military operation: "started a war against Karabakh", "launched an
		// offensive on", "unleashed a full-scale war"
		mkRule("military-operation/started-war", MilitaryOperation, true, 0.6, "war|offensive|invasion",
			`\b((?:start(?:ed|s|ing)?|launch(?:ed|es|ing)?|beg(?:an|un|ins)|unleash(?:ed|es|ing)?|wag(?:ed|es|ing)))\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:war|offensive|invasion)\s+(?:against|on|in|into)\b`),

		// Battles and remote violence
		mkRule("armed-clash/clashed", ArmedClash, true, 0.6, "clash|exchanged fire|opened fire|firefight|gunfight|skirmish|fought|fighting broke|fighting erupted|fighting continued",
			`\b(clash(?:ed|es)|exchanged\s+fire|opened\s+fire|firefight|gunfight|skirmish(?:es)?|fought|fighting\s+(?:broke\s+out|erupted|continued))\b`),
		mkRule("armed-clash/small-arms", ArmedClash, true, 0.55, "small arms|small-arms|machine gun|machine-gun|sniper|automatic",
			`\b((?:small[\s-]+arms|machine[\s-]+gun|sniper|automatic\s+(?:weapons|rifle))\s+fire)\b|\b(?:fired|firing|fire|shot|shooting|shelled|attacked)\s+(?:\w+\s+){0,4}?(?:from|with|using)\s+(?:[\w-]+\s+){0,6}?((?:small[\s-]+arms|machine[\s-]+guns?|sniper\s+rifles?|automatic\s+(?:weapons|rifles)))\b`),
		mkRule("shelling/shelled", ShellingArtilleryMissile, true, 0.6, "shell|artillery|mortar|rocket|missile",
			`\b(shell(?:ed|ing)|artillery\s+(?:fire|strikes?)|mortar\s+fire|rocket\s+fire|missile\s+strikes?)\b`),
		mkRule("drone-strike/drone", AirDroneStrike, true, 0.6, "drone|airstrike|air strike",
			`\b(drone\s+(?:strike|attack)s?|air\s*strikes?)\b`),
		mkRule("mine-ied/explosion", RemoteExplosive, true, 0.6, "explosion|exploded|blast|stepped on",
			`\b((?:landmine|land\s+mine|mine|ied)\s+(?:explosion|blast|exploded)|stepped\s+on\s+an?\s+(?:land)?mine)\b`),
		mkRule("attack/civilians-hurt", Attack, true, 0.6, "killed|wounded|injured|shot|attacked|beaten",
			`\b(?:civilians?|residents?|villagers?|farmers?|shepherds?)\b[^.;]{0,40}?\b((?:killed|wounded|injured|shot|attacked|beaten))\b`),
		mkRule("abduction/abducted", AbductionDisappearance, true, 0.6, "abduct|kidnap|captive",
			`\b(abducted|kidnapped|taken\s+captive)\b`),
	}
	for i := range rs {
		switch rs[i].id {
		case "road-blockade/blocked-road":
			rs[i].skipIfBy = true
		}
	}
	return rs
}()

// speechWords frame a sentence as someone's claim: an event named after
// them, or inside quotes, is a statement, not an incident.
var speechWords = setOf("said", "says", "say", "saying", "stated", "states", "stating", "claimed", "claims",
	"claiming", "alleged", "alleges", "allegedly", "accused", "accuses", "accusing", "insisted", "insists",
	"stressed", "argued", "argues", "wrote", "writes", "believes", "believe", "заявил", "заявила", "заявили",
	"сообщил", "сообщила", "утверждает", "якобы")

// negationWords right before a trigger cancel it.
var negationWords = setOf("not", "never", "no", "n't", "without", "failed", "fail", "fails", "neither", "nor",
	"не", "никогда", "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "niemals",
	"pas", "jamais", "sans", "aucun", "aucune", "non", "senza", "nessun", "nessuna",
	"չի", "չեն", "չէ", "չէր", "չէին", "չենք", "չեմ",
	"sin", "ni", "nunca", "jamás", "ningún", "ninguna", "tampoco", "impide", "impiden", "impidió", "impidieron", "impedir",
	"impidiendo")

// backgroundWords opening the trigger's clause make it background to the
// sentence ("Since the corridor has been blocked, ..."), not its news.
var backgroundWords = setOf("since", "because", "although", "though", "while", "as", "once", "given",
	"weil", "obwohl", "nachdem")

// clauseBoundaryWords end the window searched for intent and background words.
var clauseBoundaryWords = setOf("that", "which", "who", "whom", "when", "where", "and", "but", "что", "который", "которая", "которые",
	"dass", "und", "aber", "sondern",
	"que", "qui", "et", "mais", "où", "dont", "lorsque", "quand", "che", "e", "ma", "dove", "cui", "quando")

// concept is a class of words the multilingual trigger rules look for: a
// verb of closing, a word for a road, a word for gas. Each is recognised by
// word stems in every language the gazetteer reads, so that inflected forms
// ("заблокировали", "bağlanıb", "փակվել") match without listing them.
type concept uint8

// The concepts.
const (
	cBlock      concept = iota // block, close, seal
	cBlockade                  // the noun: blockade
	cRoad                      // road, corridor, bridge, crossing
	cMovement                  // traffic, movement
	cCheckpoint                // checkpoint, border post
	cSetUp                     // set up, install, establish
	cRemove                    // remove, dismantle
	cReopen                    // reopen, unblock
	cResume                    // resume, restore
	cRestrict                  // restrict, limit
	cUtility                   // gas, electricity, internet
	cCut                       // cut, halt, interrupt
	cAid                       // humanitarian aid, convoy, cargo
	cEvacuation                // (medical) evacuation
	cPass                      // deliver, cross, arrive, let through
	cStop                      // stop, turn back, hold up
	cRefuse                    // refuse, decline
	cEscort                    // escort, accompany
	cFlee                      // flee, displaced, refugees
	cLeave                     // leave, cross into, arrive
	cPeople                    // people, residents, Armenians
	cCentre                    // centre, point
	cReception                 // reception, registration, accommodation
	cOpen                      // open, launch
	cHandOver                  // hand over, return, cede
	cTerritory                 // district, villages, territory, control
	cOperation                 // operation
	cOffensive                 // offensive, anti-terror measures
	cMilitary                  // military
	cLaunch                    // launch, begin, start
	cTruce                     // ceasefire, agreement, deal
	cSign                      // sign, reach, agree
	cShelling                  // shelling, artillery, mortar
	cClash                     // clashes, exchange of fire
	cDrone                     // drone, air strike
	cMine                      // landmine, IED
	cExplode                   // explode, blast, step on
	cCivilian                  // civilians, shepherds, farmers
	cHurt                      // killed, wounded
	cProtest                   // protest, rally
	cGather                    // gather, take to the streets
	cDemand                    // demanding
	cHold                      // hold, stage (a protest)
	cArrest                    // arrest, detain
	cAbduct                    // abduct, kidnap
	cAgreed                    // agreed (with one another), came to terms
	cFighting                  // fighting, hostilities
	cMedical                   // medical, patients, wounded
	cWithdraw                  // withdraw, pull out
	cEnter                     // enter, move in
	cTroops                    // peacekeepers, border guards, contingent
	cDeploy                    // deploy, station, arrive, take under guard
	cDisarm                    // disarm, lay down arms, surrender
	cWeapons                   // weapons, heavy equipment
	cDemine                    // demining, mine clearance
	cTalks                     // talks, negotiations
	cDepot                     // fuel depot, warehouse, filling station
	numConcepts
)

// conceptWords are the stems of each concept. A stem matches the start of a
// word; "=word" matches only the whole word; "a_b" matches consecutive
// words (each a stem, or "=word").
var conceptWords = [numConcepts]string{
	cBlock: `banned =ban closes остается_закрыт остаётся_закрыт blocked blocking =blocks =block blockad =close closed =closes closing closure =shut shutting sealed =seal obstruct cut_=off ` +
		`заблокир блокир блокиров перекры перекрыт закрыл закрыт закрыва ` +
		`փակ արգելափակ շրջափակ ` +
		`bağla bağlan qapad qapan ` +
		`kapat kapand kapanac kapanan kapanıyor kapanır kapanış kapanıl kapanmış kapanması kapanmasın =kapalı engellen ` +
		`gesperrt sperrt sperrte sperren sperrung blockiert blockier abgeriegelt abriegel geschlossen schloss schließt schließen schließung schliesst schliessen schliessung ` +
		`=bloque =bloques bloquent bloqua bloquè bloquer bloqué bloquons bloquez =fermé fermée fermer fermeture fermait ` +
		`bloccat bloccan bloccò bloccar chius chiud ` +
		`bloquead bloquearon bloqueó bloquea cerrad cerró cerraron cierre cierra`,
	cBlockade: `blockaded blockading blockade блокад =шрджапакум շրջափակում շրջափակման blokada blokadas abluka blokaj blockade blocus blocco bloqueo`,
	cRoad: `=road =roads roadway corridor highway =route =routes crossing bridge =passage motorway lifeline ` +
		`дорог автодорог коридор трасс мост переправ ` +
		`ճանապարհ միջանցք կամուրջ մայրուղ ` +
		`=yolu =yolun =yolda =yolunu =yola =yolları =yolların dəhliz dehliz körpü magistral ` +
		`koridor köprü otoyol karayol ` +
		`straße strasse straßen korridor brücke zufahrt verbindungsstraße transitstraße ` +
		`=route =routes corridor =pont =axe ` +
		`strada strade corridoio =ponte ` +
		`carretera corredor puente`,
	cMovement: `traffic movement transit передвижен движени транзит երթևեկ տեղաշարժ hərəkət nəqliyyat trafik ulaşım verkehr durchfahrt circulation passage traffico circolazione tráfico circulación tránsito`,
	cCheckpoint: `наблюдательн_пост checkpoint check-point checkpost border_post control_post кпп блокпост пункт_пропуск контрольно-пропускн пропускн_пункт ` +
		`անցակետ անցման_կետ անցակետ ` +
		`buraxılış_məntəqə nəzarət-buraxılış sərhəd-buraxılış keçid_məntəqə postu ` +
		`kontrol_noktas sınır_kapı ` +
		`kontrollpunkt kontrollposten grenzposten grenzkontroll checkpoint ` +
		`poste_de_contrôle point_de_contrôle poste-frontière poste_frontière ` +
		`posto_di_blocco posto_di_controllo ` +
		`puesto_de_control punto_de_control`,
	cSetUp: `выставл =set_up =sets_up =setting_up establish install erect deploy =placed =built ` +
		`установ размест оборудов созда ` +
		`տեղադր հաստատ ստեղծ կառուց ` +
		`quraşdır quruldu qurulub =qurub =qurdu qurulması yaradıl yaratdı təsis ` +
		`kurdu kurduğu kuruldu kurulan ` +
		`errichte eingerichtet aufgestellt installiert ` +
		`install =établi établit =érigé =mis_en_place ` +
		`istituit allestit ` +
		`instaló instalad instalaron estableci`,
	cRemove: `removed removing =remove dismantl ` +
		`демонтир убрали убран ликвидир снят ` +
		`ապամոնտաժ հանվել հանել ` +
		`söküld sökül ləğv götürül ` +
		`kaldırıl kaldırdı ` +
		`abgebaut entfernt beseitigt ` +
		`démantel retiré supprimé ` +
		`smantell rimoss ` +
		`desmantel retirad retiró eliminad`,
	cReopen: `reopen re-open unblock =lifted ` +
		`открыт открыл открыва разблокир ` +
		`բացվ բացել բացեց ապաշրջափակ ` +
		`açıl açdı =açıb =açılıb ` +
		`açıldı açtı ` +
		`wiedereröffnet geöffnet öffnet öffnete freigegeben aufgehoben ` +
		`rouvert rouvr réouvert réouvrir réouverture débloqu levé ` +
		`riapert riaprir sbloccat ` +
		`reabiert reabrió reabrieron reapertura desbloque`,
	cResume: `resum restor reconnect =back_on ` +
		`возобнов восстанов ` +
		`վերսկս վերականգն ` +
		`bərpa yenidən ` +
		`yeniden =tekrar ` +
		`wiederhergestellt wiederaufgenommen =wieder ` +
		`rétabli repris reprise ` +
		`ripres ripristin ` +
		`restablec reanud`,
	cRestrict: `restrict =limited partially =partial inspection ` +
		`огранич частичн досмотр ` +
		`սահմանափակ մասնակի ստուգ ` +
		`məhdud yoxlanış ` +
		`kısıtla ` +
		`eingeschränkt beschränkt kontrolliert ` +
		`restreint limité restreind restriction ` +
		`limitat ristrett restrizion ` +
		`restringid restricci limitad`,
	cUtility: `топлив голубое_топливо =gas electricity =electric =power internet =energy ` +
		`газ газоснабжен электр электроэнерг =света =свет интернет ` +
		`գազ գազամատակ էլեկտր հոսանք ինտերնետ ` +
		`=qaz =qazın =qazı elektrik enerji internet ` +
		`doğalgaz =doğal_gaz ` +
		`=gas erdgas gasversorgung strom internet energie ` +
		`=gaz électricité =courant internet ` +
		`elettricit =corrente ` +
		`electricidad =luz`,
	cCut: `перестал_поступать перестал пайթեցված պայթեցվ =cut_off =cuts_off =cutting_off =cut =shut_off switched_off =turned_off halted =halt stopped suspend interrupt disrupt ` +
		`прекрат прекращ отключ перекры прерв приостанов ` +
		`դադարեց դադարեցր անջատ ընդհատ կտր ` +
		`kəsil kəsdi kəsib dayandır ` +
		`kesil kesti durdur ` +
		`abgestellt gestoppt unterbroch eingestellt abgedreht abgeschaltet gekappt ` +
		`coupé coupée coupure coupent interromp suspendu ` +
		`interrott tagliat sospes ` +
		`cortad cortó corte interrump suspend`,
	cAid: `humanitarian =aid relief convoy =cargo =cargoes =food medicine =supplies trucks lorries ` +
		`гуманитарн помощ =груз =груза =грузы =грузов грузовик конво колонн ` +
		`մարդասիրական հումանիտար օգնությ բեռ բեռնատար շարասյուն ` +
		`humanitar yardım =yük =yükü =yükləri karvan konvoy ` +
		`insani konvoy tır ` +
		`hilfsgüter hilfslieferung hilfskonvoi humanitär konvoi lastwagen lkw ` +
		`humanitaire convoi camion ` +
		`umanitar aiuti convoglio ` +
		`ayuda convoy camion asistencia_humanitari carga_humanitari envío_humanitari envíos_humanitari`,
	cEvacuation: `ambulance скорой_помощи скорые շտապօգնության təcili_yardım ambulans krankenwagen ambulanc evacuat medevac ` +
		`эвакуац эвакуир ` +
		`տարհան ` +
		`təxliyə ` +
		`tahliye ` +
		`evakuier ` +
		`évacu ` +
		`evacuaz evacuat ` +
		`evacuaci evacuad`,
	cPass: `=keçidi baş_tutub deliver =reached arriv crossed =entered =passed allowed =let_through transported =brought ` +
		`доставл достави прибыл пропущ пропусти прошл прошел прошёл въехал пересек завез ` +
		`հասցվ հասցր հասավ հասել անցավ անցել մուտք տեղափոխ ` +
		`çatdır keçdi keçib daxil ` +
		`ulaştı ulaştırıl geçti girdi teslim ` +
		`geliefert erreicht passiert durchgelassen eingetroffen gebracht gelang ` +
		`livré acheminé arrivé arrivés passé franchi entré parvenu ` +
		`consegnat arrivat passat entrat giunt ` +
		`entregad llegó llegaron cruzó cruzaron entró pasó pasaron`,
	cStop: `stopped =stop turned_back =refused_entry =denied_entry =denied_passage stuck stranded held_up waiting blocked ` +
		`останов развернул застрял заблокир ` +
		`կանգնեցր արգելափակ ` +
		`saxlanıl saxladı geri_qaytar ` +
		`durdurul engellen geri_çevril ` +
		`gestoppt aufgehalten blockiert zurückgewiesen festgehalten ` +
		`bloqué arrêté refoulé empêché immobilisé ` +
		`bloccat respint ` +
		`bloquead detenid retenid impedid`,
	cRefuse: `refus declin ` +
		`отказ ` +
		`հրաժար մերժ ` +
		`imtina ` +
		`reddet ` +
		`weiger verweiger ` +
		`refus ` +
		`rifiut ` +
		`rechaz negó negaron`,
	cEscort: `escort accompan ` +
		`сопровожд ` +
		`ուղեկց ` +
		`müşayiət eskort ` +
		`refakat ` +
		`begleit eskort ` +
		`accompagn ` +
		`scort ` +
		`escolt`,
	cFlee: `profugh profugo profughi գաղթ хлынул отправились_из fled =flee fleeing displaced refugee exodus ` +
		`беженц бежал бегств вынужденно_перемещ переселенц исход ` +
		`փախստական տեղահան փախել ` +
		`qaçqın köçkün ` +
		`mülteci =göç kaçtı ` +
		`flüchtling geflohen flohen vertrieben exodus ` +
		`réfugié =fui fuient fuir déplacé exode ` +
		`rifugiat fuggit fuggon sfollat esodo ` +
		`refugiad huyeron huido desplazad éxodo`,
	cLeave: `entrat entraron entrés =entrées eingereist =left leaving =leave crossed_into arrived =entered ` +
		`покинул покида выехал прибыл пересекл ` +
		`լքել լքեց լքում ժամանել ժամանեց տեղափոխվ ` +
		`=tərk ` +
		`terk ayrıl ` +
		`verlassen verließ ausgereist eingereist ` +
		`quitté quittent ` +
		`lasciato lasciano ` +
		`abandonaron abandonado`,
	cPeople: `=bus =buses =cars автобус people residents civilians armenians refugees families persons inhabitants ` +
		`человек жител граждан =армяне =армян =армянам =армянами =армянах беженц ` +
		`=մարդ =մարդիկ =մարդկանց բնակիչ քաղաքացի =հայ =հայեր =հայերը =հայերի =հայերին հայությ ` +
		`nəfər sakin insan =erməni ermənil erməniəsilli =erməninin =ermənini =erməniyə ` +
		`kişi insan =ermeni ermeniler =ermeninin =ermeniyi =ermeniye ` +
		`menschen einwohner armenier personen ` +
		`personnes habitants arméniens ` +
		`persone abitanti armeni ` +
		`personas habitantes armenios`,
	cCentre: `centre center =point hub camp =tent tents ` +
		`пункт центр лагер палаточн ` +
		`կետ կենտրոն ` +
		`mərkəz məntəqə ` +
		`merkez ` +
		`zentrum stelle ` +
		`centre =point ` +
		`centro =punto ` +
		`centro =punto`,
	cReception: `reception registration accommodation humanitarian ` +
		`приём приема приёма размещен регистрац гуманитарн ` +
		`ընդունման գրանցման հումանիտար մարդասիրական ` +
		`qəbul qeydiyyat humanitar ` +
		`kabul kayıt insani ` +
		`aufnahmezentrum aufnahme registrierung humanitär ` +
		`accueil enregistrement humanitaire ` +
		`accoglienza registrazione umanitari ` +
		`acogida recepción registro humanitari`,
	cOpen: `opened =open =opens launched set_up establish ` +
		`открыл открыт открыва созда оборудовал разверну ` +
		`բացվ բացել բացեց ստեղծ ` +
		`açıl açdı açılıb yaradıl ` +
		`açıldı açtı kuruldu ` +
		`eröffnet geöffnet eingerichtet ` +
		`ouvert ouvre ` +
		`apert aprire ` +
		`abrió abierto habilitad`,
	cHandOver: `=transfer =transferring regain переход перешедш перейти перешел перешёл handed_over =hand_over hands_over handover hand-over =returned_to transferred ceded ` +
		`передан передал передач передаёт переда вернул возвращ ` +
		`հանձն վերադարձ ` +
		`təhvil qaytarıl qaytardı ` +
		`teslim devred iade ` +
		`übergeben übergabe zurückgegeben abgetreten ` +
		`remis rétrocéd restitu =cédé ` +
		`restituit ceduto =ceduta ` +
		`devuelt cedid traspas`,
	cTerritory: `district region territor villages village =town control azerbaijan ` +
		`район территор сел деревн город контрол азербайджан ` +
		`շրջան տարածք գյուղ ադրբեջան ` +
		`rayon ərazi kənd şəhər nəzarət azərbaycan ` +
		`bölge toprak köy azerbaycan ` +
		`bezirk gebiet dörfer =dorf kontrolle aserbaidschan ` +
		`territoire villages =district azerbaïdjan ` +
		`distretto territori villaggi azerbaigian ` +
		`distrito territorio aldeas azerbaiyán`,
	cOperation: `operation операц գործողությ əməliyyat operasyon operation opération operazion operación`,
	cOffensive: `контрнаступ наступательн offensive anti-terror antiterror counter-terror ` +
		`наступлен антитеррор контртеррор ` +
		`հարձակ հակաահաբեկչ ` +
		`antiterror antiterror-tədbir =lokal_xarakterli ` +
		`taarruz terörle_mücadele ` +
		`offensive anti-terror ` +
		`offensiv militäroffensiv großoffensiv militäreinsatz militäraktion militäroperation antiterroris ` +
		`ofensiva antiterror`,
	cMilitary: `army ordu =армия =армии =армией armee armée esercito ejército forces troops вооружен войск զինված զորք qoşun silahlı truppen streitkräfte troupes truppe tropas military =armed ` +
		`военн ` +
		`ռազմական ` +
		`hərbi ` +
		`askeri ` +
		`militär ` +
		`militaire ` +
		`militare ` +
		`militar`,
	cLaunch: `launch began begun =begin started =start ` +
		`начал начат ` +
		`սկս ձեռնարկ ` +
		`başla başlad ` +
		`başlat ` +
		`begann begonnen gestartet ` +
		`lancé déclench commencé ` +
		`lanciat iniziat ` +
		`lanzó lanzad inició iniciad`,
	cTruce: `окончани_войны делимитац delimitation демаркац ceasefire cease-fire truce agreement =deal =accord peace_deal ` +
		`перемири прекращени_огня соглашен договор договорённост договоренност ` +
		`հրադադար համաձայնագր համաձայնությ ` +
		`atəşkəs razılaş saziş ` +
		`ateşkes anlaşma mutabakat ` +
		`waffenruhe waffenstillstand abkommen vereinbarung ` +
		`cessez-le-feu =cessez_le_feu trêve =accord =accords ` +
		`tregua cessate_il_fuoco accordo ` +
		`alto_el_fuego cese_al_fuego tregua acuerdo`,
	cSign: `announced entered_into_force took_effect came_into_force вступил вступило объявил ընդունեց ուժի_մեջ yürürlüğe qüvvəyə in_kraft entré_en_vigueur entrato_in_vigore entró_en_vigor signed =sign =reached agreed concluded brokered ` +
		`подписал подписан достигнут достигл договорил заключ ` +
		`ստորագր ձեռք_են_բերել ձեռք_է_բերվել ` +
		`imzala əldə_olun razılaşdı ` +
		`imzaland imzaladı varıldı ` +
		`unterzeichnet vereinbart geeinigt erzielt ` +
		`signé conclu convenu trouvé ` +
		`firmat raggiunt concordat ` +
		`firmad firmó firmaron alcanzad acordaron pactaron`,
	cShelling: `shelled shelling artillery mortar rocket_fire missile_strike =shells bombard ` +
		`обстрел обстрелял артиллер минометн миномётн ракетн_удар ` +
		`հրետակոծ ականանետ հրթիռակոծ ` +
		`atəşə_tut artilleriya minaatan top_atəşi bombardman ` +
		`topçu bombardıman havan ` +
		`beschuss beschoss artillerie granat ` +
		`bombard pilonn tirs_d'artillerie =obus ` +
		`bombardament artiglieria ` +
		`bombarde artiller cañone`,
	cClash: `clash clashed firefight gunfight skirmish exchanged_fire =opened_fire =heavy_fighting fighting_broke fighting_erupted ` +
		`столкновен перестрелк боестолкновен боевые_действ =бои =боях открыл_огонь ` +
		`բախում փոխհրաձգ մարտեր կրակ_բաց ` +
		`toqquşma atışma atəş_açıb ` +
		`çatışma çarpışma ateş_açtı ` +
		`gefecht =kämpfe zusammenstöße schusswechsel ` +
		`affrontement combats accrochage échanges_de_tirs ` +
		`scontri combattiment sparatori ` +
		`enfrentamiento combates choques tiroteo`,
	cDrone: `=drones =drone ավիահարված авиаудар luftschläge drone_strike drone_attack airstrike air_strike =uav ` +
		`беспилотн дрон авиаудар бпла ` +
		`անօդաչու ատս դրոն ` +
		`pua pilotsuz =dron ` +
		`i̇ha siha =iha ` +
		`drohnenangriff drohne luftangriff ` +
		`frappe_de_drone frappe_aérienne ` +
		`raid_aereo ` +
		`ataque_con_dron ataque_aéreo`,
	cMine: `landmine land_mine =mine =mines =ied explosive_device ` +
		`=мина =мину =мине =мины =миной противопехотн фугас самодельн_взрывн ` +
		`ականի ականը ականներ =ական ` +
		`=mina =minaya =minanın mina_partla ` +
		`=mayın =mayına ` +
		`landmine sprengsatz =mine ` +
		`=mine antipersonnel ` +
		`=mina =mine ` +
		`=mina =minas`,
	cExplode: `explod explosion blast stepped detonat ` +
		`подорвал подрыв взорвал взрыв ` +
		`պայթ ` +
		`partla ` +
		`patla ` +
		`explodier explosion ` +
		`explos sauté ` +
		`esplos ` +
		`explot explosión`,
	cCivilian: `civilian residents resident villager farmer shepherd =driver ` +
		`мирн_жител мирн_насел пастух фермер ` +
		`խաղաղ_բնակ հովիվ ` +
		`dinc_sakin mülki çoban ` +
		`sivil çoban ` +
		`zivilist hirte ` +
		`civil berger ` +
		`civil pastor ` +
		`civil pastor`,
	cHurt: `killed wounded injured =shot =died ` +
		`убит ранен погиб застрел ` +
		`սպանվ սպանել վիրավոր զոհվ ` +
		`öldürül yaralan həlak ` +
		`öldü yaralandı ` +
		`getötet verletzt verwundet ` +
		`tué blessé ` +
		`uccis ferit ` +
		`muerto herid`,
	cProtest: `protest rally demonstration =march picket sit-in ` +
		`протест митинг акци пикет шестви демонстрац ` +
		`բողոք հանրահավաք ցույցեր =ցույցը =ցույցի =ցույցին =ցույցում =երթ =երթը =երթի երթեր ` +
		`etiraz aksiya mitinq piket ` +
		`protesto =gösteri gösteriler gösterisi gösterici =gösteriye =gösteride =gösteriyi =gösterinin miting ` +
		`protest kundgebung demonstration =demo =demos demonstrant ` +
		`manifest rassemblement protest ` +
		`manifestaz protesta presidio ` +
		`protesta manifestaci concentraci`,
	cGather: `gathered assembled took_to_the_streets rallied marched ` +
		`вышли_на собрал ` +
		`հավաքվ ` +
		`toplaş toplan ` +
		`toplandı ` +
		`versammelt ` +
		`rassembl ` +
		`radunat riunit ` +
		`reunieron concentraron`,
	cDemand: `demanding demand ` +
		`требова ` +
		`պահանջ ` +
		`tələb ` +
		`talep ` +
		`forder ` +
		`exige réclam ` +
		`chied ` +
		`exig`,
	cHold: `=held =hold holding staged organi ` +
		`провел провод прошл прошел прошёл состоял ` +
		`անցկացր տեղի_ունեց ` +
		`keçirdi keçiril ` +
		`düzenle ` +
		`fand_statt veranstalt organisiert ` +
		`organis tenu ` +
		`tenut svolt organizzat ` +
		`celebr realiz organiz`,
	cArrest: `arrested arrest detained detention ` +
		`задержал задержан арестова ` +
		`ձերբակալ կալանավոր ` +
		`həbs ` +
		`gözaltı tutuklan ` +
		`festgenommen verhaftet festnahme ` +
		`interpellé arrestation ` +
		`arrestat ` +
		`arrestad arrestó detuv_=a detuv_=al`,
	cAgreed: `договорились договорились_об пришли_к_соглашению համաձայնեցին պայմանավորվեցին razılaşdılar razılığa_gəl ` +
		`anlaştı anlaşmaya_vard einigten einigte geeinigt ` +
		`sont_mis_d'accord se_sont_accordés hanno_concordato acordaron`,
	cFighting: `=fighting =hostilities боевые_действия =бои мարտական_գործողություն döyüşlər çatışmalar =kämpfe kampfhandlungen combats combattimenti combates`,
	cMedical: `medical patients =patient wounded ambulance медицин пациент больн раненых բժշկական հիվանդ վիրավոր tibbi =xəstə xəstəl =xəstənin =xəstəni =xəstəyə yaralı ` +
		`tıbbi =hasta hastal =hastanın =hastayı =hastaya medizinisch patienten verwundete sanitaire médical patients blessés sanitari medic pazienti feriti médic pacientes heridos`,
	cWithdraw: `withdrew withdrawn withdrawal =pulled_out вывел выведен вывод ушли_из դուրս_բեր դուրս_եկ çəkil çəkildi çekil çekildi abgezogen rückzug retrait retiré ritirat ritiro retirad retiro`,
	cTroops: `peacekeep =troops =troop servicemen soldiers contingent border_guard border-guard border_troops ` +
		`миротвор =войска =войск военнослужащ пограничник пограничные_войска пограничных_войск контингент ` +
		`խաղաղապահ զորք սահմանապահ զինծառայող ` +
		`sülhməramlı qoşun hərbçi sərhədçi kontingent ` +
		`barış_gücü barışgücü barış_koruma =asker =askerler askerleri sınır_muhafız ` +
		`friedenstrupp friedenssoldat truppen soldaten grenzschütz grenzsoldat grenztrupp kontingent ` +
		`=troupes soldats casques_bleus soldats_de_la_paix forces_de_maintien gardes-frontières garde-frontières contingent ` +
		`truppe soldati forze_di_pace contingente guardie_di_frontiera ` +
		`tropas soldados fuerzas_de_paz pacificadores contingente guardias_fronterizos`,
	cDeploy: `deploy stationed =station =arrived =arrive arriving =took_under =take_under =taking_under =guard =guarded guarding ` +
		`размещ разместят разверну развёрну развернут развёрнут прибыл прибыва =введены =ввели ввод_войск =охраня =охраны взять_под_охрану взяли_под_охрану приступили_к_охране ` +
		`տեղակայ ժամանել ժամանեց ժամանում հսկողության_տակ_վերցր պաշտպանության_տակ ` +
		`yerləşdiril yerləşdirə =gəlib =gəldi =gəliblər =gəldilər mühafizəyə_götür ` +
		`konuşlan =geldi =geldiler =ulaştı koruma_altına ` +
		`stationiert stationier entsandt entsend eingetroffen =trafen_ein verlegt =bewachen bewacht ` +
		`déploy déploie stationn =arrivés =arrivées =arrivé =gardée =garder ` +
		`dispiegat dispiega schierat =arrivati =arrivate ` +
		`desplegad despliegue despleg =llegaron =llegada custodiad`,
	cDisarm: `disarm demilitari =laid_down_their_arms =lay_down_their_arms =laying_down_their_arms =lay_down_arms =surrendered white_flag ` +
		`разоруж демилитариз сложить_оружие сложили_оружие сложат_оружие сдали_оружие сдача_оружия белый_флаг ` +
		`զինաթափ զենքերը_վայր ` +
		`tərksilah silahsızlaşdır silahı_yerə silahları_yerə =ağ_bayraq təslim_ol ` +
		`silahsızlandır silahlarını_bırak silah_bırak =beyaz_bayrak teslim_ol ` +
		`entwaffn waffen_nieder niederleg kapituliert ` +
		`désarm déposer_les_armes déposent_les_armes déposé_les_armes =capitulé =capitulèrent ` +
		`disarm smilitarizz deporre_le_armi deposto_le_armi capitolat ` +
		`desarm depon_=las_armas depusieron_=las_armas entrega_de_armas capituló capitularon`,
	cWeapons: `weapons =arms heavy_equipment weaponry ammunition ` +
		`оружи вооружени боеприпас тяжел_техник ` +
		`զենք զինամթերք ռազմատեխնիկ ` +
		`silah sursat hərbi_texnika ` +
		`mühimmat ağır_teçhizat ` +
		`waffen munition ` +
		`=armes armement munitions ` +
		`=armi armamenti munizioni ` +
		`=armas armamento municiones equipo_pesado`,
	cDemine: `demining demined mine_clearance mine-clearance mine_clearing ` +
		`разминир ` +
		`ականազերծ ` +
		`minatəmizləmə minalardan_təmizlə mindən_təmizlə ` +
		`mayın_temizl mayından_arındır ` +
		`entmin minenräum ` +
		`démin ` +
		`sminament sminare ` +
		`desminad desminar`,
	cTalks: `=talks negotiations negotiating =negotiation ` +
		`переговор ` +
		`բանակցություն բանակցել բանակցային ` +
		`danışıqlar danışıqlara danışıqların ` +
		`müzakere görüşmeler ` +
		`gespräche gesprächen verhandlungen verhandelt ` +
		`négociation pourparlers ` +
		`negoziat trattativ colloqui ` +
		`negociacion conversaciones`,
	cDepot: `depot warehouse fuel_storage filling_station gas_station petrol_station ` +
		`склад нефтебаз =азс бензоколон ` +
		`պահեստ բենզալցակայան ավտոլցակայան ` +
		`anbar yanacaqdoldurma ` +
		`=depo deposu akaryakıt_istasyon ` +
		`lager tanklager treibstofflager tankstelle ` +
		`dépôt entrepôt station-service ` +
		`deposito magazzino distributore ` +
		`depósito almacén gasolinera`,
	cEnter: `=entered =moved_into вошли вошл вступил մտել մտան daxil_olub daxil_oldu girdi girdiği einmarschiert einmarsch =entré =entrées entrat entraron`,
	cAbduct: `abduct kidnap =taken_captive ` +
		`похищ похити взят_в_плен ` +
		`առևանգ ` +
		`oğurla əsir_götür ` +
		`kaçırıl ` +
		`entführt verschleppt ` +
		`enlevé kidnapp ` +
		`rapit sequestr ` +
		`secuestr raptad`,
}

// stemRule is a multilingual trigger: a head word of one concept with
// words of the needed concepts within window words either side.
type stemRule struct {
	id     string
	sub    SubEventType
	head   concept
	needs  []concept
	window int
	conf   float64
	// avoid: when a word of this concept stands within 3 words of the head,
	// another rule reads the sentence better ("blocked the convoy" is no road
	// blockade).
	avoid []concept
	// negatedSub: a negated match is this sub-type rather than nothing
	// ("the convoy was not allowed to pass" is a blocked convoy).
	negatedSub SubEventType
	// lead: a nominal head, counted only in the headline, the lead or a
	// sentence with a date of its own.
	lead bool
	// dated: counted only in a sentence with a date of its own.
	dated bool
	// negatedOnly: the rule reads only a negated head, as negatedSub ("sin
	// que ... permita su paso ni Rusia su escolta" is an escort refused).
	negatedOnly bool
}

func sr(id string, sub SubEventType, conf float64, head concept, needs ...concept) stemRule {
	return stemRule{id: id, sub: sub, head: head, needs: needs, window: 8, conf: conf}
}

// stemRules are the multilingual trigger rules, tried after the English
// expressions of rules; TAXONOMY.md lists them in words.
var stemRules = func() []stemRule {
	rs := []stemRule{
		sr("convoy-blocked/stopped", ConvoyBlocked, 0.7, cStop, cAid),
		sr("convoy-blocked/evacuation-stopped", ConvoyBlocked, 0.7, cStop, cEvacuation),
		sr("convoy-blocked/blocked", ConvoyBlocked, 0.7, cBlock, cAid),
		sr("humanitarian-access/passed", HumanitarianAccess, 0.65, cPass, cAid),
		sr("humanitarian-access/evacuated", HumanitarianAccess, 0.65, cPass, cEvacuation),
		sr("humanitarian-access/medevac", HumanitarianAccess, 0.6, cEvacuation, cMedical),
		sr("humanitarian-access/patients-passed", HumanitarianAccess, 0.6, cPass, cMedical),
		sr("humanitarian-access/people-through-checkpoint", HumanitarianAccess, 0.55, cPass, cPeople, cCheckpoint),
		sr("escort-refused/refused", EscortRefused, 0.75, cRefuse, cEscort),
		sr("escort-refused/not-escorted", EscortRefused, 0.6, cEscort, cPass),
		sr("road-blockade/blocked", RoadBlockade, 0.7, cBlock, cRoad),
		sr("road-blockade/blockade", RoadBlockade, 0.5, cBlockade, cRoad),
		sr("road-blockade/blockade-dated", RoadBlockade, 0.45, cBlockade),
		sr("road-reopened/reopened", RoadReopened, 0.7, cReopen, cRoad),
		sr("road-reopened/traffic-resumed", RoadReopened, 0.65, cResume, cMovement),
		sr("movement-restricted/restricted", MovementRestricted, 0.6, cRestrict, cRoad),
		sr("movement-restricted/movement", MovementRestricted, 0.6, cRestrict, cMovement),
		sr("movement-restricted/people-barred", MovementRestricted, 0.55, cRestrict, cPeople),
		sr("checkpoint-established/set-up", CheckpointEstablished, 0.75, cSetUp, cCheckpoint),
		sr("checkpoint-removed/removed", CheckpointRemoved, 0.7, cRemove, cCheckpoint),
		sr("utility-cut-off/cut", UtilityCutOff, 0.75, cCut, cUtility),
		sr("utility-restored/restored", UtilityRestored, 0.7, cResume, cUtility),
		sr("displacement/fled", Displacement, 0.6, cFlee),
		sr("displacement/left", Displacement, 0.55, cLeave, cPeople),
		sr("reception-centre/opened", ReceptionCentreOpened, 0.65, cOpen, cReception, cCentre),
		sr("territory-transfer/handed-over", NonViolentTerritoryChange, 0.6, cHandOver, cTerritory),
		sr("territory-transfer/withdrew", NonViolentTerritoryChange, 0.55, cWithdraw, cMilitary),
		sr("territory-transfer/entered-under-truce", NonViolentTerritoryChange, 0.55, cEnter, cMilitary, cTruce),
		sr("military-operation/offensive", MilitaryOperation, 0.6, cOffensive),
		sr("military-operation/operation", MilitaryOperation, 0.6, cOperation, cMilitary),
		sr("agreement/signed", Agreement, 0.6, cSign, cTruce),
		sr("shelling/shelled", ShellingArtilleryMissile, 0.6, cShelling),
		sr("armed-clash/clashed", ArmedClash, 0.6, cClash),
		sr("drone-strike/drone", AirDroneStrike, 0.6, cDrone),
		sr("mine-ied/exploded", RemoteExplosive, 0.6, cMine, cExplode),
		sr("mine-ied/hurt", RemoteExplosive, 0.55, cMine, cHurt),
		sr("attack/civilians-hurt", Attack, 0.55, cHurt, cCivilian),
		sr("peaceful-protest/gathered", PeacefulProtest, 0.6, cGather, cDemand),
		sr("peaceful-protest/gathered-protest", PeacefulProtest, 0.6, cGather, cProtest),
		sr("peaceful-protest/held", PeacefulProtest, 0.6, cHold, cProtest),
		sr("arrests/arrested", Arrests, 0.6, cArrest),
		sr("agreement/agreed", Agreement, 0.55, cAgreed),
		sr("armed-clash/fighting", ArmedClash, 0.5, cFighting),
		sr("abduction/abducted", AbductionDisappearance, 0.6, cAbduct),
		sr("change-to-group/deployed", ChangeToGroupActivity, 0.55, cDeploy, cTroops),
		sr("change-to-group/disarmed", ChangeToGroupActivity, 0.55, cDisarm),
		sr("change-to-group/weapons-handed-over", ChangeToGroupActivity, 0.55, cHandOver, cWeapons),
		sr("disrupted-weapons/demining", DisruptedWeaponsUse, 0.55, cDemine),
		sr("talks/talks", Talks, 0.5, cTalks),
		sr("accidental-explosion/depot", AccidentalExplosion, 0.55, cExplode, cDepot),
	}
	for i := range rs {
		switch rs[i].id {
		case "movement-restricted/people-barred":
			// "туда не допускаются граждане": the people barred stand by
			// the restriction itself.
			rs[i].window = 2
		case "escort-refused/not-escorted":
			rs[i].negatedSub, rs[i].negatedOnly = EscortRefused, true
		case "road-blockade/blocked":
			rs[i].avoid = []concept{cAid, cEvacuation}
			rs[i].window = 12
		case "humanitarian-access/passed", "humanitarian-access/evacuated":
			rs[i].negatedSub = ConvoyBlocked
		case "road-blockade/blockade":
			rs[i].avoid = []concept{cAid, cEvacuation}
			rs[i].lead = true
		case "road-blockade/blockade-dated":
			rs[i].dated, rs[i].lead = true, true
		case "displacement/left":
			rs[i].avoid = []concept{cMilitary, cAid}
		case "military-operation/offensive", "displacement/fled", "armed-clash/fighting", "disrupted-weapons/demining":
			rs[i].lead = true
		case "talks/talks":
			// Talks are news when the sentence says when they are held.
			rs[i].dated, rs[i].lead = true, true
		case "change-to-group/deployed":
			// "the peacekeepers deployed in Karabakh" describes who they
			// are; a deployment is news with the day it happens.
			rs[i].dated = true
		case "change-to-group/weapons-handed-over":
			rs[i].avoid = []concept{cTerritory}
			rs[i].lead = true
		case "change-to-group/disarmed":
			// "the demand: disarmament" is a condition; a disarmament is
			// news in the headline, the lead or with its day.
			rs[i].lead = true
		}
		if rs[i].id == "displacement/fled" || rs[i].id == "military-operation/offensive" {
			rs[i].needs = nil
		}
	}
	return rs
}()

// lexEntry is one stem of a concept: the stems of the following words for
// a phrase, and whether the stem must be the whole word.
type lexEntry struct {
	c     concept
	rest  []string
	exact bool
}

// stemLexicon finds the concepts of a sentence's words by stem. It is built
// once from conceptWords and only read afterwards.
type stemLexicon struct {
	byStem map[string][]lexEntry
	maxLen int // the longest stem, in bytes
	// trie holds the stems byte by byte (node 0 is the root), so a word
	// is looked up in one walk along its bytes, stopping at the first
	// byte no stem continues with, instead of one map probe per prefix.
	// Nodes, edges and entries are flat arrays: a walk reads few cache lines.
	trie      []stemNode
	edgeBytes []byte  // the edges' bytes, each node's sorted
	edgeNext  []int32 // the node each edge leads to
	entries   []lexEntry
}

// stemNode is one byte-prefix of the stems: its edges
// (edgeBytes[e0:e0+ne]) and the entries of the stem it spells, if it is one
// (entries[x0:x1]).
type stemNode struct {
	e0     int32
	ne     int32
	x0, x1 int32
}

// child returns the node after byte b from node n, or -1.
func (lx *stemLexicon) child(n int32, b byte) int32 {
	nd := &lx.trie[n]
	lo, hi := nd.e0, nd.e0+nd.ne
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		switch c := lx.edgeBytes[m]; {
		case c == b:
			return lx.edgeNext[m]
		case c < b:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// buildTrie fills the trie from byStem: the stems sorted, each node's
// children are laid out together once the node is complete.
func (lx *stemLexicon) buildTrie() {
	stems := make([]string, 0, len(lx.byStem))
	for st := range lx.byStem {
		stems = append(stems, st)
	}
	sort.Strings(stems)
	// build lays out the node for the stems (all sharing prefix of length
	// depth) and returns its index.
	var build func(stems []string, depth int) int32
	build = func(stems []string, depth int) int32 {
		id := int32(len(lx.trie))
		lx.trie = append(lx.trie, stemNode{})
		if len(stems) > 0 && len(stems[0]) == depth {
			es := lx.byStem[stems[0]]
			lx.trie[id].x0, lx.trie[id].x1 = int32(len(lx.entries)), int32(len(lx.entries)+len(es))
			lx.entries = append(lx.entries, es...)
			stems = stems[1:]
		}
		// Group the rest by their byte at depth; reserve the edges first,
		// so that they sit together.
		type group struct {
			b     byte
			stems []string
		}
		var groups []group
		for i := 0; i < len(stems); {
			j := i
			for j < len(stems) && stems[j][depth] == stems[i][depth] {
				j++
			}
			groups = append(groups, group{stems[i][depth], stems[i:j]})
			i = j
		}
		e0 := int32(len(lx.edgeBytes))
		lx.trie[id].e0, lx.trie[id].ne = e0, int32(len(groups))
		for _, g := range groups {
			lx.edgeBytes = append(lx.edgeBytes, g.b)
			lx.edgeNext = append(lx.edgeNext, -1)
		}
		for k, g := range groups {
			lx.edgeNext[e0+int32(k)] = build(g.stems, depth+1)
		}
		return id
	}
	build(stems, 0)
}

var lexicon = func() *stemLexicon {
	lx := &stemLexicon{byStem: make(map[string][]lexEntry)}
	add := func(c concept, words string) {
		for _, w := range strings.Fields(words) {
			parts := strings.Split(w, "_")
			first := parts[0]
			exact := strings.HasPrefix(first, "=")
			first = strings.TrimPrefix(first, "=")
			if len(parts) == 1 {
				lx.byStem[first] = append(lx.byStem[first], lexEntry{c: c, exact: exact})
			} else {
				lx.byStem[first] = append(lx.byStem[first], lexEntry{c: c, rest: parts[1:], exact: exact})
			}
			lx.maxLen = max(lx.maxLen, len(first))
		}
	}
	for c, words := range conceptWords {
		add(concept(c), words)
	}
	for _, lang := range languageStems {
		for c, words := range lang {
			add(c, words)
		}
	}
	lx.buildTrie()
	return lx
}()

// languageStems are the stems each language's file (lex_<lang>.go) adds to
// conceptWords: a language's vocabulary grows in its own file.
var languageStems = []map[concept]string{stemsEN, stemsRU, stemsHY, stemsAZ, stemsTR, stemsDE, stemsFR, stemsIT, stemsES}

// lexWord is one word of a sentence (offsets into the sentence).
type lexWord struct {
	start, end int
	text       string
}

// lexWords splits a lower-cased sentence into words: runs of letters,
// digits and combining marks. Hyphens, apostrophes and the Armenian marks
// split words.
func lexWords(s string) []lexWord {
	out := make([]lexWord, 0, len(s)/6+1)
	start := -1
	for i, size := 0, 0; i < len(s); i += size {
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			size = 1
			w = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if w {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, lexWord{start, i, s[start:i]})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, lexWord{start, len(s), s[start:]})
	}
	return out
}

// stemMatch says whether the stem (or "=word") matches the word.
func stemMatch(stem, word string) bool {
	if strings.HasPrefix(stem, "=") {
		return word == stem[1:]
	}
	return strings.HasPrefix(word, stem)
}

// tagged is a word with the concepts it carries, and for each the longest
// phrase of it starting here. Most words carry none, so the phrases are a
// short list rather than a table by concept.
type tagged struct {
	set     uint64
	phrases []phrase
}

// phrase is a concept's longest phrase starting at a word: span is how many
// words it covers, and rest what follows the matched stem in the word (an
// inflection, perhaps negative).
type phrase struct {
	c    concept
	span uint8
	rest string
}

func (t *tagged) has(c concept) bool { return t.set&(1<<c) != 0 }

// phrase returns the phrase of concept c (zero when the word has none).
func (t *tagged) phrase(c concept) phrase {
	for _, p := range t.phrases {
		if p.c == c {
			return p
		}
	}
	return phrase{c: c}
}

// offer records a phrase of c; a longer one, or a later one as long,
// replaces what was recorded.
func (t *tagged) offer(c concept, span uint8, rest string) {
	t.set |= 1 << c
	for k := range t.phrases {
		if p := &t.phrases[k]; p.c == c {
			if span >= p.span {
				p.span, p.rest = span, rest
			}
			return
		}
	}
	t.phrases = append(t.phrases, phrase{c: c, span: span, rest: rest})
}

// tag finds the concepts of each word. Each word costs at most maxLen trie
// look-ups, so the whole sentence is linear in its length.
func (lx *stemLexicon) tag(toks []lexWord) []tagged {
	out := make([]tagged, len(toks))
	// The words' phrases share one backing array: each word's are offered
	// while it is read, so they lie together; a word's list is capped
	// there, so that no other word's appends reach it.
	var free []phrase // the unused rest of the backing array
	for i, tk := range toks {
		if cap(free) == 0 {
			free = make([]phrase, 0, 16)
		}
		out[i].phrases = free
		w := tk.text
		// Armenian writes negation and the future as verb prefixes: չփակվեց, կփակվի.
		forms, nForms := candidateForms(w)
		for _, cand := range forms[:nForms] {
			node := int32(0)
			for n := 1; n <= len(cand) && n <= lx.maxLen; n++ {
				if node = lx.child(node, cand[n-1]); node < 0 {
					break // no stem goes on with this byte
				}
				if n < len(cand) && !utf8.RuneStart(cand[n]) {
					continue
				}
				nd := lx.trie[node]
				for _, e := range lx.entries[nd.x0:nd.x1] {
					if e.exact && n != len(cand) {
						continue
					}
					span := 1
					if len(e.rest) > 0 {
						ok := true
						for k, st := range e.rest {
							if i+1+k >= len(toks) || !stemMatch(st, toks[i+1+k].text) {
								ok = false
								break
							}
						}
						if !ok {
							continue
						}
						span += len(e.rest)
					}
					out[i].offer(e.c, uint8(span), cand[n:])
				}
			}
		}
		p := out[i].phrases
		if len(p) == 0 {
			out[i].phrases = nil
			continue
		}
		out[i].phrases = p[:len(p):len(p)]
		free = p[len(p):len(p):cap(p)]
	}
	return out
}

// candidateForms are the forms of a word the lexicon is tried on: the word,
// and without an Armenian negative or future prefix.
func candidateForms(w string) ([2]string, int) {
	if strings.HasPrefix(w, "չ") || strings.HasPrefix(w, "կ") {
		_, n := utf8.DecodeRuneInString(w)
		if len(w) > n+2 {
			return [2]string{w, w[n:]}, 2
		}
	}
	return [2]string{w}, 1
}

// turkicNegative matches the negative inflections of Azerbaijani and
// Turkish verbs after a stem: bağla-n-ma-yıb, kapat-ıl-ma-dı, kəsil-mə-yib,
// bağlan-mır, kapatıl-mıyor, kaldır-ma-yacak, geç-me-den. The verbal noun
// in any case (bağlan-ma-sı, kaldır-ma-ya, kapat-ma-k, qur-ma-ğa, kapat-ma-da)
// is not negative.
var turkicNegative = regexp.MustCompile(`^(?:[nlştd]|[ıiuüə]l|[ıiuüə]n|d[ıiuü]r)?(?:(?:ma|mə|me)(?:d[ıiuü]|d[aəe]n|m|z|y[ıiuü][bpnz]|y[aəe][cçnrq])|(?:mı|mi|mu|mü)(?:r|yor))`)

// turkicFuture matches future and intention inflections: bağlan-acaq,
// kapatıl-acak, təhvil veriləcək.
var turkicFuture = regexp.MustCompile(`(?:acaq|əcək|acak|ecek|ajaq|əcəy|acağ|eceğ)`)

// denialStems begin words of denial in any inflection.
var denialStems = []string{"опроверг", "отрица", "отверг", "հերք", "ժխտ", "təkzib", "yalanla", "dément", "démenti",
	"bestr", "dementier", "smentit", "smentisc", "desment"}

// isDenial reports whether a word denies what follows it.
func isDenial(w string) bool {
	if deniedWords[w] {
		return true
	}
	for _, st := range denialStems {
		if strings.HasPrefix(w, st) {
			return true
		}
	}
	return false
}

// Modality and framing words, by language, looked for before a trigger.
var (
	plannedWords = setOf("will", "shall", "plan", "plans", "planned", "planning", "scheduled", "due", "expected",
		"intends", "intend", "going", "agreed", "set", "to",
		"будет", "будут", "планирует", "планируют", "планируется", "намерен", "намерены", "должен", "должна",
		"должно", "должны", "предполагается", "ожидается",
		"պետք", "նախատեսվում", "նախատեսում",
		"planlaşdırır", "gözlənilir", "nəzərdə",
		"planlıyor", "bekleniyor", "planlanıyor",
		"soll", "sollen", "sollte", "wird", "werden", "plant", "geplant", "vorgesehen",
		"doit", "doivent", "devrait", "devraient", "va", "vont", "prévu", "prévue", "sera", "seront",
		"prévoit", "prévoient", "devra", "devront", "prévus", "prévues",
		"dovrebbe", "dovrà", "sarà", "saranno", "previsto", "prevista", "prevede", "prevedono", "dovranno", "programma",
		"programmato", "programmata", "programmati", "programmate",
		"será", "serán", "prevé", "previsto", "prevista", "van", "prevén", "previstas", "previstos", "deberá",
		"deberán", "debe", "deben", "planea", "planean", "programado", "programada", "pretende", "pretenden")
	// seraEvening before "sera" make it the Italian "evening" ("ieri sera"),
	// not the French "will be".
	seraEvening = setOf("ieri", "questa", "la", "di", "della", "stessa", "ogni", "domenica", "lunedì", "martedì",
		"mercoledì", "giovedì", "venerdì", "sabato")
	threatWords = setOf("threatened", "threatens", "threaten", "threatening", "угрожает", "угрожают", "пригрозил",
		"пригрозила", "пригрозили", "угрожал", "սպառնում", "սպառնացել", "hədələyib", "hədələdi", "tehdit", "droht",
		"drohte", "drohen", "menace", "menacé", "menacent", "minaccia", "minacciato", "amenaza", "amenazó")
	deniedWords = setOf("denied", "denies", "deny", "denying", "refuted", "refutes", "опроверг", "опровергла",
		"опровергли", "опровергает", "отрицает", "отрицают", "հերքել", "հերքում", "հերքեց", "təkzib", "yalanladı",
		"yalanlıyor", "dementiert", "bestritt", "bestreitet", "dément", "démenti", "nie", "nient", "nié", "smentito", "smentisce", "nega", "negano",
		"desmintió", "niega", "negó")
	conditionWords = setOf("if", "whether", "unless", "would", "could", "might", "should", "want", "wants", "wanted",
		"like", "ready", "prepared", "try", "tried", "trying", "attempt", "attempted", "demand", "demands", "demanded", "demanding",
		"calls", "called", "urged", "urges", "hope", "hopes", "fear", "fears", "fearing", "afraid", "prevent", "avoid",
		"appealed", "appeals", "appealing", "requested", "requesting", "pleaded", "waiting", "awaiting", "await",
		"contrary", "violation", "breach", "если", "бы", "может", "могут", "требуют", "требовали",
		"призвал", "призвали", "եթե", "պահանջ", "պահանջելով", "պահանջում", "əgər", "tələb", "eğer", "talep",
		"wenn", "falls", "fordert", "forderte", "si", "exige", "appelé", "appelle", "chiede", "exigió", "pidió",
		"demander", "demandent", "demandant", "réclamer", "réclament", "réclamant", "exiger", "exigent", "exigeant",
		"pourrait", "pourraient", "voudrait", "veut", "veulent", "souhaite", "souhaitent", "afin",
		"chiedere", "chiedono", "chiedendo", "reclamare", "reclamano", "esigono", "pretendono", "potrebbe",
		"potrebbero", "vorrebbe", "vuole", "vogliono", "qualora", "affinché",
		"exigen", "exigía", "exigían", "piden", "pidieron", "intenta", "intentan", "intentó", "intentaron", "intentar",
		"intentará", "intentaría", "quiere", "quieren", "quería", "podría", "podrían", "pueda", "puedan", "dispuesto",
		"dispuestos", "espera", "esperan", "reclama", "reclaman", "reclamaba", "reclamaban", "reclamó", "reclamaron",
		"pide", "pedía", "pedían", "pidiendo", "exigiendo", "reclamando", "insta", "instan", "instó", "instaron", "exhortó")
	negWords = setOf("not", "never", "no", "n't", "without", "failed", "neither", "nor", "не", "ни", "нет", "без",
		"չի", "չեն", "չէ", "չեր", "չենք", "չէին", "ոչ", "deyil", "yox", "değil", "nicht", "kein", "keine", "nie",
		"pas", "jamais", "non", "nunca", "sin")
	// sourceWords name a report or a claim: whoever is named before them
	// (or after "according to") is the event's source.
	sourceWords = setOf("said", "says", "stated", "reported", "reports", "claimed", "claims", "announced", "told",
		"accused", "accuses", "condemned", "alleged", "according", "informed", "confirmed",
		"заявил", "заявила", "заявили", "сообщил", "сообщила", "сообщили", "сообщает", "сообщается", "словам",
		"данным", "передает", "передаёт", "отметил", "отметили", "утверждает", "обвинил", "обвинила", "обвинили",
		"осудил", "осудила", "подтвердил", "подтвердили",
		"հայտնել", "հայտնում", "հայտարարել", "հայտարարեց", "տեղեկացնում", "տեղեկացրել", "ասել", "նշել", "մեղադրել",
		"դատապարտել", "հաղորդում",
		"bildirib", "bildirdi", "açıqlayıb", "deyib", "qeyd", "ittiham", "qınayıb", "görə", "məlumat",
		"açıkladı", "söyledi", "dedi", "suçladı", "kınadı", "göre",
		"sagte", "erklärte", "berichtete", "zufolge", "laut", "warf", "verurteilte", "teilte",
		"déclaré", "affirmé", "affirme", "selon", "indiqué", "accusé", "accuse", "condamné", "annoncé",
		"dichiarato", "secondo", "detto", "riferito", "accusato", "condannato",
		"dijo", "declaró", "según", "informó", "afirmó", "acusó", "condenó", "denunció")
)
