package feeds

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"dateline/geo/gpkg"
	"dateline/news"
)

// mustOpen opens a feed store on a new GeoPackage in a temporary folder,
// with the news migrations applied as the program applies them.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	db, err := gpkg.Open(filepath.Join(tb.TempDir(), "feeds.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if _, err := news.NewStore(ctx, db); err != nil {
		tb.Fatal(err)
	}
	s, err := NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// clock is a settable time for the store and the poller.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2023, 9, 18, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestNewStoreNeedsTheNewsMigrations(t *testing.T) {
	db, err := gpkg.Open(filepath.Join(t.TempDir(), "bare.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := NewStore(context.Background(), db); err == nil {
		t.Fatal("a database without the feed tables was accepted")
	}
}

func TestAddValidatesAndNamesTheField(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	cases := []struct {
		name, url string
		every     time.Duration
		outlet    string
		field     string
	}{
		{"relative url", "/feed.xml", 0, "", "url"},
		{"ftp url", "ftp://example.com/feed.xml", 0, "", "url"},
		{"no host", "https:///feed.xml", 0, "", "url"},
		{"not a url", "https://exa mple.com/%zz", 0, "", "url"},
		{"credentials", "https://user:pw@example.com/feed", 0, "", "url"},
		{"too often", "https://example.com/feed", 30 * time.Second, "", "every"},
		{"too seldom", "https://example.com/feed", 8 * 24 * time.Hour, "", "every"},
		{"negative", "https://example.com/feed", -time.Minute, "", "every"},
		{"outlet with a space", "https://example.com/feed", 0, "civil net", "outlet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Add(ctx, c.url, c.every, c.outlet)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field || !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want a ValidationError on %q", err, c.field)
			}
		})
	}
	if fs, _ := s.List(ctx); len(fs) != 0 {
		t.Errorf("refused feeds were stored: %+v", fs)
	}
}

func TestAddGivesSlugIDsAndRefusesTheSameURLTwice(t *testing.T) {
	s := mustOpen(t)
	clk := newClock()
	s.now = clk.Now
	ctx := context.Background()
	a, err := s.Add(ctx, "https://www.civilnet.am/en/feed/", 0, "civilnet")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "civilnet-am" || a.Every != DefaultEvery || a.Outlet != "civilnet" || !a.NextPoll.Equal(clk.Now()) {
		t.Errorf("added %+v", a)
	}
	b, err := s.Add(ctx, "https://civilnet.am/ru/feed/", time.Hour, "")
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "civilnet-am-2" || b.Every != time.Hour {
		t.Errorf("second feed of the host: %+v", b)
	}
	_, err = s.Add(ctx, "https://www.civilnet.am/en/feed/", time.Hour, "")
	var ee *ExistsError
	if !errors.As(err, &ee) || !errors.Is(err, ErrExists) || ee.ID != "civilnet-am" {
		t.Fatalf("duplicate: err = %v, want an ExistsError naming civilnet-am", err)
	}
	got, err := s.Get(ctx, "civilnet-am")
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != a.URL || got.Every != a.Every || !got.Created.Equal(a.Created) {
		t.Errorf("get = %+v, want %+v", got, a)
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("get unknown: err = %v", err)
	}
}

func TestConcurrentAddsOfOneURLStoreOne(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.Add(ctx, "https://example.com/feed.xml", 0, "")
		}()
	}
	wg.Wait()
	ok, exists := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrExists):
			exists++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 || exists != len(errs)-1 {
		t.Errorf("%d adds succeeded and %d were refused as existing, want 1 and %d", ok, exists, len(errs)-1)
	}
}

