package news

// stemsEN are English stems of the trigger concepts, added to the
// multilingual ones of conceptWords (rules.go). Each value lists stems the way
// conceptWords does: a stem matches the start of a word, "=word" only the
// whole word, "a_b" consecutive words.
var stemsEN = map[concept]string{
	cCheckpoint: `=border_point =border_points =crossing_point =crossing_points border_checkpoint`,
	cHandOver:   `=won_back =win_back =wins_back =winning_back =took_back =take_back =takes_back =taking_back`,
	cStop:       `=halted =canceled =cancelled =turned_away =sent_back =forced_to_return`,
	// Words split at hyphens: "anti-terrorist" is "anti" then "terrorist".
	cOffensive: `=anti_terror =counter_terror`,
	cUtility:   `=mobile_network =mobile_networks mobile_communication =phone_lines =telephone_lines =phone_network =phone_networks cellular`,
}
