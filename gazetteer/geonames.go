package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// GeoNames dump formats (https://download.geonames.org/export/dump/readme.txt):
// the main table (allCountries.txt, cities15000.txt, AM.txt ...) has 19
// tab-separated columns; alternateNamesV2.txt has 10.
const (
	geonamesColumns    = 19
	alternateNamesCols = 10
)

// IsGeoNamesAlternateNames reports whether the first line of a tab-separated
// file has the shape of alternateNamesV2.txt.
func IsGeoNamesAlternateNames(firstLine string) bool {
	return len(strings.Split(firstLine, "\t")) == alternateNamesCols
}

// geonamesKind maps a GeoNames feature code to a kind; ok is false for
// features the gazetteer does not keep (mountains, hotels ...).
func geonamesKind(class, code string, pop int64) (Kind, bool) {
	switch {
	case class == "P" && code == "PPLC":
		return KindCapital, true
	case class == "P":
		if pop >= 100000 {
			return KindCity, true
		}
		return KindSettlement, true
	case code == "PCLI" || code == "PCLD" || code == "PCLIX" || code == "PCLS" || code == "PCLF":
		return KindCountry, true
	case code == "ADM1":
		return KindRegion, true
	case code == "ADM2" || code == "ADM3":
		return KindDistrict, true
	case code == "BDG":
		return KindBridge, true
	case code == "RD" || code == "RDJCT":
		return KindRoad, true
	case code == "STM" || code == "STMI":
		return KindRiver, true
	case code == "AIRP" || code == "AIRF":
		return KindAirport, true
	case code == "MN" || code == "MNAU" || code == "MNCU" || code == "MNQR":
		return KindMine, true
	case code == "MILB" || code == "INSM":
		return KindBase, true
	case code == "PSTB":
		return KindBorderCrossing, true
	case code == "PSTC":
		return KindCheckpoint, true
	}
	return "", false
}

// ReadGeoNames reads a GeoNames dump table. alt, when not nil, is an
// alternateNamesV2.txt stream whose names are added to the places read (only
// those of places in the table are kept in memory). Every place has Origin
// background and id "gn-<geonameid>", so importing a dump updates the world
// background in place. A malformed line stops the read with an *ImportError
// naming the line (as Feature, 1-based).
func ReadGeoNames(r io.Reader, file string, alt io.Reader, altFile string) ([]*Place, error) {
	var places []*Place
	byID := map[int64]*Place{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != geonamesColumns {
			return nil, &ImportError{File: file, Feature: line, Err: fmt.Errorf("%w: line %d has %d tab-separated columns, a GeoNames table has %d", ErrInvalid, line, len(f), geonamesColumns)}
		}
		id, err1 := strconv.ParseInt(f[0], 10, 64)
		lat, err2 := strconv.ParseFloat(f[4], 64)
		lon, err3 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, &ImportError{File: file, Feature: line, Err: fmt.Errorf("%w: line %d: geonameid, latitude or longitude is not a number", ErrInvalid, line)}
		}
		pop, _ := strconv.ParseInt(f[14], 10, 64)
		kind, keep := geonamesKind(f[6], f[7], pop)
		if !keep {
			continue
		}
		p := &Place{
			ID: "gn-" + f[0], Name: f[1], Kind: kind, Geometry: orb.Point{lon, lat},
			Country: f[8], Population: pop, GeoNamesID: id, PrecisionKm: 2,
			Source: "GeoNames dump " + file, Origin: OriginBackground,
			Names: []Name{{Text: f[1], Lang: "und", Script: scriptOf(f[1]), Usage: UsageOfficial}},
		}
		if f[2] != "" && f[2] != f[1] {
			p.Names = append(p.Names, Name{Text: f[2], Lang: "und", Script: "Latn", Usage: UsageVariant})
		}
		if err := p.Validate(); err != nil {
			return nil, &ImportError{File: file, Feature: line, ID: p.ID, Err: err}
		}
		places = append(places, p)
		byID[id] = p
	}
	if err := sc.Err(); err != nil {
		return nil, &ImportError{File: file, Feature: -1, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
	}
	if alt == nil {
		return places, nil
	}
	sc = bufio.NewScanner(alt)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line = 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != alternateNamesCols {
			return nil, &ImportError{File: altFile, Feature: line, Err: fmt.Errorf("%w: line %d has %d columns, alternateNamesV2.txt has %d", ErrInvalid, line, len(f), alternateNamesCols)}
		}
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return nil, &ImportError{File: altFile, Feature: line, Err: fmt.Errorf("%w: line %d: geonameid is not a number", ErrInvalid, line)}
		}
		p := byID[id]
		lang := strings.ToLower(f[2])
		if p == nil || f[3] == "" || !langRe.MatchString(lang) {
			// Not a place of this table, or a pseudo-language (post, link, iata, wkdt ...).
			if p != nil && lang == "wkdt" && wikidataRe.MatchString(f[3]) {
				p.Wikidata = f[3]
			}
			continue
		}
		usage := UsageVariant
		if f[7] == "1" {
			usage = UsageHistorical
		}
		n := Name{Text: f[3], Lang: lang, Script: scriptOf(f[3]), Usage: usage}
		if !hasName(p.Names, n) {
			p.Names = append(p.Names, n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &ImportError{File: altFile, Feature: -1, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
	}
	return places, nil
}

func hasName(names []Name, n Name) bool {
	for _, m := range names {
		if strings.EqualFold(m.Text, n.Text) && m.Lang == n.Lang && m.Usage == n.Usage {
			return true
		}
	}
	return false
}
