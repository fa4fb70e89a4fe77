package news

// stemsAZ are Azerbaijani stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
//
// Azerbaijani is agglutinative: a verb stem carries voice (bağla-n, qur-ul),
// tense and person (-dı, -ıb, -ır, -acaq), participles (-an, -dığı, -mış) and
// verbal nouns (-ma, -maq, -ması) after it, so a stem here is the verb up to
// its voice suffix and covers all of them. A negative (bağla-n-ma-yıb) is
// read from what follows the stem (turkicNegative), so a stem never ends
// inside the -ma/-mə of the verbal noun: "keçmə" would hide "keçmədi".
// The negative forms of passing ("buraxılmayıb", "keçə bilməyib") are listed
// under stopping instead. Short stems that begin unrelated words are given
// whole ("=qurub"): "qur" begins qurban, qurum; "bağlı" alone is "related to".
// Hyphenated words are split by lexWords: "sərhəd-buraxılış" is two words.
var stemsAZ = map[concept]string{
	cBlock: `blokla blokada blokadaya_al blokadada_saxla mühasirəyə_al hərəkət_dayandırıl hərəkəti_dayandırıl ` +
		`bağlı_=olması bağlı_=olmasını bağlı_=olacaq bağlı_qal bağlı_saxla ` +
		`=qapalı =qapalıdır qapalı_qal qadağan əngəllə ` +
		`hərəkətə_bağla nəqliyyata_bağla`,
	cBlockade:   `mühasirə`,
	cRoad:       `=yolunun =yolunda =yolundan =yoluna =yollar =yollarını =yollarında =yoldan avtomagistral avtomobil_yolu şosse =marşrut marşrutu =yol_hərəkətə =yol_nəqliyyat =yol_bağla =yol_qapad =yol_bağlan =yol_qapan =yol_açıl =yol_boyu =yol_üzərində yeni_=yol`,
	cMovement:   `gediş_gəliş tranzit sərnişin_daşı yük_daşı =keçid =keçidin keçidinə`,
	cCheckpoint: `nəzarət_məntəqə yoxlama_məntəqə buraxılış_=məntəqəsi =postlar postları =blokpost blok_=post hərbi_=post sərhəd_=postu nəzarət_=postu keçid_=nöqtəsi`,
	cSetUp: `=qurdu qurduğ qurdular qurul qurmaq qurması qurmağa quracaq =qurublar ` +
		`yarat yaradıb yaradılması yerləşdir inşa_et inşa_edil tikil`,
	cRemove:     `sökdü demontaj qaldır köçür`,
	cRestrict:   `yoxla qismən`,
	cUtility:    `=suyu =suyun içməli_su su_təchizat qaztəchizat elektrikl =işıq =işıqlar =işığı yanacaq rabitə`,
	cCut:        `kəsərək kəsmiş =dayanıb dayandı fasiləyə_uğra`,
	cAid:        `=yüklərin =yükün =yüklü ərzaq dərman =tır =tırlar tırları yük_maşın bqxk qızıl_xaç qırmızı_xaç`,
	cEvacuation: `evakuasiya`,
	cPass: `keçməklə keçməsi keçməsinə keçmək keçərək keçəcək keçiblər keçdilər =keçid_=edib =keçid_=etdi ` +
		`çatdı çatıb çatacaq göndəril göndərdi göndərib yola_sal yol_al ` +
		`buraxılıb buraxıldı buraxılacaq buraxdı buraxıb daşınıb daşındı daşıyıb ` +
		`icazə_verilib icazə_verildi icazə_verdi icazə_verib sərbəst_keçid sərbəst_hərəkət`,
	cStop: `buraxılmayıb buraxılmadı buraxılmır buraxmadı buraxmayıb buraxmır ` +
		`keçməyib keçmədi =keçmir keçə_bilmə ` +
		`icazə_verilməyib icazə_verilmədi icazə_verilmir icazə_vermədi icazə_verməyib icazə_vermir ` +
		`dayandır ilişib geri_döndər maneə_törəd maneçilik əngəllə`,
	cRefuse:    `rədd_et rədd_edil`,
	cEscort:    `mühafizə`,
	cFlee:      `qaçdı qaçıb qaçmağa qaçmaq qaçaraq qaçanlar =qaçır =qaçırlar =köç =köçü köçdü köçüb köçən didərgin`,
	cLeave:     `boşaldıl boşaltdı boşaldıb`,
	cPeople:    `əhali ailə =şəxs şəxslər şəxslərin vətəndaş`,
	cCentre:    `düşərgə çadır`,
	cReception: `sığınacaq müvəqqəti_yerləşdir`,
	cOpen:      `=təşkil_olun fəaliyyətə_başla`,
	cHandOver:  `qaytar təhvil_ver təhvil_veril nəzarətinə_keç nəzarətinə_ver nəzarətə_götür`,
	cTerritory: `torpaq yaşayış_məntəqə qəsəbə`,
	cOffensive: `əks_hücum hücuma_keç`,
	cMilitary:  `əsgər hərbçi qüvvələr silahlı_birləşmə silahlı_dəstə`,
	cTruce:     `razılıq müqavilə bəyannamə üçtərəfli_bəyanat birgə_bəyanat tərəfli_bəyanat`,
	cSign:      `əldə_edil əldə_et =elan elan_olun elan_edil`,
	cShelling:  `atəşə_məruz atəşinə_tut atəşinə_məruz mərmi raket_zərbə raket_atəş raket_hücum ballistik_raket raketlə =qrad bombala yüksək_dəqiqlikli_silah`,
	cClash:     `atəş_aç döyüşlər döyüşdə döyüşüb döyüşdü döyüşür döyüşən`,
	cDrone:     `dron pilotsuz_uçan hava_zərbə aviazərbə`,
	cExplode:   `düşüb düşdü düşməsi düşərək hadisə`,
	cMine:      `=minalar =minaların =minalara =minada =minanı =minadan minala partlayıcı_qurğu`,
	cCivilian:  `dinc_əhali kəndli =fermer fermerl fermerin`,
	cHurt:      `yaralı həyatını_itir şəhid =ölüb =öldü xəsarət_al qətlə_yetir`,
	cProtest:   `nümayişçi =yürüş`,
	cGather:    `=yığışıb yığışdı küçələrə_çıx qoşul iştirak`,
	cHold:      `=təşkil_et =təşkil_edil =təşkil_olun =davam keçir başla`,
	cAbduct:    `girov qaçırıl əsir_alın =əsir_düş`,
	cAgreed:    `razılaşıb razılaşdı`,
	cFighting:  `döyüş_əməliyyat`,
	cMedical:   `tibb`,
	cWithdraw:  `çıxarıl geri_çəkil =tərk boşaldıl boşaltdı boşaldıb`,
	cEnter:     `daxil_ol =girib =girdi`,
}
