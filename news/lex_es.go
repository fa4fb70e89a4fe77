package news

import "regexp"

// spanishFuture matches a Spanish verb in the future tense, the infinitive
// with an ending (cerrará, abrirán, retiraremos, saldrán): the happening is
// planned, not reported.
var spanishFuture = regexp.MustCompile(`(?:[aei]r|dr)(?:á|án|ás|emos)$`)

// spanishInfinitive matches a Spanish infinitive, with a reflexive ending
// (retirar, rendirse, desarmarse).
var spanishInfinitive = regexp.MustCompile(`(?:ar|er|ir)(?:se)?$`)

// stemsES are Spanish stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
//
// Spanish verbs are listed by a stem that covers their tenses, participles
// and verbal nouns where it prefixes no unrelated word ("bloque" is not used:
// "bloqu" of conceptWords covers bloquear, bloqueó, bloqueado, bloqueo);
// short or ambiguous forms are whole words ("=abre", not "abr", which
// begins "abril").
var stemsES = map[concept]string{
	// cerrar, clausurar, obstruir, cortar (una carretera)
	cBlock: `cerrar =cierran clausur obstru obstaculiz cortaron =cortó cortad`,
	// bloqueo, asedio, cerco
	cBlockade: `asedi =cerco`,
	cRoad:     `=ruta =rutas autopista autovía paso_fronteriz =pasos_fronteriz`,
	cMovement: `=trafico =circulacion =transito =movimiento_de_vehículos`,
	cCheckpoint: `puesto_de_control puestos_de_control punto_de_control puntos_de_control puesto_fronteriz =puestos_fronteriz ` +
		`=retén =retenes control_fronteriz puesto_de_vigilancia`,
	// instalar, establecer, levantar, colocar, construir, desplegar
	cSetUp: `instal establec erigi erigió coloc construy construid construcción =creó =crearon =creado despleg emplaz habilit`,
	// desmantelar, retirar, quitar, eliminar
	cRemove: `desmantel desmont retir =quitó =quitaron =quitar quitad elimin`,
	// reabrir, abrir, desbloquear, levantar el bloqueo
	cReopen: `reabr reabiert reapertura desbloque =abrió =abrieron abrir =abre =abren ` +
		`abiert levant_=el_bloqueo levant_=del_bloqueo levant_=los_bloqueos`,
	// reanudar, restablecer, restaurar, reconectar
	cResume: `reanud restablec restaur reconect =volvió_a_funcionar =vuelve_a_funcionar`,
	cRestrict: `restring limit parcial inspecci =controles_de_seguridad ` +
		`=solo_entra =solo_=pasa =solo_=pasan =solo_=pueden_=pasar =solo_=pueden_=entrar =solo_=se_=permite ` +
		`=sólo_entra =sólo_=pasa =sólo_=pasan =sólo_=pueden_=pasar =sólo_=pueden_=entrar =sólo_=se_=permite`,
	cUtility: `=gas =gasoducto eléctric electricidad =energía =energia =luz =agua =internet suministro_de_gas suministro_eléctrico`,
	// cortar, interrumpir, suspender, apagar
	cCut:        `cortaron =cortar =corta =cortan cortad interrump interrupci suspend suspensi apag paraliz =dejó_de_funcionar =dejaron_de_funcionar`,
	cAid:        `cargament =suministros =alimentos medicament =víveres socorro`,
	cEvacuation: `evacu`,
	// entregar, llegar, cruzar, entrar, pasar, permitir el paso, dejar pasar
	cPass: `entreg lleg =cruzar =cruzan cruzaron =cruzó =cruzado =cruzada ingres =entró =entraron =entrar ` +
		`=pasar =pasó =pasaron =pasan =pasa permit autoriz dej_pas arrib`,
	// detener, retener, impedir, quedar varado
	cStop: `varad permanec detuv retuv impid impedi atascad atrapad =esperando ` +
		`neg_=el_paso neg_=la_entrada neg_=el_acceso`,
	cRefuse: `=negaba =negaban =niega =niegan =negarse =negándose rehus`,
	cEscort: `escolt acompañ custodi`,
	// huir, refugiarse, desplazarse, éxodo
	cFlee: `huy =huir huid refugi desplaz =exodo`,
	// abandonar, salir, partir, llegar (a otro país)
	cLeave: `abandon salier =salir =salió =salen =salían =partieron =partió llegaron =llegó =llegan llegad cruzaron cruzad =entrado ingresaron emigr`,
	cPeople: `=civiles refugiad desplazad residentes =familias pobladores vecinos ciudadanos =gente ` +
		`=niños =mujeres autobus =coches`,
	cCentre:    `campament albergu =carpas`,
	cReception: `=recepcion acog alojamient registr inscripci`,
	cOpen:      `=abrió =abrieron abrir =abre abiert habilit instal establec =creó =crearon`,
	// entregar, devolver, ceder, transferir, pasar a manos de
	cHandOver:  `entreg devolv devuelv =cedió =cedieron =ceder =cede cesión transfer transfir pas_=a_manos`,
	cTerritory: `territori =aldea localidad =ciudad`,
	cOperation: `operaciones =operacion`,
	cOffensive: `contraofensiva`,
	cMilitary:  `=fuerzas =tropa soldad armad =armas =posiciones combatient`,
	cLaunch:    `lanz inici comenz empez`,
	cTruce:     `=alto_al_fuego cese_=del_fuego armistici =pacto =pactos =tratado_de_paz =convenio declaración_trilateral =declaración_conjunta`,
	// firmar, alcanzar, pactar, entrar en vigor, anunciar
	cSign:     `firma firmó alcanz acept pact acordad =acordó suscrib suscrit entr_=en_vigor logr anunci`,
	cAgreed:   `acordaron =acordó lleg_=a_=un_acuerdo lleg_=a_acuerdo pusier_=de_acuerdo =convinieron`,
	cShelling: `morter =obuses =misil misiles cohete =proyectiles`,
	cClash: `tirote escaramuz =intercambio_de_disparos =intercambio_de_fuego =intercambios_de_disparos ` +
		`=abrió_fuego =abrieron_fuego combatier`,
	cDrone:    `=dron no_tripulad ataque_de_dron bombardeo_aéreo`,
	cMine:     `artefact_explosiv`,
	cExplode:  `explosi estall deton =pisó`,
	cCivilian: `agricultor campesin =residente =residentes aldeanos =conductor =chofer`,
	cHurt:     `=mató =mataron matad asesin =murió =murieron falleci lesionad`,
	cProtest:  `manifestant =mitin =mitines =piquete =sentada =acampada`,
	cGather:   `=manifestaron =protestaron congreg concentr =salieron_a_la_calle =salieron_a_las_calles =tomaron_las_calles`,
	cDemand:   `reclam =pidiendo pidier`,
	cHold:     `=estallaron =estalló =tuvo_lugar =tuvieron_lugar protagoniz convoc empez comenz`,
	cArrest:   `arrest detenci apres encarcel =detenidos =detenidas`,
	cAbduct:   `rapt`,
	cFighting: `=hostilidades =enfrentamientos`,
	cMedical:  `=paciente enferm sanitari`,
	cWithdraw: `retir repleg replieg`,
	cEnter:    `=entró =entrar ingresaron =tomaron_el_control =tomó_el_control`,
}
