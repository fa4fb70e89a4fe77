package news

// stemsFR are French stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
//
// Words split at apostrophes and hyphens: "l'accès" is "l" "accès",
// "poste-frontière" is "poste" "frontière".
var stemsFR = map[concept]string{
	// bloquer, fermer, couper (une route), interdire l'accès, obstruer
	cBlock: `fermés fermées fermant =fermera =fermeront =ferment =fermons coupé =couper =coupent =coupant ` +
		`interdi obstru suspendu =suspendre =suspendent =suspension verrouill`,
	// le blocus, le blocage, un barrage routier, le siège (de la région)
	cBlockade: `blocage barrage_rout barrages_rout`,
	// couloir, autoroute, pont, axe routier, point de passage
	cRoad: `couloir autoroute =ponts =axes =axe_rout =route_nationale point_de_passage points_de_passage`,
	// la circulation, le trafic, le passage des véhicules
	cMovement: `=trafic =déplacements =véhicules`,
	// poste de contrôle, poste-frontière, barrage de contrôle, poste de douane
	cCheckpoint: `poste_frontière postes_frontières poste_de_frontière postes_de_frontière point_de_passage_frontalier poste_de_douane postes_de_douane ` +
		`=check_=point`,
	// installer, instaurer, établir, ériger, mettre en place, déployer
	cSetUp: `instaur =établis =établie =établies établissement érig =mise_en_place =mettre_en_place =met_en_place ` +
		`=mettent_en_place =créé =créée =création déploy déploie`,
	// démanteler, retirer, supprimer, démonter, lever (un poste)
	cRemove: `supprim suppression démont =retirer`,
	// rouvrir, débloquer, lever (le blocus)
	cReopen: `=lève =lèvent =lever levée =ouverte =ouverture =ouvrir`,
	// reprendre, rétablir, restaurer
	cResume: `reprend restauré =restaurer`,
	// restreindre, limiter, filtrer, fouiller, entraver, contrôles renforcés
	cRestrict: `limiter limitation limitent filtr fouill entrav =partiellement inspect`,
	// gaz, électricité, eau, courant, internet
	cUtility: `électri =eau =énergie =carburant`,
	// couper, interrompre, suspendre, priver de
	cCut: `=couper =coupent =coupant coupures suspendr suspendent suspension =privés_de =privées_de`,
	// aide, convoi, camions, cargaison, fret, vivres, ravitaillement
	cAid: `=aide_=alimentaire cargaison =fret vivres ravitaill =nourriture denrées =médicaments`,
	// évacuation (couvre évacuer, évacués)
	cEvacuation: `ambulanc`,
	// acheminer, livrer, franchir, autoriser à passer, laisser passer, parvenir
	cPass: `autoris achemin livraison =livrer =livrés =livrées franchi parvien parvenu =entrer =entrent ` +
		`=traversé =traversée =traversés =traverser =traversent laiss_=passer transporté`,
	// stopper, empêcher, refouler, immobiliser, en attente
	cStop: `empêch refoul immobilis =en_=attente`,
	// refuser, rejeter
	cRefuse: `rejet rejeté`,
	// fuir, réfugiés, exode, exil, déplacés
	cFlee: `réfugi =fuient fuyant fuyaient enfui =fuite =exil =exilé =exilés =exilée =exilées`,
	// quitter, partir, arriver (des réfugiés)
	cLeave: `quitt arrivé =arrivent abandonn`,
	// personnes, habitants, civils, familles
	cPeople: `=civils famille résident =gens`,
	// centre, camp, tentes
	cCentre: `=centres =camp =camps =tente =tentes`,
	// accueil, enregistrement, hébergement
	cReception: `héberg`,
	// ouvrir, installer, mettre en place (un centre)
	cOpen: `=ouvrir =ouvrent installé =mis_en_place =mise_en_place`,
	// remettre, céder, restituer, transférer, passer sous contrôle
	cHandOver: `=cédés =cédée =cédées =céder =cède =cèdent =cédera transfér =transfert pass_=sous`,
	// territoire, district, villages, région, contrôle
	cTerritory: `=région =régions =ville =villes =contrôle`,
	// offensive, assaut, opération antiterroriste, victoire militaire, défaite
	cOffensive: `victoire_militaire =défaite tomb_=aux_=mains tomb_=sous_=le_=contrôle`,
	// armée, troupes, forces, soldats
	cMilitary: `soldat =armées =combattants`,
	// lancer, déclencher, commencer
	cLaunch: `=lance =lancent =lancée commenc débuté entam`,
	// cessez-le-feu, trêve, accord, armistice
	cTruce: `armistice déclaration_=tripartite déclaration_trilatérale arrêt_=des_=hostilités arrêt_=complet_=des_=hostilités ` +
		`cessation_=des_=hostilités cessation_=complète_=des_=hostilités`,
	// signer, conclure, convenir
	cSign: `signent =signer signature =annoncé =annoncée proclam =conclusion =entre_=en_vigueur entrera_=en_vigueur`,
	// bombardements, obus, tirs d'artillerie, roquettes, mortier
	cShelling: `roquett mortier =salves`,
	// affrontements, combats, échanges de tirs, heurts, fusillade
	cClash: `=heurts =échange_=de_=tirs fusillade échauffour`,
	// frappe de drone, frappe aérienne, bombardement aérien
	cDrone: `bombardement_aérien bombardements_aériens`,
	// mine, engin explosif
	cMine: `engin_explosif engins_explosifs`,
	// civils, bergers, agriculteurs, villageois
	cCivilian: `villageois agriculteur`,
	// tué, blessé, mort
	cHurt: `=mort =morts =morte =mortes`,
	// manifestants se sont réunis, manifester, descendre dans la rue
	cGather: `=réuni =réunis =réunie =réunies =manifestent =manifesté =manifestaient =manifester =manifestant ` +
		`=dans_=la_=rue =dans_=les_=rues`,
	// exiger, réclamer
	cDemand: `exigent =exiger exigeant dénonc =protester`,
	// organiser, tenir, avoir lieu
	cHold: `=eu_=lieu`,
	// interpeller, arrêter, garde à vue
	cArrest: `interpel =garde_=à_=vue =été_=arrêtés =été_=arrêtées =police_=a_=arrêté`,
	// se sont mis d'accord, se sont entendus
	cAgreed: `=mis_=d_=accord =mises_=d_=accord =mettant_=d_=accord =entendus_=sur =conviennent`,
	// hostilités
	cFighting: `=hostilités`,
	// malades, hôpital
	cMedical: `=malades hôpita`,
	// se retirer, repli
	cWithdraw: `=retirer =repli`,
	// entrer, pénétrer
	cEnter: `=entrés pénétr`,
	// enlèvement
	cAbduct: `enlèvement`,
}
