package news

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"dateline/seeds"
)

// dumpRows renders every row of a query, one line each, for comparing two
// databases.
func dumpRows(t *testing.T, s *Store, q string) []string {
	t.Helper()
	rows, err := s.db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			if bs, ok := v.([]byte); ok {
				v = fmt.Sprintf("%x", bs)
			}
			fmt.Fprintf(&b, "%s=%v ", cols[i], v)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBulkWritesWhatTheTriggersWrite stores the same batches once through
// Store.SaveBatch, whose inserts fire the R-tree triggers, and once through
// a Bulk writer, which drops the insert triggers for each transaction and
// writes the index rows itself: every row of the feature tables, of their
// three R-trees, of the clusters and of their documents must be the same,
// and the triggers must be back afterwards, keeping the indexes of later
// ordinary saves and deletions.
func TestBulkWritesWhatTheTriggersWrite(t *testing.T) {
	ctx := context.Background()
	viaTriggers, g := batchIngester(t)
	viaBulk, _ := batchIngester(t)
	files, err := fs.Glob(seeds.Sub("articles"), "*.txt")
	if err != nil || len(files) < 5 {
		t.Fatalf("seed articles %v: %v", files, err)
	}
	var batches [2][]Record
	for i, f := range files {
		batches[i%2] = append(batches[i%2], Record{ID: f, Text: seedText(t, f)})
	}
	// An article without a place, and one without a date: no box, and no
	// row in the index of when.
	batches[1] = append(batches[1], Record{ID: "nowhere", Text: "Talks resumed on Tuesday, officials said."},
		Record{ID: "undated", Text: "The Lachin corridor was blocked, residents of Stepanakert said."})

	bw, err := viaBulk.Store.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, batch := range batches {
		var a, b []*Parsed
		for _, r := range batch {
			a = append(a, parseRecord(t, viaTriggers, r))
			b = append(b, parseRecord(t, viaBulk, r))
		}
		if _, err := viaTriggers.Store.SaveBatch(ctx, a, g); err != nil {
			t.Fatal(err)
		}
		if _, err := bw.SaveBatch(ctx, b, g); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.Close(); err != nil {
		t.Fatal(err)
	}

	queries := []string{
		`SELECT * FROM mentions ORDER BY fid`,
		`SELECT * FROM events ORDER BY fid`,
		`SELECT * FROM rtree_mentions_geom ORDER BY id`,
		`SELECT * FROM rtree_events_geom ORDER BY id`,
		`SELECT * FROM rtree_events_when ORDER BY id`,
		`SELECT * FROM clusters ORDER BY id`,
		`SELECT * FROM cluster_documents ORDER BY cluster_id, doc_id`,
		`SELECT * FROM shingle_bands ORDER BY key, doc_id`,
		`SELECT name, seq FROM sqlite_sequence WHERE name IN ('mentions', 'events') ORDER BY name`,
		`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`,
		`SELECT table_name, min_x, min_y, max_x, max_y FROM gpkg_contents ORDER BY table_name`,
	}
	compare := func(when string) {
		t.Helper()
		for _, q := range queries {
			a, b := dumpRows(t, viaTriggers.Store, q), dumpRows(t, viaBulk.Store, q)
			if !slices.Equal(a, b) {
				t.Errorf("%s, %s:\nvia triggers (%d rows):\n%s\nvia bulk (%d rows):\n%s", when, q,
					len(a), strings.Join(a, "\n"), len(b), strings.Join(b, "\n"))
			}
		}
	}
	compare("after the batches")
	for _, name := range bulkTriggers {
		if n := len(dumpRows(t, viaBulk.Store, `SELECT name FROM sqlite_master WHERE name = '`+name+`'`)); n != 1 {
			t.Errorf("trigger %s: %d after the bulk writer, want 1", name, n)
		}
	}
	if n := len(dumpRows(t, viaBulk.Store, `SELECT id FROM rtree_events_when`)); n == 0 {
		t.Fatal("no event is indexed by when: the comparison proves nothing")
	}

	// Later ordinary writes go through the triggers again, on both.
	for _, in := range []*Ingester{viaTriggers, viaBulk} {
		p := parseRecord(t, in, Record{ID: "later", Text: "Azerbaijani forces set up a checkpoint at the Hakari bridge on 23 April 2023."})
		if _, err := in.Store.Save(ctx, p, g); err != nil {
			t.Fatal(err)
		}
		if err := in.Store.Delete(ctx, files[0], "tester", g); err != nil {
			t.Fatal(err)
		}
	}
	compare("after a save and a deletion")
	later := dumpRows(t, viaBulk.Store, `SELECT r.id FROM rtree_mentions_geom r JOIN mentions m ON m.fid = r.id WHERE m.doc_id = 'later'`)
	if len(later) == 0 {
		t.Error("the mentions of a document saved after the bulk writer are not in the R-tree")
	}
}
