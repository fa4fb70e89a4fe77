package news

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// indexAt builds the map index of the store's current data from scratch,
// and through mapIndexOf (extending the cached one when it can).
func indexAt(t *testing.T, s *Store) (cached, fresh *mapIndex) {
	t.Helper()
	err := s.read(context.Background(), func(conn *sql.Conn) error {
		var err error
		if cached, err = s.mapIndexOf(context.Background(), conn); err != nil {
			return err
		}
		fresh, err = buildMapIndex(context.Background(), conn, cached.version)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return cached, fresh
}

// extends reports whether ix can be extended to the store's current data.
func extends(t *testing.T, s *Store, ix *mapIndex) (ok bool) {
	t.Helper()
	err := s.read(context.Background(), func(conn *sql.Conn) (err error) {
		_, ok, err = ix.extended(context.Background(), conn, ix.version+1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// same compares two indexes field by field (%v prints NaN as NaN and maps
// in key order, so undated and unplaced rows compare too).
func same(a, b *mapIndex) bool { return fmt.Sprintf("%+v", *a) == fmt.Sprintf("%+v", *b) }

func TestMapIndexExtendsWithAddedEventsAndRebuildsAfterDeletions(t *testing.T) {
	ctx := context.Background()
	s := mustSynth(t, 3000, 1)
	first, fresh := indexAt(t, s)
	if !same(first, fresh) || len(first.fid) != 3000 {
		t.Fatalf("the first index differs from a fresh build (%d rows)", len(first.fid))
	}
	firstDump := fmt.Sprintf("%+v", *first)

	// More events come in (another seed): the index is extended, and equals
	// an index built from scratch; the one before is left as it was for
	// requests still reading it.
	if _, err := s.Synthesize(ctx, SynthOptions{Events: 500, Seed: 2, Places: synthTestPlaces(), Outlets: synthTestOutlets()}); err != nil {
		t.Fatal(err)
	}
	if !extends(t, s, first) {
		t.Error("an index of 3,000 events could not be extended by 500 added ones")
	}
	second, fresh := indexAt(t, s)
	if second == first || len(second.fid) != 3500 {
		t.Fatalf("after 500 more events the index has %d rows", len(second.fid))
	}
	if !same(second, fresh) {
		t.Error("the extended index differs from one built from scratch")
	}
	if got := fmt.Sprintf("%+v", *first); got != firstDump {
		t.Error("extending the index changed the one before it")
	}

	// Events removed: the index is rebuilt without them.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM events WHERE fid IN (SELECT fid FROM events ORDER BY fid LIMIT 10)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE news_state SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	if extends(t, s, second) {
		t.Error("an index extended although 10 of its events are gone")
	}
	third, fresh := indexAt(t, s)
	if len(third.fid) != 3490 || !same(third, fresh) {
		t.Errorf("after deleting 10 events the index has %d rows (fresh build equal: %v)", len(third.fid), same(third, fresh))
	}

	// Counts answered through the extended index equal the SQL path's.
	v, err := s.AggregateEvents(ctx, EventQuery{}, 5, 0, func(*EventRecord) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if v.Matched != n {
		t.Errorf("aggregate counts %d events, the table holds %d", v.Matched, n)
	}
}

// BenchmarkMapIndexNewEvents is what the map's first request pays for its
// index after a feed poll stored 20 events into an archive of 200,000: the
// index extended (or, for "rebuilt", built again from the table;
// "unchanged" is the cached index, without new events).
func BenchmarkMapIndexNewEvents(b *testing.B) {
	for _, mode := range []string{"unchanged", "extended", "rebuilt"} {
		b.Run(mode, func(b *testing.B) {
			s := mustSynth(b, 200000, 1)
			ctx := context.Background()
			seed := uint64(100)
			index := func() error {
				return s.read(ctx, func(conn *sql.Conn) error {
					_, err := s.mapIndexOf(ctx, conn)
					return err
				})
			}
			if err := index(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				b.StopTimer()
				seed++
				if mode == "unchanged" {
					// the same request on the same data: what the map pays anyway
				} else if _, err := s.Synthesize(ctx, SynthOptions{Events: 20, Seed: seed, Places: synthTestPlaces(), Outlets: synthTestOutlets()}); err != nil {
					b.Fatal(err)
				}
				if mode == "rebuilt" {
					s.index.mu.Lock()
					s.index.ix = nil
					s.index.mu.Unlock()
				}
				b.StartTimer()
				if err := index(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
