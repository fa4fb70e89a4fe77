package news

// stemsDE are German stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
//
// German joins nouns into compounds whose head comes last
// ("Verbindungsstraße", "Friedensabkommen"), so the common compounds are
// listed as stems of their own; Swiss spelling writes "ss" for "ß".
// Separable verbs ("riegelte ... ab") are caught by their participles and
// by the finite stem when it is specific enough.
var stemsDE = map[concept]string{
	cBlock: `absperr abgesperrt versperr blockierten abgeschnitten dichtgemacht =dicht_gemacht ` +
		`riegelte riegelten abriegelung lahmgelegt unpassierbar verschlossen ` +
		`schliessung schliessen =schliesst schließung schließen =schließt`,
	cBlockade: `straßenblockade strassenblockade sitzblockade hungerblockade`,
	cRoad: `verbindungsstrasse zufahrtsstra zufahrtsweg zugangsstra zugangsweg =zugang =zugänge straßenverbindung strassenverbindung ` +
		`landstraße landstrasse hauptstraße hauptstrasse fernstraße fernstrasse schnellstraße schnellstrasse ` +
		`bergstraße bergstrasse passstraße passstrasse gebirgsstraße gebirgsstrasse autobahn ` +
		`landverbindung verkehrsverbindung transportverbindung verkehrsader lebensader verkehrsroute versorgungsroute ` +
		`versorgungsweg transitroute verkehrsstra umgehungsstra ausweichstra alternativstra fahrbahn =routen grenzübergang =übergang latschinkorridor`,
	cMovement: `personenverkehr güterverkehr warenverkehr fahrzeugverkehr autoverkehr reiseverkehr ` +
		`durchreise durchgang bewegungsfreiheit =durchkommen personentransport gütertransport`,
	cCheckpoint: `kontrollstelle kontrollstation grenzkontrollpunkt grenzpunkt grenzstation grenzübergangsstelle ` +
		`passkontrolle kontrollpunkte straßensperre strassensperre polizeiposten zollstelle zollposten grenzübergang`,
	cSetUp: `errichtet errichtung einricht einzuricht =richtet =richtete =richteten aufgebaut stationiert eröffne platziert ` +
		`=baute =bauten =gebaut`,
	cRemove: `=abbau_des =abbau_der =baute_ab demontiert abgerissen aufgelöst geräumt`,
	cReopen: `wiederöffnung wiedereröffnung öffnen freigabe freigegeb aufheb aufzuheben freizugeb befahrbar passierbar ` +
		`=wieder_offen =wieder_frei`,
	cResume:   `wiederherstell wiederherzustell wiederaufnahme`,
	cRestrict: `einschränk beschränk begrenzt begrenzung durchsuch`,
	cUtility: `gasleitung gaspipeline gaslieferung gaszufuhr gasfluss =gases elektrizität wasserversorgung =wasser trinkwasser ` +
		`mobilfunk`,
	cCut: `unterbrech abschalt =stoppte =stoppten gedrosselt drosselt =kappte =kappten abgeklemmt unterbunden =brach =brachen zusammengebrochen ausgefallen gestört störung ` +
		`=kein_=gas =kein_erdgas =kein_strom =keinen_strom =kein_internet =kein_wasser ` +
		`=ohne_=gas =ohne_erdgas =ohne_strom =ohne_internet`,
	cAid: `hilfsgut hilfstransport hilfskolonne hilfsladung lebensmittel nahrungsmittel medikament =mehl weizenmehl ` +
		`versorgungsgüter`,
	cEvacuation: `rettungswagen krankentransport`,
	cPass: `liefert lieferten durchlass passieren passierte überquert durchquert transportiert =brachte =brachten =bringen ` +
		`erreich zugestellt =fuhren durchfahren`,
	cStop:   `verweigert angehalten =stoppte =stoppten zurückgeschickt abgewiesen gehindert verhindert festsitz feststeck`,
	cRefuse: `abgelehnt ablehn`,
	cFlee:   `geflüchtet flüchtet =flucht =flüchten fliehen flieht vertreib massenflucht massenexodus`,
	cLeave:  `verlässt ausreis =einreisen angekommen ankommen =ankamen eingetroffen eintreffen überquert =strömten =strömen =treffen_=in =trafen_=in =trifft_=in =traf_=in`,
	cPeople: `bewohner bevölkerung zivilist familien =tausende =hunderte zehntausend`,
	cCentre: `aufnahmezentr aufnahmestelle aufnahmelager auffanglager flüchtlingslager notunterk unterkunft unterkünft =lager ` +
		`zeltlager zeltstadt sammelstelle registrierungsstelle registrierungszentr`,
	cReception: `aufnahmezentr aufnahmestelle aufnahmelager auffang erstaufnahme flüchtlingslager flüchtlingsunterk notunterk ` +
		`unterkunft unterkünft registrier`,
	cOpen:      `eröffne öffnete errichte einricht =richtete =richteten aufgebaut bereitgestellt vorbereitet`,
	cHandOver:  `übergab abtrat zurückgeben zurückgegeben rückgabe abtret überlass =übertragen übertragung`,
	cTerritory: `ortschaft =stadt provinz landkreis`,
	cOffensive: `=anti_terror =antiterror blitzoffensiv bodenoffensiv gegenoffensiv militäreinsätz militärschlag militärkampagne`,
	cMilitary:  `soldat friedenstrupp militärs`,
	cTruce:     `feuerpause feuerstopp friedensabkommen friedensvertrag friedensvereinbarung übereinkunft =einigung`,
	cSign: `unterzeichn unterschrieb unterschrift akzeptier =angenommen abgeschlossen ausgehandelt vermittelt ` +
		`verkündet =zugestimmt =stimmten_zu =stimmte_zu =stimmten =stimmte =tritt_in_kraft =trat_in_kraft eingehalten verständigt`,
	cShelling: `beschieß beschiess raketenangriff raketenbeschuss raketeneinschl mörser`,
	cClash:    `feuergefecht grenzgefecht zusammenstoß zusammenstöß scharmützel feuerwechsel =eröffneten_=das_=feuer =eröffnete_=das_=feuer =das_=feuer_eröffnet`,
	cDrone:    `kampfdrohne luftschlag bayraktar`,
	cMine:     `=minen minenexplosion minenunglück antipersonenmine panzermine sprengfalle blindgänger`,
	cExplode:  `detonier detonation =trat`,
	cCivilian: `zivilbevölkerung bewohner anwohner einwohner dorfbewohner landwirt schäfer`,
	cHurt:     `=tötete =töteten erschossen umgekommen =ums_leben =starb =starben`,
	cProtest:  `mahnwache demonstrant`,
	cGather:   `versammel protestier demonstrier`,
	cDemand:   `=gegen verlang`,
	cHold:     `abgehalten =hielten organisier =begann =begannen =kam_=es_=zu =kommt_=es_=zu =gab_=es`,
	cArrest:   `verhaft inhaftier festnahm =in_gewahrsam =gefangen_genommen gefangengenommen`,
	cAbduct:   `entführ verschlepp`,
	cAgreed:   `=einigen_=sich verständigten_=sich =verständigte_=sich`,
	cFighting: `kampfhandlung kriegshandlung`,
	cMedical:  `=kranke =kranken schwerkrank =patient`,
	cWithdraw: `abzug abzieh zurückgezogen zurückzieh =zogen_=sich =zog_=sich =ziehen_=sich =zieht_=sich`,
	cEnter:    `einmarschier eingerückt einrück`,
}
