package news

// EventType is one of ACLED's six event types. TAXONOMY.md documents them
// with their sub-types and the rules that produce them.
type EventType string

// ACLED's event types.
const (
	Battles               EventType = "Battles"
	ExplosionsRemote      EventType = "Explosions/Remote violence"
	ViolenceCivilians     EventType = "Violence against civilians"
	Protests              EventType = "Protests"
	Riots                 EventType = "Riots"
	StrategicDevelopments EventType = "Strategic developments"
)

// EventTypes lists the event types in ACLED's order.
var EventTypes = []EventType{Battles, ExplosionsRemote, ViolenceCivilians, Protests, Riots, StrategicDevelopments}

// Valid reports whether t is one of EventTypes.
func (t EventType) Valid() bool {
	for _, x := range EventTypes {
		if t == x {
			return true
		}
	}
	return false
}

// SubEventType is an event's sub-type: ACLED's own, plus the ones this
// conflict needs (road blockades, checkpoints, utility cut-offs, humanitarian
// access, refused escorts, statements).
type SubEventType string

// The sub-event types.
const (
	ArmedClash                  SubEventType = "Armed clash"
	ShellingArtilleryMissile    SubEventType = "Shelling/artillery/missile attack"
	AirDroneStrike              SubEventType = "Air/drone strike"
	RemoteExplosive             SubEventType = "Remote explosive/landmine/IED"
	Attack                      SubEventType = "Attack"
	AbductionDisappearance      SubEventType = "Abduction/forced disappearance"
	PeacefulProtest             SubEventType = "Peaceful protest"
	ProtestWithIntervention     SubEventType = "Protest with intervention"
	ExcessiveForce              SubEventType = "Excessive force against protesters"
	ViolentDemonstration        SubEventType = "Violent demonstration"
	MobViolence                 SubEventType = "Mob violence"
	Agreement                   SubEventType = "Agreement"
	Arrests                     SubEventType = "Arrests"
	RoadBlockade                SubEventType = "Road blockade or closure"
	CheckpointEstablished       SubEventType = "Checkpoint established"
	UtilityCutOff               SubEventType = "Utility cut-off"
	HumanitarianAccess          SubEventType = "Humanitarian access"
	EscortRefused               SubEventType = "Escort or protection refused"
	Statement                   SubEventType = "Statement"
	NonViolentTerritoryChange   SubEventType = "Non-violent transfer of territory"
	HeadquartersBaseEstablished SubEventType = "Headquarters or base established"
	ChangeToGroupActivity       SubEventType = "Change to group/activity"
	DisruptedWeaponsUse         SubEventType = "Disrupted weapons use"
	OtherDevelopment            SubEventType = "Other"

	// The access and humanitarian family (OCHA access monitoring, ACAPS).
	RoadReopened          SubEventType = "Road reopened"
	MovementRestricted    SubEventType = "Movement restricted"
	CheckpointRemoved     SubEventType = "Checkpoint removed"
	ConvoyBlocked         SubEventType = "Convoy or evacuation blocked"
	UtilityRestored       SubEventType = "Utility restored"
	Displacement          SubEventType = "Displacement"
	ReceptionCentreOpened SubEventType = "Reception centre opened"
	MilitaryOperation     SubEventType = "Military operation"
	Talks                 SubEventType = "Talks"
	AccidentalExplosion   SubEventType = "Accidental explosion"
)

// Category is one sub-type of the taxonomy with its parent type.
type Category struct {
	Type  EventType    `json:"event_type"`
	Sub   SubEventType `json:"sub_event_type"`
	Slug  string       `json:"slug"`  // stable short name used in rule ids
	ACLED bool         `json:"acled"` // an ACLED sub-type (false: added for this conflict)
	Doc   string       `json:"doc"`
}

