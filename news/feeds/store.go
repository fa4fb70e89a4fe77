package feeds

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// FeedRow is a feed Dateline follows, with how its polls went.
type FeedRow struct {
	ID           string        `json:"id"`
	URL          string        `json:"url"`
	Outlet       string        `json:"outlet,omitempty"` // outlet registry id, or ""
	Every        time.Duration `json:"-"`                // written as every_seconds
	ETag         string        `json:"etag,omitempty"`
	LastModified string        `json:"last_modified,omitempty"`
	LastPolled   time.Time     `json:"last_polled"`  // zero: never polled
	LastSuccess  time.Time     `json:"last_success"` // zero: never polled successfully
	LastError    string        `json:"last_error,omitempty"`
	ErrorsInRow  int           `json:"errors_in_row"`
	NextPoll     time.Time     `json:"next_poll"`
	ItemsSeen    int           `json:"items_seen"`   // items taken in, stored or not
	ItemsStored  int           `json:"items_stored"` // items stored as a document
	Created      time.Time     `json:"created"`
}

// MarshalJSON writes the interval as every_seconds.
func (f FeedRow) MarshalJSON() ([]byte, error) {
	type plain FeedRow
	return json.Marshal(struct {
		plain
		EverySeconds int64 `json:"every_seconds"`
	}{plain(f), int64(f.Every / time.Second)})
}

// ItemRow is an item of a feed that was taken in: stored as document DocID,
// or failed with Error.
type ItemRow struct {
	FeedID string    `json:"feed_id"`
	ItemID string    `json:"item_id"`
	URL    string    `json:"url,omitempty"`
	SeenAt time.Time `json:"seen_at"`
	DocID  string    `json:"doc_id,omitempty"`
	Error  string    `json:"error,omitempty"`
}

// Poll is what one poll of a feed found, for RecordPoll.
type Poll struct {
	At time.Time
	// Err is why the poll failed; "" for a success (a 304 included).
	Err string
	// ETag and LastModified are the validators the server sent; empty ones
	// leave the stored ones as they are.
	ETag, LastModified string
}

// Store keeps the feeds and their items in the database (tables feeds and
// feed_items, created by the news migrations: open the database with
// news.NewStore first).
type Store struct {
	db  *sql.DB
	now func() time.Time
}

// NewStore returns the feed store over db, checking that the feed tables exist.
func NewStore(ctx context.Context, db *sql.DB) (*Store, error) {
	if _, err := db.ExecContext(ctx, `SELECT 1 FROM feeds, feed_items LIMIT 0`); err != nil {
		return nil, fmt.Errorf("feeds: the feed tables are missing (apply the news migrations first): %w", err)
	}
	return &Store{db: db, now: time.Now}, nil
}

// timeFormat is how times are stored: UTC, whole seconds, comparable as text.
const timeFormat = "2006-01-02T15:04:05Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// ValidateURL checks that a feed URL is an absolute http(s) URL.
func ValidateURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil:
		return nil, &ValidationError{"url", fmt.Sprintf("%q does not parse", raw)}
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, &ValidationError{"url", fmt.Sprintf("%q is not an absolute http or https URL", raw)}
	case u.Host == "" || u.Hostname() == "":
		return nil, &ValidationError{"url", fmt.Sprintf("%q has no host", raw)}
	case u.User != nil:
		return nil, &ValidationError{"url", "must not carry a user name or password"}
	case len(raw) > maxShort:
		return nil, &ValidationError{"url", fmt.Sprintf("is longer than %d bytes", maxShort)}
	}
	u.Fragment = ""
	return u, nil
}

// ValidateEvery checks a polling interval: 0 means DefaultEvery; others
// must lie between MinEvery and MaxEvery.
func ValidateEvery(every time.Duration) (time.Duration, error) {
	switch {
	case every == 0:
		return DefaultEvery, nil
	case every < MinEvery:
		return 0, &ValidationError{"every", fmt.Sprintf("%s is shorter than %s", every, MinEvery)}
	case every > MaxEvery:
		return 0, &ValidationError{"every", fmt.Sprintf("%s is longer than 7 days", every)}
	}
	return every.Truncate(time.Second), nil
}

