package server

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"dateline/gazetteer"
	"dateline/news"
)

// maxReindexKeys bounds what a queued job remembers; past it the job reads
// every document again, which is always right, only slower.
const maxReindexKeys = 2000

// reindexJob is what changed since the last job started: the places and
// every name they had before or have now. Edits made while a job runs are
// merged into one queued job, so the queue never holds more than one.
type reindexJob struct {
	places map[string]bool
	names  map[string]bool // normalised
	all    bool
}

// reindexStatus is the last job's progress and result, as GET
// /api/admin/reindex shows it.
type reindexStatus struct {
	Job   int64  `json:"job"`   // 0: none yet
	State string `json:"state"` // idle, running, done, failed
	// Done says every change so far has been worked in: no job runs or waits.
	Done             bool       `json:"done"`
	Queued           bool       `json:"queued"`
	Places           []string   `json:"places"`
	IndexRebuilt     bool       `json:"index_rebuilt"`
	GazetteerVersion int64      `json:"gazetteer_version,omitempty"`
	DocumentsStored  int        `json:"documents_stored"`
	Documents        int        `json:"documents"` // re-geoparsed
	DocumentsChanged int        `json:"documents_changed"`
	MentionsChanged  int        `json:"mentions_changed"`
	EventsChanged    int        `json:"events_changed"`
	Failed           int        `json:"failed"`
	Started          *time.Time `json:"started,omitempty"`
	Finished         *time.Time `json:"finished,omitempty"`
	Error            string     `json:"error,omitempty"`
}

// reindexer rebuilds the name index and geoparses the affected documents
// again after gazetteer edits, in one goroutine the server owns. The
// goroutine starts with the first edit and stops in Server.Close.
type reindexer struct {
	deps   Deps
	log    *slog.Logger
	ctx    context.Context
	cancel context.CancelFunc
	wake   chan struct{}
	wg     sync.WaitGroup

	mu      sync.Mutex
	idle    *sync.Cond // broadcast whenever a job ends
	pending *reindexJob
	running bool
	started bool
	closed  bool
	jobs    int64
	st      reindexStatus
}

func newReindexer(deps Deps, log *slog.Logger) *reindexer {
	ctx, cancel := context.WithCancel(context.Background())
	r := &reindexer{deps: deps, log: log, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1),
		st: reindexStatus{State: "idle", Done: true, Places: []string{}}}
	r.idle = sync.NewCond(&r.mu)
	return r
}

// enqueue schedules a job for these places and names. It never blocks.
func (r *reindexer) enqueue(places, names []string) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	if r.pending == nil {
		r.pending = &reindexJob{places: map[string]bool{}, names: map[string]bool{}}
	}
	j := r.pending
	for _, p := range places {
		j.places[p] = true
	}
	for _, n := range names {
		if k := gazetteer.NormalizeName(n); k != "" {
			j.names[k] = true
		}
	}
	if len(j.places)+len(j.names) > maxReindexKeys {
		j.all, j.places, j.names = true, map[string]bool{}, map[string]bool{}
	}
	r.st.Done, r.st.Queued = false, true
	if !r.started {
		r.started = true
		r.wg.Add(1)
		go r.loop()
	}
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default: // already woken
	}
}

func (r *reindexer) loop() {
	defer r.wg.Done()
	for {
		select {
		case <-r.ctx.Done():
			return
		case <-r.wake:
		}
		for {
			r.mu.Lock()
			job := r.pending
			r.pending = nil
			r.running = job != nil
			r.mu.Unlock()
			if job == nil || r.ctx.Err() != nil {
				break
			}
			r.run(job)
		}
	}
}

// close stops the goroutine, cutting a running job short, and waits for it.
func (r *reindexer) close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.cancel()
	r.wg.Wait()
	r.mu.Lock()
	r.running = false
	r.idle.Broadcast()
	r.mu.Unlock()
}

// wait blocks until no job runs or waits (for tests and the CLI).
func (r *reindexer) wait() {
	r.mu.Lock()
	for (r.running || r.pending != nil) && !r.closed {
		r.idle.Wait()
	}
	r.mu.Unlock()
}

// state returns a copy of the status.
func (r *reindexer) state() reindexStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := r.st
	st.Places = slices.Clone(st.Places)
	return st
}

func (r *reindexer) update(fn func(st *reindexStatus)) {
	r.mu.Lock()
	fn(&r.st)
	r.mu.Unlock()
}

