package news

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dateline/geo/gpkg"
)

// Bulk stores many batches of documents in a row, as IngestAll's writer
// does, on one connection of its own: SaveBatch as Store.SaveBatch, only
// faster. Its connection keeps a large page cache, so that a batch's dirty
// pages stay in memory until the commit instead of spilling into the WAL
// again and again, and keeps statement journals in memory: with temporary
// files every insert whose triggers write an R-tree copied its pages to a
// file first, about 2 MB written for each 5 KB article. And each batch
// writes the R-tree rows of its mentions and events itself, with the
// bounds known in Go, instead of the insert triggers calling Go functions
// through cgo for every row (see bulkIndex).
type Bulk struct {
	s    *Store
	conn *sql.Conn
}

// bulkCacheKiB is the page cache of the bulk connection: what a batch of
// 200 articles dirties, with room to spare.
const bulkCacheKiB = 65536

// Bulk opens a bulk writer; Close gives its connection back.
func (s *Store) Bulk(ctx context.Context) (*Bulk, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: bulk writer: %w", err)
	}
	// Without a memory map the pages the writer reads come into its page
	// cache like the ones it writes: a mapped file's pages count towards the
	// process's resident memory as long as they stay mapped (about 80 MB on
	// 1,500 articles), and reading them through the map was no faster.
	for _, q := range []string{fmt.Sprintf(`PRAGMA cache_size = -%d`, bulkCacheKiB), `PRAGMA temp_store = MEMORY`,
		`PRAGMA mmap_size = 0`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.Close()
			return nil, fmt.Errorf("news: bulk writer: %w", err)
		}
	}
	return &Bulk{s: s, conn: conn}, nil
}

// Close restores the connection's defaults and gives it back to the pool.
func (b *Bulk) Close() error {
	_, err := b.conn.ExecContext(context.Background(),
		`PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; PRAGMA mmap_size = `+fmt.Sprint(gpkg.MmapSize))
	if cerr := b.conn.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("news: close bulk writer: %w", err)
	}
	return nil
}

// SaveBatch stores new documents in one transaction as Store.SaveBatch does.
func (b *Bulk) SaveBatch(ctx context.Context, ps []*Parsed, places Places) ([]Saved, error) {
	return b.s.saveBatch(ctx, b.conn, ps, places, true)
}

// bulkTriggers are the insert triggers of the spatial indexes of mentions
// and events. A bulk transaction drops them, writes the index rows of what
// it inserts itself (as the triggers would), and creates them again from
// their stored SQL before it commits: no reader ever sees the schema
// without them, and every other writer keeps them.
var bulkTriggers = []string{"rtree_mentions_geom_insert", "rtree_events_geom_insert", "events_when_insert"}

// bulkIndex is a bulk transaction's hold on the spatial indexes: the
// triggers it dropped, and the next row ids of mentions and events, which
// it hands out itself so that it knows each row's id without asking.
type bulkIndex struct {
	triggers             []string
	nextMention, nextEvt int64
}

// suspendIndexTriggers drops bulkTriggers in tx.
func suspendIndexTriggers(ctx context.Context, tx *sql.Tx) (*bulkIndex, error) {
	var b bulkIndex
	for _, name := range bulkTriggers {
		var stmt string
		err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&stmt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("news: bulk writer: trigger %s is missing", name)
		}
		if err != nil {
			return nil, fmt.Errorf("news: bulk writer: trigger %s: %w", name, err)
		}
		// The names are the constants above, not input.
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return nil, fmt.Errorf("news: bulk writer: %w", err)
		}
		b.triggers = append(b.triggers, stmt)
	}
	// AUTOINCREMENT never reuses an id: the next is above both the highest
	// ever handed out and the highest stored.
	for _, t := range []struct {
		next  *int64
		table string
	}{{&b.nextMention, "mentions"}, {&b.nextEvt, "events"}} {
		if err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
			coalesce((SELECT max(fid) FROM `+t.table+`), 0)) + 1`, t.table).Scan(t.next); err != nil {
			return nil, fmt.Errorf("news: bulk writer: next id of %s: %w", t.table, err)
		}
	}
	return &b, nil
}

// restore creates the dropped triggers again.
func (b *bulkIndex) restore(ctx context.Context, tx *sql.Tx) error {
	for _, stmt := range b.triggers {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("news: bulk writer: restore trigger: %w", err)
		}
	}
	return nil
}

// boxOf is the R-tree box the GeoPackage insert trigger stores for a
// geometry blob; ok is false when it stores none (NULL or empty).
func boxOf(blob []byte) (box [4]float64, ok bool, err error) {
	if blob == nil {
		return box, false, nil
	}
	b, empty, err := gpkg.Envelope(blob)
	if err != nil || empty {
		return box, false, err
	}
	return [4]float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]}, true, nil
}

// rowsPerInsert bounds the rows of one multi-row INSERT: its bound values
// stay near a thousand.
func rowsPerInsert(width int) int { return max(1, 1000/width) }

// insertRows inserts rows of width values each (args, row after row) with
// multi-row INSERT statements: head ("INSERT INTO t (a, b) VALUES ")
// followed by one row's placeholders ("(?, ?)") for each row. One statement
// per row cost a call into SQLite and back per row, and as many statement
// executions.
func insertRows(ctx context.Context, tx *sql.Tx, pc *stmtCache, head, row string, width int, args []any) error {
	per := rowsPerInsert(width)
	for len(args) > 0 {
		n := min(per, len(args)/width)
		var q strings.Builder
		q.Grow(len(head) + n*(len(row)+2))
		q.WriteString(head)
		for i := range n {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(row)
		}
		st, err := pc.in(ctx, tx, q.String())
		if err != nil {
			return err
		}
		_, err = st.ExecContext(ctx, args[:n*width]...)
		st.Close()
		if err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}