// Add follows a new feed, polled every interval (0: DefaultEvery) and due
// at once. Its id is a short slug of its host ("civilnet-am", then
// "civilnet-am-2"). A URL followed already gives an *ExistsError (wrapping
// ErrExists); the check and the insert are one transaction.
func (s *Store) Add(ctx context.Context, rawURL string, every time.Duration, outlet string) (FeedRow, error) {
	u, err := ValidateURL(rawURL)
	if err != nil {
		return FeedRow{}, err
	}
	if every, err = ValidateEvery(every); err != nil {
		return FeedRow{}, err
	}
	outlet = strings.TrimSpace(outlet)
	if len(outlet) > 100 || strings.ContainsAny(outlet, " \t\r\n") {
		return FeedRow{}, &ValidationError{"outlet", fmt.Sprintf("%q is not an outlet id", outlet)}
	}
	now := s.now().UTC().Truncate(time.Second)
	f := FeedRow{URL: u.String(), Outlet: outlet, Every: every, NextPoll: now, Created: now}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ?`, f.URL).Scan(&id)
		if err == nil {
			return &ExistsError{URL: f.URL, ID: id}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("feeds: look up url: %w", err)
		}
		if f.ID, err = freeID(ctx, tx, slug(u.Hostname())); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO feeds (id, url, outlet, every_seconds, next_poll, created)
			VALUES (?, ?, ?, ?, ?, ?)`, f.ID, f.URL, f.Outlet, int64(f.Every/time.Second), formatTime(f.NextPoll), formatTime(f.Created))
		if err != nil {
			return fmt.Errorf("feeds: add %s: %w", f.URL, err)
		}
		return nil
	})
	if err != nil {
		return FeedRow{}, err
	}
	return f, nil
}

// slug makes a host name an id: "www.civilnet.am" -> "civilnet-am".
func slug(host string) string {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	var b strings.Builder
	dash := false
	for _, c := range host {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if len(id) > 40 {
		id = strings.Trim(id[:40], "-")
	}
	if id == "" {
		id = "feed"
	}
	return id
}

// freeID returns base, or base-2, base-3… when it is taken.
func freeID(ctx context.Context, tx *sql.Tx, base string) (string, error) {
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = base + "-" + strconv.Itoa(n)
		}
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM feeds WHERE id = ?`, id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return id, nil
		}
		if err != nil {
			return "", fmt.Errorf("feeds: look up id: %w", err)
		}
	}
}

const feedColumns = `id, url, outlet, every_seconds, etag, last_modified, last_polled, last_success,
	last_error, errors_in_row, next_poll, items_seen, items_stored, created`

func scanFeed(sc interface{ Scan(...any) error }) (FeedRow, error) {
	var f FeedRow
	var polled, success, next, created string
	var every int64
	err := sc.Scan(&f.ID, &f.URL, &f.Outlet, &every, &f.ETag, &f.LastModified, &polled, &success,
		&f.LastError, &f.ErrorsInRow, &next, &f.ItemsSeen, &f.ItemsStored, &created)
	if err != nil {
		return FeedRow{}, err
	}
	f.Every = time.Duration(every) * time.Second
	f.LastPolled, f.LastSuccess, f.NextPoll, f.Created = parseTime(polled), parseTime(success), parseTime(next), parseTime(created)
	return f, nil
}

// List returns every feed, by id.
func (s *Store) List(ctx context.Context) ([]FeedRow, error) {
	return s.query(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
}

// Due returns the feeds whose next poll is at or before now, the most overdue first.
func (s *Store) Due(ctx context.Context, now time.Time) ([]FeedRow, error) {
	return s.query(ctx, `SELECT `+feedColumns+` FROM feeds WHERE next_poll <= ? ORDER BY next_poll, id`, formatTime(now))
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]FeedRow, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("feeds: list feeds: %w", err)
	}
	defer rows.Close()
	out := []FeedRow{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("feeds: list feeds: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feeds: list feeds: %w", err)
	}
	return out, nil
}

// Get returns the feed with this id, or an error wrapping ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (FeedRow, error) { return get(ctx, s.db, id) }

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func get(ctx context.Context, q querier, id string) (FeedRow, error) {
	f, err := scanFeed(q.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedRow{}, fmt.Errorf("%w: no feed %q", ErrNotFound, id)
	}
	if err != nil {
		return FeedRow{}, fmt.Errorf("feeds: get %s: %w", id, err)
	}
	return f, nil
}

// Remove stops following a feed and forgets its items, in one transaction.
// The documents stored from them stay.
func (s *Store) Remove(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_items WHERE feed_id = ?`, id); err != nil {
			return fmt.Errorf("feeds: remove %s: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("feeds: remove %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("feeds: remove %s: %w", id, err)
		} else if n == 0 {
			return fmt.Errorf("%w: no feed %q", ErrNotFound, id)
		}
		return nil
	})
}

