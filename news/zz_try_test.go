package news

import (
	"fmt"
	"testing"
)

func TestTryEvents(t *testing.T) {
	for _, k := range []string{"000","001","002","003","004"} {
		a := mustSeed(t, k)
		ms := testMentions(a.Body)
		fmt.Printf("== %s outlet=%s pub=%s/%v mentions=%d\n", k, a.OutletID(), a.Published.Format("2006-01-02"), a.PublishedPrecision, len(ms))
		for _, e := range ExtractEvents(a, ms) {
			fmt.Printf("  %-28s %-16s %s..%s p=%d inh=%v | %s | a1=%q a2=%q | %s geo=%d | c=%.2f | %q | %s\n", e.SubEventType, e.Rule, e.EventDate.Format("2006-01-02"), e.DateEnd.Format("01-02"), e.TimePrecision, e.DateInherited, e.DateText, e.Actor1, e.Actor2, e.PlaceID, e.GeoPrecision, e.Confidence, e.Trigger, e.DateNote)
		}
	}
}

func TestTryCluster(t *testing.T) {
	var all []Event
	for _, k := range []string{"000","001","002","003","004"} {
		a := mustSeed(t, k)
		all = append(all, ExtractEvents(a, testMentions(a.Body))...)
	}
	for _, c := range ClusterEvents(all, testWithin) {
		fmt.Printf("%s %-28s %-24s %s..%s p=%d n=%d docs=%v outlets=%v %v\n", c.ID, c.SubEventType, c.PlaceID, c.Date.Format("2006-01-02"), c.DateEnd.Format("2006-01-02"), c.TimePrecision, len(c.Events), c.Documents, c.Outlets, c.Perspectives)
	}
}