func TestRemoveForgetsTheFeedAndItsItems(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	f, err := s.Add(ctx, "https://example.com/feed.xml", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Add(ctx, "https://example.org/feed.xml", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{f.ID, other.ID} {
		if _, err := s.MarkItem(ctx, ItemRow{FeedID: id, ItemID: "a", SeenAt: time.Now(), DocID: "doc-a"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Remove(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, f.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second remove: err = %v, want ErrNotFound", err)
	}
	if items, _ := s.Items(ctx, f.ID); len(items) != 0 {
		t.Errorf("items of the removed feed are left: %+v", items)
	}
	if seen, _ := s.ItemSeen(ctx, other.ID, "a"); !seen {
		t.Error("removing one feed forgot another's item")
	}
	fs, _ := s.List(ctx)
	if len(fs) != 1 || fs[0].ID != other.ID {
		t.Errorf("left %+v", fs)
	}
}

func TestMarkItemTakesAnItemInOnce(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	f, err := s.Add(ctx, "https://example.com/feed.xml", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2023, 9, 18, 12, 0, 0, 0, time.UTC)
	rows := []ItemRow{
		{FeedID: f.ID, ItemID: "a", URL: "https://example.com/a", SeenAt: now, DocID: "doc-a"},
		{FeedID: f.ID, ItemID: "b", URL: "https://example.com/b", SeenAt: now, Error: "page: HTTP status 404"},
		{FeedID: f.ID, ItemID: "a", URL: "https://example.com/a", SeenAt: now, DocID: "doc-a-again"},
	}
	want := []bool{true, true, false}
	for i, r := range rows {
		marked, err := s.MarkItem(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if marked != want[i] {
			t.Errorf("mark %d: marked = %v, want %v", i, marked, want[i])
		}
	}
	if _, err := s.MarkItem(ctx, ItemRow{FeedID: "nope", ItemID: "a", SeenAt: now}); !errors.Is(err, ErrNotFound) {
		t.Errorf("item of an unknown feed: err = %v", err)
	}
	got, _ := s.Get(ctx, f.ID)
	if got.ItemsSeen != 2 || got.ItemsStored != 1 {
		t.Errorf("seen %d stored %d, want 2 and 1", got.ItemsSeen, got.ItemsStored)
	}
	items, _ := s.Items(ctx, f.ID)
	if len(items) != 2 || items[0].ItemID != "a" || items[0].DocID != "doc-a" || items[1].Error == "" {
		t.Errorf("items = %+v", items)
	}
	for id, want := range map[string]bool{"a": true, "b": true, "c": false} {
		if seen, err := s.ItemSeen(ctx, f.ID, id); err != nil || seen != want {
			t.Errorf("ItemSeen(%s) = %v, %v", id, seen, err)
		}
	}
}

func TestRecordPollSchedulesAndBacksOff(t *testing.T) {
	s := mustOpen(t)
	clk := newClock()
	s.now = clk.Now
	ctx := context.Background()
	f, err := s.Add(ctx, "https://example.com/feed.xml", 10*time.Minute, "")
	if err != nil {
		t.Fatal(err)
	}
	due := func(at time.Time) bool {
		t.Helper()
		fs, err := s.Due(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		return len(fs) == 1 && fs[0].ID == f.ID
	}
	t0 := clk.Now()
	if !due(t0) {
		t.Fatal("a new feed is not due at once")
	}
	steps := []struct {
		name      string
		poll      Poll
		wantWait  time.Duration
		wantInRow int
	}{
		{"success", Poll{ETag: `"v1"`, LastModified: "Mon, 18 Sep 2023 12:00:00 GMT"}, 10 * time.Minute, 0},
		{"first failure", Poll{Err: "HTTP status 500"}, 20 * time.Minute, 1},
		{"second failure", Poll{Err: "HTTP status 500"}, 40 * time.Minute, 2},
		{"third failure", Poll{Err: "HTTP status 503"}, 80 * time.Minute, 3},
		{"success resets", Poll{}, 10 * time.Minute, 0},
	}
	at := t0
	for _, st := range steps {
		at = at.Add(time.Hour)
		st.poll.At = at
		got, err := s.RecordPoll(ctx, f.ID, st.poll)
		if err != nil {
			t.Fatal(err)
		}
		if !got.NextPoll.Equal(at.Add(st.wantWait)) || got.ErrorsInRow != st.wantInRow || got.LastError != st.poll.Err {
			t.Errorf("%s: next %v in-row %d error %q, want next %v in-row %d", st.name, got.NextPoll, got.ErrorsInRow,
				got.LastError, at.Add(st.wantWait), st.wantInRow)
		}
		if due(at.Add(st.wantWait-time.Second)) || !due(at.Add(st.wantWait)) {
			t.Errorf("%s: Due does not follow next_poll", st.name)
		}
	}
	got, _ := s.Get(ctx, f.ID)
	if got.ETag != `"v1"` || got.LastModified != "Mon, 18 Sep 2023 12:00:00 GMT" {
		t.Errorf("validators = %q %q, want those of the first success (later polls sent none)", got.ETag, got.LastModified)
	}
	if !got.LastSuccess.Equal(at) || !got.LastPolled.Equal(at) {
		t.Errorf("last success %v, last polled %v, want %v", got.LastSuccess, got.LastPolled, at)
	}
	if _, err := s.RecordPoll(ctx, "nope", Poll{At: at}); !errors.Is(err, ErrNotFound) {
		t.Errorf("poll of an unknown feed: err = %v", err)
	}
}

func TestNextPoll(t *testing.T) {
	now := time.Date(2023, 9, 18, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		every time.Duration
		errs  int
		want  time.Duration
	}{
		{15 * time.Minute, 0, 15 * time.Minute},
		{15 * time.Minute, 1, 30 * time.Minute},
		{15 * time.Minute, 4, 240 * time.Minute},
		{15 * time.Minute, 7, 24 * time.Hour},
		{15 * time.Minute, 1000, 24 * time.Hour},
		{time.Minute, 63, 24 * time.Hour},
		{7 * 24 * time.Hour, 0, 7 * 24 * time.Hour},
		{7 * 24 * time.Hour, 3, 7 * 24 * time.Hour},
	}
	for _, c := range cases {
		if got := NextPoll(now, c.every, c.errs); !got.Equal(now.Add(c.want)) {
			t.Errorf("NextPoll(every %s, %d errors) = +%s, want +%s", c.every, c.errs, got.Sub(now), c.want)
		}
	}
}

func ExampleNextPoll() {
	now := time.Date(2023, 9, 18, 12, 0, 0, 0, time.UTC)
	for errs := range 3 {
		fmt.Println(NextPoll(now, 15*time.Minute, errs).Format("15:04"))
	}
	// Output:
	// 12:15
	// 12:30
	// 13:00
}
