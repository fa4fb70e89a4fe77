package news

// stemsIT are Italian stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
//
// Words split at apostrophes: "l'accesso" is "l" "accesso".
var stemsIT = map[concept]string{
	// bloccare, chiudere, sbarrare, vietare l'accesso, interrompere (una strada)
	cBlock: `blocca sbarr vietat interdett =interrotta =interrotte =interrotto sospes`,
	// il blocco, l'assedio, l'embargo, il blocco stradale
	cBlockade: `=blocchi assedi`,
	// strada, corridoio, autostrada, ponte, valico, arteria
	cRoad: `=corridoi autostrad superstrad =ponti =valico =valichi =arteria =passaggio =statale`,
	// il traffico, la circolazione, il transito, il passaggio, gli spostamenti
	cMovement: `=passaggio spostament =veicoli =mezzi`,
	// posto di blocco, posto di controllo, posto di frontiera
	cCheckpoint: `posti_di_blocco posti_di_controllo =posto_di_frontiera =posto_di_confine =punto_di_controllo ` +
		`=check_=point`,
	// installare, istituire, allestire, erigere, piazzare, dispiegare
	cSetUp: `istitui allest =creato =creata eretto piazzat posizionat dispiegat schierat stabilit`,
	// smantellare, rimuovere, eliminare, togliere
	cRemove: `rimuov rimozion eliminat =tolto =tolti =tolta`,
	// riaprire, sbloccare, revocare il blocco
	cReopen: `riapr sblocca revocat_=il_=blocco =aperta =apertura =aprire`,
	// riprendere, ripristinare, ristabilire, riattivare
	cResume: `riprend ristabilit riattivat`,
	// limitare, restringere, ispezionare, controlli, parzialmente
	cRestrict: `limita =limitato ristrett ispezion perquisi parzial filtrat ostacol`,
	// gas, elettricità, acqua, energia elettrica
	cUtility: `elettric =acqua =energia metano =carburante`,
	// interrompere, tagliare, sospendere, staccare
	cCut: `interruzion interromp sospension sospend taglia =taglio =tagli staccat`,
	// aiuti umanitari, convogli, camion, rifornimenti, viveri, medicinali
	cAid: `convogli =aiuto =camion rifornim viveri derrate medicinali =cibo =carichi`,
	// evacuazione, evacuare, ambulanze
	cEvacuation: `=evacuare =evacuano ambulanz`,
	// consegnare, far passare, lasciar passare, transitare, attraversare, autorizzare
	cPass: `autorizz consegn transitat attraversat =passare =passano far_=passare lasci_=passare ` +
		`=entrare =entrano trasportat recapitat`,
	// fermare, impedire, respingere, bloccati
	cStop: `impedit impedisc impedend impedir fermat =fermi =in_=attesa`,
	// rifiutare, respingere, negare
	cRefuse: `respint`,
	// in fuga, fuggire, profughi, rifugiati, sfollati, esodo
	cFlee: `=fuga fugg rifugiar rifugian =esuli`,
	// lasciare, abbandonare, arrivare, attraversare il confine
	cLeave: `lasciat lascian lasciand abbandon arrivat =arrivano =giunti =giunte attraversat_=il_=confine`,
	// persone, abitanti, civili, famiglie, residenti
	cPeople: `=civili famigli residenti`,
	// centro, campo, tendopoli
	cCentre: `=centri tendopol`,
	// accoglienza, ospitalità
	cReception: `accogli ospitalit`,
	// aprire, allestire
	cOpen: `=aprono =apre allestit istituit`,
	// cedere, restituire, consegnare (territori)
	cHandOver: `=ceduti =cedute restituzion passat_=sotto`,
	// territorio, distretto, villaggio, regione, città, controllo
	cTerritory: `=villaggio =città =controllo`,
	// offensiva, attacco, assalto, operazione antiterrorismo, blitz, sconfitta
	cOffensive: `=blitz vittoria_militare =sconfitta cadut_=nelle_=mani cadut_=in_=mano cadut_=sotto_=il_=controllo`,
	// esercito, truppe, forze, soldati
	cMilitary: `soldat =forze =combattenti`,
	// lanciare, avviare, iniziare, scattare
	cLaunch: `avviat =lancia cominciat scattat`,
	// tregua, cessate il fuoco, accordo, armistizio, intesa
	cTruce: `=accordi armistizi =intesa dichiarazione_=trilaterale dichiarazione_=tripartita cessazione_=delle_=ostilità`,
	// firmare, sottoscrivere, siglare, stipulare
	cSign: `=firma =firmano sottoscritt siglat stipulat =trovato =trovata annunciat proclamat =entra_=in_vigore`,
	// bombardamenti, artiglieria, mortai, razzi
	cShelling: `=mortai mortaio =razzi cannoneggi =missili`,
	// scontri, combattimenti, sparatorie, conflitto a fuoco
	cClash: `=scontro conflitto_=a_=fuoco conflitti_=a_=fuoco`,
	// droni, raid aerei, attacco aereo
	cDrone: `=droni raid_aere attacc_aere attacc_con_=droni`,
	// mine, ordigni
	cMine: `ordign`,
	// civili, pastori, contadini
	cCivilian: `contadin agricolt`,
	// morti, uccisi, feriti
	cHurt: `=morti =morto =morta`,
	// manifestazione, presidio, corteo, manifestanti
	cProtest: `=corteo =cortei fiaccolat manifestant`,
	// radunarsi, riunirsi, scendere in piazza
	cGather: `manifestato =manifestano =in_=piazza =in_=strada riversat`,
	// chiedere, reclamare, esigere
	cDemand: `=chiesto reclam esig pretendon contestand`,
	// tenere, svolgere, organizzare, indire, in programma
	cHold: `indett =in_=programma`,
	// arresto, arrestati
	cArrest: `=arresto =arresti`,
	// si sono accordati
	cAgreed: `accordat`,
	// ostilità
	cFighting: `=ostilità`,
	// malati, ospedale
	cMedical: `=malati ospedal`,
	// ritirarsi
	cWithdraw: `ritira`,
	// entrare
	cEnter: `=entrano`,
}
