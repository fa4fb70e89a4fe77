package news

import (
	"regexp"
)

// rule is one trigger pattern of the event extractor: when its expression
// matches a lower-cased sentence, the sentence may report an event of its
// sub-type. TAXONOMY.md lists the rules in words.
type rule struct {
	id   string // "<sub-type slug>/<name>", reported in Event.Rule
	sub  SubEventType
	keys []string // one of them must occur in the sentence before the expression runs
	re   *regexp.Regexp
	// verbal: the pattern is a predicate ("blocked the corridor"); a nominal
	// one ("the blockade of the corridor") only counts when no verbal rule of
	// the same sub-type matched the sentence.
	verbal bool
	conf   float64
	// ownNegation: the pattern carries its own "not" ("did not provide for
	// escorting"), so a negation before it does not cancel the event.
	ownNegation bool
	// needsActor: fire only when an actor is found (statement verbs).
	needsActor bool
	// skipIfBy: the match is a passive ("closed by border guards") that
	// another rule reads better.
	skipIfBy bool
}

// The trigger is the expression's first capturing group when it has one,
// else the whole match.
func mkRule(id string, sub SubEventType, verbal bool, conf float64, keys string, pattern string) rule {
	return rule{id: id, sub: sub, keys: splitKeys(keys), re: regexp.MustCompile(pattern), verbal: verbal, conf: conf}
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
		mkRule("escort-refused/not-provided", EscortRefused, true, 0.7, "not provide",
			`\b((?:did|does|do|would|will)\s+not\s+provide\s+for\s+(?:the\s+possibility\s+of\s+)?escort\w*)`),
		mkRule("escort-refused/escort-not-provided", EscortRefused, true, 0.65, "not provided|not foreseen",
			`\bescort\w*\b[^.;]{0,160}?\b(not\s+(?:provided|foreseen|envisaged))\b`),
		mkRule("escort-refused/ru-refused", EscortRefused, true, 0.8, "отказал",
			cyrWordB+`(отказал\p{L}*\s+(?:в\s+)?(?:сопровожд\p{L}*|обеспечи\p{L}*\s+безопасност\p{L}*))`),

		// Road blockade or closure
		mkRule("road-blockade/blocked-road", RoadBlockade, true, 0.75, "block|clos|shut|seal|cut off",
			`\b((?:block(?:ed|ing|s)|blockad(?:ed|ing)|clos(?:ed|ing|es)|shut(?:\s+down)?|seal(?:ed|ing)?(?:\s+off)?|cut(?:ting)?\s+off))[\s"“”'’]+(?:[\w'’-]+[\s"“”]+){0,4}?`+roadWords+`\b`),
		mkRule("road-blockade/road-was-blocked", RoadBlockade, true, 0.75, "block|clos|shut|seal",
			`\b`+roadWords+`\b[^.;:]{0,60}?\b`+aux+`\s+(?:\w+\s+){0,2}?((?:blocked|closed|shut|sealed|cut\s+off))\b`),
		mkRule("road-blockade/imposed-blockade", RoadBlockade, true, 0.7, "blockade",
			`\b((?:imposed|began|started|launched|established|maintained|continu\w+|lifted)\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?blockade)\b`),
		mkRule("road-blockade/blockade-of-road", RoadBlockade, false, 0.45, "blockade",
			`\b(blockade\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:road|corridor|highway|route|crossing))\b`),
		mkRule("road-blockade/ru-blocked", RoadBlockade, true, 0.75, "заблокир|перекры|закры|блокир",
			cyrWordB+`((?:заблокировал|перекрыл|закрыл|блокиру)\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?(?:дорог|коридор|трасс|пункт|границ|мост)\p{L}*`),
		mkRule("road-blockade/ru-was-blocked", RoadBlockade, true, 0.75, "заблокир|перекры|закры",
			cyrWordB+`(?:дорог|коридор|трасс|мост)\p{L}*\s+(?:был\p{L}?\s+)?((?:заблокирован|перекрыт|закрыт)\p{L}*)`),

		// Checkpoint established
		mkRule("checkpoint-established/set-up", CheckpointEstablished, true, 0.8, "set up|sets up|setting up",
			`\b((?:set|setting|sets)\s+up)\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:checkpoint|check-point|checkpost|border\s+post|control\s+post)s?\b`),
		mkRule("checkpoint-established/established", CheckpointEstablished, true, 0.8, "checkpoint|check-point",
			`\b((?:establish(?:ed|es|ing)?|install(?:ed|s|ing)?|erect(?:ed|s|ing)?|open(?:ed|s|ing)?|deploy(?:ed|s|ing)?|placed|built))\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:checkpoint|check-point)s?\b`),
		mkRule("checkpoint-established/establishment-of", CheckpointEstablished, false, 0.5, "checkpoint",
			`\b((?:establishment|installation|setting\s+up|opening)\s+of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?checkpoints?\b`),
		mkRule("checkpoint-established/ru-set-up", CheckpointEstablished, true, 0.8, "установ|размест|открыл",
			cyrWordB+`((?:установил|разместил|открыл)\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?(?:кпп|пропускн\p{L}*\s+пункт|контрольно-пропускн\p{L}*\s+пункт|блокпост)`),

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
		mkRule("peaceful-protest/held-protest", PeacefulProtest, true, 0.7, "held|hold|stag|organi",
			`\b((?:held|hold|holding|holds|staged|stage|staging|organi[sz]ed|organi[sz]ing))\s+(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:protest|rally|demonstration|picket|march|sit-in)s?\b`),
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
			`\b(stormed|rioted|riots?\s+broke\s+out|threw\s+(?:stones|rocks|molotov)|set\s+fire\s+to)\b`),

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

		// Battles and remote violence
		mkRule("armed-clash/clashed", ArmedClash, true, 0.6, "clash|exchanged fire|opened fire|firefight|gunfight|skirmish|fought|fighting broke|fighting erupted|fighting continued",
			`\b(clash(?:ed|es)|exchanged\s+fire|opened\s+fire|firefight|gunfight|skirmish(?:es)?|fought|fighting\s+(?:broke\s+out|erupted|continued))\b`),
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

		// Statements by actors (only with an actor)
		mkRule("statement/accused", Statement, true, 0.45, "accused|condemned|demanded|called on|called for|rejected|denied|warned|rebuffed",
			`\b(accused|condemned|demanded|called\s+on|called\s+for|rejected|denied|warned|rebuffed)\b`),
	}
	for i := range rs {
		switch rs[i].id {
		case "escort-refused/not-provided", "escort-refused/escort-not-provided":
			rs[i].ownNegation = true
		case "statement/accused":
			rs[i].needsActor = true
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

// intentWords before a trigger make it an intention, a condition or a wish,
// not something that happened.
var intentWords = setOf("would", "could", "might", "should", "will", "shall", "plan", "plans", "planned",
	"planning", "intend", "intends", "intended", "intending", "want", "wants", "wanted", "ready", "prepared",
	"if", "whether", "unless", "try", "tried", "trying", "attempt", "attempted", "attempting", "aim", "aims",
	"aimed", "hope", "hopes", "expect", "expects", "threatened", "threatens", "demand", "demanded", "demanding",
	"мог", "может", "могут", "будет", "планирует", "намерен", "если")

// negationWords right before a trigger cancel it.
var negationWords = setOf("not", "never", "no", "n't", "without", "failed", "fail", "fails", "neither", "nor",
	"не", "никогда")

// backgroundWords opening the trigger's clause make it background to the
// sentence ("Since the corridor has been blocked, ..."), not its news.
var backgroundWords = setOf("since", "because", "although", "though", "while", "as", "once", "given")

// clauseBoundaryWords end the window searched for intent and background words.
var clauseBoundaryWords = setOf("that", "which", "who", "whom", "when", "where", "and", "but", "что", "который", "которая", "которые")