func (r *reindexer) run(job *reindexJob) {
	now := time.Now().UTC()
	places := make([]string, 0, len(job.places))
	for p := range job.places {
		places = append(places, p)
	}
	slices.Sort(places)
	r.mu.Lock()
	r.jobs++
	r.st = reindexStatus{Job: r.jobs, State: "running", Queued: r.pending != nil, Places: places, Started: &now}
	r.mu.Unlock()

	err := r.work(job)

	end := time.Now().UTC()
	r.mu.Lock()
	r.st.Finished = &end
	r.st.State = "done"
	if err != nil {
		r.st.State, r.st.Error = "failed", "re-geoparsing stopped: "+errorText(err)
	}
	r.running = false
	r.st.Queued = r.pending != nil
	r.st.Done = r.pending == nil
	r.idle.Broadcast()
	st := r.st
	r.mu.Unlock()
	if err != nil && !errors.Is(err, context.Canceled) {
		r.log.Error("re-geoparsing after a gazetteer edit failed", "job", st.Job, "err", err)
		return
	}
	r.log.Info("re-geoparsed after a gazetteer edit", "job", st.Job, "places", strings.Join(st.Places, ","),
		"documents", st.Documents, "documents_changed", st.DocumentsChanged, "mentions_changed", st.MentionsChanged,
		"events_changed", st.EventsChanged, "failed", st.Failed)
}

// errorText keeps driver and path details out of the status a page shows;
// the log has the whole error.
func errorText(err error) string {
	if errors.Is(err, context.Canceled) {
		return "the server is shutting down"
	}
	return "see the server log"
}

// work rebuilds the name index, then geoparses again every document the
// job may affect: those with a mention of one of its places, and those
// whose text holds one of its names (before or after the change), which
// finds the documents a new alias now resolves in.
func (r *reindexer) work(job *reindexJob) error {
	ctx := r.ctx
	if live := r.deps.Geoparser; live != nil {
		rebuilt, err := live.Refresh(ctx)
		if err != nil {
			return err
		}
		v := live.Current().Version()
		r.update(func(st *reindexStatus) { st.IndexRebuilt, st.GazetteerVersion = rebuilt, v })
	}
	if r.deps.News == nil || r.deps.Ingester == nil {
		return nil
	}
	ids, err := r.deps.News.DocumentIDs(ctx)
	if err != nil {
		return err
	}
	r.update(func(st *reindexStatus) { st.DocumentsStored = len(ids) })
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		before, err := r.deps.News.Document(ctx, id)
		if errors.Is(err, news.ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return err
		}
		if !job.affects(before) {
			continue
		}
		if _, err := r.deps.Ingester.Reanalyse(ctx, id); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.log.Error("re-geoparsing a document failed", "doc", id, "err", err)
			r.update(func(st *reindexStatus) { st.Failed++ })
			continue
		}
		after, err := r.deps.News.Document(ctx, id)
		if err != nil {
			return err
		}
		m, e := mentionsChanged(before, after), eventsChanged(before, after)
		r.update(func(st *reindexStatus) {
			st.Documents++
			st.MentionsChanged += m
			st.EventsChanged += e
			if m+e > 0 {
				st.DocumentsChanged++
			}
		})
	}
	return nil
}

// affects reports whether a document may read differently after the job's changes.
func (j *reindexJob) affects(d *news.Document) bool {
	if j.all {
		return true
	}
	for _, m := range d.Mentions {
		if j.places[m.PlaceID] {
			return true
		}
		for _, c := range m.Candidates {
			if j.places[c.PlaceID] {
				return true
			}
		}
	}
	if len(j.names) == 0 {
		return false
	}
	// Names match at word starts, so inflected forms (Степанакерте) count.
	text := " " + gazetteer.NormalizeName(d.Body) + " "
	for n := range j.names {
		if strings.Contains(text, " "+n) {
			return true
		}
	}
	return false
}

// mentionsChanged counts the mentions that appeared, went, or now resolve
// to another place.
func mentionsChanged(before, after *news.Document) int {
	key := func(m news.StoredMention) string { return strconv.Itoa(m.Start) + ":" + strconv.Itoa(m.End) }
	b := map[string]string{}
	for _, m := range before.Mentions {
		b[key(m)] = m.PlaceID
	}
	a := map[string]string{}
	for _, m := range after.Mentions {
		a[key(m)] = m.PlaceID
	}
	return mapDifference(b, a)
}

// eventsChanged counts the events that appeared, went, or moved in place,
// time or type.
func eventsChanged(before, after *news.Document) int {
	val := func(e news.Event) string {
		return strings.Join([]string{e.PlaceID, string(e.SubEventType), e.EventDate.Format(time.DateOnly),
			e.DateEnd.Format(time.DateOnly), strconv.Itoa(e.GeoPrecision), e.Actor1, e.Actor2}, "|")
	}
	b := map[string]string{}
	for _, e := range before.Events {
		b[e.ID] = val(e)
	}
	a := map[string]string{}
	for _, e := range after.Events {
		a[e.ID] = val(e)
	}
	return mapDifference(b, a)
}

func mapDifference(b, a map[string]string) int {
	n := 0
	for k, v := range b {
		if w, ok := a[k]; !ok || w != v {
			n++
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			n++
		}
	}
	return n
}
