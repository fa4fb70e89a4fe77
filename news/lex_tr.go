package news

// stemsTR are Turkish stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
//
// As in Azerbaijani (lex_az.go), a stem is the verb up to its voice suffix
// (kapat-ıl, kur-ul) and covers tenses, participles and verbal nouns; the
// negative (kapat-ıl-ma-dı) is read from what follows the stem, so no stem
// ends inside a -ma/-me. Negative forms of passing ("geçemedi", "izin
// verilmedi") are listed under stopping. Stems that would begin unrelated
// words are given whole or longer: "kur" begins kurum, kural, kurtar; "kurma"
// begins kurmay; "gösteri" begins gösterildi; "bildiri" begins bildirildi;
// "kaçı" begins kaçırıldı (abducted). Turkish capitals keep their case where
// lower-casing would change a word's length: "İHA" is read as "İha".
var stemsTR = map[concept]string{
	cBlock:      `engelle yasakla =bloke abluka ablukaya_al abluka_altına kapalı_kal =kapalıydı =kapalıdır ulaşım_kesil ulaşımı_kesil ulaşım_durdurul ulaşımı_durdurul trafik_durdurul trafiğ_durdurul trafiği_durdurul`,
	cBlockade:   `kuşatma`,
	cSign:       `ilan_edil ilan_etti =sağlandı`,
	cRoad:       `=yolunun =yolunda =yolundan =yoluna =yollar =yollarını =yollarında =yoldan güzergah güzergâh kara_yolu =şose otoban =yol_trafiğe =yol_ulaşıma =yol_kapat =yol_kapan =yol_açıl =yol_boyunca =yol_üzerinde yeni_=yol`,
	cMovement:   `gidiş_geliş =geçiş geçişi geçişin geçişler geçişe taşımacılı =sefer =seferler seferleri`,
	cCheckpoint: `kontrol_noktalar kontrol_mekanizma denetim_noktas geçiş_noktas sınır_noktas sınır_karakol kontrol_=postu gümrük_kapı`,
	cSetUp:      `kurul kurarak kuracak kurmak kurması kurmuş oluşturul oluşturdu konuşlandır yerleştir tesis_et tesis_edil inşa_et inşa_edil`,
	cRemove:     `kaldır sökül söktü demonte taşıyacak taşıdı taşın`,
	cReopen:     `açacak açması açmak`,
	cResume:     `normale_dön`,
	cRestrict:   `sınırlad sınırlan sınırlam sınırlı kısıtlı denetim denetle =kısmen aramadan_geçir`,
	cUtility:    `elektriğ =gazı =gazın =suyu =suyun içme_suyu yakıt`,
	cCut:        `kesinti keserek kesecek =durdu askıya sekteye`,
	cAid:        `=gıda gıdası ilaç =kamyon kamyonlar kamyonları =erzak erzakı =tırlar tırları kızılhaç kızıl_haç kızılay`,
	cPass: `ulaşabil ulaşacak ulaştırdı gönderil gönderdi nakled geçerek geçebil geçecek ` +
		`izin_verildi izin_verdi izin_verilir`,
	cStop: `engelle geçemedi geçemiyor geçemeyen geçirilmedi geçirilmiyor ` +
		`izin_verilmedi izin_verilmiyor izin_verilmeyen izin_vermedi izin_vermiyor ` +
		`bekletil alıkon mahsur geri_gönderil geri_döndürül dönmeye_zorla iptal_edil`,
	cRefuse:    `reddedil`,
	cEscort:    `eşlik`,
	cFlee:      `kaçıyor kaçmaya kaçarak kaçmak kaçmış kaçan =göçe =göçü =göçün yerinden_edil göçmen sığınmacı`,
	cLeave:     `boşalt`,
	cPeople:    `nüfus =aile ailesi aileler ailelerin vatandaş =halk =halkı`,
	cCentre:    `=kamp =kampı =kampta =kampında =kamplar =kampları =kamplarda çadır`,
	cReception: `barınma konaklama`,
	cOpen:      `kurulan kurulmuş oluşturul hizmete_gir`,
	cHandOver:  `devret kontrolüne_geç kontrolünü_al kontrolüne_bırak kontrolünü_devr geri_ver`,
	cTerritory: `şehir şehri şehrin ilçe kasaba yönetiminin_kontrolüne yönetiminin_denetimine`,
	cOperation: `harekat harekât`,
	cOffensive: `karşı_taarruz`,
	cMilitary:  `asker kuvvetler kuvvetleri güçleri güçler`,
	cTruce: `antlaşma uzlaşı deklarasyon üçlü_bildiri ortak_bildiri =bildiri =bildiriyi =bildirisi =bildirisine =bildirisinde ` +
		`=bildiriler =bildirilerde =bildirinin =bildiride =bildiriye`,
	cShelling: `ateşe_tut ateş_altına_al füze_saldır füzeli_saldır füzelerle füzeyle füze_ile balistik_füze füzeler_isabet roketli_saldır roket_saldır roketle roketlerle obüs_ateş obüs_atış bombala top_atış top_ateş`,
	cClash:    `ateş_aç çatış çarpış muharebe`,
	cDrone:    `=İha =İhalar =İhası =İhayla =İhaların =sİha insansız_hava İnsansız_hava hava_saldır hava_harekat`,
	cExplode:  `bastı basması basarak`,
	cMine:     `=mayını =mayınlar =mayınları mayınla mayınlı el_yapımı_patlayıcı`,
	cCivilian: `köylü çiftçi`,
	cHurt:     `şehit hayatını_kaybet can_verdi can_kaybı katled`,
	cProtest:  `eylemci =eylem_=yaptı =eylem_=yaptılar =eylem_düzenle =eylem_gerçekleştir =eylem_başlat eyleme_katıl oturma_eylem protesto_eylem yürüyüş`,
	cGather:   `sokağa_dökül sokaklara_dökül bir_araya_gel katıl`,
	cHold:     `gerçekleştir =devam =yaptı =yaptılar =yapıldı yapıyor başla başlat`,
	cArrest:   `tutukla`,
	cAbduct:   `rehin_al esir_al rehine`,
	cAgreed:   `uzlaştı anlaşmaya_varıl mutabakata_var`,
	cWithdraw: `geri_çek çıkarıl terk boşalt`,
	cEnter:    `girmesi girecek girerek girmiş`,
}
