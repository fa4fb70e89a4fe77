package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
)

// benchPlaces are 20,000 settlements on a 0.05° grid over the Caucasus,
// each with three names, like the curated entries.
func benchPlaces() []*gazetteer.Place {
	var out []*gazetteer.Place
	for i := range 20000 {
		lon, lat := 40+float64(i%200)*0.05, 35+float64(i/200)*0.05
		id := fmt.Sprintf("bench-%d", i)
		out = append(out, &gazetteer.Place{ID: id, Name: "Bench " + id, Kind: gazetteer.KindSettlement,
			Geometry: orb.Point{lon, lat}, Country: "AZ", Population: int64(i), PrecisionKm: 1, Source: "benchmark",
			Origin: gazetteer.OriginCurated, Names: []gazetteer.Name{
				{Text: "Bench " + id, Lang: "en", Script: "Latn", Usage: gazetteer.UsageInternational},
				{Text: "Бенч " + id, Lang: "ru", Script: "Cyrl", Usage: gazetteer.UsageRussian},
				{Text: "Bənç " + id, Lang: "az", Script: "Latn", Usage: gazetteer.UsageAzerbaijani},
			}})
	}
	return out
}

// benchItems is a bbox holding 2,500 of the places, asked for 1,000 at a time.
const benchItems = "/collections/places/items?bbox=45,37,47.49,39.49&limit=1000"

// BenchmarkItemsPage is a bbox page of 1,000 features built from the
// database: the R-tree, the exact count, the rows, the GeoJSON.
func BenchmarkItemsPage(b *testing.B) {
	env := newTestEnv(b, benchPlaces()...)
	var size int
	for b.Loop() {
		rec := env.get(b, benchItems)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		size = rec.Body.Len()
	}
	page := decode[itemsResp](b, env.get(b, benchItems), http.StatusOK)
	if page.NumberReturned != 1000 || page.NumberMatched < 2500 {
		b.Fatalf("returned %d of %d", page.NumberReturned, page.NumberMatched)
	}
	b.ReportMetric(float64(size), "bytes/page")
}

// BenchmarkItemsPageCached is the same page for a client that has it: the
// If-None-Match check answers 304 after reading only the data version.
func BenchmarkItemsPageCached(b *testing.B) {
	env := newTestEnv(b, benchPlaces()...)
	tag := env.get(b, benchItems).Header().Get(headerETag)
	for b.Loop() {
		rec := env.get(b, benchItems, headerIfNoneMatch, tag)
		if rec.Code != http.StatusNotModified {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