// Taxonomy lists every sub-event type with its event type, in the order of
// TAXONOMY.md.
var Taxonomy = []Category{
	{Battles, ArmedClash, "armed-clash", true, "Armed, organised groups fight each other."},
	{ExplosionsRemote, ShellingArtilleryMissile, "shelling", true, "Artillery, mortar or missile fire at a distance."},
	{ExplosionsRemote, AirDroneStrike, "drone-strike", true, "Strikes from aircraft or drones."},
	{ExplosionsRemote, RemoteExplosive, "mine-ied", true, "Landmines, IEDs and other explosives set off without a fight."},
	{ViolenceCivilians, Attack, "attack", true, "Armed actors kill, wound or assault civilians."},
	{ViolenceCivilians, AbductionDisappearance, "abduction", true, "Civilians are taken or disappear."},
	{Protests, PeacefulProtest, "peaceful-protest", true, "A demonstration, rally, march or sit-in without violence or intervention."},
	{Protests, ProtestWithIntervention, "protest-intervention", true, "A peaceful protest that forces try to stop, disperse or threaten."},
	{Protests, ExcessiveForce, "excessive-force", true, "Lethal or serious force used against peaceful protesters."},
	{Riots, ViolentDemonstration, "violent-demonstration", true, "Demonstrators use violence or destroy property."},
	{Riots, MobViolence, "mob-violence", true, "Violence by a crowd without a protest aim."},
	{StrategicDevelopments, Agreement, "agreement", true, "A ceasefire, peace deal or other agreement is signed or brokered."},
	{StrategicDevelopments, Arrests, "arrests", true, "Authorities arrest or detain people."},
	{StrategicDevelopments, NonViolentTerritoryChange, "territory-transfer", true, "Territory changes hands without fighting."},
	{StrategicDevelopments, HeadquartersBaseEstablished, "base-established", true, "A base or headquarters is set up."},
	{StrategicDevelopments, ChangeToGroupActivity, "change-to-group", true, "Forces deploy, arrive, take over guarding an area, disarm or surrender."},
	{StrategicDevelopments, DisruptedWeaponsUse, "disrupted-weapons", true, "Mines are cleared, explosives defused, weapons seized."},
	{StrategicDevelopments, RoadBlockade, "road-blockade", false, "A road, corridor or crossing is blocked or closed, by forces, authorities or protesters."},
	{StrategicDevelopments, CheckpointEstablished, "checkpoint-established", false, "A checkpoint or border post is set up or installed."},
	{StrategicDevelopments, UtilityCutOff, "utility-cut-off", false, "Gas, electricity, water or internet supply is cut off."},
	{StrategicDevelopments, HumanitarianAccess, "humanitarian-access", false, "Aid is delivered, or a convoy or evacuation crosses or is let through."},
	{StrategicDevelopments, EscortRefused, "escort-refused", false, "A force refuses to escort or protect people (a convoy, a protest)."},
	{StrategicDevelopments, Statement, "statement", false, "A claim or opinion about an event; kept for stored data, no longer extracted (a claim is its happening, with a source)."},
	{StrategicDevelopments, OtherDevelopment, "other", true, "A development that fits no other sub-type."},
	{Battles, MilitaryOperation, "military-operation", false, "A military operation or offensive is launched or ended; ACLED codes its fighting as armed clashes."},
	{StrategicDevelopments, RoadReopened, "road-reopened", false, "A closed road or crossing is reopened; traffic resumes."},
	{StrategicDevelopments, MovementRestricted, "movement-restricted", false, "A road stays open but only some may pass, or passage is inspected or rationed."},
	{StrategicDevelopments, CheckpointRemoved, "checkpoint-removed", false, "A checkpoint is removed or dismantled."},
	{StrategicDevelopments, ConvoyBlocked, "convoy-blocked", false, "A convoy, aid shipment or evacuation is stopped, turned back or refused entry."},
	{StrategicDevelopments, UtilityRestored, "utility-restored", false, "Gas, electricity, water or internet supply resumes."},
	{StrategicDevelopments, Displacement, "displacement", false, "People are displaced, flee, or cross into another country."},
	{StrategicDevelopments, ReceptionCentreOpened, "reception-centre", false, "A reception or humanitarian centre for displaced people opens."},
	{StrategicDevelopments, Talks, "talks", false, "Parties hold, begin or schedule talks or negotiations; ACLED records only the agreement."},
	{StrategicDevelopments, AccidentalExplosion, "accidental-explosion", false, "A depot, warehouse or filling station explodes without an attack; ACLED codes it Strategic developments/Other."},
}

// Type returns the event type s belongs to, or "" for an unknown sub-type.
func (s SubEventType) Type() EventType {
	if c, ok := CategoryOf(s); ok {
		return c.Type
	}
	return ""
}

// Valid reports whether s is in the taxonomy.
func (s SubEventType) Valid() bool {
	_, ok := CategoryOf(s)
	return ok
}

// CategoryOf returns the taxonomy entry of a sub-event type.
func CategoryOf(s SubEventType) (Category, bool) {
	for _, c := range Taxonomy {
		if c.Sub == s {
			return c, true
		}
	}
	return Category{}, false
}