// RecordPoll stores how a poll of feed id went and schedules the next one:
// one interval after a success, backed off (NextPoll) after failures.
func (s *Store) RecordPoll(ctx context.Context, id string, p Poll) (FeedRow, error) {
	var f FeedRow
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if f, err = get(ctx, tx, id); err != nil {
			return err
		}
		at := p.At.UTC().Truncate(time.Second)
		f.LastPolled = at
		if p.Err == "" {
			f.LastSuccess, f.LastError, f.ErrorsInRow = at, "", 0
			if p.ETag != "" || p.LastModified != "" {
				f.ETag, f.LastModified = clip(p.ETag, maxShort), clip(p.LastModified, maxShort)
			}
		} else {
			f.LastError = clip(p.Err, maxShort)
			f.ErrorsInRow++
		}
		f.NextPoll = NextPoll(at, f.Every, f.ErrorsInRow)
		_, err = tx.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ?, last_polled = ?, last_success = ?,
			last_error = ?, errors_in_row = ?, next_poll = ? WHERE id = ?`,
			f.ETag, f.LastModified, formatTime(f.LastPolled), formatTime(f.LastSuccess), f.LastError,
			f.ErrorsInRow, formatTime(f.NextPoll), id)
		if err != nil {
			return fmt.Errorf("feeds: record poll of %s: %w", id, err)
		}
		return nil
	})
	return f, err
}

// ItemSeen reports whether an item of feed feedID was taken in already.
func (s *Store) ItemSeen(ctx context.Context, feedID, itemID string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM feed_items WHERE feed_id = ? AND item_id = ?`, feedID, itemID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("feeds: look up item: %w", err)
	}
	return true, nil
}

// MarkItem records an item as taken in (stored as r.DocID, or failed with
// r.Error) and counts it on its feed, in one transaction. An item recorded
// already is left as it was: marked reports false.
func (s *Store) MarkItem(ctx context.Context, r ItemRow) (marked bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO feed_items (feed_id, item_id, url, seen_at, doc_id, error)
			SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM feeds WHERE id = ?)
			ON CONFLICT (feed_id, item_id) DO NOTHING`,
			r.FeedID, r.ItemID, r.URL, formatTime(r.SeenAt), r.DocID, clip(r.Error, maxShort), r.FeedID)
		if err != nil {
			return fmt.Errorf("feeds: mark item: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("feeds: mark item: %w", err)
		}
		if n == 0 {
			if _, err := get(ctx, tx, r.FeedID); err != nil {
				return err
			}
			return nil
		}
		marked = true
		stored := 0
		if r.DocID != "" {
			stored = 1
		}
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET items_seen = items_seen + 1, items_stored = items_stored + ? WHERE id = ?`,
			stored, r.FeedID); err != nil {
			return fmt.Errorf("feeds: mark item: %w", err)
		}
		return nil
	})
	return marked, err
}

// Items returns the items taken in from a feed, the latest first.
func (s *Store) Items(ctx context.Context, feedID string) ([]ItemRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT feed_id, item_id, url, seen_at, doc_id, error FROM feed_items
		WHERE feed_id = ? ORDER BY seen_at DESC, item_id`, feedID)
	if err != nil {
		return nil, fmt.Errorf("feeds: list items: %w", err)
	}
	defer rows.Close()
	out := []ItemRow{}
	for rows.Next() {
		var r ItemRow
		var seen string
		if err := rows.Scan(&r.FeedID, &r.ItemID, &r.URL, &seen, &r.DocID, &r.Error); err != nil {
			return nil, fmt.Errorf("feeds: list items: %w", err)
		}
		r.SeenAt = parseTime(seen)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feeds: list items: %w", err)
	}
	return out, nil
}

func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("feeds: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("feeds: commit: %w", err)
	}
	return nil
}
