package news

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// storyWithReport stores a wire story (orig, Trend) and a copy of it from
// another outlet (apa-copy, APA), which becomes a report of orig.
func storyWithReport(t *testing.T) (*Ingester, context.Context) {
	t.Helper()
	in, g := batchIngester(t)
	ctx := context.Background()
	story := seedText(t, "002_c6fe89207eddfcb6.txt")
	orig := parseRecord(t, in, Record{ID: "orig", URL: "https://trend.az/news/1", Outlet: "Trend", Text: story})
	copyText := "Azerbaijan: checkpoint row deepens\n\n" + story + "\n\nFollow us on Telegram for more news. All rights reserved."
	cp := parseRecord(t, in, Record{ID: "apa-copy", URL: "https://apa.az/x/1", Title: "Wire copy", Outlet: "APA", Text: copyText})
	for _, p := range []*Parsed{orig, cp} {
		if _, err := in.Store.SaveBatch(ctx, []*Parsed{p}, g); err != nil {
			t.Fatal(err)
		}
	}
	if got := duplicateOf(t, in, "apa-copy"); got != "orig" {
		t.Fatalf("apa-copy duplicate_of %q, want orig", got)
	}
	return in, ctx
}

func duplicateOf(t *testing.T, in *Ingester, id string) string {
	t.Helper()
	var d string
	if err := in.Store.db.QueryRow(`SELECT coalesce(duplicate_of, '') FROM documents WHERE id = ?`, id).Scan(&d); err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return d
}

func eventsOf(t *testing.T, in *Ingester, id string) int {
	t.Helper()
	var n int
	if err := in.Store.db.QueryRow(`SELECT count(*) FROM events WHERE doc_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReanalysingKeepsReportsReports(t *testing.T) {
	in, ctx := storyWithReport(t)
	_, _, before, _, _ := in.Store.Counts(ctx)
	if _, err := in.ReanalyseAll(ctx, 10, nil); err != nil {
		t.Fatal(err)
	}
	res, err := in.Reanalyse(ctx, "apa-copy")
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "orig" {
		t.Errorf("re-analysing the report: %+v, want a report of orig", res)
	}
	if got := duplicateOf(t, in, "apa-copy"); got != "orig" {
		t.Errorf("after re-analysis apa-copy duplicate_of %q, want orig", got)
	}
	if n := eventsOf(t, in, "apa-copy"); n != 0 {
		t.Errorf("the report has %d events of its own after re-analysis, want 0", n)
	}
	if _, _, after, _, _ := in.Store.Counts(ctx); after != before {
		t.Errorf("events %d -> %d after re-analysis", before, after)
	}
}

func TestDeletingTheOriginalPromotesItsReport(t *testing.T) {
	in, ctx := storyWithReport(t)
	want := eventsOf(t, in, "orig")
	if want == 0 {
		t.Fatal("the story reports no events; the test needs some")
	}
	if err := in.Delete(ctx, "orig", "test"); err != nil {
		t.Fatal(err)
	}
	if got := duplicateOf(t, in, "apa-copy"); got != "" {
		t.Errorf("apa-copy still a report of %q after its original was deleted", got)
	}
	if n := eventsOf(t, in, "apa-copy"); n == 0 {
		t.Error("the story left the map with its original: apa-copy has no events")
	}
	var dangling int
	if err := in.Store.db.QueryRow(`SELECT count(*) FROM documents d WHERE duplicate_of IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.id = d.duplicate_of)`).Scan(&dangling); err != nil || dangling != 0 {
		t.Errorf("%d reports of a deleted document (%v)", dangling, err)
	}
	var docs string
	if err := in.Store.db.QueryRow(`SELECT coalesce(group_concat(DISTINCT m.doc_id), '') FROM cluster_documents m
		JOIN events e ON e.cluster_id = m.cluster_id WHERE e.doc_id = 'apa-copy'`).Scan(&docs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs, "apa-copy") || slices.Contains(strings.Split(docs, ","), "orig") {
		t.Errorf("clusters of the promoted report list %s", docs)
	}
	// The deletion is undone: orig comes back as a report of the document
	// that took its place, and the story's events are not doubled.
	res, err := in.Restore(ctx, "orig", "test")
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "apa-copy" || duplicateOf(t, in, "orig") != "apa-copy" {
		t.Errorf("restored orig as %+v (duplicate_of %q), want a report of apa-copy", res, duplicateOf(t, in, "orig"))
	}
	if n := eventsOf(t, in, "orig") + eventsOf(t, in, "apa-copy"); n != want {
		t.Errorf("%d events after the restore, want %d", n, want)
	}
}
