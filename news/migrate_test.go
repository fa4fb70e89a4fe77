package news

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"dateline/geo/gpkg"
)

// TestMigrateClusterDocuments stores clusters as a database made before
// migration 0008 held them, each with its documents as a JSON list in its
// row, and checks that opening the store moves every list into
// cluster_documents and drops the column.
func TestMigrateClusterDocuments(t *testing.T) {
	ctx := context.Background()
	db, err := gpkg.Open(filepath.Join(t.TempDir(), "old.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	all, err := gpkg.LoadMigrations(sub)
	if err != nil {
		t.Fatal(err)
	}
	var before []gpkg.Migration
	for _, m := range all {
		if m.Version < 8 {
			before = append(before, m)
		}
	}
	if err := gpkg.Migrate(ctx, db, "news", before); err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{
		"cl-a": `["doc-2","doc-1"]`,
		"cl-b": `["doc-1"]`,
		"cl-c": `[]`,
	}
	for id, docs := range lists {
		if _, err := db.Exec(`INSERT INTO clusters (id, event_type, sub_event_type, place_id, date, date_end,
			time_precision, size, outlets, perspectives, documents, confidence)
			VALUES (?, 'Strategic developments', 'Road blockade or closure', 'lachin-corridor', '2023-01-15',
			'2023-01-15', 1, 1, '[]', '[]', ?, 0.8)`, id, docs); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := NewStore(ctx, db); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	rows, err := db.Query(`SELECT cluster_id, doc_id FROM cluster_documents ORDER BY cluster_id, doc_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, d string
		if err := rows.Scan(&c, &d); err != nil {
			t.Fatal(err)
		}
		got[c] = append(got[c], d)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"cl-a": {"doc-1", "doc-2"}, "cl-b": {"doc-1"}}
	if len(got) != len(want) || !slices.Equal(got["cl-a"], want["cl-a"]) || !slices.Equal(got["cl-b"], want["cl-b"]) {
		t.Errorf("cluster_documents = %v, want %v", got, want)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pragma_table_info('clusters') WHERE name = 'documents'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("clusters still has its documents column")
	}
	if err := db.QueryRow(`SELECT count(*) FROM clusters`).Scan(&n); err != nil || n != len(lists) {
		t.Errorf("%d clusters after the migration (%v), want %d", n, err, len(lists))
	}
}
